using System.Collections.Immutable;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using Akka.Actor;

namespace ActorSync.Engine.StockPublishing;

/// <summary>
/// Writes SAP's readings of items that moved to their stock position entities (<c>stock-&lt;warehouse&gt;:&lt;sku&gt;</c>),
/// off the publishing path: a child of the SAP reader, which tells it and reads on. The latest reading per position
/// wins while it waits, and at most <see cref="InFlight"/> positions are written at once. Why: a position write is a
/// journal write (and a recovery the first time), a few hundred a second on a small machine; the stock-storm benchmark
/// showed that waiting for them held the channels back by minutes. Now a storm delays the positions, never the
/// channels. A write that fails is not retried: the item's next reading writes it again, and the reader's sweep
/// does not feed positions (SAP shows its own figures).
/// </summary>
public sealed class StockPositionWriter : ReceiveActor
{
    public const int InFlight = 16;

    /// <summary>Every warehouse of these items, as SAP showed them at <paramref name="ObservedAt"/>.</summary>
    public sealed record Readings(ImmutableList<ItemLevels> Items, DateTimeOffset ObservedAt) : INoSerializationVerificationNeeded;

    private sealed record Written(string StockId) : INoSerializationVerificationNeeded;

    private readonly Dictionary<string, StockCommands.ApplySapLevels> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _writing = new(StringComparer.Ordinal);

    public StockPositionWriter(IActorRef positions)
    {
        Receive<Readings>(readings =>
        {
            foreach (var item in readings.Items)
            foreach (var w in item.Warehouses)
            {
                var id = new StockKey(w.Warehouse, item.ItemCode).EntityId;
                // Queued once; a newer reading replaces the one waiting (a position being written is queued again when done).
                if (!_pending.ContainsKey(id) && !_writing.Contains(id)) _order.Enqueue(id);
                _pending[id] = new StockCommands.ApplySapLevels(id, w.InStock, w.Committed, w.Ordered, readings.ObservedAt);
            }

            Pump(positions);
        });
        Receive<Written>(written =>
        {
            _writing.Remove(written.StockId);
            if (_pending.ContainsKey(written.StockId)) _order.Enqueue(written.StockId);
            Pump(positions);
        });
    }

    private void Pump(IActorRef positions)
    {
        while (_writing.Count < InFlight && _order.TryDequeue(out var id))
        {
            if (!_pending.Remove(id, out var command)) continue;
            _writing.Add(id);
            positions.Ask<StockUpdateResult>(command, TimeSpan.FromSeconds(30))
                .PipeTo(Self, success: _ => new Written(id), failure: _ => new Written(id));
        }
    }

    public static Props Props(IActorRef positions) => Akka.Actor.Props.Create(() => new StockPositionWriter(positions));
}

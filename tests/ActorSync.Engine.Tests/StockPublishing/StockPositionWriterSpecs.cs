using System.Collections.Immutable;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing;
using Akka.TestKit.Xunit2;

namespace ActorSync.Engine.Tests.StockPublishing;

/// <summary>
/// The SAP reader's position writer alone, a TestProbe playing the stock position region: the reader tells it and reads
/// on, so under a storm the positions fall behind, latest reading first, never the channels.
/// </summary>
public class StockPositionWriterSpecs : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public StockPositionWriterSpecs() : base("akka.loglevel = WARNING") { }

    private static StockPositionWriter.Readings Reading(DateTimeOffset at, params (string Item, string Warehouse, decimal InStock)[] rows) =>
        new(rows.GroupBy(r => r.Item).Select(g => new ItemLevels(g.Key, g.Select(r => new WarehouseLevel(r.Warehouse, r.InStock, 1.5m, 0m)).ToImmutableList())).ToImmutableList(), at);

    [Fact]
    public void A_storm_writes_at_most_sixteen_positions_at_once_and_a_waiting_position_gets_only_its_latest_reading()
    {
        var positions = CreateTestProbe();
        var writer = Sys.ActorOf(StockPositionWriter.Props(positions.Ref));
        var items = Enumerable.Range(1, 20).Select(n => ($"ITM{n:D5}", "01", 10m + n)).ToArray();

        writer.Tell(Reading(T0, items), TestActor);
        var first = Enumerable.Range(0, StockPositionWriter.InFlight).Select(_ => (Command: positions.ExpectMsg<StockCommands.ApplySapLevels>(Wait), Asker: positions.LastSender)).ToList();
        positions.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // ITM00020@01 still waits: two newer readings come, only the last is written.
        writer.Tell(Reading(T0.AddSeconds(1), ("ITM00020", "01", 7.25m)), TestActor);
        writer.Tell(Reading(T0.AddSeconds(2), ("ITM00020", "01", 6.75m)), TestActor);
        // Each write is an ask: answered to its own sender.
        foreach (var (command, asker) in first) asker.Tell(new StockUpdateResult(command.StockId, true, command.InStock - command.Committed, 1), TestActor);
        var rest = positions.ReceiveN(4, Wait).Cast<StockCommands.ApplySapLevels>().ToList();

        Assert.Equal(Enumerable.Range(1, 16).Select(n => $"01:ITM{n:D5}"), first.Select(c => c.Command.StockId));
        Assert.Equal(["01:ITM00017", "01:ITM00018", "01:ITM00019", "01:ITM00020"], rest.Select(c => c.StockId));
        Assert.Equal((6.75m, T0.AddSeconds(2)), (rest[3].InStock, rest[3].ObservedAt));
        positions.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}

using System.Collections.Immutable;

namespace ActorSync.Domain.Stock;

/// <summary>One SKU in one SAP warehouse. Entity id <c>{warehouse}:{sku}</c>: SAP warehouse codes never contain a colon.</summary>
public sealed record StockKey(string Warehouse, string Sku)
{
    public string EntityId => $"{Warehouse}:{Sku}";

    public static StockKey Parse(string entityId)
    {
        var colon = entityId.IndexOf(':');
        if (colon <= 0 || colon == entityId.Length - 1)
            throw new FormatException($"Stock entity id '{entityId}' is not of the form <warehouse>:<sku>.");
        return new StockKey(entityId[..colon], entityId[(colon + 1)..]);
    }
}

public interface IWithStockId
{
    string StockId { get; }
}

public static class StockCommands
{
    public interface IStockCommand : IWithStockId;

    /// <summary>SAP's current figures for the position (from a snapshot or a poll of ItemWarehouseInfoCollection).</summary>
    public sealed record ApplySapLevels(string StockId, decimal InStock, decimal Committed, decimal Ordered, DateTimeOffset ObservedAt) : IStockCommand;

    /// <summary>A publisher sent <paramref name="Quantity"/> to a channel location.</summary>
    public sealed record RecordPublished(string StockId, string Location, decimal Quantity) : IStockCommand;
}

public static class StockQueries
{
    public sealed record GetStockPosition(string StockId) : IWithStockId;
}

public static class StockEvents
{
    public interface IStockEvent : IWithStockId, Journal.IJournaled;
    public sealed record StockLevelsChanged(string StockId, decimal InStock, decimal Committed, decimal Ordered, long Version, DateTimeOffset ObservedAt) : IStockEvent;
    public sealed record StockPublished(string StockId, string Location, decimal Quantity) : IStockEvent;
}

/// <summary>The reply to <see cref="StockCommands.ApplySapLevels"/>: whether the sellable quantity really moved.</summary>
public sealed record StockUpdateResult(string StockId, bool AvailableChanged, decimal Available, long Version);

/// <summary>
/// Signalled when the available quantity of a position really changes; publishers subscribe to it.
/// Not signalled when only Ordered moves, or when SAP reports the same figures again.
/// </summary>
public sealed record StockAvailabilityChanged(string StockId, decimal Available, long Version);

/// <summary>SAP's figures for one position, its version and what each channel location was last told.</summary>
public sealed record StockPositionState
{
    public string StockId { get; init; } = "";
    public decimal InStock { get; init; }
    public decimal Committed { get; init; }
    public decimal Ordered { get; init; }
    public long Version { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }
    public ImmutableDictionary<string, decimal> Published { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    /// <summary>What can be sold: on hand minus what open orders have already committed.</summary>
    public decimal Available => InStock - Committed;

    public bool IsEmpty => Version == 0;
}

/// <summary>
/// The snapshot form of <see cref="StockPositionState"/>: plain arrays, because Akka's default JSON serializer writes
/// immutable dictionaries but cannot read them back, and a position that cannot recover goes silent.
/// </summary>
public sealed record StockPositionSnapshot(string StockId, decimal InStock, decimal Committed, decimal Ordered, long Version,
    DateTimeOffset? ObservedAt, string[] Locations, decimal[] Quantities) : Journal.IJournaled
{
    public static StockPositionSnapshot Of(StockPositionState state) => new(state.StockId, state.InStock, state.Committed, state.Ordered,
        state.Version, state.ObservedAt, state.Published.Keys.ToArray(), state.Published.Values.ToArray());

    public StockPositionState ToState() => new()
    {
        StockId = StockId, InStock = InStock, Committed = Committed, Ordered = Ordered, Version = Version, ObservedAt = ObservedAt,
        Published = Locations.Zip(Quantities).ToImmutableDictionary(p => p.First, p => p.Second),
    };
}

public static class StockDecisions
{
    public static (ImmutableList<StockEvents.IStockEvent> Events, StockUpdateResult Reply) ProcessCommand(
        this StockPositionState state, StockCommands.ApplySapLevels cmd)
    {
        var unchanged = !state.IsEmpty && state.InStock == cmd.InStock && state.Committed == cmd.Committed && state.Ordered == cmd.Ordered;
        // A snapshot older than what we hold must not roll the position back.
        var stale = state.ObservedAt is { } seen && cmd.ObservedAt < seen;
        if (unchanged || stale)
            return ([], new StockUpdateResult(cmd.StockId, false, state.Available, state.Version));

        var evt = new StockEvents.StockLevelsChanged(cmd.StockId, cmd.InStock, cmd.Committed, cmd.Ordered, state.Version + 1, cmd.ObservedAt);
        var next = state.ProcessEvent(evt);
        return ([evt], new StockUpdateResult(cmd.StockId, state.IsEmpty || next.Available != state.Available, next.Available, next.Version));
    }

    public static ImmutableList<StockEvents.IStockEvent> ProcessCommand(this StockPositionState state, StockCommands.RecordPublished cmd) =>
        state.Published.TryGetValue(cmd.Location, out var last) && last == cmd.Quantity
            ? []
            : [new StockEvents.StockPublished(cmd.StockId, cmd.Location, cmd.Quantity)];

    public static StockPositionState ProcessEvent(this StockPositionState state, StockEvents.IStockEvent evt) => evt switch
    {
        StockEvents.StockLevelsChanged e => state with
        {
            StockId = e.StockId, InStock = e.InStock, Committed = e.Committed, Ordered = e.Ordered, Version = e.Version, ObservedAt = e.ObservedAt,
        },
        StockEvents.StockPublished e => state with { StockId = e.StockId, Published = state.Published.SetItem(e.Location, e.Quantity) },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown stock event."),
    };
}

using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.StockPublishing;

/// <summary>A SKU's quantity as a channel location was told it.</summary>
public sealed record ToldQuantity(string Sku, decimal Quantity);

/// <summary>
/// A channel's publisher journal (<c>stock-publisher-&lt;channel&gt;</c>): what each location was last told, and the
/// SKUs it refused at a quantity. Written only after the channel accepted a call, so after a restart nothing the
/// channel has is sent again; what is still owed is found again from SAP (the first sweep after start).
/// </summary>
public static class StockPublisherEvents
{
    public interface IStockPublisherEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>One call the channel accepted: these SKUs of <paramref name="Location"/> now show these quantities.</summary>
    public sealed record StockTold(string Location, ImmutableList<ToldQuantity> Items, DateTimeOffset At) : IStockPublisherEvent;

    /// <summary>
    /// The channel refused a SKU (unknown there, tracked by variant); it is not offered again at this quantity (a new
    /// quantity, or an operator's retry, tries again). Parked for merchandising.
    /// </summary>
    public sealed record StockRefused(string Location, string Sku, decimal Quantity, string Reason, DateTimeOffset At) : IStockPublisherEvent;

    /// <summary>An operator's retry: the refused SKU is offered again with the next change or sweep.</summary>
    public sealed record RefusalCleared(string Location, string Sku, DateTimeOffset At) : IStockPublisherEvent;
}

/// <summary>The snapshot form of <see cref="StockPublisherState"/>: plain arrays, one row per location and SKU.</summary>
public sealed record StockPublisherSnapshot(string[] Locations, string[] Skus, decimal[] Quantities,
    string[] RefusedLocations, string[] RefusedSkus, decimal[] RefusedQuantities, long Calls, long ItemsSent) : IJournaled;

/// <summary>What one channel's locations were last told, the refusals standing, and how many calls and items it took.</summary>
public sealed record StockPublisherState
{
    public static readonly StockPublisherState Empty = new();

    /// <summary>Location → SKU → quantity last accepted by the channel.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, decimal>> Told { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, decimal>>.Empty;

    /// <summary>Location → SKU → quantity the channel refused.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, decimal>> Refused { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, decimal>>.Empty;

    public long Calls { get; init; }

    public long ItemsSent { get; init; }

    public decimal? ToldOf(string location, string sku) =>
        Told.TryGetValue(location, out var skus) && skus.TryGetValue(sku, out var quantity) ? quantity : null;

    public decimal? RefusedOf(string location, string sku) =>
        Refused.TryGetValue(location, out var skus) && skus.TryGetValue(sku, out var quantity) ? quantity : null;

    public int ToldCount => Told.Values.Sum(s => s.Count);

    public StockPublisherState ProcessEvent(StockPublisherEvents.IStockPublisherEvent evt) => evt switch
    {
        StockPublisherEvents.StockTold told => this with
        {
            Told = Told.SetItem(told.Location, Of(Told, told.Location).SetItems(told.Items.Select(i => KeyValuePair.Create(i.Sku, i.Quantity)))),
            // A SKU the channel took is no longer refused.
            Refused = Refused.TryGetValue(told.Location, out var refused) ? Refused.SetItem(told.Location, refused.RemoveRange(told.Items.Select(i => i.Sku))) : Refused,
            Calls = Calls + 1,
            ItemsSent = ItemsSent + told.Items.Count,
        },
        StockPublisherEvents.StockRefused refused => this with { Refused = Refused.SetItem(refused.Location, Of(Refused, refused.Location).SetItem(refused.Sku, refused.Quantity)) },
        StockPublisherEvents.RefusalCleared cleared => this with { Refused = Refused.SetItem(cleared.Location, Of(Refused, cleared.Location).Remove(cleared.Sku)) },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown stock publisher event."),
    };

    private static ImmutableDictionary<string, decimal> Of(ImmutableDictionary<string, ImmutableDictionary<string, decimal>> map, string location) =>
        map.TryGetValue(location, out var skus) ? skus : ImmutableDictionary.Create<string, decimal>(StringComparer.Ordinal);

    public StockPublisherSnapshot ToSnapshot()
    {
        var told = Told.SelectMany(l => l.Value.Select(s => (Location: l.Key, Sku: s.Key, Quantity: s.Value))).ToList();
        var refused = Refused.SelectMany(l => l.Value.Select(s => (Location: l.Key, Sku: s.Key, Quantity: s.Value))).ToList();
        return new StockPublisherSnapshot(told.Select(t => t.Location).ToArray(), told.Select(t => t.Sku).ToArray(), told.Select(t => t.Quantity).ToArray(),
            refused.Select(t => t.Location).ToArray(), refused.Select(t => t.Sku).ToArray(), refused.Select(t => t.Quantity).ToArray(), Calls, ItemsSent);
    }

    public static StockPublisherState FromSnapshot(StockPublisherSnapshot snapshot) => new()
    {
        Told = Group(snapshot.Locations, snapshot.Skus, snapshot.Quantities),
        Refused = Group(snapshot.RefusedLocations, snapshot.RefusedSkus, snapshot.RefusedQuantities),
        Calls = snapshot.Calls,
        ItemsSent = snapshot.ItemsSent,
    };

    private static ImmutableDictionary<string, ImmutableDictionary<string, decimal>> Group(string[] locations, string[] skus, decimal[] quantities) =>
        Enumerable.Range(0, locations.Length)
            .GroupBy(i => locations[i], StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(i => skus[i], i => quantities[i], StringComparer.Ordinal), StringComparer.Ordinal);
}

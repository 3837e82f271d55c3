using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Catalogue;

/// <summary>
/// A channel's catalogue publisher journal (<c>catalogue-publisher-&lt;channel&gt;</c>). What is owed is journaled
/// too (unlike stock, whose sweeps find it again): the items reader moves its cursor on only once every publisher
/// has journaled what it was offered, so a change read once is never lost.
/// </summary>
public static class CataloguePublisherEvents
{
    public interface ICataloguePublisherEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>SAP's latest of these SKUs differs from what the channel has (or was owed): the latest wins.</summary>
    public sealed record ProductsOwed(ImmutableList<ChannelProduct> Products, DateTimeOffset At) : ICataloguePublisherEvent;

    /// <summary>One call the channel accepted: it now shows these products.</summary>
    public sealed record ProductsTold(ImmutableList<ChannelProduct> Products, DateTimeOffset At) : ICataloguePublisherEvent;

    /// <summary>The channel refused this SKU as it stands; it is not sent again until SAP changes it or an operator retries.</summary>
    public sealed record ProductRefused(ChannelProduct Product, string Reason, DateTimeOffset At) : ICataloguePublisherEvent;

    /// <summary>An operator's retry: the refused product is owed again.</summary>
    public sealed record ProductRefusalCleared(string Sku, DateTimeOffset At) : ICataloguePublisherEvent;
}

/// <summary>The snapshot form of <see cref="CataloguePublisherState"/>.</summary>
public sealed record CataloguePublisherSnapshot(ImmutableList<ChannelProduct> Told, ImmutableList<ChannelProduct> Owed,
    ImmutableList<ChannelProduct> Refused, long Calls, long ItemsSent) : IJournaled;

/// <summary>What a channel was last told per SKU, what it is owed (latest per SKU), what it refused, and its call counts.</summary>
public sealed record CataloguePublisherState
{
    public static readonly CataloguePublisherState Empty = new();

    public ImmutableDictionary<string, ChannelProduct> Told { get; init; } = ImmutableDictionary.Create<string, ChannelProduct>(StringComparer.Ordinal);

    /// <summary>Sorted so calls go out in a stable order (and a test can tell which SKUs shared a call).</summary>
    public ImmutableSortedDictionary<string, ChannelProduct> Owed { get; init; } = ImmutableSortedDictionary.Create<string, ChannelProduct>(StringComparer.Ordinal);

    public ImmutableDictionary<string, ChannelProduct> Refused { get; init; } = ImmutableDictionary.Create<string, ChannelProduct>(StringComparer.Ordinal);

    public long Calls { get; init; }

    public long ItemsSent { get; init; }

    public ChannelProduct? ToldOf(string sku) => Told.GetValueOrDefault(sku);

    /// <summary>
    /// SAP's latest products for the channel: the event to journal (none when nothing differs). A product equal to
    /// what the channel has, or to what it refused, is not owed (and clears a stale owed one). A disabled product the
    /// engine never told is owed too: the channel may list it from before the engine (the clients withdraw it there,
    /// and create nothing just to disable it).
    /// </summary>
    public IReadOnlyList<CataloguePublisherEvents.ICataloguePublisherEvent> ProcessCommand(IReadOnlyList<ChannelProduct> offered, DateTimeOffset now)
    {
        var owed = ImmutableList.CreateBuilder<ChannelProduct>();
        foreach (var product in offered)
        {
            var told = Told.GetValueOrDefault(product.Sku);
            var waiting = Owed.GetValueOrDefault(product.Sku);
            if (product == (waiting ?? told)) continue;
            if (product == told || product == Refused.GetValueOrDefault(product.Sku))
            {
                if (waiting is not null) owed.Add(product); // back to what the channel has: the waiting one is stale
                continue;
            }

            owed.Add(product);
        }

        return owed.Count == 0 ? [] : [new CataloguePublisherEvents.ProductsOwed(owed.ToImmutable(), now)];
    }

    /// <summary>The next call: up to <paramref name="max"/> owed products, in SKU order.</summary>
    public ImmutableList<ChannelProduct> NextCall(int max) => Owed.Values.Take(max).ToImmutableList();

    /// <summary>What is still owed of these SKUs (a refused call split in two is sent again with the latest).</summary>
    public ImmutableList<ChannelProduct> OwedOf(IEnumerable<string> skus) =>
        skus.Select(s => Owed.GetValueOrDefault(s)).OfType<ChannelProduct>().ToImmutableList();

    public CataloguePublisherState ProcessEvent(CataloguePublisherEvents.ICataloguePublisherEvent evt) => evt switch
    {
        CataloguePublisherEvents.ProductsOwed owed => this with
        {
            Owed = owed.Products.Aggregate(Owed, (o, p) => p == Told.GetValueOrDefault(p.Sku) || p == Refused.GetValueOrDefault(p.Sku) ? o.Remove(p.Sku) : o.SetItem(p.Sku, p)),
        },
        CataloguePublisherEvents.ProductsTold told => this with
        {
            Told = Told.SetItems(told.Products.Select(p => KeyValuePair.Create(p.Sku, p))),
            // Settled unless something newer came while the call was out.
            Owed = told.Products.Aggregate(Owed, (o, p) => o.GetValueOrDefault(p.Sku) == p ? o.Remove(p.Sku) : o),
            Refused = Refused.RemoveRange(told.Products.Select(p => p.Sku)),
            Calls = Calls + 1,
            ItemsSent = ItemsSent + told.Products.Count,
        },
        CataloguePublisherEvents.ProductRefused refused => this with
        {
            Refused = Refused.SetItem(refused.Product.Sku, refused.Product),
            Owed = Owed.GetValueOrDefault(refused.Product.Sku) == refused.Product ? Owed.Remove(refused.Product.Sku) : Owed,
        },
        CataloguePublisherEvents.ProductRefusalCleared cleared => this with
        {
            Refused = Refused.Remove(cleared.Sku),
            Owed = Refused.TryGetValue(cleared.Sku, out var product) && !Owed.ContainsKey(cleared.Sku) ? Owed.SetItem(cleared.Sku, product) : Owed,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown catalogue publisher event."),
    };

    public CataloguePublisherSnapshot ToSnapshot() =>
        new([.. Told.Values.OrderBy(p => p.Sku, StringComparer.Ordinal)], [.. Owed.Values], [.. Refused.Values.OrderBy(p => p.Sku, StringComparer.Ordinal)], Calls, ItemsSent);

    public static CataloguePublisherState FromSnapshot(CataloguePublisherSnapshot snapshot) => Empty with
    {
        Told = Empty.Told.SetItems(snapshot.Told.Select(p => KeyValuePair.Create(p.Sku, p))),
        Owed = Empty.Owed.SetItems(snapshot.Owed.Select(p => KeyValuePair.Create(p.Sku, p))),
        Refused = Empty.Refused.SetItems(snapshot.Refused.Select(p => KeyValuePair.Create(p.Sku, p))),
        Calls = snapshot.Calls,
        ItemsSent = snapshot.ItemsSent,
    };
}

using System.Collections.Immutable;

namespace ActorSync.Domain.StockPublishing;

/// <summary>A quantity owed to a location, and since when the location has been behind SAP for that SKU.</summary>
public sealed record OwedItem(string Sku, decimal Quantity, DateTimeOffset Since);

/// <summary>One call to make: up to the channel's per-call limit of SKUs of one location.</summary>
public sealed record PublishCall(string Location, ImmutableList<OwedItem> Items);

/// <summary>What the coalescing saved: changes seen against what was sent (the publisher counts calls).</summary>
public sealed record CoalescingCounts(long Offered, long ChangesSeen, long Replaced, long AlreadyThere, long NeverListedAtZero, long Owed);

/// <summary>
/// What a channel is owed, latest value per location and SKU (issue 11: coalesce, never queue stale values). A new
/// quantity replaces the one waiting; a quantity the channel already has (told) or refused is not owed. Nothing here is
/// journaled: after a restart the first sweep of SAP finds what is owed again, against the journaled
/// <see cref="StockPublisherState"/>.
/// </summary>
/// <remarks>
/// A plain mutable class rather than an immutable record: a burst offers hundreds of thousands of quantities, and an
/// immutable map would allocate a path of nodes for each. It is owned by one publisher actor and never shared.
/// </remarks>
public sealed class OwedStock
{
    private readonly Dictionary<string, Dictionary<string, (decimal Quantity, DateTimeOffset Since)>> _owed = new(StringComparer.Ordinal);
    private readonly List<string> _locations = [];
    private int _nextLocation;
    private long _offered, _changes, _replaced, _alreadyThere, _neverListed;

    public int Count { get; private set; }

    public CoalescingCounts Counts => new(_offered, _changes, _replaced, _alreadyThere, _neverListed, Count);

    /// <summary>
    /// Takes SAP's latest quantity for a location's SKU. Nothing at all for a SKU at 0 the location was never told:
    /// a sweep reads every SAP item, and channels sell part of the catalogue, so sending every item at 0 would only
    /// earn refusals; a SKU is first sent once it has stock (and followed down to 0 from then on).
    /// </summary>
    public void Offer(StockTarget target, StockPublisherState state, DateTimeOffset now)
    {
        _offered++;
        var skus = Location(target.Location);
        var owed = skus.TryGetValue(target.Sku, out var waiting);
        var told = state.ToldOf(target.Location, target.Sku);
        if (target.Quantity == 0 && told is null && !owed && state.RefusedOf(target.Location, target.Sku) is null)
        {
            _neverListed++;
            return;
        }

        if (told == target.Quantity || state.RefusedOf(target.Location, target.Sku) == target.Quantity)
        {
            // Back to what the channel shows (or refused): whatever was waiting is stale.
            _alreadyThere++;
            if (owed)
            {
                skus.Remove(target.Sku);
                Count--;
            }

            return;
        }

        if (owed && waiting.Quantity == target.Quantity)
            return;
        _changes++;
        if (owed) _replaced++;
        else Count++;
        skus[target.Sku] = (target.Quantity, owed ? waiting.Since : now);
    }

    /// <summary>The next call: up to <paramref name="maxItems"/> SKUs of one location, locations taking turns. Null when nothing is owed.</summary>
    public PublishCall? Next(int maxItems)
    {
        for (var tried = 0; tried < _locations.Count; tried++)
        {
            var location = _locations[_nextLocation % _locations.Count];
            _nextLocation = (_nextLocation + 1) % _locations.Count;
            var skus = _owed[location];
            if (skus.Count == 0) continue;
            var items = ImmutableList.CreateBuilder<OwedItem>();
            foreach (var (sku, owed) in skus)
            {
                items.Add(new OwedItem(sku, owed.Quantity, owed.Since));
                if (items.Count == maxItems) break;
            }

            return new PublishCall(location, items.ToImmutable());
        }

        return null;
    }

    /// <summary>
    /// A call's items the channel took (or refused): each is no longer owed unless a newer quantity came meanwhile.
    /// Returns how long each settled SKU had been behind.
    /// </summary>
    public IReadOnlyList<TimeSpan> Settle(string location, IEnumerable<OwedItem> sent, DateTimeOffset now)
    {
        var lags = new List<TimeSpan>();
        var skus = Location(location);
        foreach (var item in sent)
        {
            if (skus.TryGetValue(item.Sku, out var owed) && owed.Quantity == item.Quantity)
            {
                skus.Remove(item.Sku);
                Count--;
                lags.Add(now - owed.Since);
            }
        }

        return lags;
    }

    /// <summary>What is still owed of these SKUs of a location (a refused call split in two is sent again with the latest quantities).</summary>
    public ImmutableList<OwedItem> Of(string location, IEnumerable<string> skus)
    {
        var items = ImmutableList.CreateBuilder<OwedItem>();
        if (_owed.TryGetValue(location, out var owed))
        {
            foreach (var sku in skus)
            {
                if (owed.TryGetValue(sku, out var item))
                    items.Add(new OwedItem(sku, item.Quantity, item.Since));
            }
        }

        return items.ToImmutable();
    }

    public decimal? OwedOf(string location, string sku) =>
        _owed.TryGetValue(location, out var skus) && skus.TryGetValue(sku, out var owed) ? owed.Quantity : null;

    private Dictionary<string, (decimal Quantity, DateTimeOffset Since)> Location(string location)
    {
        if (!_owed.TryGetValue(location, out var skus))
        {
            skus = new Dictionary<string, (decimal, DateTimeOffset)>(StringComparer.Ordinal);
            _owed[location] = skus;
            _locations.Add(location);
        }

        return skus;
    }
}

using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels;

/// <summary>
/// What a channel emulator was told about stock, per location and SKU, so a test can compare it with SAP; the SKUs it
/// does not know (refused as the vendor refuses an unknown or variant-tracked SKU); and counts of stock calls and
/// items. Thread-safe.
/// </summary>
public sealed class ChannelInventory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Location, string Sku), decimal> _quantities = [];
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
    private long _calls, _items, _refusedCalls;

    /// <summary>
    /// Called with every quantity a call sets (location, SKU, the quantity now shown), under the inventory's lock, so a
    /// benchmark can time when the channel came to hold a value. Keep it short; null: nothing is called.
    /// </summary>
    public Action<string, string, decimal>? Changed { get; set; }

    /// <summary>The quantity a location shows for a SKU, or null when it was never set.</summary>
    public decimal? Get(string location, string sku)
    {
        lock (_lock) return _quantities.TryGetValue((location, sku), out var q) ? q : null;
    }

    /// <summary>The quantities of these SKUs at a location, those ever set, in SKU order (a read by SKU need not copy the whole inventory).</summary>
    public List<KeyValuePair<(string Location, string Sku), decimal>> Of(string location, IEnumerable<string> skus)
    {
        lock (_lock)
        {
            return skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Where(sku => _quantities.ContainsKey((location, sku)))
                .Select(sku => KeyValuePair.Create((location, sku), _quantities[(location, sku)])).ToList();
        }
    }

    public IReadOnlyDictionary<(string Location, string Sku), decimal> Snapshot()
    {
        lock (_lock) return new Dictionary<(string, string), decimal>(_quantities);
    }

    /// <summary>SKUs the channel does not know from now on (null or empty: knows every SKU).</summary>
    public void SetUnknown(IEnumerable<string>? skus)
    {
        lock (_lock)
        {
            _unknown.Clear();
            if (skus is not null) _unknown.UnionWith(skus);
        }
    }

    public bool Knows(string sku)
    {
        lock (_lock) return !_unknown.Contains(sku);
    }

    /// <summary>Applies a whole call at once (absolute quantities), counted as one call.</summary>
    public void SetAll(IEnumerable<(string Location, string Sku, decimal Quantity)> items)
    {
        lock (_lock)
        {
            _calls++;
            foreach (var (location, sku, quantity) in items)
            {
                _quantities[(location, sku)] = quantity;
                _items++;
                Changed?.Invoke(location, sku, quantity);
            }
        }
    }

    /// <summary>Applies signed differences (Sitoo's warehouse transactions), counted as one call.</summary>
    public void AddAll(IEnumerable<(string Location, string Sku, decimal Delta)> items)
    {
        lock (_lock)
        {
            _calls++;
            foreach (var (location, sku, delta) in items)
            {
                var now = _quantities.GetValueOrDefault((location, sku)) + delta;
                _quantities[(location, sku)] = now;
                _items++;
                Changed?.Invoke(location, sku, now);
            }
        }
    }

    public void Refused() => Interlocked.Increment(ref _refusedCalls);

    /// <summary><c>{"calls":n,"items":n,"refusedCalls":n,"locations":{"1":{"SKU":5}}}</c> for <c>GET /__emulator/inventory</c>.</summary>
    public JsonObject ToJson()
    {
        lock (_lock)
        {
            var locations = new JsonObject();
            foreach (var group in _quantities.GroupBy(q => q.Key.Location).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var skus = new JsonObject();
                foreach (var (key, quantity) in group.OrderBy(q => q.Key.Sku, StringComparer.Ordinal)) skus[key.Sku] = quantity;
                locations[group.Key] = skus;
            }

            return new JsonObject { ["calls"] = _calls, ["items"] = _items, ["refusedCalls"] = Interlocked.Read(ref _refusedCalls), ["locations"] = locations };
        }
    }

    public long Calls
    {
        get { lock (_lock) return _calls; }
    }

    public long Items
    {
        get { lock (_lock) return _items; }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _quantities.Clear();
            _calls = _items = 0;
            _refusedCalls = 0;
        }
    }
}

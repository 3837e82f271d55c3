namespace ActorSync.Emulators.Channels.Magento;

/// <summary>Everything one Magento emulator holds: its store (orders, shipments, credit memos), OAuth nonces, faults and counters.</summary>
public sealed class MagentoEmulatorState
{
    private readonly MagentoOrderGenerator _generator;
    private long _nextGeneratedId = 10_000;

    public MagentoEmulatorState(MagentoEmulatorOptions? options = null)
    {
        Options = options ?? new MagentoEmulatorOptions();
        Store = new MagentoStore(Options.Clock, Options.RepeatLastPage);
        Faults = new ChannelFaultState(Options.Clock);
        OAuth = new MagentoOAuthVerifier(Options);
        _generator = new MagentoOrderGenerator(Options.ItemCount);
    }

    public MagentoEmulatorOptions Options { get; }

    internal MagentoStore Store { get; }

    internal ChannelFaultState Faults { get; }

    internal MagentoOAuthVerifier OAuth { get; }

    internal ChannelCounters Counters { get; } = new();

    /// <summary>The stock the store was told per source and SKU (MSI source items).</summary>
    public ChannelInventory Inventory { get; } = new();

    /// <summary>Catalog products: what the catalogue publisher told the store.</summary>
    public MagentoCatalogue Catalogue { get; } = new();

    /// <summary>
    /// Off unless a fault sets one: core Magento has no REST rate limit, but a hosting WAF in front of it throttles; it
    /// answers 429 <c>{"message":"Too Many Requests","trace":null}</c> without quota headers (channels.md §1.8).
    /// </summary>
    internal ChannelRateLimiter? RateLimiter { get; private set; }

    public ChannelStats GetStats() => Counters.Snapshot(Store.ShipmentsPerOrder());

    /// <summary>
    /// Generated orders (<see cref="MagentoOrderGenerator"/>), stamped now; states cycle through <paramref name="states"/>
    /// or follow the generator's mix. Answers their <c>entity_id</c>s.
    /// </summary>
    public IReadOnlyList<long> Generate(int count, IReadOnlyList<string>? states = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref _nextGeneratedId);
            System.Text.Json.Nodes.JsonObject order;
            lock (_generator)
            {
                var state = states is { Count: > 0 } ? states[i % states.Count] : _generator.NextState();
                order = _generator.Order(id, state, Options.Clock.GetUtcNow());
            }

            if (Store.Seed(order) is null)
                ids.Add(id);
        }

        return ids;
    }

    /// <summary>Moves an order to <paramref name="state"/> (hold, unhold, cancel, payment confirmed); <c>updated_at</c> moves. False when there is no such order.</summary>
    public bool SetState(long entityId, string state, string? status = null) =>
        Store.SetState(entityId, state, status ?? MagentoOrderGenerator.StatusOf(state));

    /// <summary>Adds a comment to the order's history; <c>updated_at</c> moves and nothing else an integration reads changes.</summary>
    public bool AddComment(long entityId, string comment) => Store.AddComment(entityId, comment);

    /// <summary>Applies faults; null when done, else why they were refused.</summary>
    public string? ApplyFaults(ChannelFaultSettings settings)
    {
        if (settings.RateLimit is { } limit)
        {
            RateLimiter ??= new ChannelRateLimiter(Options.Clock, limit);
            RateLimiter.Replace(limit);
        }
        else if (settings.Clear == true)
        {
            RateLimiter = null;
        }

        Faults.Apply(settings);
        return null;
    }

    /// <summary>Forgets every order, shipment, credit memo, nonce, fault and counter.</summary>
    public void Reset()
    {
        Store.Clear();
        Inventory.Clear();
        Catalogue.Clear();
        OAuth.Clear();
        Faults.Apply(new ChannelFaultSettings { Clear = true });
        Counters.Reset();
    }
}

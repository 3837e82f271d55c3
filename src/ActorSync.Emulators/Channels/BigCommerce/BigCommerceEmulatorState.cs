namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>Everything one BigCommerce emulator holds: its store (orders, products, addresses, shipments), quota, faults and counters.</summary>
public sealed class BigCommerceEmulatorState
{
    public BigCommerceEmulatorState(BigCommerceEmulatorOptions? options = null)
    {
        Options = options ?? new BigCommerceEmulatorOptions();
        _generator = new BigCommerceOrderGenerator(Options.ItemCount);
        Store = new BigCommerceStore(Options.Clock);
        Faults = new ChannelFaultState(Options.Clock);
        RateLimiter = new ChannelRateLimiter(Options.Clock, Options.RateLimit);
        Webhooks = new BigCommerceWebhooks(Options.Webhooks, Options.StoreHash);
    }

    /// <summary>Registered hooks and their deliveries.</summary>
    public BigCommerceWebhooks Webhooks { get; }

    /// <summary>Adds an order and fires <c>store/order/created</c> (and <c>statusUpdated</c> from 0 for a completed checkout), as the store does.</summary>
    public string? CreateOrder(System.Text.Json.Nodes.JsonObject seed)
    {
        if (Store.Seed(seed) is { } problem) return problem;
        var order = (System.Text.Json.Nodes.JsonObject)seed["order"]!;
        var id = order["id"]!.GetValue<long>();
        var status = order["status_id"]?.GetValue<int>() ?? 0;
        Webhooks.Fire("store/order/created", new() { ["type"] = "order", ["id"] = id });
        if (status != 0)
            Webhooks.Fire("store/order/statusUpdated", new() { ["type"] = "order", ["id"] = id, ["status"] = new System.Text.Json.Nodes.JsonObject { ["previous_status_id"] = 0, ["new_status_id"] = status } });
        return null;
    }

    /// <summary>Generated orders sell the plain items among the first <see cref="BigCommerceEmulatorOptions.ItemCount"/> of the SAP company.</summary>
    private readonly BigCommerceOrderGenerator _generator;
    private long _nextGeneratedId = 10_000;

    /// <summary>Generated orders (<see cref="BigCommerceOrderGenerator"/>), each created with its hooks; statuses cycle through <paramref name="statuses"/> or follow the generator's mix.</summary>
    public IReadOnlyList<long> Generate(int count, IReadOnlyList<int>? statuses = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref _nextGeneratedId);
            int status;
            lock (_generator) status = statuses is { Count: > 0 } ? statuses[i % statuses.Count] : _generator.NextStatus();
            System.Text.Json.Nodes.JsonObject seed;
            lock (_generator) seed = _generator.Order(id, status, Options.Clock.GetUtcNow());
            if (CreateOrder(seed) is null) ids.Add(id);
        }
        return ids;
    }

    /// <summary>Changes an order's status and fires <c>store/order/statusUpdated</c> and <c>store/order/updated</c>.</summary>
    public bool SetStatus(long orderId, int statusId)
    {
        if (Store.SetStatus(orderId, statusId, BigCommerceOrderGenerator.StatusName(statusId)) is not { } previous) return false;
        Webhooks.Fire("store/order/statusUpdated", new() { ["type"] = "order", ["id"] = orderId, ["status"] = new System.Text.Json.Nodes.JsonObject { ["previous_status_id"] = previous, ["new_status_id"] = statusId } });
        Webhooks.Fire("store/order/updated", new() { ["type"] = "order", ["id"] = orderId });
        return true;
    }

    /// <summary>Refunds order products and fires <c>store/order/refund/created</c> (with the refund id) and <c>store/order/updated</c>.</summary>
    public (long? RefundId, string? Problem) Refund(long orderId, IReadOnlyList<(long ProductId, int Quantity)> items, string reason = "Returned by the customer")
    {
        var (refundId, problem) = Store.Refund(orderId, items, reason);
        if (refundId is { } id)
        {
            Webhooks.Fire("store/order/refund/created", new() { ["type"] = "order", ["id"] = orderId, ["refund"] = new System.Text.Json.Nodes.JsonObject { ["refund_id"] = id } });
            Webhooks.Fire("store/order/updated", new() { ["type"] = "order", ["id"] = orderId });
        }
        return (refundId, problem);
    }

    public BigCommerceEmulatorOptions Options { get; }

    internal BigCommerceStore Store { get; }

    internal ChannelFaultState Faults { get; }

    internal ChannelRateLimiter RateLimiter { get; }

    internal ChannelCounters Counters { get; } = new();

    /// <summary>The stock the store was told per location and SKU (inventory adjustments).</summary>
    public ChannelInventory Inventory { get; } = new();

    /// <summary>Catalog products: what the catalogue publisher told the store.</summary>
    public BigCommerceCatalogue Catalogue { get; } = new();

    public ChannelStats GetStats() => Counters.Snapshot(Store.ShipmentsPerOrder());

    /// <summary>Applies faults (always accepted here; the signature matches the Magento emulator's).</summary>
    public string? ApplyFaults(ChannelFaultSettings settings)
    {
        Faults.Apply(settings);
        if (settings.RateLimit is { } limit)
            RateLimiter.Replace(limit);
        else if (settings.Clear == true)
            RateLimiter.Replace(Options.RateLimit);
        return null;
    }

    /// <summary>Forgets every order and shipment, fault and counter, and restores the start-up quota.</summary>
    public void Reset()
    {
        // Hooks stay registered (they belong to the API account, not to the orders).
        Store.Clear();
        Inventory.Clear();
        Catalogue.Clear();
        ApplyFaults(new ChannelFaultSettings { Clear = true });
        Counters.Reset();
    }
}

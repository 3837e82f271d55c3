namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>Everything one BigCommerce emulator holds: its store (orders, products, addresses, shipments), quota, faults and counters.</summary>
public sealed class BigCommerceEmulatorState
{
    public BigCommerceEmulatorState(BigCommerceEmulatorOptions? options = null)
    {
        Options = options ?? new BigCommerceEmulatorOptions();
        Store = new BigCommerceStore(Options.Clock);
        Faults = new ChannelFaultState(Options.Clock);
        RateLimiter = new ChannelRateLimiter(Options.Clock, Options.RateLimit);
    }

    public BigCommerceEmulatorOptions Options { get; }

    internal BigCommerceStore Store { get; }

    internal ChannelFaultState Faults { get; }

    internal ChannelRateLimiter RateLimiter { get; }

    internal ChannelCounters Counters { get; } = new();

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
        Store.Clear();
        ApplyFaults(new ChannelFaultSettings { Clear = true });
        Counters.Reset();
    }
}

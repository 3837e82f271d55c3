namespace ActorSync.Emulators.Channels.Magento;

/// <summary>Everything one Magento emulator holds: its store (orders, shipments), faults and counters.</summary>
public sealed class MagentoEmulatorState
{
    public MagentoEmulatorState(MagentoEmulatorOptions? options = null)
    {
        Options = options ?? new MagentoEmulatorOptions();
        Store = new MagentoStore(Options.Clock);
        Faults = new ChannelFaultState(Options.Clock);
    }

    public MagentoEmulatorOptions Options { get; }

    internal MagentoStore Store { get; }

    internal ChannelFaultState Faults { get; }

    internal ChannelCounters Counters { get; } = new();

    public ChannelStats GetStats() => Counters.Snapshot(Store.ShipmentsPerOrder());

    /// <summary>Applies faults; null when done, else why they were refused.</summary>
    public string? ApplyFaults(ChannelFaultSettings settings)
    {
        if (settings.RateLimit is not null)
            return "The Magento emulator has no rate limit (core Magento has none on these endpoints, channels.md §1.8).";
        Faults.Apply(settings);
        return null;
    }

    /// <summary>Forgets every order, shipment, fault and counter.</summary>
    public void Reset()
    {
        Store.Clear();
        Faults.Apply(new ChannelFaultSettings { Clear = true });
        Counters.Reset();
    }
}

using ActorSync.Domain.Documents;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;

namespace ActorSync.Engine.Warehouse;

/// <summary>How warehouse windows behave. Bound from configuration section "Warehouse"; the mapping is the orders' one.</summary>
public sealed class WarehouseFlowSettings
{
    public const string SectionName = "Warehouse";

    /// <summary>Shards for the window entities. Never change it for the life of a cluster's data.</summary>
    public int ShardCount { get; set; } = 20;

    /// <summary>
    /// The coalescing window: movements of one source whose time falls in the same window (aligned to UTC multiples
    /// of it) become one document per warehouse, kind and transfer pair. Changing it moves later movements to other
    /// entities; windows already open keep what they hold.
    /// </summary>
    public TimeSpan Window { get; set; } = WarehouseDocumentCoalescer.DefaultWindow;

    /// <summary>How long after its window ends (or after a late movement arrives) a batch waits for stragglers before it closes.</summary>
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public int LockRetryMaxAttempts { get; set; } = LockRetryPolicy.Default.MaxAttempts;
    public TimeSpan LockRetryBaseDelay { get; set; } = LockRetryPolicy.Default.BaseDelay;
    public TimeSpan LockRetryMaxDelay { get; set; } = LockRetryPolicy.Default.MaxDelay;
    public TimeSpan LockRetryMaxElapsed { get; set; } = LockRetryPolicy.Default.MaxElapsed;

    /// <summary>How long an entity waits for the gateway's answer before treating the attempt as uncertain and looking up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>A settled window (everything posted or parked) leaves memory after this much quiet.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the unfinished-windows index pokes windows that still owe SAP something.</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMinutes(2);

    public LockRetryPolicy LockRetry => new(LockRetryMaxAttempts, LockRetryBaseDelay, LockRetryMaxDelay, LockRetryMaxElapsed);

    public WarehouseRules Rules(OrderMapping mapping) => new(mapping, Window, CloseDelay, LockRetry);

    public void Validate()
    {
        if (ShardCount < 1) throw new ArgumentException($"Warehouse:ShardCount must be at least 1 (was {ShardCount}).");
        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromDays(1) || Window.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"Warehouse:Window must be whole seconds between 1 second and 1 day (was {Window}).");
        if (CloseDelay < TimeSpan.Zero) throw new ArgumentException($"Warehouse:CloseDelay must not be negative (was {CloseDelay}).");
        if (LockRetryMaxAttempts < 1) throw new ArgumentException($"Warehouse:LockRetryMaxAttempts must be at least 1 (was {LockRetryMaxAttempts}).");
        if (LockRetryBaseDelay <= TimeSpan.Zero) throw new ArgumentException($"Warehouse:LockRetryBaseDelay must be positive (was {LockRetryBaseDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentException($"Warehouse:AttemptTimeout must be positive (was {AttemptTimeout}).");
        if (PassivateAfter <= TimeSpan.Zero) throw new ArgumentException($"Warehouse:PassivateAfter must be positive (was {PassivateAfter}).");
        if (WakeInterval <= TimeSpan.Zero) throw new ArgumentException($"Warehouse:WakeInterval must be positive (was {WakeInterval}).");
    }
}

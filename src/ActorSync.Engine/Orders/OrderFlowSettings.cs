using ActorSync.Domain.Documents;
using ActorSync.Domain.Posting;

namespace ActorSync.Engine.Orders;

/// <summary>How order entities behave. Bound from configuration section "Orders".</summary>
public sealed class OrderFlowSettings
{
    /// <summary>Shards for the order entities. Never change it for the life of a cluster's data.</summary>
    public int ShardCount { get; set; } = 50;

    public int LockRetryMaxAttempts { get; set; } = LockRetryPolicy.Default.MaxAttempts;
    public TimeSpan LockRetryBaseDelay { get; set; } = LockRetryPolicy.Default.BaseDelay;
    public TimeSpan LockRetryMaxDelay { get; set; } = LockRetryPolicy.Default.MaxDelay;
    public TimeSpan LockRetryMaxElapsed { get; set; } = LockRetryPolicy.Default.MaxElapsed;

    /// <summary>
    /// How long an entity waits for the gateway's answer before treating the attempt as uncertain and looking up.
    /// Longer than the client's batch timeout, so it only fires when an answer was truly lost.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>A settled order (posted or parked) leaves memory after this much quiet.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the unfinished-entities index pokes the orders that still owe SAP a post (after node moves).</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMinutes(2);

    public OrderMapping Mapping { get; set; } = new();

    /// <summary>
    /// Use the mapping that fits the emulator's generated company (guests WEBGUEST/POSGUEST, VAT groups O1/O2/O0,
    /// shipping types 1-4) for every channel: for running the service against the emulator, never against a real SAP.
    /// </summary>
    public bool UseDemoMapping { get; set; }

    /// <summary>The mapping in force: the demo one when asked for, otherwise the configured one.</summary>
    public OrderMapping EffectiveMapping => UseDemoMapping ? OrderMapping.ForDemoCompany("magento", "bigcommerce", "sitoo", "wms") : Mapping;

    public LockRetryPolicy LockRetry => new(LockRetryMaxAttempts, LockRetryBaseDelay, LockRetryMaxDelay, LockRetryMaxElapsed);

    public void Validate()
    {
        if (ShardCount < 1) throw new ArgumentException($"Orders:ShardCount must be at least 1 (was {ShardCount}).");
        if (LockRetryMaxAttempts < 1) throw new ArgumentException($"Orders:LockRetryMaxAttempts must be at least 1 (was {LockRetryMaxAttempts}).");
        if (LockRetryBaseDelay <= TimeSpan.Zero) throw new ArgumentException($"Orders:LockRetryBaseDelay must be positive (was {LockRetryBaseDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentException($"Orders:AttemptTimeout must be positive (was {AttemptTimeout}).");
        if (PassivateAfter <= TimeSpan.Zero) throw new ArgumentException($"Orders:PassivateAfter must be positive (was {PassivateAfter}).");
        if (WakeInterval <= TimeSpan.Zero) throw new ArgumentException($"Orders:WakeInterval must be positive (was {WakeInterval}).");
    }
}

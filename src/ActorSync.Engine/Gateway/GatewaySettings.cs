namespace ActorSync.Engine.Gateway;

/// <summary>How writes are grouped and paced on their way to the Service Layer. Bound from configuration section "Gateway".</summary>
public sealed class GatewaySettings
{
    /// <summary>Documents per <c>$batch</c> call at most.</summary>
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>How long the first document of a batch waits for company. Small: under light load batches go out almost at once.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The engine's share of SAP's sessions: batches in flight at once. The rest of SAP's sessions stay free for people.
    /// The Service Layer client's pool holds one more, for look-ups.
    /// </summary>
    public int Sessions { get; set; } = 4;

    /// <summary>Write requests queued ahead of the stream. When full, entities wait to enqueue: memory stays bounded under any burst.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Document keys per look-up query (one GET with an OR filter), bounded by URL length.</summary>
    public int MaxLookUpsPerQuery { get; set; } = 40;

    public void Validate()
    {
        if (MaxBatchSize is < 1 or > 1000) throw new ArgumentException($"Gateway:MaxBatchSize must be between 1 and 1000 (was {MaxBatchSize}).");
        if (BatchWindow <= TimeSpan.Zero) throw new ArgumentException($"Gateway:BatchWindow must be positive (was {BatchWindow}).");
        if (Sessions < 1) throw new ArgumentException($"Gateway:Sessions must be at least 1 (was {Sessions}).");
        if (QueueCapacity < 1) throw new ArgumentException($"Gateway:QueueCapacity must be at least 1 (was {QueueCapacity}).");
        if (MaxLookUpsPerQuery is < 1 or > 100) throw new ArgumentException($"Gateway:MaxLookUpsPerQuery must be between 1 and 100 (was {MaxLookUpsPerQuery}).");
    }
}

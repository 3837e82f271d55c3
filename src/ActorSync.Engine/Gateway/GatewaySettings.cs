using ActorSync.ServiceLayer.Concurrency;

namespace ActorSync.Engine.Gateway;

/// <summary>How writes are grouped and paced on their way to the Service Layer. Bound from configuration section "Gateway".</summary>
public sealed class GatewaySettings
{
    /// <summary>Documents per <c>$batch</c> call at most.</summary>
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>How long the first document of a batch waits for company. Small: under light load batches go out almost at once.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The session cap: the most SAP sessions the engine may hold for writes (the SAP administrator's grant). The
    /// Service Layer client's pool holds one more, for look-ups. With <see cref="Adaptive"/> the engine uses fewer
    /// whenever SAP is busy.
    /// </summary>
    public int Sessions { get; set; } = 4;

    /// <summary>
    /// Find the number of batches in flight from SAP's answers (between <see cref="MinSessions"/> and
    /// <see cref="MaxInFlight"/>): more while SAP answers at its unloaded speed, fewer once it queues. Off: always
    /// <see cref="MaxInFlight"/>.
    /// </summary>
    public bool Adaptive { get; set; } = true;

    /// <summary>Batches in flight never drop below this, however busy SAP is.</summary>
    public int MinSessions { get; set; } = 1;

    /// <summary>Sessions of the cap the engine never uses for writes, left to people however idle SAP looks.</summary>
    public int ReservedSessions { get; set; }

    /// <summary>The most batches at SAP at once: the cap less the reserve.</summary>
    public int MaxInFlight => Math.Max(MinSessions, Sessions - ReservedSessions);

    /// <summary>The adaptive limit's bounds; it starts at two (or the maximum, if lower) and learns from there.</summary>
    public AdaptiveLimitOptions AdaptiveLimit() => new(MinSessions, MaxInFlight, Math.Clamp(2, MinSessions, MaxInFlight));

    /// <summary>Write requests queued ahead of the stream. When full, entities wait to enqueue: memory stays bounded under any burst.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Document keys per look-up query (one GET with an OR filter), bounded by URL length.</summary>
    public int MaxLookUpsPerQuery { get; set; } = 40;

    public void Validate()
    {
        if (MaxBatchSize is < 1 or > 1000) throw new ArgumentException($"Gateway:MaxBatchSize must be between 1 and 1000 (was {MaxBatchSize}).");
        if (BatchWindow <= TimeSpan.Zero) throw new ArgumentException($"Gateway:BatchWindow must be positive (was {BatchWindow}).");
        if (Sessions < 1) throw new ArgumentException($"Gateway:Sessions must be at least 1 (was {Sessions}).");
        if (MinSessions < 1 || MinSessions > Sessions) throw new ArgumentException($"Gateway:MinSessions must be between 1 and Gateway:Sessions ({Sessions}) (was {MinSessions}).");
        if (ReservedSessions < 0 || Sessions - ReservedSessions < MinSessions)
            throw new ArgumentException($"Gateway:ReservedSessions must leave at least Gateway:MinSessions ({MinSessions}) of Gateway:Sessions ({Sessions}) (was {ReservedSessions}).");
        if (QueueCapacity < 1) throw new ArgumentException($"Gateway:QueueCapacity must be at least 1 (was {QueueCapacity}).");
        if (MaxLookUpsPerQuery is < 1 or > 100) throw new ArgumentException($"Gateway:MaxLookUpsPerQuery must be between 1 and 100 (was {MaxLookUpsPerQuery}).");
    }
}

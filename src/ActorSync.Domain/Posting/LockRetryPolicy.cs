namespace ActorSync.Domain.Posting;

/// <summary>
/// How long a document waits out records locked by people working in SAP before it parks in the exception queue.
/// Delays grow exponentially with jitter so that many entities blocked on one popular item do not return in step.
/// </summary>
public sealed record LockRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxElapsed)
{
    public static LockRetryPolicy Default { get; } = new(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

    /// <param name="attempt">1 for the first retry.</param>
    /// <param name="jitter">A number in [0, 1); the delay falls between half and all of the exponential step.</param>
    public TimeSpan DelayFor(int attempt, double jitter)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 20);
        var step = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(step * (0.5 + 0.5 * Math.Clamp(jitter, 0, 1)));
    }

    public bool IsExhausted(int attempts, TimeSpan elapsed) => attempts >= MaxAttempts || elapsed >= MaxElapsed;
}

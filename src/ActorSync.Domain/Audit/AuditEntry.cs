namespace ActorSync.Domain.Audit;

/// <summary>
/// One thing an operator (or a system holding an ops token) did through the ops API: who (the token's name, never the
/// token), from where (the remote address), when, which action on which target, the note or reason given, and how it
/// ended (the HTTP status the caller got). Written before the action runs, completed after it; never changed otherwise.
/// </summary>
/// <param name="Number">The entry's place in the trail, 1, 2, … with no gaps.</param>
/// <param name="Who">The name of the token used (<c>alice</c>, <c>operator</c>, <c>reader</c>), or <c>local</c> when the API is open on loopback.</param>
/// <param name="From">The caller's address as the service saw it (a proxy's, when there is one).</param>
/// <param name="Action">What was asked, as dotted words: <c>exception.resolve</c>, <c>cluster.leave</c>, <c>order.submit</c>.</param>
/// <param name="Target">What it was asked of: an exception id, a member address, an order id; null when the request named none.</param>
/// <param name="Detail">What the caller said or changed: the resolution note, the ignore reason, the payment's figures.</param>
/// <param name="Status">The HTTP status the action answered with; null while it runs, or when the service stopped before it answered.</param>
public sealed record AuditEntry(
    long Number,
    DateTimeOffset At,
    string Who,
    string? From,
    string Action,
    string? Target,
    string? Detail,
    int? Status = null,
    DateTimeOffset? CompletedAt = null)
{
    /// <summary>The action ran and was not refused (2xx).</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>What an operator asks to read; every criterion left null matches everything. Names and targets ignore case.</summary>
public sealed record AuditFilter(DateTimeOffset? Since = null, string? Who = null, string? Target = null, string? Action = null)
{
    public static readonly AuditFilter All = new();

    public bool Matches(AuditEntry entry) =>
        (Since is null || entry.At >= Since)
        && (string.IsNullOrEmpty(Who) || string.Equals(entry.Who, Who, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Target) || string.Equals(entry.Target, Target, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Action) || string.Equals(entry.Action, Action, StringComparison.OrdinalIgnoreCase));
}

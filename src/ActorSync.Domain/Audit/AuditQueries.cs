using System.Collections.Immutable;

namespace ActorSync.Domain.Audit;

public static class AuditQueries
{
    /// <summary>Answered with <see cref="AuditList"/>: the newest <paramref name="Limit"/> matches, oldest first.</summary>
    public sealed record ListAudit(AuditFilter Filter, int Limit);

    /// <param name="Matched">How many entries matched before the limit cut them (more than <c>Items.Count</c> when it did).</param>
    public sealed record AuditList(ImmutableList<AuditEntry> Items, int Matched);
}

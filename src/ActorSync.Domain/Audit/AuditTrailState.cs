using System.Collections.Immutable;

namespace ActorSync.Domain.Audit;

/// <summary>
/// The audit trail as the service reads it: the newest <see cref="Kept"/> entries in order, and the number the next
/// one gets. The journal keeps every entry for good (nothing deletes it); the state keeps a bounded window so a
/// trail of years neither fills memory nor slows start-up. Rebuilt from events; never changed in place.
/// </summary>
public sealed record AuditTrailState
{
    /// <summary>How many entries are held for queries; older ones stay in the journal only.</summary>
    public const int Kept = 20_000;

    /// <summary>Most entries one query returns.</summary>
    public const int MaxLimit = 1_000;

    public static readonly AuditTrailState Empty = new();

    /// <summary>Oldest first; numbers consecutive.</summary>
    public ImmutableList<AuditEntry> Entries { get; init; } = ImmutableList<AuditEntry>.Empty;

    /// <summary>The number of the next entry; numbers are never reused.</summary>
    public long NextNumber { get; init; } = 1;

    public AuditEntry? Find(long number)
    {
        if (Entries.IsEmpty) return null;
        var index = number - Entries[0].Number;
        return index >= 0 && index < Entries.Count && Entries[(int)index].Number == number ? Entries[(int)index] : null;
    }

    /// <summary>The newest <paramref name="limit"/> (1 to <see cref="MaxLimit"/>) entries matching <paramref name="filter"/>, oldest first.</summary>
    public AuditQueries.AuditList List(AuditFilter filter, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var matches = new List<AuditEntry>();
        var matched = 0;
        // Newest first; every entry is looked at (clocks of different nodes may disagree, so times are not sorted).
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            var entry = Entries[i];
            if (!filter.Matches(entry)) continue;
            matched++;
            if (matches.Count < limit) matches.Add(entry);
        }
        matches.Reverse();
        return new AuditQueries.AuditList([.. matches], matched);
    }

    /// <summary>The state as plain arrays for the snapshot store (see <see cref="AuditTrailSnapshot"/>).</summary>
    public AuditTrailSnapshot ToSnapshot() => new([.. Entries], NextNumber);

    public static AuditTrailState FromSnapshot(AuditTrailSnapshot snapshot) => new()
    {
        Entries = [.. snapshot.Entries],
        NextNumber = snapshot.NextNumber,
    };

    /// <summary>Logs print counts, not the trail.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Entries = {Entries.Count}, NextNumber = {NextNumber}");
        return true;
    }
}

/// <summary>What the audit trail saves in its snapshot store: arrays, which the journal's JSON rebuilds as they were.</summary>
public sealed record AuditTrailSnapshot(AuditEntry[] Entries, long NextNumber) : Journal.IJournaled;

using System.Collections.Immutable;
using ActorSync.Domain.Journal;
using static ActorSync.Domain.Connectors.Inbox.InboxEvents;

namespace ActorSync.Domain.Connectors.Inbox;

public enum InboxEntryStatus { Pending, Done, Parked }

/// <summary>
/// One record in an inbox. <see cref="Payload"/> is held while the entry is pending or parked and dropped once done;
/// <see cref="Sequence"/> keeps the order entries arrived in.
/// </summary>
public sealed record InboxEntry
{
    public string Key { get; init; } = "";
    public long Sequence { get; init; }
    public string Kind { get; init; } = "";
    public string Payload { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public InboxEntryStatus Status { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? Outcome { get; init; }
}

/// <summary>
/// A durable inbox of one source (<c>bigcommerce-&lt;storehash&gt;</c>, later the WMS webhook and Sitoo's SPI): every
/// entry it still remembers by key. Pending entries are the work owed; finished entries stay for
/// <see cref="DoneRetention"/> so a late duplicate (BigCommerce retries for 48 h) is recognised, parked ones for
/// <see cref="ParkedRetention"/> so an operator can requeue them. Pruning happens as events are applied, on the
/// event's own time, so replay gives the same state. Immutable; rebuilt from events.
/// </summary>
public sealed record InboxState
{
    /// <summary>Longer than BigCommerce's 48 h retry horizon.</summary>
    public static readonly TimeSpan DoneRetention = TimeSpan.FromHours(72);

    public static readonly TimeSpan ParkedRetention = TimeSpan.FromDays(30);

    public string Source { get; init; } = "";

    public ImmutableDictionary<string, InboxEntry> Entries { get; init; } = ImmutableDictionary<string, InboxEntry>.Empty;

    public long NextSequence { get; init; } = 1;

    public long AcceptedCount { get; init; }
    public long DoneCount { get; init; }
    public long ParkedCount { get; init; }

    public static InboxState Empty(string source) => new() { Source = source };

    public InboxEntry? Find(string key) => Entries.GetValueOrDefault(key);

    /// <summary>The work owed, oldest first: after a restart these are replayed to the processor.</summary>
    public ImmutableList<InboxEntry> Unfinished() =>
        Entries.Values.Where(e => e.Status == InboxEntryStatus.Pending).OrderBy(e => e.Sequence).ToImmutableList();

    public InboxState ProcessEvent(IInboxEvent evt) => evt switch
    {
        EntryAccepted a when !Entries.ContainsKey(a.Key) => Prune(a.At) with
        {
            Entries = Prune(a.At).Entries.Add(a.Key, new InboxEntry
            {
                Key = a.Key, Sequence = NextSequence, Kind = a.Kind, Payload = a.Payload, ReceivedAt = a.At, Status = InboxEntryStatus.Pending,
            }),
            NextSequence = NextSequence + 1,
            AcceptedCount = AcceptedCount + 1,
        },
        EntryDone d when Find(d.Key) is { Status: InboxEntryStatus.Pending } e => this with
        {
            Entries = Entries.SetItem(d.Key, e with { Status = InboxEntryStatus.Done, Payload = "", FinishedAt = d.At, Outcome = d.Outcome }),
            DoneCount = DoneCount + 1,
        },
        EntryParked p when Find(p.Key) is { Status: InboxEntryStatus.Pending } e => this with
        {
            Entries = Entries.SetItem(p.Key, e with { Status = InboxEntryStatus.Parked, FinishedAt = p.At, Outcome = p.Reason }),
            ParkedCount = ParkedCount + 1,
        },
        EntryRequeued r when Find(r.Key) is { Status: InboxEntryStatus.Parked } e => this with
        {
            Entries = Entries.SetItem(r.Key, e with { Status = InboxEntryStatus.Pending, FinishedAt = null, Outcome = null }),
            ParkedCount = ParkedCount - 1,
        },
        // An event that does not apply (a repeat) changes nothing.
        _ => this,
    };

    private InboxState Prune(DateTimeOffset now)
    {
        var stale = Entries.Values.Where(e => e.FinishedAt is { } at &&
            at < now - (e.Status == InboxEntryStatus.Done ? DoneRetention : ParkedRetention)).Select(e => e.Key).ToList();
        return stale.Count == 0 ? this : this with { Entries = Entries.RemoveRange(stale) };
    }

    /// <summary>Plain arrays for the snapshot store (the journal's JSON does not rebuild immutable dictionaries).</summary>
    public InboxSnapshot ToSnapshot() => new(Source, Entries.Values.OrderBy(e => e.Sequence).ToArray(), NextSequence, AcceptedCount, DoneCount, ParkedCount);

    public static InboxState FromSnapshot(InboxSnapshot snapshot) => new()
    {
        Source = snapshot.Source,
        Entries = snapshot.Entries.ToImmutableDictionary(e => e.Key, StringComparer.Ordinal),
        NextSequence = snapshot.NextSequence,
        AcceptedCount = snapshot.AcceptedCount,
        DoneCount = snapshot.DoneCount,
        ParkedCount = snapshot.ParkedCount,
    };
}

/// <summary>What an inbox saves in the snapshot store.</summary>
public sealed record InboxSnapshot(string Source, InboxEntry[] Entries, long NextSequence, long AcceptedCount, long DoneCount, long ParkedCount) : IJournaled;

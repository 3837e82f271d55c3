using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.Sitoo;

/// <summary>What a poll does with a row it read.</summary>
public enum PollVerdict
{
    /// <summary>File it in the inbox.</summary>
    File,
    /// <summary>File it, and read it again on later polls until it settles (an order not final yet).</summary>
    FileAndWatch,
    /// <summary>Not the connector's to book (another warehouse, a type another flow books).</summary>
    Skip,
}

/// <summary>A row of a Sitoo list (an order or a warehouse transaction): its id and what the poll does with it.</summary>
public sealed record PolledRow(long Id, PollVerdict Verdict);

/// <summary>
/// A Sitoo poll's journal (orders by <c>orderidfrom</c>, warehouse transactions by <c>warehousetransactionidfrom</c>):
/// where it reads from next, and for orders the ids still watched. Sitoo has no modified-date filter, so an id cursor
/// is the only cursor there is.
/// </summary>
public static class SitooPollEvents
{
    public interface ISitooPollEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>The first poll: it reads from <paramref name="From"/> (the configured start, or just after the newest id then).</summary>
    public sealed record PollStarted(long From, DateTimeOffset At) : ISitooPollEvent;

    /// <summary>
    /// A page was read and its rows filed in the inbox; the next read starts at <paramref name="From"/>.
    /// <paramref name="Watch"/> are orders filed but not final (held): they are read again on later polls.
    /// </summary>
    public sealed record PageFiled(long From, int Filed, int Skipped, ImmutableList<long> Watch, DateTimeOffset At) : ISitooPollEvent;

    /// <summary>Watched orders that need no more reading: filed once final (or gone), or given up after the watch period.</summary>
    public sealed record WatchSettled(ImmutableList<long> Settled, ImmutableList<long> Expired, DateTimeOffset At) : ISitooPollEvent;
}

/// <summary>The next read: ids from <paramref name="From"/> (inclusive), sorted by id, <paramref name="Num"/> of them, <c>start=0</c>.</summary>
public sealed record IdPageRequest(long From, int Num);

/// <summary>What a page comes to: the rows to file, the event to journal once they are filed, and whether to read on.</summary>
public sealed record IdPageDecision(ImmutableList<long> ToFile, SitooPollEvents.PageFiled? Advance, bool More);

/// <summary>What a re-read of watched orders comes to: the ones to file now, and the event to journal once they are filed.</summary>
public sealed record RecheckDecision(ImmutableList<long> ToFile, SitooPollEvents.WatchSettled? Settle);

public sealed record SitooPollState
{
    public static readonly SitooPollState Empty = new();

    /// <summary>Null until the first poll started.</summary>
    public long? From { get; init; }

    public long Filed { get; init; }

    public long Skipped { get; init; }

    /// <summary>Orders filed while not final, by id, with when they were first seen.</summary>
    public ImmutableSortedDictionary<long, DateTimeOffset> Watched { get; init; } = ImmutableSortedDictionary<long, DateTimeOffset>.Empty;

    public DateTimeOffset? LastAdvancedAt { get; init; }

    public SitooPollState ProcessEvent(SitooPollEvents.ISitooPollEvent evt) => evt switch
    {
        SitooPollEvents.PollStarted s when From is null => this with { From = s.From },
        SitooPollEvents.PageFiled p => this with
        {
            From = Math.Max(p.From, From ?? p.From),
            Filed = Filed + p.Filed,
            Skipped = Skipped + p.Skipped,
            Watched = p.Watch.Aggregate(Watched, (w, id) => w.ContainsKey(id) ? w : w.Add(id, p.At)),
            LastAdvancedAt = p.At,
        },
        SitooPollEvents.WatchSettled s => this with { Watched = Watched.RemoveRange(s.Settled).RemoveRange(s.Expired) },
        _ => this,
    };
}

/// <summary>
/// The rules of a Sitoo id-cursor poll, without actors. It reads <c>…from={cursor}&amp;sort=id&amp;start=0&amp;num=N</c>;
/// <c>totalcount</c> says whether more remain after the page. The cursor moves past the highest id read, only once
/// the page's rows are in the inbox, so a crash reads the page again (the inbox's keys make that a duplicate).
/// Orders that are not final when read are watched: each poll reads them again (by id) and files them once they have
/// changed, for at most the watch period. An order that becomes paid later is therefore never passed over, even if
/// its SPI <c>update</c> event never arrives.
/// </summary>
public static class SitooPollDecisions
{
    /// <summary>The first poll starts at <paramref name="configuredStart"/>, else just after the newest id there is (only what comes from now on).</summary>
    public static SitooPollEvents.PollStarted? Start(this SitooPollState state, DateTimeOffset now, long? configuredStart, long? newestId) =>
        state.From is not null ? null : new SitooPollEvents.PollStarted(configuredStart ?? (newestId ?? 0) + 1, now);

    public static IdPageRequest NextRequest(this SitooPollState state, int num) =>
        new(state.From ?? throw new InvalidOperationException("The poll has not started."), num);

    public static IdPageDecision AfterPage(this SitooPollState state, IdPageRequest request, IReadOnlyList<PolledRow> rows, int totalCount, DateTimeOffset now)
    {
        // Ids below the cursor cannot be asked for; a row that shows one anyway is not moved past again.
        var read = rows.Where(r => r.Id >= request.From).ToList();
        if (read.Count == 0) return new IdPageDecision([], null, false);
        var toFile = read.Where(r => r.Verdict != PollVerdict.Skip).Select(r => r.Id).ToImmutableList();
        var watch = read.Where(r => r.Verdict == PollVerdict.FileAndWatch).Select(r => r.Id).ToImmutableList();
        var advance = new SitooPollEvents.PageFiled(read.Max(r => r.Id) + 1, toFile.Count, read.Count - toFile.Count, watch, now);
        return new IdPageDecision(toFile, advance, totalCount > rows.Count);
    }

    /// <summary>The watched orders to read again now, lowest id first, at most <paramref name="max"/>.</summary>
    public static ImmutableList<long> RecheckIds(this SitooPollState state, int max) => state.Watched.Keys.Take(max).ToImmutableList();

    /// <summary>
    /// After reading <paramref name="asked"/> again: those no longer held are filed and settled, those Sitoo no longer
    /// returns are settled, those still held past <paramref name="watchFor"/> expire (the order stays in Sitoo; the
    /// SPI or an operator can still bring it), the rest stay watched.
    /// </summary>
    public static RecheckDecision AfterRecheck(this SitooPollState state, IReadOnlyList<long> asked, IReadOnlyList<PolledRow> rows, DateTimeOffset now, TimeSpan watchFor)
    {
        var byId = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var toFile = ImmutableList.CreateBuilder<long>();
        var settled = ImmutableList.CreateBuilder<long>();
        var expired = ImmutableList.CreateBuilder<long>();
        foreach (var id in asked.Where(state.Watched.ContainsKey))
        {
            if (!byId.TryGetValue(id, out var row))
                settled.Add(id);
            else if (row.Verdict != PollVerdict.FileAndWatch)
            {
                if (row.Verdict == PollVerdict.File) toFile.Add(id);
                settled.Add(id);
            }
            else if (now - state.Watched[id] > watchFor)
                expired.Add(id);
        }
        return settled.Count + expired.Count == 0
            ? new RecheckDecision(toFile.ToImmutable(), null)
            : new RecheckDecision(toFile.ToImmutable(), new SitooPollEvents.WatchSettled(settled.ToImmutable(), expired.ToImmutable(), now));
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;

namespace ActorSync.Domain.Posting;

/// <summary>Where a job stands. Journaled by number in older releases, by name now: never reorder or renumber.</summary>
public enum JobStatus { Pending, Done, Parked }

/// <summary>
/// Where one job's attempts with SAP stand, whichever flow owns it: done with the keys SAP gave, waiting out locks,
/// parked for an operator, or carrying the batches and serials picked for it. The transitions are the same for every
/// flow; each flow's job record keeps these values in its own journaled fields.
/// </summary>
public readonly record struct JobAttempt(
    JobStatus Status,
    int? DocEntry,
    int? DocNum,
    int LockAttempts,
    DateTimeOffset? FirstLockAt,
    ExceptionDetails? Exception,
    ImmutableList<LinePick>? Picks,
    int PickRejections)
{
    public JobAttempt Completed(int? docEntry, int? docNum) => this with { Status = JobStatus.Done, DocEntry = docEntry, DocNum = docNum, Exception = null };

    /// <summary>Locks waited out so far; the first lock's time bounds how long the job keeps trying.</summary>
    public JobAttempt Deferred(int lockAttempts, DateTimeOffset at) => this with { LockAttempts = lockAttempts, FirstLockAt = FirstLockAt ?? at };

    public JobAttempt Parked(ExceptionDetails exception) => this with { Status = JobStatus.Parked, Exception = exception };

    /// <summary>A retry after a fix starts afresh: locks are counted again, and stock is read and picked again.</summary>
    public JobAttempt Released() =>
        this with { Status = JobStatus.Pending, Exception = null, LockAttempts = 0, FirstLockAt = null, Picks = null, PickRejections = 0 };

    public JobAttempt Picked(ImmutableList<LinePick> picks) => this with { Picks = picks };

    /// <summary>SAP refused the picks: they are dropped, to be made again from fresh stock (a bounded number of times).</summary>
    public JobAttempt PickRefused() => this with { Picks = null, PickRejections = PickRejections + 1 };
}

/// <summary>
/// A flow's job record (the order flow's <c>SapJob</c>, the POS and warehouse flows' <see cref="PostingJob"/>): a key
/// and an attempt. Implemented explicitly, so nothing is added to what the records journal.
/// </summary>
public interface IAttemptedJob<TSelf> where TSelf : IAttemptedJob<TSelf>
{
    string Key { get; }
    JobAttempt Attempt { get; }
    TSelf With(JobAttempt attempt);
}

/// <summary>The attempt transitions over a flow's list of jobs, by key (an unknown key leaves the list as it is).</summary>
public static class JobAttempts
{
    public static ImmutableList<TJob> Complete<TJob>(this ImmutableList<TJob> jobs, string key, int? docEntry, int? docNum) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.Completed(docEntry, docNum));

    public static ImmutableList<TJob> Defer<TJob>(this ImmutableList<TJob> jobs, string key, int lockAttempts, DateTimeOffset at) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.Deferred(lockAttempts, at));

    public static ImmutableList<TJob> Park<TJob>(this ImmutableList<TJob> jobs, string key, ExceptionDetails exception) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.Parked(exception));

    public static ImmutableList<TJob> Release<TJob>(this ImmutableList<TJob> jobs, string key) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.Released());

    public static ImmutableList<TJob> Picked<TJob>(this ImmutableList<TJob> jobs, string key, ImmutableList<LinePick> picks) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.Picked(picks));

    public static ImmutableList<TJob> PickRefused<TJob>(this ImmutableList<TJob> jobs, string key) where TJob : IAttemptedJob<TJob> =>
        jobs.Update(key, a => a.PickRefused());

    private static ImmutableList<TJob> Update<TJob>(this ImmutableList<TJob> jobs, string key, Func<JobAttempt, JobAttempt> change) where TJob : IAttemptedJob<TJob>
    {
        var index = jobs.FindIndex(j => j.Key == key);
        return index < 0 ? jobs : jobs.SetItem(index, jobs[index].With(change(jobs[index].Attempt)));
    }
}

/// <summary>What one SAP answer (or look-up, or stock pick) means for the job it was about; each flow journals it as its own events.</summary>
public abstract record JobVerdict
{
    private JobVerdict() { }

    /// <summary>The document is in SAP (created now, or found by its key).</summary>
    public sealed record Completed(int? DocEntry, int? DocNum, bool FoundByLookup) : JobVerdict;

    /// <summary>Records were locked: wait <see cref="Delay"/> and post again.</summary>
    public sealed record Deferred(string Reason, int LockAttempts, TimeSpan Delay) : JobVerdict;

    /// <summary>SAP refused it, or locks outlasted the retries, or SAP's stock cannot cover it: park it for an operator.</summary>
    public sealed record Parked(ExceptionDetails Exception) : JobVerdict;

    /// <summary>The batches and serials the job takes out were chosen from SAP's stock: journal them and post.</summary>
    public sealed record Picked(ImmutableList<LinePick> Picks) : JobVerdict;

    /// <summary>SAP refused the batches or serials picked (another document took them first): read and pick again.</summary>
    public sealed record PickAgain(string Reason) : JobVerdict;

    /// <summary>Nothing to journal; do <see cref="Next"/>.</summary>
    public sealed record Continue(NextStep Next) : JobVerdict;
}

/// <summary>A flow's events for what happened to one of its jobs, and whether another job can go after one.</summary>
public interface IJobEvents<TEvent>
{
    TEvent Completed(string key, JobVerdict.Completed done);
    TEvent Deferred(string key, JobVerdict.Deferred deferred);
    TEvent Parked(string key, ExceptionDetails exception);
    TEvent Picked(string key, ImmutableList<LinePick> picks);
    TEvent PickRefused(string key, string reason);

    /// <summary>Whether, once <paramref name="evt"/> is applied, the flow has a job to send.</summary>
    bool AnotherJobCanGo(TEvent evt);
}

/// <summary>What a verdict on a job journals and what the entity does next; each flow wraps it in its own decision.</summary>
public sealed record JobDecision<TEvent>(ImmutableList<TEvent> Events, NextStep Next)
{
    public static readonly JobDecision<TEvent> Nothing = new([], NextStep.None);
}

public static class JobVerdicts
{
    /// <summary>
    /// The events a verdict on job <paramref name="key"/> journals and what comes next, the same for every flow: a
    /// lock waits and posts again, picks (new or refused) post at once, and after a job is done or parked the next job
    /// that does not need it goes.
    /// </summary>
    public static JobDecision<TEvent> Decide<TEvent>(this JobVerdict verdict, string key, IJobEvents<TEvent> events)
    {
        switch (verdict)
        {
            case JobVerdict.Continue go:
                return new([], go.Next);
            case JobVerdict.Deferred deferred:
                return new([events.Deferred(key, deferred)], new NextStep.Wait(deferred.Delay, NextStep.PostNow));
            case JobVerdict.Picked picked:
                return new([events.Picked(key, picked.Picks)], NextStep.PostNow);
            case JobVerdict.PickAgain again:
                return new([events.PickRefused(key, again.Reason)], NextStep.PostNow);
            case JobVerdict.Completed done:
                return Settled(events.Completed(key, done));
            case JobVerdict.Parked parked:
                return Settled(events.Parked(key, parked.Exception));
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict.");
        }

        JobDecision<TEvent> Settled(TEvent evt) => new([evt], events.AnotherJobCanGo(evt) ? NextStep.PostNow : NextStep.None);
    }
}

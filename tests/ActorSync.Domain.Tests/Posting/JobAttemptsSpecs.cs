using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Tests.Posting;

/// <summary>The attempt state and transitions every flow's jobs share (the order flow's SapJob, the POS and warehouse flows' PostingJob).</summary>
public class JobAttemptsSpecs
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly ImmutableList<LinePick> Picks = [new LinePick(0, [new SapBatchNumber("B1", 1)], null)];

    private static ImmutableList<TJob> Attempted<TJob>(ImmutableList<TJob> jobs, string key) where TJob : IAttemptedJob<TJob> =>
        jobs.Defer(key, 1, T0).Defer(key, 2, T0.AddSeconds(5)).Picked(key, Picks).PickRefused(key).Park(key, ExceptionTypes.SapRejected("-10", "no"));

    private static ImmutableList<SapJob> Deliveries => [new SapJob(SapJob.DeliveryKey("S1"), JobKind.Delivery, "S1"), new SapJob(SapJob.InvoiceKey("S1"), JobKind.Invoice, "S1")];

    private static ImmutableList<PostingJob> Documents =>
        [new PostingJob("SITOO-1", SapEntitySets.Invoices, """{"NumAtCard":"SITOO-1"}""", new LookUpKey(SapEntitySets.Invoices, "NumAtCard", "SITOO-1"), [])];

    [Fact]
    public void A_job_of_either_model_goes_through_the_same_attempts_and_keeps_what_is_its_own()
    {
        var order = Attempted(Deliveries, SapJob.DeliveryKey("S1"));
        var pos = Attempted(Documents, "SITOO-1");

        foreach (var (status, lockAttempts, firstLockAt, picks, rejections, exception) in new[]
                 {
                     (order[0].Status, order[0].LockAttempts, order[0].FirstLockAt, order[0].Picks, order[0].PickRejections, order[0].Exception),
                     (pos[0].Status, pos[0].LockAttempts, pos[0].FirstLockAt, pos[0].Picks, pos[0].PickRejections, pos[0].Exception),
                 })
        {
            Assert.Equal((JobStatus.Parked, 2, T0, null, 1), (status, lockAttempts, firstLockAt, picks, rejections));
            Assert.Equal("sap-rejected", exception!.Type);
        }
        Assert.Equal((JobKind.Delivery, "S1"), (order[0].Kind, order[0].Reference));
        Assert.Equal(Documents[0].Body, pos[0].Body);
        Assert.Equal(Deliveries[1], order[1]);
    }

    [Fact]
    public void A_released_job_starts_afresh_and_a_completed_one_keeps_only_what_sap_gave()
    {
        var released = Attempted(Deliveries, SapJob.DeliveryKey("S1")).Release(SapJob.DeliveryKey("S1"))[0];
        var completed = Attempted(Documents, "SITOO-1").Complete("SITOO-1", 41, 7)[0];

        Assert.Equal(Deliveries[0], released);
        Assert.Equal((JobStatus.Done, 41, 7, null), (completed.Status, completed.DocEntry, completed.DocNum, completed.Exception));
    }

    [Fact]
    public void A_transition_for_a_key_no_job_has_leaves_the_jobs_as_they_are()
    {
        var jobs = Deliveries;

        Assert.Same(jobs, jobs.Park("credit:R9", ExceptionTypes.SapRejected("-10", "no")));
    }

    [Fact]
    public void The_shared_attempt_adds_nothing_to_what_a_job_journals_or_how_it_serializes()
    {
        var names = (object job) => JsonSerializer.SerializeToNode(job, job.GetType())!.AsObject().Select(p => p.Key).Order().ToList();

        Assert.Equal(["DocEntry", "DocNum", "Exception", "FirstLockAt", "Key", "Kind", "LockAttempts", "PickRejections", "Picks", "Reference", "Status"], names(Deliveries[0]));
        Assert.Equal(["Body", "DocEntry", "DocNum", "EntitySet", "Exception", "FirstLockAt", "Key", "LockAttempts", "LookUp", "PickRejections", "Picks", "References", "Status"],
            names(Documents[0]));
        Assert.Equal("""{"Key":"invoice:S1","Kind":"Invoice","Reference":"S1"}""", JsonSerializer.Serialize(Deliveries[1], JournalCodec.Json));
    }
}

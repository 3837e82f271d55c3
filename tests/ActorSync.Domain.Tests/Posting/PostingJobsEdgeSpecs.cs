using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Tests.Posting;

/// <summary>
/// <see cref="PostingJobs"/> at its edges: plans whose references point outside them, values taken from a job's DocNum,
/// and the answers that say whether a document was found again (never posted twice) or made by this send.
/// </summary>
public class PostingJobsEdgeSpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static SapPosting Invoice(string numAtCard) =>
        new(SapEntitySets.Invoices, new SapDocument("POSGUEST", numAtCard, "2030-01-15", "2030-01-15", [new SapDocumentLine("ITM00001", 1, 19.99m, "02")]), numAtCard);

    private static SapPosting Payment(string key, string remarks, params PostingReference[] references) =>
        new(SapFlowEntitySets.IncomingPayments,
            new SapPayment("rCustomer", "POSGUEST", "2030-01-15", [new SapPaymentInvoice(null, 23.99m, "it_Invoice")], CashAccount: "100000", CashSum: 23.99m, Remarks: remarks),
            key, [.. references]);

    private static PostingJob Job(string key) => PostingJobs.FromPosting(Invoice(key)).Job!;

    /// <summary>Journals the verdicts as words, to see what was decided.</summary>
    private sealed class Words : IJobEvents<string>
    {
        public string Completed(string key, JobVerdict.Completed done) => $"{key} completed {done.DocEntry} found={done.FoundByLookup}";
        public string Deferred(string key, JobVerdict.Deferred deferred) => $"{key} deferred";
        public string Parked(string key, ExceptionDetails exception) => $"{key} parked";
        public string Picked(string key, ImmutableList<LinePick> picks) => $"{key} picked";
        public string PickRefused(string key, string reason) => $"{key} pick refused";
        public bool AnotherJobCanGo(string evt) => false;
    }

    [Fact]
    public void A_posting_may_take_a_value_from_any_posting_of_the_plan_but_not_from_one_before_its_start_or_past_its_end()
    {
        var invoices = new[] { Invoice("SITOO-1"), Invoice("SITOO-2") };

        var (fromSecond, none) = PostingJobs.FromPlan([.. invoices, Payment("P1", "pay 2", new PostingReference("PaymentInvoices/0/DocEntry", 1))]);
        var (_, before) = PostingJobs.FromPlan([.. invoices, Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", -1))]);
        var (_, past) = PostingJobs.FromPlan([.. invoices, Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", 3))]);

        Assert.Null(none);
        Assert.Equal(new JobReference("PaymentInvoices/0/DocEntry", "SITOO-2"), Assert.Single(fromSecond![2].References));
        Assert.Equal("Posting P1 takes PaymentInvoices/0/DocEntry from posting -1, which is not part of the plan.", before);
        Assert.Equal("Posting P1 takes PaymentInvoices/0/DocEntry from posting 3, which is not part of the plan.", past);
    }

    [Fact]
    public void Two_postings_with_one_key_are_refused_as_a_plan()
    {
        var (jobs, problem) = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("SITOO-1", "pay")]);

        Assert.Null(jobs);
        Assert.Equal("Two postings of the plan share one key.", problem);
    }

    [Fact]
    public void A_value_taken_from_a_job_s_DocNum_is_the_number_SAP_gave_that_job_not_its_DocEntry()
    {
        var jobs = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", 0, "DocNum"))]).Jobs!
            .Complete("SITOO-1", 40, 7040);

        var body = JsonNode.Parse((string)jobs.Work(jobs.Next()!).Body!)!;

        Assert.Equal(7040, body["PaymentInvoices"]![0]!["DocEntry"]!.GetValue<int>());
    }

    [Fact]
    public void A_job_whose_source_has_no_number_yet_or_whose_target_is_not_in_its_body_is_not_sent()
    {
        var plan = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", 0))]).Jobs!;
        var wrongPath = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "pay", new PostingReference("Invoices/0/DocEntry", 0))]).Jobs!
            .Complete("SITOO-1", 40, 40);

        var noNumber = Assert.Throws<InvalidOperationException>(() => plan.Work(plan[1]));
        var noTarget = Assert.Throws<InvalidOperationException>(() => wrongPath.Work(wrongPath[1]));

        Assert.Equal("Job P1 needs DocEntry of SITOO-1, which SAP has not given yet.", noNumber.Message);
        Assert.Equal("The body has nothing at 'Invoices' (setting Invoices/0/DocEntry).", noTarget.Message);
    }

    [Fact]
    public void A_document_SAP_made_for_this_send_or_an_action_it_took_is_done_not_found_and_an_action_already_done_is_found_done()
    {
        var job = Job("SITOO-1");

        var created = Assert.IsType<JobVerdict.Completed>(PostingJobs.Judge(job, new PostOutcome.Created(40, 7040), Policy, Now, 0));
        var applied = Assert.IsType<JobVerdict.Completed>(PostingJobs.Judge(job, new PostOutcome.Applied(), Policy, Now, 0, RequestKind.Action));
        var already = Assert.IsType<JobVerdict.Completed>(PostingJobs.Judge(job,
            new PostOutcome.Rejected(RejectionKind.Validation, "-5002", "Document is already closed"), Policy, Now, 0, RequestKind.Action));

        Assert.Equal((40, 7040, false), (created.DocEntry, created.DocNum, created.FoundByLookup));
        Assert.Equal((null, null, false), (applied.DocEntry, applied.DocNum, applied.FoundByLookup));
        Assert.Equal((null, null, true), (already.DocEntry, already.DocNum, already.FoundByLookup));
    }

    [Fact]
    public void An_uncertain_answer_to_a_document_is_looked_up_first_and_to_an_action_simply_sent_again()
    {
        var job = Job("SITOO-1");
        var uncertain = new PostOutcome.Uncertain("timeout after 30 s");

        Assert.Equal(NextStep.LookUpNow, Assert.IsType<JobVerdict.Continue>(PostingJobs.Judge(job, uncertain, Policy, Now, 0)).Next);
        Assert.Equal(NextStep.PostNow, Assert.IsType<JobVerdict.Continue>(PostingJobs.Judge(job, uncertain, Policy, Now, 0, RequestKind.Action)).Next);
    }

    [Fact]
    public void A_look_up_answer_about_another_job_than_the_next_one_changes_nothing()
    {
        var next = Job("SITOO-2");

        var stale = next.Lookup("SITOO-1", new LookupOutcome.Found(40, 7040), new Words());
        var current = next.Lookup("SITOO-2", new LookupOutcome.Found(41, 7041), new Words());

        Assert.Same(JobDecision<string>.Nothing, stale);
        Assert.Equal(["SITOO-2 completed 41 found=True"], current.Events);
    }

    [Fact]
    public void A_job_taking_a_value_from_a_job_it_cannot_see_or_a_field_jobs_do_not_keep_is_not_sent()
    {
        var plan = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", 0, "DocTotal"))]).Jobs!
            .Complete("SITOO-1", 40, 7040);
        var alone = ImmutableList.Create(PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "pay", new PostingReference("PaymentInvoices/0/DocEntry", 0))]).Jobs![1]);

        var field = Assert.Throws<InvalidOperationException>(() => plan.Work(plan[1]));
        var unknown = Assert.Throws<InvalidOperationException>(() => alone.Work(alone[0]));

        Assert.Equal("Job P1 takes DocTotal, which jobs do not keep.", field.Message);
        Assert.Equal("Job P1 refers to unknown job SITOO-1.", unknown.Message);
    }
}

using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;

namespace ActorSync.Domain.Posting;

/// <summary>
/// Where a posted document is found again after an uncertain answer: <c>GET {EntitySet}?$filter={Field} eq '{Value}'</c>.
/// Marketing documents carry the key in <c>NumAtCard</c>; payments and stock transfers have no NumAtCard in SAP's
/// metadata, so they are found by another real, filterable text field the plan fills deterministically
/// (see <see cref="PostingJobs.LookUpFieldFor"/>).
/// </summary>
public sealed record LookUpKey(string EntitySet, string Field, string Value);

/// <summary>A field of a job's body (a path such as <c>PaymentInvoices/0/DocEntry</c>) that takes a value from an earlier job once SAP has answered it.</summary>
public sealed record JobReference(string TargetField, string FromJob, string SourceField = "DocEntry");

/// <summary>
/// One document a record owes SAP, as journaled: the exact JSON body (without the values it takes from earlier jobs),
/// how to find it again, which jobs it waits for, and where it stands. <see cref="Key"/> is the plan's idempotency key
/// (<c>SITOO-90001</c>, <c>SITOO-90001/161010</c>, a warehouse group's Ref2 hash) and the gateway's correlation id.
/// <see cref="Picks"/> are the batches and serials chosen for rows that take stock out (<see cref="PostingJobPicking"/>).
/// </summary>
public sealed record PostingJob(
    string Key,
    string EntitySet,
    string Body,
    LookUpKey LookUp,
    ImmutableList<JobReference> References,
    JobStatus Status = JobStatus.Pending,
    int? DocEntry = null,
    int? DocNum = null,
    int LockAttempts = 0,
    DateTimeOffset? FirstLockAt = null,
    ExceptionDetails? Exception = null,
    ImmutableList<LinePick>? Picks = null,
    int PickRejections = 0) : IAttemptedJob<PostingJob>
{
    JobAttempt IAttemptedJob<PostingJob>.Attempt => new(Status, DocEntry, DocNum, LockAttempts, FirstLockAt, Exception, Picks, PickRejections);

    PostingJob IAttemptedJob<PostingJob>.With(JobAttempt a) => this with
    {
        Status = a.Status, DocEntry = a.DocEntry, DocNum = a.DocNum, LockAttempts = a.LockAttempts, FirstLockAt = a.FirstLockAt,
        Exception = a.Exception, Picks = a.Picks, PickRejections = a.PickRejections,
    };
}

/// <summary>
/// The job machinery the POS and warehouse flows share, as pure functions over a list of <see cref="PostingJob"/>s.
/// A job runs once every job it takes a value from is done, so a payment waits for its invoice while independent
/// documents (one per warehouse) never wait for each other; a parked job holds back only the jobs that need it.
/// The rules for SAP's answers (<see cref="Judge(JobAttempt, PostOutcome, LockRetryPolicy, DateTimeOffset, double, RequestKind)"/>)
/// are every flow's, the order flow's sales order and jobs included: locks back off then park, rejections park,
/// anything uncertain is looked up by the job's key before it is ever posted again.
/// </summary>
public static class PostingJobs
{
    /// <summary>How long to wait before trying again when SAP is busy or down and gave no hint.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>As the Service Layer client writes bodies: nulls left out (SAP applies its defaults), enums by name.</summary>
    public static readonly JsonSerializerOptions BodyJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The field a document set is found by. <c>NumAtCard</c> where SAP's <c>Document</c> type has it (and the
    /// emulator filters it); <c>Remarks</c> on payments (<c>Payment</c> has no NumAtCard); <c>Comments</c> on goods
    /// receipts, issues and stock transfers (<c>StockTransfer</c> has no NumAtCard, and the Ref2 the warehouse plan
    /// also writes is not filterable in the emulator). The plan writes each of these deterministically and uniquely.
    /// </summary>
    public static string LookUpFieldFor(string entitySet) => entitySet switch
    {
        SapFlowEntitySets.IncomingPayments or SapFlowEntitySets.VendorPayments => "Remarks",
        SapFlowEntitySets.InventoryGenEntries or SapFlowEntitySets.InventoryGenExits or SapFlowEntitySets.StockTransfers => "Comments",
        _ => "NumAtCard",
    };

    /// <summary>How a document of <paramref name="entitySet"/> whose key is <paramref name="value"/> is found again.</summary>
    public static LookUpKey KeyFor(string entitySet, string value) => new(entitySet, LookUpFieldFor(entitySet), value);

    /// <summary>
    /// The plan's postings as jobs, keeping only those <paramref name="include"/> accepts. Null with the reason when the
    /// postings cannot be run safely: a kept posting takes a value from a left-out one, a body lacks its look-up field,
    /// or two postings could not be told apart in SAP (same key or same look-up value).
    /// </summary>
    public static (ImmutableList<PostingJob>? Jobs, string? Problem) FromPlan(IReadOnlyList<SapPosting> postings, Func<SapPosting, bool>? include = null)
    {
        include ??= _ => true;
        var jobs = ImmutableList.CreateBuilder<PostingJob>();
        foreach (var posting in postings.Where(include))
        {
            var references = ImmutableList.CreateBuilder<JobReference>();
            foreach (var r in posting.References)
            {
                if (r.FromPosting < 0 || r.FromPosting >= postings.Count || !include(postings[r.FromPosting]))
                    return (null, $"Posting {posting.Key} takes {r.TargetField} from posting {r.FromPosting}, which is not part of the plan.");
                references.Add(new JobReference(r.TargetField, postings[r.FromPosting].Key, r.SourceField));
            }
            var (job, problem) = FromPosting(posting);
            if (job is null) return (null, problem);
            jobs.Add(job with { References = references.ToImmutable() });
        }
        var result = jobs.ToImmutable();
        if (result.Select(j => j.Key).Distinct().Count() != result.Count)
            return (null, "Two postings of the plan share one key.");
        if (result.Select(j => (j.LookUp.EntitySet, j.LookUp.Value)).Distinct().Count() != result.Count)
            return (null, "Two postings of the plan share one look-up value; after an uncertain answer they could not be told apart in SAP.");
        return (result, null);
    }

    /// <summary>One posting as a job with no references: its body as the JSON SAP will get, and its look-up key read from that body.</summary>
    public static (PostingJob? Job, string? Problem) FromPosting(SapPosting posting)
    {
        var body = JsonSerializer.Serialize(posting.Body, posting.Body.GetType(), BodyJson);
        var field = LookUpFieldFor(posting.EntitySet);
        var value = JsonNode.Parse(body)?[field] is JsonValue text && text.TryGetValue<string>(out var v) ? v : null;
        if (string.IsNullOrEmpty(value))
            return (null, $"Posting {posting.Key} to {posting.EntitySet} has no {field}, so it could not be found again after an uncertain answer.");
        return (new PostingJob(posting.Key, posting.EntitySet, body, KeyFor(posting.EntitySet, value), []), null);
    }

    /// <summary>The next job to send: the first pending one whose references are all done; null when none can run.</summary>
    public static PostingJob? Next(this ImmutableList<PostingJob> jobs) =>
        jobs.FirstOrDefault(j => j.Status == JobStatus.Pending && j.References.All(r => jobs.Any(s => s.Key == r.FromJob && s.Status == JobStatus.Done)));

    public static bool AllDone(this ImmutableList<PostingJob> jobs) => !jobs.IsEmpty && jobs.All(j => j.Status == JobStatus.Done);

    public static PostingJob? Find(this ImmutableList<PostingJob> jobs, string key) => jobs.FirstOrDefault(j => j.Key == key);

    /// <summary>The request for <paramref name="job"/>: its body with the values it takes from earlier jobs filled in.</summary>
    public static WorkItem Work(this ImmutableList<PostingJob> jobs, PostingJob job)
    {
        var body = job.Body;
        if (!job.References.IsEmpty)
        {
            var node = JsonNode.Parse(body)!;
            foreach (var reference in job.References)
            {
                var source = jobs.Find(reference.FromJob) ?? throw new InvalidOperationException($"Job {job.Key} refers to unknown job {reference.FromJob}.");
                var value = reference.SourceField switch
                {
                    "DocEntry" => source.DocEntry,
                    "DocNum" => source.DocNum,
                    _ => throw new InvalidOperationException($"Job {job.Key} takes {reference.SourceField}, which jobs do not keep."),
                } ?? throw new InvalidOperationException($"Job {job.Key} needs {reference.SourceField} of {reference.FromJob}, which SAP has not given yet.");
                Set(node, reference.TargetField, value);
            }
            body = node.ToJsonString();
        }
        body = PostingJobPicking.WithPicks(job, body);
        return new WorkItem(job.Key, RequestKind.Document, job.EntitySet, body, job.LookUp);
    }

    /// <summary>What SAP's answer to a post of any flow's <paramref name="job"/> means.</summary>
    public static JobVerdict Judge<TJob>(TJob job, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter,
        RequestKind kind = RequestKind.Document) where TJob : IAttemptedJob<TJob> =>
        Judge(job.Attempt, outcome, policy, now, jitter, kind);

    /// <summary>
    /// What SAP's answer means for an attempt (the order flow's sales order, deliveries, invoices, credit notes and
    /// cancellations too): locks back off then park, picks SAP refused are made again a bounded number of times,
    /// other rejections park, anything uncertain is looked up before a document is ever posted again. An action
    /// (cancel, close) is its own proof: "already cancelled" means an earlier send did it, and it may simply go again.
    /// </summary>
    public static JobVerdict Judge(JobAttempt job, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter,
        RequestKind kind = RequestKind.Document)
    {
        switch (outcome)
        {
            case PostOutcome.Created created:
                return new JobVerdict.Completed(created.DocEntry, created.DocNum, false);
            case PostOutcome.Applied when kind == RequestKind.Action:
                return new JobVerdict.Completed(null, null, false);
            case PostOutcome.Applied:
                // An action's answer to a document post: SAP did something, but not what was asked. Find out.
                return new JobVerdict.Continue(NextStep.LookUpNow);
            case PostOutcome.Rejected rejected when kind == RequestKind.Action && rejected.Message.Contains("already", StringComparison.OrdinalIgnoreCase):
                return new JobVerdict.Completed(null, null, true);
            case PostOutcome.Rejected { Kind: RejectionKind.LockConflict } locked:
                var attempts = job.LockAttempts + 1;
                if (policy.IsExhausted(attempts, now - (job.FirstLockAt ?? now)))
                    return new JobVerdict.Parked(ExceptionTypes.LockTimeout(attempts, locked.Message));
                return new JobVerdict.Deferred(locked.Message, attempts, policy.DelayFor(attempts, jitter));
            case PostOutcome.Rejected { Kind: RejectionKind.Transient }:
                return new JobVerdict.Continue(new NextStep.Wait(DefaultRetryDelay, NextStep.PostNow));
            case PostOutcome.Rejected { Kind: RejectionKind.Validation } rejected when job.Picks is not null && job.PickRejections < PostingJobPicking.MaxPickRejections:
                return new JobVerdict.PickAgain(rejected.Message);
            case PostOutcome.Rejected rejected:
                return new JobVerdict.Parked(ExceptionTypes.ForSapRefusal(rejected.Code, rejected.Message));
            case PostOutcome.Uncertain:
                return new JobVerdict.Continue(kind == RequestKind.Action ? NextStep.PostNow : NextStep.LookUpNow);
            case PostOutcome.NotApplied notApplied:
                return new JobVerdict.Continue(new NextStep.Wait(notApplied.RetryAfter ?? DefaultRetryDelay, NextStep.PostNow));
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown post outcome.");
        }
    }

    /// <summary>What SAP's answer about job <paramref name="key"/> journals; an answer about another job than the next one changes nothing.</summary>
    public static JobDecision<TEvent> Outcome<TEvent>(this PostingJob? next, string key, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now,
        double jitter, IJobEvents<TEvent> events) =>
        next is { } job && job.Key == key ? Judge(job, outcome, policy, now, jitter).Decide(key, events) : JobDecision<TEvent>.Nothing;

    /// <summary>What a look-up of job <paramref name="key"/> journals; one about another job than the next one changes nothing.</summary>
    public static JobDecision<TEvent> Lookup<TEvent>(this PostingJob? next, string key, LookupOutcome outcome, IJobEvents<TEvent> events) =>
        next is { } job && job.Key == key ? Judge(outcome).Decide(key, events) : JobDecision<TEvent>.Nothing;

    /// <summary>
    /// What a look-up by the job's key means: found is done (never post twice), absent means post now. An action's
    /// look-up finds the document it acts on, which proves nothing about the action: it goes (again).
    /// </summary>
    public static JobVerdict Judge(LookupOutcome outcome, RequestKind kind = RequestKind.Document) => outcome switch
    {
        LookupOutcome.Found found when kind != RequestKind.Action => new JobVerdict.Completed(found.DocEntry, found.DocNum, true),
        LookupOutcome.Found or LookupOutcome.Absent => new JobVerdict.Continue(NextStep.PostNow),
        LookupOutcome.Failed => new JobVerdict.Continue(new NextStep.Wait(DefaultRetryDelay, NextStep.LookUpNow)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown look-up outcome."),
    };

    /// <summary>Sets <paramref name="path"/> (<c>PaymentInvoices/0/DocEntry</c>: property names and array indexes) in <paramref name="root"/>.</summary>
    private static void Set(JsonNode root, string path, int value)
    {
        var segments = path.Split('/');
        var node = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            node = (node is JsonArray array && int.TryParse(segments[i], out var index) ? array[index] : node[segments[i]])
                ?? throw new InvalidOperationException($"The body has nothing at '{string.Join('/', segments[..(i + 1)])}' (setting {path}).");
        }
        if (node is JsonArray target && int.TryParse(segments[^1], out var last)) target[last] = value;
        else node[segments[^1]] = value;
    }
}

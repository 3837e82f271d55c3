using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;

namespace ActorSync.Domain.Tests.ExceptionQueue;

/// <summary>
/// What the queue answers an operator (the CLI and the ops API print these replies as they are) and the time edges
/// of its rules: a report at the very instant of a success, a retry, a purge cut-off.
/// </summary>
public class ExceptionQueueReplySpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);
    private static string O(int minutes) => At(minutes).ToString("O");

    private static readonly ExceptionDetails Tax = ExceptionTypes.UnmappedTax("Order magento:100000451, line ITM00017: tax rate 19 % has no Mapping:VatGroups:19.");
    private static readonly ExceptionDetails Rejected = ExceptionTypes.SapRejected("-5002", "Quantity falls into negative inventory");

    private static RaiseException Raise(int minute, ExceptionDetails? details = null, string id = "magento:100000451") =>
        new(RecordKinds.Order, id, details ?? Tax, $"{{\"increment_id\":\"{id}\",\"minute\":{minute}}}", At(minute));

    private static (ExceptionQueueState State, ExceptionCommandResult Reply) Run(ExceptionQueueState state, object cmd, int minute = 0)
    {
        var decision = cmd switch
        {
            RaiseException c => state.ProcessCommand(c),
            RecordSucceeded c => state.ProcessCommand(c),
            RetryException c => state.ProcessCommand(c, At(minute)),
            ResolveException c => state.ProcessCommand(c, At(minute)),
            IgnoreException c => state.ProcessCommand(c, At(minute)),
            ReportRetryOutcome c => state.ProcessCommand(c, At(minute)),
            ExpireStaleRetries c => state.ProcessCommand(c, At(minute)),
            PurgeClosed c => state.ProcessCommand(c),
            _ => throw new ArgumentException(cmd.GetType().Name),
        };
        return (state.ProcessEvents(decision.Events), decision.Reply);
    }

    private static ExceptionQueueState Given(params object[] commands) =>
        commands.Aggregate(ExceptionQueueState.Empty, (s, c) => Run(s, c).State);

    private static RecordSucceeded Success(int minute, string id = "magento:100000451") => new(RecordKinds.Order, id, At(minute));

    [Fact]
    public void Each_answer_to_a_raise_says_what_became_of_it()
    {
        var (raised, first) = Run(ExceptionQueueState.Empty, Raise(0));
        var (_, repeated) = Run(raised, Raise(0));
        var (again, reRaised) = Run(raised, Raise(5));
        var resolved = Run(again, new ResolveException("ex-1", "fixed the VAT group"), 10).State;
        var (_, late) = Run(resolved, Raise(7));
        var (_, afterSuccess) = Run(Given(Success(20)), Raise(20));

        Assert.Equal(("ex-1", "ex-1 raised for order magento:100000451."), (first.ExceptionId, first.Message));
        Assert.Equal((ExceptionResultCode.NoOp, "ex-1 already has this failure (a repeated delivery)."), (repeated.Code, repeated.Message));
        Assert.Equal((ExceptionResultCode.Accepted, "ex-1 raised again."), (reRaised.Code, reRaised.Message));
        Assert.Equal((ExceptionResultCode.NoOp, $"ex-1 was resolved at {O(10)}, after this failure at {O(7)}: a late report, ignored."), (late.Code, late.Message));
        Assert.Equal((ExceptionResultCode.NoOp, "", $"order magento:100000451 succeeded at {O(20)}, after this failure at {O(20)}: a late report, ignored."),
            (afterSuccess.Code, afterSuccess.ExceptionId, afterSuccess.Message));
        Assert.Null(afterSuccess.Exception);
    }

    [Theory]
    [InlineData("", "magento:100000451", "unmapped-tax")]
    [InlineData("order", " ", "unmapped-tax")]
    [InlineData("order", "magento:100000451", "")]
    public void A_raise_without_kind_id_or_type_is_invalid_and_names_what_it_needs(string kind, string id, string type)
    {
        var reply = ExceptionQueueState.Empty.ProcessCommand(new RaiseException(kind, id, Tax with { Type = type }, "{}", At(0)));

        Assert.Equal((ExceptionResultCode.Invalid, "", "An exception needs a record kind, a record id and details with a type."), (reply.Reply.Code, reply.Reply.ExceptionId, reply.Reply.Message));
        Assert.Empty(reply.Events);
    }

    [Theory]
    [InlineData("", "magento:100000451")]
    [InlineData("order", "")]
    public void A_success_without_kind_or_id_is_invalid(string kind, string id)
    {
        var reply = ExceptionQueueState.Empty.ProcessCommand(new RecordSucceeded(kind, id, At(0))).Reply;

        Assert.Equal((ExceptionResultCode.Invalid, "", "A success needs a record kind and a record id."), (reply.Code, reply.ExceptionId, reply.Message));
    }

    [Fact]
    public void A_success_resolves_the_records_open_exceptions_in_their_order_and_says_which()
    {
        var state = Given(Raise(0), Raise(1, Rejected), Raise(2, id: "magento:100000452"));

        var (after, reply) = Run(state, Success(1));

        Assert.Equal((ExceptionResultCode.Accepted, "", "Resolved by retry: ex-1, ex-2."), (reply.Code, reply.ExceptionId, reply.Message));
        Assert.Null(reply.Exception);
        Assert.Equal([ExceptionStatus.Resolved, ExceptionStatus.Resolved, ExceptionStatus.Open], after.List(ExceptionFilter.All).Select(e => e.Status));
        Assert.Equal(ExceptionQueueDecisions.ResolvedByRetryNote, after.Find("ex-2")!.Note);
    }

    [Fact]
    public void A_success_leaves_closed_exceptions_as_they_were_and_one_with_nothing_open_is_only_noted()
    {
        var state = Given(Raise(0), Raise(1, Rejected));
        state = Run(state, new IgnoreException("ex-1", "credited by hand in SAP"), 2).State;

        var (after, reply) = Run(state, Success(3));
        var (_, nothingOpen) = Run(after, Success(4));
        var (_, again) = Run(after, Success(3));

        Assert.Equal("Resolved by retry: ex-2.", reply.Message);
        Assert.Equal((ExceptionStatus.Ignored, "credited by hand in SAP"), (after.Find("ex-1")!.Status, after.Find("ex-1")!.Note));
        Assert.Equal((ExceptionResultCode.Accepted, "Success noted."), (nothingOpen.Code, nothingOpen.Message));
        Assert.Equal((ExceptionResultCode.NoOp, "", $"order magento:100000451 already succeeded at {O(3)}."), (again.Code, again.ExceptionId, again.Message));
    }

    [Fact]
    public void Retries_are_numbered_and_each_reply_says_which()
    {
        var state = Given(Raise(0));

        var (retrying, first) = Run(state, new RetryException("ex-1"), 1);
        var failed = Run(retrying, new ReportRetryOutcome("ex-1", 1, false, "SAP answered -5002 again"), 2).State;
        var (_, second) = Run(failed, new RetryException("ex-1"), 3);
        var (_, late) = Run(failed, new ReportRetryOutcome("ex-1", 1, true, "taken"), 4);

        Assert.Equal("Retry 1 of ex-1 requested.", first.Message);
        Assert.Equal((2, "Retry 2 of ex-1 requested."), (second.Exception!.RetryRequests, second.Message));
        Assert.Equal((ExceptionResultCode.NoOp, "A late answer to retry 1 of ex-1 (now open); ignored."), (late.Code, late.Message));
    }

    [Fact]
    public void Resolving_or_ignoring_says_so_and_a_second_time_says_what_it_already_is()
    {
        var state = Given(Raise(0), Raise(0, Rejected));

        var (resolved, resolve) = Run(state, new ResolveException("ex-1", "  fixed  "), 1);
        var (ignored, ignore) = Run(resolved, new IgnoreException("ex-2", " duplicate of ex-1 "), 2);

        Assert.Equal(("ex-1 resolved.", "fixed"), (resolve.Message, resolved.Find("ex-1")!.Note));
        Assert.Equal(("ex-2 ignored.", "duplicate of ex-1"), (ignore.Message, ignored.Find("ex-2")!.Note));
        Assert.Equal("Exception ex-1 is already resolved.", Run(ignored, new IgnoreException("ex-1", "no"), 3).Reply.Message);
        Assert.Equal("Exception ex-2 is already ignored.", Run(ignored, new ResolveException("ex-2", null), 3).Reply.Message);
    }

    [Fact]
    public void A_retry_is_stale_from_the_very_instant_its_wait_is_over_and_the_reply_counts_them()
    {
        var state = Given(Raise(0), Raise(0, Rejected));
        state = Run(state, new RetryException("ex-2"), 10).State;
        state = Run(state, new RetryException("ex-1"), 10).State;

        var (_, early) = Run(state, new ExpireStaleRetries(TimeSpan.FromMinutes(5)), 14);
        var decision = state.ProcessCommand(new ExpireStaleRetries(TimeSpan.FromMinutes(5)), At(15));

        Assert.Equal((ExceptionResultCode.NoOp, "", "0 stale retries reopened."), (early.Code, early.ExceptionId, early.Message));
        Assert.Equal((ExceptionResultCode.Accepted, "2 stale retries reopened."), (decision.Reply.Code, decision.Reply.Message));
        Assert.Equal(["ex-1", "ex-2"], decision.Events.Cast<RetryFailed>().Select(e => e.ExceptionId));
    }

    [Fact]
    public void A_purge_takes_what_closed_before_the_cut_off_not_at_it_and_forgets_old_successes()
    {
        var state = Given(Raise(0), Raise(0, Rejected), Raise(0, id: "magento:100000452"));
        state = Run(state, new ResolveException("ex-1", null), 10).State;
        state = Run(state, new ResolveException("ex-2", null), 20).State;

        var (purged, reply) = Run(state, new PurgeClosed(At(20)));

        Assert.Equal((ExceptionResultCode.Accepted, "1 closed exceptions purged."), (reply.Code, reply.Message));
        Assert.Equal(["ex-2", "ex-3"], purged.List(ExceptionFilter.All).Select(e => e.Id));
        var (_, nothing) = Run(purged, new PurgeClosed(At(20)));
        Assert.Equal((ExceptionResultCode.NoOp, "", "Nothing to purge."), (nothing.Code, nothing.ExceptionId, nothing.Message));
    }

    [Fact]
    public void A_purge_with_only_old_successes_forgets_them_and_keeps_newer_ones()
    {
        var state = Given(Success(5, "magento:1"), Success(30, "magento:2"));

        var (purged, reply) = Run(state, new PurgeClosed(At(30)));

        Assert.Equal((ExceptionResultCode.Accepted, "0 closed exceptions purged."), (reply.Code, reply.Message));
        Assert.Null(purged.LastSuccessOf(RecordKinds.Order, "magento:1"));
        Assert.Equal(At(30), purged.LastSuccessOf(RecordKinds.Order, "magento:2"));
        Assert.Equal(ExceptionResultCode.NoOp, Run(Given(Success(30, "magento:2")), new PurgeClosed(At(30))).Reply.Code);
    }

    [Fact]
    public void A_failure_journaled_out_of_order_moves_first_seen_back_but_keeps_the_latest_details()
    {
        var state = Given(Raise(10));

        var older = state.ProcessEvent(new ExceptionRaisedAgain("ex-1", Rejected, "{\"older\":true}", At(5)));
        var sameInstant = state.ProcessEvent(new ExceptionRaisedAgain("ex-1", Rejected, "{\"same\":true}", At(10)));

        var e = older.Find("ex-1")!;
        Assert.Equal((2, At(5), At(10), "unmapped-tax"), (e.Attempts, e.FirstSeen, e.LastSeen, e.Type));
        Assert.Contains("minute\":10", e.OriginalPayload);
        Assert.Equal(("unmapped-tax", At(10)), (sameInstant.Find("ex-1")!.Type, sameInstant.Find("ex-1")!.FirstSeen));
        Assert.DoesNotContain("same", sameInstant.Find("ex-1")!.OriginalPayload);
    }

    [Fact]
    public void A_failure_at_the_instant_of_its_retry_counts_as_failing_again_after_it()
    {
        var state = Run(Given(Raise(0)), new RetryException("ex-1"), 10).State;

        var failedAgain = state.ProcessEvent(new ExceptionRaisedAgain("ex-1", Rejected, "{}", At(10))).Find("ex-1")!;
        var before = state.ProcessEvent(new ExceptionRaisedAgain("ex-1", Rejected, "{}", At(9))).Find("ex-1")!;

        Assert.Equal((ExceptionStatus.Open, "Failed again after retry 1: SAP answered -5002: Quantity falls into negative inventory"), (failedAgain.Status, failedAgain.LastRetryResult));
        Assert.Equal((ExceptionStatus.Retrying, null), (before.Status, before.LastRetryResult));
    }

    [Fact]
    public void A_retry_failure_or_a_success_arriving_for_a_closed_exception_leaves_it_closed()
    {
        var state = Run(Given(Raise(0)), new ResolveException("ex-1", "fixed by hand"), 5).State;

        var failed = state.ProcessEvent(new RetryFailed("ex-1", 1, "No outcome reported", At(6))).Find("ex-1")!;
        var succeeded = state.ProcessEvent(new RecordSuccessNoted(RecordKinds.Order, "magento:100000451", At(7), ["ex-1"])).Find("ex-1")!;

        Assert.Equal(ExceptionStatus.Resolved, failed.Status);
        Assert.Equal((ExceptionStatus.Resolved, "fixed by hand", At(5)), (succeeded.Status, succeeded.Note, succeeded.ClosedAt));
    }

    [Fact]
    public void The_latest_success_is_kept_when_an_older_one_is_journaled_after_it()
    {
        var state = ExceptionQueueState.Empty
            .ProcessEvent(new RecordSuccessNoted(RecordKinds.Order, "magento:100000451", At(30), []))
            .ProcessEvent(new RecordSuccessNoted(RecordKinds.Order, "magento:100000451", At(20), []));

        Assert.Equal(At(30), state.LastSuccessOf(RecordKinds.Order, "magento:100000451"));
        Assert.Equal(At(40), state.ProcessEvent(new RecordSuccessNoted(RecordKinds.Order, "magento:100000451", At(40), [])).LastSuccessOf(RecordKinds.Order, "magento:100000451"));
    }

    [Fact]
    public void A_newer_failure_replaces_the_details_and_payload_an_operator_reads()
    {
        var state = Given(Raise(0));

        var e = state.ProcessEvent(new ExceptionRaisedAgain("ex-1", Rejected, "{\"minute\":5}", At(5))).Find("ex-1")!;

        Assert.Equal((At(0), At(5), "sap-rejected", "{\"minute\":5}"), (e.FirstSeen, e.LastSeen, e.Type, e.OriginalPayload));
    }

    [Fact]
    public void A_failure_reported_without_its_payload_is_kept_with_an_empty_one()
    {
        var (state, _) = Run(ExceptionQueueState.Empty, new RaiseException(RecordKinds.Order, "magento:100000451", Tax, null!, At(0)));

        Assert.Equal("", state.Find("ex-1")!.OriginalPayload);
    }
}

using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;

namespace ActorSync.Domain.Tests.ExceptionQueue;

/// <summary>The exception queue's rules, without actors: commands in, events and replies out, events folded into state.</summary>
public class ExceptionQueueDecisionsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static RaiseException Raise(string id = "magento:1001", ExceptionDetails? details = null, int minute = 0, string kind = RecordKinds.Order) =>
        new(kind, id, details ?? ExceptionTypes.UnmappedTax("No VAT group for 7 %"), $"{{\"id\":\"{id}\",\"minute\":{minute}}}", At(minute));

    /// <summary>Runs a command through ProcessCommand and folds its events in, as the actor does.</summary>
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

    [Fact]
    public void A_raised_failure_becomes_an_open_exception_with_its_owner_action_and_payload()
    {
        var (state, reply) = Run(ExceptionQueueState.Empty, Raise());

        var e = Assert.Single(state.List(ExceptionFilter.All));
        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        Assert.Equal("ex-1", e.Id);
        Assert.Equal(e, reply.Exception);
        Assert.Equal((RecordKinds.Order, "magento:1001"), (e.RecordKind, e.RecordId));
        Assert.Equal(("unmapped-tax", OwningTeam.Finance), (e.Type, e.Team));
        Assert.StartsWith("Add the tax rate", e.SuggestedAction);
        Assert.Equal("{\"id\":\"magento:1001\",\"minute\":0}", e.OriginalPayload);
        Assert.Equal((1, At(0), At(0), ExceptionStatus.Open), (e.Attempts, e.FirstSeen, e.LastSeen, e.Status));
    }

    [Fact]
    public void Raising_the_same_record_and_type_again_while_open_bumps_attempts_and_last_seen_and_keeps_id_and_first_seen()
    {
        var state = Given(Raise(minute: 0), Raise(minute: 5));
        var (after, reply) = Run(state, Raise(minute: 9));

        var e = Assert.Single(after.List(ExceptionFilter.All));
        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        Assert.Equal(("ex-1", 3, At(0), At(9)), (e.Id, e.Attempts, e.FirstSeen, e.LastSeen));
        Assert.Contains("\"minute\":9", e.OriginalPayload);
    }

    [Fact]
    public void A_repeated_delivery_of_the_same_failure_changes_nothing()
    {
        var state = Given(Raise(minute: 0), Raise(minute: 5));

        var (after, reply) = Run(state, Raise(minute: 5));

        Assert.Equal(ExceptionResultCode.NoOp, reply.Code);
        Assert.Equal(state, after);
        Assert.Equal(2, after.Find("ex-1")!.Attempts);
    }

    [Fact]
    public void A_different_type_or_record_gets_its_own_exception()
    {
        var state = Given(
            Raise(),
            Raise(details: ExceptionTypes.UnmappedShipping("No shipping type for 'drone'")),
            Raise(id: "magento:1002"),
            Raise(kind: "refund"));

        Assert.Equal(["ex-1", "ex-2", "ex-3", "ex-4"], state.List(ExceptionFilter.All).Select(e => e.Id));
        Assert.All(state.List(ExceptionFilter.All), e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public void A_raise_without_record_or_type_is_refused_and_records_nothing()
    {
        var (state, reply) = Run(ExceptionQueueState.Empty, Raise(id: " "));

        Assert.Equal(ExceptionResultCode.Invalid, reply.Code);
        Assert.Empty(state.Exceptions);
    }

    [Fact]
    public void Filters_select_by_status_team_type_and_record_kind()
    {
        var state = Given(
            Raise(id: "magento:1"),                                                          // ex-1 finance, unmapped-tax
            Raise(id: "magento:2", details: ExceptionTypes.LockTimeout(5, "locked")),        // ex-2 operations, lock-timeout
            Raise(id: "magento:3", details: ExceptionTypes.SapRejected("-10", "inactive")), // ex-3 integration
            Raise(id: "R-9", kind: "refund"),                                                // ex-4 finance, refund
            new IgnoreException("ex-3", "test order"));

        string[] Ids(ExceptionFilter f) => state.List(f).Select(e => e.Id).ToArray();
        Assert.Equal(["ex-1", "ex-2", "ex-4"], Ids(new(Status: ExceptionStatus.Open)));
        Assert.Equal(["ex-3"], Ids(new(Status: ExceptionStatus.Ignored)));
        Assert.Equal(["ex-1", "ex-4"], Ids(new(Team: OwningTeam.Finance)));
        Assert.Equal(["ex-2"], Ids(new(Type: "LOCK-timeout")));
        Assert.Equal(["ex-4"], Ids(new(RecordKind: "refund")));
        Assert.Equal(["ex-1"], Ids(new(ExceptionStatus.Open, OwningTeam.Finance, "unmapped-tax", RecordKinds.Order)));
        Assert.Empty(Ids(new(Status: ExceptionStatus.Retrying)));
    }

    [Fact]
    public void Retry_moves_an_open_exception_to_retrying_and_numbers_the_request()
    {
        var (state, reply) = Run(Given(Raise()), new RetryException("ex-1"), minute: 10);

        var e = state.Find("ex-1")!;
        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        Assert.Equal((ExceptionStatus.Retrying, 1, At(10)), (e.Status, e.RetryRequests, e.LastRetryRequestedAt));
    }

    [Theory]
    [InlineData("retrying")]
    [InlineData("resolved")]
    [InlineData("ignored")]
    public void Retrying_an_exception_that_is_not_open_is_refused_naming_its_status(string status)
    {
        var state = Given(Raise());
        state = status switch
        {
            "retrying" => Run(state, new RetryException("ex-1")).State,
            "resolved" => Run(state, new ResolveException("ex-1", "posted by hand")).State,
            _ => Run(state, new IgnoreException("ex-1", "cancelled by the customer")).State,
        };

        var (after, reply) = Run(state, new RetryException("ex-1"));

        Assert.Equal(ExceptionResultCode.Conflict, reply.Code);
        Assert.Contains($"is {status}, not open", reply.Message);
        Assert.Equal(state, after);
    }

    [Fact]
    public void Unknown_ids_are_reported_as_not_found_by_every_operator_command()
    {
        var state = Given(Raise());
        object[] commands = [new RetryException("ex-9"), new ResolveException("ex-9", null), new IgnoreException("ex-9", "why not"),
            new ReportRetryOutcome("ex-9", 1, true, "ok")];

        foreach (var cmd in commands)
        {
            var (after, reply) = Run(state, cmd);
            Assert.Equal(ExceptionResultCode.NotFound, reply.Code);
            Assert.Equal("No exception ex-9.", reply.Message);
            Assert.Equal(state, after);
        }
    }

    [Fact]
    public void Resolve_closes_an_open_or_retrying_exception_with_the_note()
    {
        var open = Given(Raise(), Raise(id: "magento:2"), new RetryException("ex-2"));

        var (s1, r1) = Run(open, new ResolveException("ex-1", "  Entered in SAP by hand  "), minute: 30);
        var (s2, _) = Run(s1, new ResolveException("ex-2", null), minute: 31);

        Assert.Equal(ExceptionResultCode.Accepted, r1.Code);
        Assert.Equal((ExceptionStatus.Resolved, "Entered in SAP by hand", At(30)), (s2.Find("ex-1")!.Status, s2.Find("ex-1")!.Note, s2.Find("ex-1")!.ClosedAt));
        Assert.Equal((ExceptionStatus.Resolved, null), (s2.Find("ex-2")!.Status, s2.Find("ex-2")!.Note));
        Assert.Equal(0, s2.OpenCount);
    }

    [Fact]
    public void Resolving_or_ignoring_a_closed_exception_is_refused()
    {
        var state = Given(Raise(), new ResolveException("ex-1", "done"));

        var (_, resolve) = Run(state, new ResolveException("ex-1", "again"));
        var (after, ignore) = Run(state, new IgnoreException("ex-1", "because"));

        Assert.Equal((ExceptionResultCode.Conflict, "Exception ex-1 is already resolved."), (resolve.Code, resolve.Message));
        Assert.Equal(ExceptionResultCode.Conflict, ignore.Code);
        Assert.Equal("done", after.Find("ex-1")!.Note);
    }

    [Fact]
    public void Ignore_closes_the_exception_with_its_reason()
    {
        var (state, reply) = Run(Given(Raise()), new IgnoreException("ex-1", "Test order from the shop owner"), minute: 3);

        var e = state.Find("ex-1")!;
        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        Assert.Equal((ExceptionStatus.Ignored, "Test order from the shop owner", At(3)), (e.Status, e.Note, e.ClosedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Ignoring_without_a_reason_is_refused_naming_the_missing_reason(string? reason)
    {
        var state = Given(Raise());

        var (after, reply) = Run(state, new IgnoreException("ex-1", reason));

        Assert.Equal(ExceptionResultCode.Invalid, reply.Code);
        Assert.StartsWith("A reason is required to ignore exception ex-1", reply.Message);
        Assert.Equal(ExceptionStatus.Open, after.Find("ex-1")!.Status);
    }

    [Fact]
    public void A_record_that_succeeds_resolves_its_open_exceptions_as_resolved_by_retry()
    {
        var state = Given(
            Raise(minute: 0),
            Raise(minute: 1, details: ExceptionTypes.LockTimeout(5, "locked")),
            Raise(id: "magento:2", minute: 0),
            new RetryException("ex-1"));

        var (after, reply) = Run(state, new RecordSucceeded(RecordKinds.Order, "magento:1001", At(20)));

        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        foreach (var id in new[] { "ex-1", "ex-2" })
        {
            var e = after.Find(id)!;
            Assert.Equal((ExceptionStatus.Resolved, ExceptionQueueDecisions.ResolvedByRetryNote, At(20)), (e.Status, e.Note, e.ClosedAt));
        }
        Assert.Equal(ExceptionStatus.Open, after.Find("ex-3")!.Status);
    }

    [Fact]
    public void Success_does_not_reopen_or_rewrite_exceptions_an_operator_already_closed()
    {
        var state = Given(Raise(), new IgnoreException("ex-1", "duplicate of 1000"));

        var (after, _) = Run(state, new RecordSucceeded(RecordKinds.Order, "magento:1001", At(20)));

        Assert.Equal((ExceptionStatus.Ignored, "duplicate of 1000"), (after.Find("ex-1")!.Status, after.Find("ex-1")!.Note));
    }

    [Fact]
    public void A_late_failure_from_before_a_success_is_ignored()
    {
        // The success of the retry arrives before the failure report of an older attempt.
        var state = Given(new RecordSucceeded(RecordKinds.Order, "magento:1001", At(10)));

        var (after, reply) = Run(state, Raise(minute: 4));

        Assert.Equal(ExceptionResultCode.NoOp, reply.Code);
        Assert.Empty(after.Exceptions);
    }

    [Fact]
    public void A_failure_after_a_success_opens_a_new_exception()
    {
        var state = Given(Raise(minute: 0), new RecordSucceeded(RecordKinds.Order, "magento:1001", At(10)));

        var (after, _) = Run(state, Raise(minute: 15));

        Assert.Equal(ExceptionStatus.Resolved, after.Find("ex-1")!.Status);
        Assert.Equal((ExceptionStatus.Open, 1, At(15)), (after.Find("ex-2")!.Status, after.Find("ex-2")!.Attempts, after.Find("ex-2")!.FirstSeen));
    }

    [Fact]
    public void An_older_success_arriving_late_neither_resolves_a_newer_failure_nor_counts_twice()
    {
        var state = Given(Raise(minute: 10), new RecordSucceeded(RecordKinds.Order, "magento:1001", At(12)), Raise(minute: 15));

        var (after, reply) = Run(state, new RecordSucceeded(RecordKinds.Order, "magento:1001", At(5)));
        var (again, duplicate) = Run(after, new RecordSucceeded(RecordKinds.Order, "magento:1001", At(12)));

        Assert.Equal(ExceptionResultCode.NoOp, reply.Code);
        Assert.Equal(ExceptionResultCode.NoOp, duplicate.Code);
        Assert.Equal(ExceptionStatus.Open, again.Find("ex-2")!.Status);
    }

    [Fact]
    public void A_success_older_than_the_last_failure_leaves_the_exception_open()
    {
        var state = Given(Raise(minute: 0), Raise(minute: 10));

        var (after, _) = Run(state, new RecordSucceeded(RecordKinds.Order, "magento:1001", At(5)));

        Assert.Equal(ExceptionStatus.Open, after.Find("ex-1")!.Status);
    }

    [Fact]
    public void Failing_again_after_a_retry_request_reopens_the_exception_and_counts_the_attempt()
    {
        var state = Given(Raise(minute: 0), new RetryException("ex-1"));   // retry requested at minute 0

        var (after, _) = Run(state, Raise(minute: 2, details: ExceptionTypes.UnmappedTax("Still no VAT group for 7 %")));

        var e = after.Find("ex-1")!;
        Assert.Equal((ExceptionStatus.Open, 2, At(2)), (e.Status, e.Attempts, e.LastSeen));
        Assert.Contains("Still no VAT group", e.LastRetryResult);
    }

    [Fact]
    public void A_failure_from_before_the_retry_request_arriving_late_keeps_it_retrying()
    {
        var state = Given(Raise(minute: 0));
        state = Run(state, new RetryException("ex-1"), minute: 10).State;

        var (after, _) = Run(state, Raise(minute: 5));

        var e = after.Find("ex-1")!;
        Assert.Equal((ExceptionStatus.Retrying, 2, At(5)), (e.Status, e.Attempts, e.LastSeen));
    }

    [Fact]
    public void A_failure_reported_late_for_a_closed_exception_does_not_reopen_it_but_a_newer_one_opens_a_new_exception()
    {
        var state = Given(Raise(minute: 0));
        state = Run(state, new IgnoreException("ex-1", "handled in the shop"), minute: 10).State;

        var (late, lateReply) = Run(state, Raise(minute: 8));
        var (newer, _) = Run(late, Raise(minute: 12));

        Assert.Equal(ExceptionResultCode.NoOp, lateReply.Code);
        Assert.Single(late.Exceptions);
        Assert.Equal((ExceptionStatus.Ignored, ExceptionStatus.Open), (newer.Find("ex-1")!.Status, newer.Find("ex-2")!.Status));
    }

    [Fact]
    public void An_owner_refusing_the_retry_reopens_the_exception_with_its_answer()
    {
        var state = Given(Raise(), new RetryException("ex-1"));

        var (after, reply) = Run(state, new ReportRetryOutcome("ex-1", 1, false, "Still failing: No VAT group for 7 %"));

        Assert.Equal(ExceptionResultCode.Conflict, reply.Code);
        Assert.Equal((ExceptionStatus.Open, "Still failing: No VAT group for 7 %"), (after.Find("ex-1")!.Status, after.Find("ex-1")!.LastRetryResult));
    }

    [Fact]
    public void An_owner_accepting_the_retry_keeps_it_retrying_and_a_late_answer_to_an_older_request_counts_for_nothing()
    {
        var state = Given(Raise(), new RetryException("ex-1"), new ReportRetryOutcome("ex-1", 1, false, "no answer"), new RetryException("ex-1"));

        var (stale, staleReply) = Run(state, new ReportRetryOutcome("ex-1", 1, false, "late refusal"));
        var (after, _) = Run(stale, new ReportRetryOutcome("ex-1", 2, true, "Released for another attempt."));

        Assert.Equal(ExceptionResultCode.NoOp, staleReply.Code);
        Assert.Equal((ExceptionStatus.Retrying, 2, "Released for another attempt."),
            (after.Find("ex-1")!.Status, after.Find("ex-1")!.RetryRequests, after.Find("ex-1")!.LastRetryResult));
    }

    [Fact]
    public void A_retry_with_no_outcome_for_too_long_goes_back_to_open()
    {
        var state = Given(Raise(), Raise(id: "magento:2"), new RetryException("ex-1"));
        state = Run(state, new RetryException("ex-2"), minute: 50).State;

        var (after, _) = Run(state, new ExpireStaleRetries(TimeSpan.FromMinutes(30)), minute: 60);

        Assert.Equal(ExceptionStatus.Open, after.Find("ex-1")!.Status);
        Assert.Contains("No outcome reported", after.Find("ex-1")!.LastRetryResult);
        Assert.Equal(ExceptionStatus.Retrying, after.Find("ex-2")!.Status);
    }

    [Fact]
    public void Purging_forgets_only_exceptions_closed_before_the_cutoff_and_never_reuses_ids()
    {
        var state = Given(Raise(id: "a", minute: 0), Raise(id: "b", minute: 0), Raise(id: "c", minute: 0),
            new RecordSucceeded(RecordKinds.Order, "a", At(1)));
        state = Run(state, new IgnoreException("ex-2", "test"), minute: 100).State;

        var (after, reply) = Run(state, new PurgeClosed(At(50)));
        var (next, _) = Run(after, Raise(id: "a", minute: 200));

        Assert.Equal(ExceptionResultCode.Accepted, reply.Code);
        Assert.Equal(["ex-2", "ex-3"], after.List(ExceptionFilter.All).Select(e => e.Id));
        Assert.Null(after.LastSuccessOf(RecordKinds.Order, "a"));
        Assert.Equal("ex-4", next.List(new ExceptionFilter(RecordKind: RecordKinds.Order)).Last().Id);
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state()
    {
        var commands = new object[]
        {
            Raise(minute: 0), Raise(minute: 3), Raise(id: "magento:2"), new RetryException("ex-1"),
            new ReportRetryOutcome("ex-1", 1, true, "ok"), new RecordSucceeded(RecordKinds.Order, "magento:1001", At(9)),
            new IgnoreException("ex-2", "test"),
        };
        var events = new List<IExceptionQueueEvent>();
        var state = ExceptionQueueState.Empty;
        foreach (var cmd in commands)
        {
            var decision = cmd switch
            {
                RaiseException c => state.ProcessCommand(c),
                RecordSucceeded c => state.ProcessCommand(c),
                RetryException c => state.ProcessCommand(c, At(5)),
                ReportRetryOutcome c => state.ProcessCommand(c, At(6)),
                IgnoreException c => state.ProcessCommand(c, At(7)),
                _ => throw new ArgumentException(),
            };
            events.AddRange(decision.Events);
            state = state.ProcessEvents(decision.Events);
        }

        var replayed = ExceptionQueueState.Empty.ProcessEvents(events);

        Assert.Equal(state.List(ExceptionFilter.All), replayed.List(ExceptionFilter.All));
        Assert.Equal(state.NextNumber, replayed.NextNumber);
        Assert.Equal(ExceptionStatus.Resolved, replayed.Find("ex-1")!.Status);
    }

    [Fact]
    public void A_state_rebuilt_from_its_snapshot_keeps_idempotency_success_times_and_the_id_counter()
    {
        var state = Given(Raise(id: "a", minute: 0), new ResolveException("ex-1", "by hand"), Raise(id: "a", minute: 30),
            Raise(id: "b"), new RecordSucceeded(RecordKinds.Order, "c", At(40)));

        var rebuilt = ExceptionQueueState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(state.List(ExceptionFilter.All), rebuilt.List(ExceptionFilter.All));
        Assert.Equal(state.LatestByKey, rebuilt.LatestByKey);
        Assert.Equal(state.LastSuccess, rebuilt.LastSuccess);
        Assert.Equal(state.NextNumber, rebuilt.NextNumber);
        Assert.Equal("ex-2", Run(rebuilt, Raise(id: "a", minute: 35)).Reply.ExceptionId);   // raised again, not new
        Assert.Equal(ExceptionResultCode.NoOp, Run(rebuilt, Raise(id: "c", minute: 39)).Reply.Code); // older than c's success
    }
}

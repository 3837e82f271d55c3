using ActorSync.Domain.Audit;
using static ActorSync.Domain.Audit.AuditCommands;
using static ActorSync.Domain.Audit.AuditEvents;

namespace ActorSync.Domain.Tests.Audit;

/// <summary>The audit trail's rules, without actors: an action recorded once with its actor, its outcome once, the reads bounded.</summary>
public class AuditTrailDecisionsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 41, 17, 250, TimeSpan.Zero);
    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static RecordAction Act(string who, string action, string? target, string? detail = null, int minute = 0) =>
        new(who, "10.20.0.17", action, target, detail, At(minute));

    /// <summary>Runs a command through ProcessCommand and folds its events in, as the actor does.</summary>
    private static (AuditTrailState State, AuditCommandResult Reply) Run(AuditTrailState state, IAuditCommand cmd)
    {
        var decision = cmd switch
        {
            RecordAction c => state.ProcessCommand(c),
            RecordOutcome c => state.ProcessCommand(c),
            _ => throw new ArgumentException(cmd.GetType().Name),
        };
        return (decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e)), decision.Reply);
    }

    private static AuditTrailState Given(params IAuditCommand[] commands) => commands.Aggregate(AuditTrailState.Empty, (s, c) => Run(s, c).State);

    [Fact]
    public void An_action_is_recorded_once_with_who_from_where_the_target_and_the_note()
    {
        var decision = AuditTrailState.Empty.ProcessCommand(Act("alice", "exception.resolve", "ex-42", "  VAT group O3 mapped for 7 % ", 3));

        var acted = Assert.IsType<OperatorActed>(Assert.Single(decision.Events));
        Assert.Equal(new OperatorActed(1, At(3), "alice", "10.20.0.17", "exception.resolve", "ex-42", "VAT group O3 mapped for 7 %"), acted);
        Assert.Equal((AuditResultCode.Accepted, 1L), (decision.Reply.Code, decision.Reply.Number));
    }

    [Fact]
    public void Numbers_follow_one_another_and_each_outcome_is_recorded_once()
    {
        var state = Given(Act("alice", "exception.retry", "ex-7"), Act("bob", "cluster.leave", "akka.tcp://actorsync@10.0.0.7:4053", minute: 1),
            new RecordOutcome(2, 202, At(2)));

        var (after, again) = Run(state, new RecordOutcome(2, 500, At(3)));

        Assert.Equal([1L, 2L], state.Entries.Select(e => e.Number));
        Assert.Equal((202, At(2)), (after.Find(2)!.Status, after.Find(2)!.CompletedAt));
        Assert.Null(after.Find(1)!.Status);
        Assert.Equal(AuditResultCode.NoOp, again.Code);
        Assert.Equal(3, after.NextNumber);
    }

    [Theory]
    [InlineData("", "exception.retry", "who acted")]
    [InlineData("alice", " ", "the action")]
    public void An_entry_without_an_actor_or_an_action_is_refused_and_nothing_is_journaled(string who, string action, string named)
    {
        var decision = AuditTrailState.Empty.ProcessCommand(Act(who, action, "ex-1"));

        Assert.Empty(decision.Events);
        Assert.Equal(AuditResultCode.Invalid, decision.Reply.Code);
        Assert.Contains(named, decision.Reply.Message);
    }

    [Fact]
    public void An_outcome_for_an_entry_never_made_is_not_found_and_one_that_is_no_http_status_is_invalid()
    {
        var state = Given(Act("alice", "exception.retry", "ex-7"));

        Assert.Equal(AuditResultCode.NotFound, state.ProcessCommand(new RecordOutcome(9, 200, At(1))).Reply.Code);
        Assert.Equal(AuditResultCode.Invalid, state.ProcessCommand(new RecordOutcome(1, 42, At(1))).Reply.Code);
    }

    [Fact]
    public void A_long_note_is_cut_not_refused()
    {
        var note = string.Concat(Enumerable.Repeat("Credit note 4711 posted by hand, 19.99 EUR at 19 % and 7.45 EUR at 7 %. ", 40));

        var acted = (OperatorActed)AuditTrailState.Empty.ProcessCommand(Act("alice", "exception.resolve", "ex-3", note)).Events.Single();

        Assert.Equal(AuditDecisions.MaxDetail, acted.Detail!.Length);
        Assert.StartsWith("Credit note 4711 posted by hand", acted.Detail);
    }

    [Fact]
    public void Reads_filter_by_who_since_and_target_and_give_the_newest_within_the_limit_oldest_first()
    {
        var state = Given(
            Act("alice", "exception.retry", "ex-7", minute: 0),
            Act("bob", "exception.ignore", "ex-8", "test order, never paid", minute: 5),
            Act("alice", "exception.resolve", "ex-7", "mapped VAT 7 %", minute: 10),
            Act("ALICE", "order.retry", "magento:000001234", minute: 15),
            Act("wms-gateway", "dispatch.record", "magento:000001234", minute: 20));

        Assert.Equal([1L, 3L, 4L], state.List(new AuditFilter(Who: "alice"), 100).Items.Select(e => e.Number));
        Assert.Equal([3L, 4L, 5L], state.List(new AuditFilter(Since: At(10)), 100).Items.Select(e => e.Number));
        Assert.Equal([1L, 3L], state.List(new AuditFilter(Target: "EX-7"), 100).Items.Select(e => e.Number));
        Assert.Equal([3L], state.List(new AuditFilter(Since: At(6), Who: "alice", Target: "ex-7"), 100).Items.Select(e => e.Number));
        var bounded = state.List(AuditFilter.All, 2);
        Assert.Equal([4L, 5L], bounded.Items.Select(e => e.Number));
        Assert.Equal(5, bounded.Matched);
    }

    [Fact]
    public void The_state_holds_the_newest_entries_only_and_keeps_numbering_after_them()
    {
        var state = AuditTrailState.Empty;
        for (var i = 1; i <= AuditTrailState.Kept + 3; i++)
            state = state.ProcessEvent(new OperatorActed(i, At(i), "local", "::1", "order.submit", $"magento:{100000000 + i}", null));

        var (after, late) = Run(state, new RecordOutcome(2, 202, At(1)));

        Assert.Equal(AuditTrailState.Kept, state.Entries.Count);
        Assert.Equal(4L, state.Entries[0].Number);
        Assert.Equal(AuditTrailState.Kept + 4, state.NextNumber);
        Assert.Equal(AuditResultCode.NoOp, late.Code);
        Assert.Same(state, after);
        Assert.Equal(AuditTrailState.Kept + 3, state.Find(AuditTrailState.Kept + 3)!.Number);
    }

    [Fact]
    public void A_snapshot_brings_back_the_same_trail()
    {
        var state = Given(Act("alice", "exception.retry", "ex-7"), new RecordOutcome(1, 200, At(1)), Act("bob", "cluster.leave", "akka.tcp://actorsync@10.0.0.7:4053"));

        var back = AuditTrailState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(state.Entries, back.Entries);
        Assert.Equal(state.NextNumber, back.NextNumber);
        Assert.Equal(3, Run(back, Act("carol", "sap.allow-logins", "sap")).Reply.Number);
    }

    [Fact]
    public void No_command_changes_or_removes_an_entry()
    {
        var commands = typeof(IAuditCommand).Assembly.GetTypes()
            .Where(t => typeof(IAuditCommand).IsAssignableFrom(t) && !t.IsInterface).Select(t => t.Name).Order();

        Assert.Equal(["RecordAction", "RecordOutcome"], commands);
    }
}

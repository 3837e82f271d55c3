using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Tests.Validation;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.Tests.WarehouseFlow;

/// <summary>
/// What a warehouse window answers the WMS and the operator (accepted until when, duplicate, conflict, another window,
/// released, nothing to retry), and the instant its batch may close.
/// </summary>
public class WarehouseReplySpecs
{
    private static readonly DateTimeOffset NineOClock = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly WarehouseRules Rules = new(TestCompany.Mapping(), Window, TimeSpan.FromMinutes(1),
        new LockRetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)));
    private const string WindowId = "wms@20300115T090000Z";
    private static readonly DateTimeOffset CloseAt = NineOClock.AddMinutes(16);

    private static WarehouseMovement Receipt(string id, int minute, string location = "MAIN", decimal quantity = 5) =>
        new("wms", id, MovementKind.Receipt, NineOClock.AddMinutes(minute), location, [new MovementLine("ITM00001", quantity, UnitCost: 3.2125m)]);

    private static WarehouseWindowState Apply(WarehouseWindowState state, WarehouseDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static WarehouseWindowState Accept(params WarehouseMovement[] movements) =>
        movements.Aggregate(WarehouseWindowState.Empty(WindowId), (s, m) => Apply(s, s.ProcessCommand(new AcceptMovement(m), Rules, NineOClock.AddMinutes(3))));

    private static (CommandResultCode, string) Reply(WarehouseDecision decision) => (decision.Reply!.Code, decision.Reply.Message);

    [Fact]
    public void Each_answer_to_a_movement_says_what_became_of_it()
    {
        var state = Accept(Receipt("ASN-1", 2));

        Assert.Equal((CommandResultCode.Accepted, "Accepted into window wms@20300115T090000Z; its documents post after 09:16:00Z."),
            Reply(WarehouseWindowState.Empty(WindowId).ProcessCommand(new AcceptMovement(Receipt("ASN-1", 2)), Rules, NineOClock.AddMinutes(3))));
        Assert.Equal((CommandResultCode.Duplicate, "Movement wms:ASN-1:Receipt was already accepted; nothing to do."),
            Reply(state.ProcessCommand(new AcceptMovement(Receipt("ASN-1", 2)), Rules, NineOClock.AddMinutes(4))));
        Assert.Equal((CommandResultCode.Conflict, "Movement wms:ASN-1:Receipt was already accepted with different content; the change was not applied."),
            Reply(state.ProcessCommand(new AcceptMovement(Receipt("ASN-1", 2, quantity: 6)), Rules, NineOClock.AddMinutes(4))));
        Assert.Equal((CommandResultCode.Rejected, "Movement wms:ASN-2:Receipt belongs to window wms@20300115T091500Z, not wms@20300115T090000Z."),
            Reply(state.ProcessCommand(new AcceptMovement(Receipt("ASN-2", 16)), Rules, NineOClock.AddMinutes(17))));
    }

    [Fact]
    public void The_batch_closes_at_the_very_instant_it_is_due_and_not_a_moment_before()
    {
        var state = Accept(Receipt("ASN-1", 2));

        Assert.Empty(state.ProcessCommand(new CloseBatch(WindowId), Rules, CloseAt.AddTicks(-1)).Events);
        var closing = state.ProcessCommand(new CloseBatch(WindowId), Rules, CloseAt);
        Assert.IsType<BatchClosed>(Assert.Single(closing.Events));
        Assert.IsType<NextStep.Post>(closing.Next);
    }

    [Fact]
    public void A_batch_whose_movements_are_all_kept_out_has_nothing_to_post()
    {
        var state = Accept(Receipt("ASN-9", 2, "NOWHERE"));

        var closing = state.ProcessCommand(new CloseBatch(WindowId), Rules, CloseAt);
        var closed = Assert.IsType<BatchClosed>(Assert.Single(closing.Events));

        Assert.Same(NextStep.None, closing.Next);
        Assert.Empty(closed.Jobs);
        Assert.Equal("wms:ASN-9:Receipt", Assert.Single(closed.Rejected).MovementKey);
        Assert.Contains("wms location 'NOWHERE' has no Mapping:Channels:wms:Locations:NOWHERE:Warehouse.", Apply(state, closing).LastProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_s_retry_says_what_it_released_or_why_there_is_nothing_to_retry()
    {
        var state = Accept(Receipt("ASN-1", 1), Receipt("ASN-9", 2, "NOWHERE"));
        state = Apply(state, state.ProcessCommand(new CloseBatch(WindowId), Rules, CloseAt));
        var job = state.NextJob!.Key;
        state = Apply(state, state.ProcessOutcome(job, new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Reference2 too long"), Rules.LockRetry, CloseAt, 0.5));
        var later = CloseAt.AddMinutes(1);

        Assert.Equal((CommandResultCode.Accepted, $"Released document {job} for another attempt."), Reply(state.ProcessCommand(new RetryWarehouseItem(WindowId, job), Rules, later)));
        Assert.Equal((CommandResultCode.Accepted, "Movement wms:ASN-9:Receipt goes into the batch closing at 09:18:00Z."),
            Reply(state.ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-9:Receipt"), Rules, later)));
        Assert.Equal((CommandResultCode.Rejected, "wms:ASN-1:Receipt in window wms@20300115T090000Z is neither rejected nor parked."),
            Reply(state.ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-1:Receipt"), Rules, later)));
        Assert.Equal((CommandResultCode.NotFound, "Window wms@20300115T090000Z has no movement or document wms:ASN-5:Receipt."),
            Reply(state.ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-5:Receipt"), Rules, later)));
        Assert.Equal((CommandResultCode.NotFound, "No warehouse window wms@20300115T090000Z."),
            Reply(WarehouseWindowState.Empty(WindowId).ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-5:Receipt"), Rules, later)));
    }

    [Fact]
    public void A_released_document_that_posts_lets_the_window_go_on_to_the_next()
    {
        var state = Accept(Receipt("ASN-1", 1), new WarehouseMovement("wms", "OUT-1", MovementKind.Issue, NineOClock.AddMinutes(2), "MAIN", [new MovementLine("ITM00001", 1)]));
        state = Apply(state, state.ProcessCommand(new CloseBatch(WindowId), Rules, CloseAt));
        var first = state.NextJob!.Key;

        var posted = state.ProcessOutcome(first, new PostOutcome.Created(88, 188), Rules.LockRetry, CloseAt, 0.5);

        Assert.IsType<NextStep.Post>(posted.Next);
    }
}

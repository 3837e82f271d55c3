using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Tests.Validation;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.Tests.WarehouseFlow;

public class WarehouseDecisionsSpecs
{
    private static readonly DateTimeOffset NineOClock = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly WarehouseRules Rules = new(TestCompany.Mapping(), Window, TimeSpan.FromMinutes(1),
        new LockRetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)));
    private const string WindowId = "wms@20300115T090000Z";

    private static WarehouseMovement Move(string id, MovementKind kind, int minute, string location, string? to = null, params MovementLine[] lines) =>
        new("wms", id, kind, NineOClock.AddMinutes(minute), location, lines.ToImmutableList(), to);

    private static MovementLine Line(string sku, decimal quantity, decimal? cost = null) => new(sku, quantity, UnitCost: cost);

    private static WarehouseWindowState Apply(WarehouseWindowState state, WarehouseDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static WarehouseWindowState Accept(WarehouseWindowState state, DateTimeOffset at, params WarehouseMovement[] movements) =>
        movements.Aggregate(state, (s, m) => Apply(s, s.ProcessCommand(new AcceptMovement(m), Rules, at)));

    private static WarehouseWindowState Closed(WarehouseWindowState state, DateTimeOffset at) => Apply(state, state.ProcessCommand(new CloseBatch(WindowId), Rules, at));

    private static readonly DateTimeOffset AfterClose = NineOClock.AddMinutes(17);

    [Fact]
    public void A_movement_belongs_to_its_sources_window_aligned_like_the_coalescer()
    {
        var movement = Move("A", MovementKind.Receipt, 14, "MAIN", null, Line("ITM00001", 1)) with { OccurredAt = NineOClock.AddMinutes(14).AddSeconds(59) };

        Assert.Equal(WindowId, WarehouseWindows.IdFor(movement, Window));
        Assert.Equal("wms@20300115T091500Z", WarehouseWindows.IdFor(movement with { OccurredAt = NineOClock.AddMinutes(15) }, Window));
        Assert.Equal(("wms", NineOClock), WarehouseWindows.Parse(WindowId));
        Assert.Equal((WindowId, "wms:A:Receipt"), WarehouseWindows.ParseRecordId(WarehouseWindows.RecordId(WindowId, "wms:A:Receipt")));
    }

    [Fact]
    public void An_accepted_movement_is_journaled_with_the_time_its_batch_closes_and_nothing_posts_yet()
    {
        var state = WarehouseWindowState.Empty(WindowId);

        var decision = state.ProcessCommand(new AcceptMovement(Move("ASN-1", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 5))), Rules, NineOClock.AddMinutes(3));
        state = Apply(state, decision);

        Assert.Equal(CommandResultCode.Accepted, decision.Reply!.Code);
        var accepted = Assert.IsType<MovementAccepted>(Assert.Single(decision.Events));
        Assert.Equal(NineOClock.AddMinutes(16), accepted.CloseAt); // window end + close delay
        Assert.True(state.StampProgress(decision.Events).OfType<MovementAccepted>().Single().WorkPending);
        Assert.IsType<NextStep.Nothing>(decision.Next);
        Assert.Null(state.CurrentWork());
    }

    [Fact]
    public void The_same_movement_again_is_a_duplicate_and_changed_content_a_conflict()
    {
        var movement = Move("ASN-1", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 5));
        var state = Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3), movement);

        var again = state.ProcessCommand(new AcceptMovement(movement with { Lines = [Line("ITM00001", 5)] }), Rules, NineOClock.AddMinutes(4));
        var changed = state.ProcessCommand(new AcceptMovement(movement with { Lines = [Line("ITM00001", 6)] }), Rules, NineOClock.AddMinutes(4));

        Assert.Equal((CommandResultCode.Duplicate, 0), (again.Reply!.Code, again.Events.Count));
        Assert.Equal((CommandResultCode.Conflict, 0), (changed.Reply!.Code, changed.Events.Count));
    }

    [Fact]
    public void A_movement_of_another_window_is_refused_by_this_one()
    {
        var decision = WarehouseWindowState.Empty(WindowId).ProcessCommand(new AcceptMovement(Move("B", MovementKind.Receipt, 16, "MAIN", null, Line("ITM00001", 1))), Rules, NineOClock);

        Assert.Equal(CommandResultCode.Rejected, decision.Reply!.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_batch_does_not_close_before_its_time()
    {
        var state = Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3), Move("A", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 1)));

        var early = state.ProcessCommand(new CloseBatch(WindowId), Rules, NineOClock.AddMinutes(15));

        Assert.Empty(early.Events);
        Assert.True(state.HasPending);
    }

    [Fact]
    public void Closing_makes_one_document_per_warehouse_kind_and_transfer_pair_and_starts_posting()
    {
        var state = Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5, 2m)),
            Move("ASN-2", MovementKind.Receipt, 2, "MAIN-B", null, Line("ITM00001", 3, 2m)),
            Move("SCRAP-1", MovementKind.Issue, 3, "STORE", null, Line("ITM00002", 1)),
            Move("T-1", MovementKind.Transfer, 4, "MAIN", "STORE", Line("ITM00001", 2)),
            Move("T-2", MovementKind.Transfer, 5, "MAIN", "STORE", Line("ITM00002", 1)));

        var decision = state.ProcessCommand(new CloseBatch(WindowId), Rules, AfterClose);
        state = Apply(state, decision);

        var closed = Assert.IsType<BatchClosed>(Assert.Single(decision.Events));
        Assert.Equal([SapFlowEntitySets.InventoryGenEntries, SapFlowEntitySets.InventoryGenExits, SapFlowEntitySets.StockTransfers], closed.Jobs.Select(j => j.EntitySet));
        var receipt = JsonNode.Parse(closed.Jobs[0].Body)!;
        Assert.Equal(8m, Assert.Single(receipt["DocumentLines"]!.AsArray())!["Quantity"]!.GetValue<decimal>());
        Assert.Equal(["wms:T-1:Transfer", "wms:T-2:Transfer"], closed.Documents[2].MovementKeys);
        Assert.All(closed.Jobs, j => Assert.Equal("Comments", j.LookUp.Field));
        Assert.Equal(5, closed.Coalesced.Count);
        Assert.IsType<NextStep.Post>(decision.Next);
        Assert.False(state.HasPending);
        Assert.Equal(closed.Jobs[0].Key, state.CurrentWork()!.Key);
    }

    [Fact]
    public void A_movement_that_cannot_map_is_kept_out_and_reported_while_the_rest_post()
    {
        var state = Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5)),
            Move("ASN-9", MovementKind.Receipt, 2, "NOWHERE", null, Line("ITM00001", 3)));

        var decision = state.ProcessCommand(new CloseBatch(WindowId), Rules, AfterClose);
        state = Apply(state, decision);

        var closed = Assert.IsType<BatchClosed>(Assert.Single(decision.Events));
        var rejection = Assert.Single(closed.Rejected);
        Assert.Equal("wms:ASN-9:Receipt", rejection.MovementKey);
        Assert.Equal("unmapped-warehouse", Assert.Single(rejection.Exceptions).Type);
        Assert.Equal(["wms:ASN-1:Receipt"], Assert.Single(closed.Documents).MovementKeys);
        Assert.Equal(MovementStatus.Rejected, state.FindMovement("wms:ASN-9:Receipt")!.Status);
    }

    [Fact]
    public void A_late_movement_opens_a_second_batch_whose_document_has_a_key_of_its_own()
    {
        var state = Closed(Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5))), AfterClose);

        var late = state.ProcessCommand(new AcceptMovement(Move("ASN-2", MovementKind.Receipt, 10, "MAIN", null, Line("ITM00001", 1))), Rules, AfterClose.AddMinutes(5));
        state = Apply(state, late);
        state = Closed(state, AfterClose.AddMinutes(7));

        Assert.Equal(AfterClose.AddMinutes(6), Assert.IsType<MovementAccepted>(Assert.Single(late.Events)).CloseAt); // arrival + close delay
        Assert.Equal(2, state.Batches);
        Assert.Equal(2, state.Jobs.Count);
        Assert.NotEqual(state.Jobs[0].Key, state.Jobs[1].Key);
        Assert.NotEqual(state.Jobs[0].LookUp.Value, state.Jobs[1].LookUp.Value);
        Assert.Equal([1, 2], state.Documents.Select(d => d.Batch));
    }

    [Fact]
    public void A_lost_answer_is_looked_up_by_the_documents_comments_and_a_found_document_is_not_posted_again()
    {
        var state = Closed(Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5))), AfterClose);
        var key = state.NextJob!.Key;

        var uncertain = state.ProcessOutcome(key, new PostOutcome.Uncertain("connection reset"), Rules.LockRetry, AfterClose, 0.5);
        var lookUp = state.CurrentWork()!;
        var found = state.ProcessLookup(key, new LookupOutcome.Found(7, 7), AfterClose);
        state = Apply(state, found);

        Assert.IsType<NextStep.LookUp>(uncertain.Next);
        Assert.Equal(("Comments", SapFlowEntitySets.InventoryGenEntries), (lookUp.LookUp.Field, lookUp.LookUp.EntitySet));
        Assert.Contains("wms:ASN-1:Receipt", lookUp.LookUp.Value);
        Assert.True(Assert.IsType<WarehouseJobCompleted>(Assert.Single(found.Events)).FoundByLookup);
        Assert.False(state.HasUnfinishedWork);
        Assert.IsType<NextStep.Nothing>(state.OnRecovery());
    }

    [Fact]
    public void A_document_sap_rejects_parks_without_holding_back_the_other_warehouses()
    {
        var state = Closed(Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("OUT-1", MovementKind.Issue, 1, "MAIN", null, Line("ITM00001", 500)),
            Move("OUT-2", MovementKind.Issue, 2, "STORE", null, Line("ITM00001", 1))), AfterClose);
        var first = state.NextJob!.Key;

        var rejected = state.ProcessOutcome(first, new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Quantity falls into negative inventory"), Rules.LockRetry, AfterClose, 0.5);
        state = Apply(state, rejected);

        Assert.Equal("sap-rejected", Assert.IsType<WarehouseJobParked>(Assert.Single(rejected.Events)).Exception.Type);
        Assert.IsType<NextStep.Post>(rejected.Next);
        Assert.NotEqual(first, state.NextJob!.Key);
        Assert.True(state.DocumentOf(first)!.WasParked);
    }

    [Fact]
    public void Retrying_a_parked_document_looks_it_up_first_and_a_rejected_movement_goes_into_the_next_batch()
    {
        var state = Closed(Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5)),
            Move("ASN-9", MovementKind.Receipt, 2, "NOWHERE", null, Line("ITM00001", 3))), AfterClose);
        var job = state.NextJob!.Key;
        state = Apply(state, state.ProcessOutcome(job, new PostOutcome.Rejected(RejectionKind.Validation, "-10", "no"), Rules.LockRetry, AfterClose, 0.5));

        var document = state.ProcessCommand(new RetryWarehouseItem(WindowId, job), Rules, AfterClose.AddMinutes(1));
        var movement = state.ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-9:Receipt"), Rules, AfterClose.AddMinutes(1));
        var nothing = state.ProcessCommand(new RetryWarehouseItem(WindowId, "wms:ASN-1:Receipt"), Rules, AfterClose.AddMinutes(1));
        state = Apply(state, movement);

        Assert.IsType<NextStep.LookUp>(document.Next);
        Assert.IsType<WarehouseJobReleased>(Assert.Single(document.Events));
        Assert.Equal(AfterClose.AddMinutes(2), Assert.IsType<MovementsReleased>(Assert.Single(movement.Events)).CloseAt);
        Assert.Equal(CommandResultCode.Rejected, nothing.Reply!.Code);
        Assert.Equal(MovementStatus.Pending, state.FindMovement("wms:ASN-9:Receipt")!.Status);
        Assert.True(state.HasUnfinishedWork);
    }

    [Fact]
    public void Locks_on_a_document_are_waited_out_then_parked()
    {
        var state = Closed(Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3),
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5))), AfterClose);
        var key = state.NextJob!.Key;
        var locked = new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "another user");

        var decisions = new List<WarehouseDecision>();
        for (var i = 0; i < 3; i++)
        {
            var decision = state.ProcessOutcome(key, locked, Rules.LockRetry, AfterClose, 0.5);
            decisions.Add(decision);
            state = Apply(state, decision);
        }

        Assert.IsType<WarehouseJobDeferred>(Assert.Single(decisions[0].Events));
        Assert.IsType<NextStep.Wait>(decisions[1].Next);
        Assert.Equal("lock-timeout", Assert.IsType<WarehouseJobParked>(Assert.Single(decisions[2].Events)).Exception.Type);
    }

    [Fact]
    public void Recovery_looks_the_next_document_up_before_posting_it()
    {
        var pending = Accept(WarehouseWindowState.Empty(WindowId), NineOClock.AddMinutes(3), Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 5)));
        var closed = Closed(pending, AfterClose);

        Assert.IsType<NextStep.Nothing>(pending.OnRecovery());
        Assert.True(pending.HasUnfinishedWork);
        Assert.IsType<NextStep.LookUp>(closed.OnRecovery());
    }
}

using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Exceptions;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;
using static ActorSync.Domain.Connectors.Inbox.InboxEvents;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>The durable inbox's rules without actors: accept (de-duplicated), finish, park, requeue, replay.</summary>
public class InboxSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    private const string Created = """{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1561479335,"producer":"stores/abc123"}""";

    private static (InboxState State, AcceptResult Reply) Accept(InboxState state, string key, string payload = Created, int minute = 0)
    {
        var decision = state.ProcessCommand(new AcceptEntry(key, "store/order/created", payload), T0.AddMinutes(minute));
        return (decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e)), decision.Reply);
    }

    private static InboxState Finish(InboxState state, string key, InboxOutcome outcome, int minute = 1) =>
        state.Finish(key, outcome, T0.AddMinutes(minute)) is { } evt ? state.ProcessEvent(evt) : state;

    [Fact]
    public void A_hook_delivered_twice_is_journaled_once_and_the_second_delivery_is_a_duplicate()
    {
        var (once, first) = Accept(InboxState.Empty("bigcommerce-abc123"), "store/order/created:dd70c097:1561479335");
        var decision = once.ProcessCommand(new AcceptEntry("store/order/created:dd70c097:1561479335", "store/order/created", Created), T0.AddMinutes(3));

        Assert.False(first.Duplicate);
        Assert.Empty(decision.Events);
        Assert.True(decision.Reply.Duplicate);
        Assert.True(decision.Reply.Accepted);
        Assert.Single(once.Unfinished());
    }

    [Fact]
    public void A_duplicate_of_a_finished_entry_is_still_recognised_within_the_retention_and_forgotten_after_it()
    {
        var (state, _) = Accept(InboxState.Empty("bigcommerce-abc123"), "k1");
        state = Finish(state, "k1", new InboxOutcome.Done("BigCommerce order 250: Accepted"));

        var within = state.ProcessCommand(new AcceptEntry("k1", "store/order/created", Created), T0.AddHours(48));
        var (later, _) = Accept(state, "k2", minute: (int)InboxState.DoneRetention.TotalMinutes + 5);

        Assert.True(within.Reply.Duplicate);
        Assert.Null(later.Find("k1"));
        Assert.Equal("", state.Find("k1")!.Payload); // done entries keep their key, not their payload
    }

    [Fact]
    public void A_payload_over_the_sources_limit_is_refused_and_never_journaled()
    {
        var decision = InboxState.Empty("bigcommerce-abc123").ProcessCommand(new AcceptEntry("k", "store/order/created", new string('x', 2_000)), T0, maxPayloadChars: 1_024);

        Assert.Empty(decision.Events);
        Assert.False(decision.Reply.Accepted);
        Assert.Contains("at most 1024", decision.Reply.Message);
    }

    [Fact]
    public void Unfinished_entries_are_replayed_in_the_order_they_arrived_after_a_restart()
    {
        var state = InboxState.Empty("bigcommerce-abc123");
        foreach (var key in new[] { "c", "a", "b" }) state = Accept(state, key).State;
        state = Finish(state, "a", new InboxOutcome.Done("ok"));
        var journal = new IInboxEvent[]
        {
            new EntryAccepted("c", "store/order/created", Created, T0), new EntryAccepted("a", "store/order/created", Created, T0),
            new EntryAccepted("b", "store/order/created", Created, T0), new EntryDone("a", "ok", T0.AddMinutes(1)),
        };

        var recovered = journal.Aggregate(InboxState.Empty("bigcommerce-abc123"), (s, e) => s.ProcessEvent(e));

        Assert.Equal(["c", "b"], recovered.Unfinished().Select(e => e.Key));
        Assert.Equal(Created, recovered.Find("b")!.Payload);
        Assert.Equal(state.Unfinished().Select(e => e.Key), recovered.Unfinished().Select(e => e.Key));
    }

    [Fact]
    public void A_poison_entry_is_parked_with_its_reason_and_the_rest_stay_pending()
    {
        var state = Accept(Accept(InboxState.Empty("bigcommerce-abc123"), "bad").State, "good").State;
        var poison = new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord("BigCommerce order 250: $.products[0].sku is missing"));

        state = Finish(state, "bad", poison);

        Assert.Equal(InboxEntryStatus.Parked, state.Find("bad")!.Status);
        Assert.Contains("$.products[0].sku", state.Find("bad")!.Outcome);
        Assert.Equal(Created, state.Find("bad")!.Payload); // kept for the exception queue's retry
        Assert.Equal(["good"], state.Unfinished().Select(e => e.Key));
        Assert.Equal(1, state.ParkedCount);
    }

    [Fact]
    public void Waiting_journals_nothing_so_an_outage_never_parks_an_entry()
    {
        var (state, _) = Accept(InboxState.Empty("bigcommerce-abc123"), "k");

        Assert.Null(state.Finish("k", new InboxOutcome.Wait("GET v2/orders/250: 503 Service Unavailable", WholeSource: true), T0));
        Assert.IsType<InboxOutcome.Wait>(InboxRetryPolicy.Escalate(new InboxOutcome.Wait("429"), 1000));
        Assert.Equal(InboxEntryStatus.Pending, state.Find("k")!.Status);
    }

    [Fact]
    public void A_not_yet_becomes_poison_for_the_integration_team_after_the_last_attempt()
    {
        var notYet = new InboxOutcome.NotYet("Refund 3 waits for order 250: Order 250 is incomplete (status 0): not posted");

        Assert.IsType<InboxOutcome.NotYet>(InboxRetryPolicy.Escalate(notYet, InboxRetryPolicy.MaxNotYetAttempts - 1));
        var parked = Assert.IsType<InboxOutcome.Poison>(InboxRetryPolicy.Escalate(notYet, InboxRetryPolicy.MaxNotYetAttempts));
        Assert.Equal(OwningTeam.Integration, parked.Details.Team);
        Assert.Equal(ExceptionTypes.InvalidChannelRecordType, parked.Details.Type);
    }

    [Fact]
    public void A_dispatch_whose_order_never_comes_parks_as_order_not_found_after_the_last_attempt()
    {
        var notYet = new InboxOutcome.NotYet("acme-3pl DispatchConfirmed DSP-9: order magento:1009 is not in the engine yet",
            ExceptionTypes.OrderNotFound("acme-3pl DispatchConfirmed DSP-9 confirms order magento:1009, which the engine never received ($.externalRef)."));

        Assert.IsType<InboxOutcome.NotYet>(InboxRetryPolicy.Escalate(notYet, InboxRetryPolicy.MaxNotYetAttempts - 1));
        var parked = Assert.IsType<InboxOutcome.Poison>(InboxRetryPolicy.Escalate(notYet, InboxRetryPolicy.MaxNotYetAttempts));
        Assert.Equal(ExceptionTypes.OrderNotFoundType, parked.Details.Type);
        Assert.Contains($"still so after {InboxRetryPolicy.MaxNotYetAttempts} attempts", parked.Details.Reason);
        Assert.Contains("GET /api/orders", parked.Details.SuggestedAction);
    }

    [Fact]
    public void Retry_delays_follow_the_stores_reset_hint_else_double_up_to_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(7_250), InboxRetryPolicy.Delay(1, TimeSpan.FromMilliseconds(7_250)));
        Assert.Equal(TimeSpan.FromSeconds(1), InboxRetryPolicy.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(8), InboxRetryPolicy.Delay(4));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(30));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(1, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_parked_entry_requeued_by_an_operator_is_pending_again_and_a_done_one_cannot_be()
    {
        var state = Accept(Accept(InboxState.Empty("bigcommerce-abc123"), "bad").State, "ok").State;
        state = Finish(state, "bad", new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord("$.data.id is missing")));
        state = Finish(state, "ok", new InboxOutcome.Done("fine"));

        var requeue = state.ProcessCommand(new RequeueEntry("bad"), T0.AddHours(1));
        var again = requeue.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));
        var done = state.ProcessCommand(new RequeueEntry("ok"), T0.AddHours(1));

        Assert.True(requeue.Reply.Accepted);
        Assert.Equal(["bad"], again.Unfinished().Select(e => e.Key));
        Assert.False(done.Reply.Accepted);
        Assert.Empty(done.Events);
    }

    [Fact]
    public void A_snapshot_restores_the_same_state()
    {
        var state = Accept(Accept(InboxState.Empty("bigcommerce-abc123"), "a").State, "b").State;
        state = Finish(state, "a", new InboxOutcome.Done("ok"));

        var restored = InboxState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(state.Unfinished(), restored.Unfinished());
        Assert.Equal(state.Find("a"), restored.Find("a"));
        Assert.Equal((state.NextSequence, state.AcceptedCount, state.DoneCount), (restored.NextSequence, restored.AcceptedCount, restored.DoneCount));
    }
}

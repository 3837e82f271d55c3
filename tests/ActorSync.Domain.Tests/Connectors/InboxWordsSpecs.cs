using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Exceptions;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>
/// What the durable inbox answers a webhook and an operator (taken, seen before, too large, requeued, nothing to
/// retry), which outcomes journal, and the retry delays at their edges.
/// </summary>
public class InboxWordsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private const string Payload = """{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"dd70c097","created_at":1561479335}""";

    private static InboxState Accepted(params string[] keys) =>
        keys.Aggregate(InboxState.Empty("bigcommerce-abc123"), (s, k) => s.ProcessCommand(new AcceptEntry(k, "store/order/created", Payload), T0).Events.Aggregate(s, (x, e) => x.ProcessEvent(e)));

    private static InboxState Finished(InboxState state, string key, InboxOutcome outcome) => state.ProcessEvent(state.Finish(key, outcome, T0.AddMinutes(1))!);

    [Fact]
    public void The_sender_is_told_whether_its_record_was_taken_seen_before_or_refused()
    {
        var empty = InboxState.Empty("bigcommerce-abc123");
        var state = Accepted("k1");

        Assert.Equal(new AcceptResult("k1", true, false, "Taken into the bigcommerce-abc123 inbox."), empty.ProcessCommand(new AcceptEntry("k1", "store/order/created", Payload), T0).Reply);
        Assert.Equal(new AcceptResult("k1", true, true, "Seen before (entry 1, pending); nothing more to do."), state.ProcessCommand(new AcceptEntry("k1", "store/order/created", Payload), T0).Reply);
        Assert.Equal(new AcceptResult("", false, false, "An inbox entry needs a key."), empty.ProcessCommand(new AcceptEntry("", "store/order/created", Payload), T0).Reply);
    }

    [Fact]
    public void A_payload_up_to_the_limit_is_taken_and_a_larger_one_refused_saying_both_sizes()
    {
        var empty = InboxState.Empty("bigcommerce-abc123");

        Assert.True(empty.ProcessCommand(new AcceptEntry("k1", "store/order/created", Payload), T0, Payload.Length).Reply.Accepted);
        var refused = empty.ProcessCommand(new AcceptEntry("k1", "store/order/created", Payload), T0, Payload.Length - 1);
        Assert.Equal(new AcceptResult("k1", false, false, $"The payload is {Payload.Length} characters; the bigcommerce-abc123 inbox takes at most {Payload.Length - 1}."), refused.Reply);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void An_operator_s_requeue_says_what_happened_to_the_entry()
    {
        var state = Accepted("parked", "pending", "done");
        state = Finished(state, "parked", new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord("$.data.id is missing")));
        state = Finished(state, "done", new InboxOutcome.Done("order posted"));

        Assert.Equal(new RequeueResult("parked", true, "Entry parked of bigcommerce-abc123 goes to work again."), state.ProcessCommand(new RequeueEntry("parked"), T0).Reply);
        Assert.Equal(new RequeueResult("pending", true, "Entry pending of bigcommerce-abc123 is already pending."), state.ProcessCommand(new RequeueEntry("pending"), T0).Reply);
        Assert.Equal(new RequeueResult("done", false, "Entry done of bigcommerce-abc123 is done; nothing to retry."), state.ProcessCommand(new RequeueEntry("done"), T0).Reply);
        Assert.Equal(new RequeueResult("gone", false, "The bigcommerce-abc123 inbox no longer holds entry gone (parked entries are kept 30 days)."),
            state.ProcessCommand(new RequeueEntry("gone"), T0).Reply);
    }

    [Fact]
    public void Only_a_pending_entry_finishes_and_a_wait_journals_nothing()
    {
        var state = Finished(Accepted("k1", "k2"), "k1", new InboxOutcome.Done("order posted"));

        Assert.Null(state.Finish("k1", new InboxOutcome.Done("again"), T0));
        Assert.Null(state.Finish("nope", new InboxOutcome.Done("never"), T0));
        Assert.Null(state.Finish("k2", new InboxOutcome.Wait("SAP busy"), T0));
        Assert.NotNull(state.Finish("k2", new InboxOutcome.Done("order posted"), T0));
    }

    [Fact]
    public void A_hint_is_taken_up_to_the_longest_delay_and_doubling_stops_there()
    {
        Assert.Equal(TimeSpan.FromSeconds(299), InboxRetryPolicy.Delay(1, TimeSpan.FromSeconds(299)));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(1, InboxRetryPolicy.MaxDelay));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(1, TimeSpan.FromMinutes(7)));
        Assert.Equal(TimeSpan.FromSeconds(2.5), InboxRetryPolicy.Delay(2, first: TimeSpan.FromSeconds(1.25)));
        Assert.Equal(TimeSpan.FromSeconds(2), InboxRetryPolicy.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(256), InboxRetryPolicy.Delay(9));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(10));
        Assert.Equal(InboxRetryPolicy.MaxDelay, InboxRetryPolicy.Delay(2, first: TimeSpan.FromSeconds(150)));
    }

    [Fact]
    public void A_not_yet_that_lasts_is_parked_saying_how_long_it_lasted()
    {
        var parked = Assert.IsType<InboxOutcome.Poison>(InboxRetryPolicy.Escalate(new InboxOutcome.NotYet("order magento:100000451 is not received yet"), 12));
        var owned = Assert.IsType<InboxOutcome.Poison>(InboxRetryPolicy.Escalate(
            new InboxOutcome.NotYet("waiting", ExceptionTypes.InvalidChannelRecord("dispatch SH-1 names order 451, which never came")), 13));

        Assert.Equal("order magento:100000451 is not received yet (still so after 12 attempts)", parked.Details.Reason);
        Assert.Equal("dispatch SH-1 names order 451, which never came (still so after 13 attempts)", owned.Details.Reason);
        Assert.IsType<InboxOutcome.NotYet>(InboxRetryPolicy.Escalate(new InboxOutcome.NotYet("soon"), 11));
    }
}

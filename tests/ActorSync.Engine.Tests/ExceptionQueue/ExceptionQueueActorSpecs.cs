using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Engine.ExceptionQueue;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueQueries;

namespace ActorSync.Engine.Tests.ExceptionQueue;

/// <summary>
/// The exception queue actor alone, with Akka.TestKit and the in-memory journal and snapshot store; a TestProbe plays
/// the order region that owns the records.
/// </summary>
public class ExceptionQueueActorSpecs : TestKit
{
    private const string Config = @"
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = ""akka.persistence.journal.inmem""
        akka.persistence.snapshot-store.plugin = ""akka.persistence.snapshot-store.inmem""";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TestProbe _orders;
    private readonly ExceptionQueueSettings _settings = new() { Name = "spec", SnapshotEvery = 3, RetryAnswerTimeout = TimeSpan.FromSeconds(2) };

    private static RaiseException Raise(string orderId = "magento:1001", int minute = 0, ExceptionDetails? details = null) =>
        new(RecordKinds.Order, orderId, details ?? ExceptionTypes.UnmappedTax("No VAT group for 7 %"), $"{{\"id\":\"{orderId}\"}}", T0.AddMinutes(minute));

    private IActorRef Spawn(ExceptionQueueSettings? settings = null, params RecordOwner[] owners) =>
        Sys.ActorOf(ExceptionQueueActor.Props(settings ?? _settings, owners.Length == 0 ? [RecordOwner.Orders(_orders.Ref)] : owners));

    private static async Task<ExceptionRecord> Get(IActorRef queue, string id) =>
        (await queue.Ask<ExceptionLookup>(new GetException(id), Wait)).Exception ?? throw new Xunit.Sdk.XunitException($"no {id}");

    private static async Task<IReadOnlyList<ExceptionRecord>> All(IActorRef queue) =>
        (await queue.Ask<ExceptionList>(new ListExceptions(ExceptionFilter.All), Wait)).Items;

    private Task StatusIs(IActorRef queue, string id, ExceptionStatus status) =>
        AwaitAssertAsync(async () => Assert.Equal(status, (await Get(queue, id)).Status), Wait);

    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Wait);

    public ExceptionQueueActorSpecs() : base(Config) => _orders = CreateTestProbe("orders");

    [Fact]
    public async Task Exceptions_survive_a_restart_recovering_from_the_latest_snapshot_and_the_events_after_it()
    {
        var queue = Spawn();
        queue.Tell(Raise("magento:1"));
        queue.Tell(Raise("magento:1", minute: 5));
        queue.Tell(Raise("magento:2"));
        queue.Tell(Raise("magento:3"));
        var ignored = await queue.Ask<ExceptionCommandResult>(new IgnoreException("ex-3", "test order"), Wait); // 5th event
        var before = await All(queue);

        Watch(queue);
        queue.Tell(PoisonPill.Instance);
        ExpectTerminated(queue);
        var revived = Spawn();

        Assert.Equal(ExceptionResultCode.Accepted, ignored.Code);
        Assert.Equal(3, before.Count);
        Assert.Equal(before, await All(revived));
        Assert.Equal(2, (await Get(revived, "ex-1")).Attempts);
        var snapshots = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await snapshots.Ask<LoadSnapshotResult>(
            new LoadSnapshot(ExceptionQueueActor.PersistencePrefix + "spec", SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        Assert.Equal(3, loaded.Snapshot!.Metadata.SequenceNr);      // every 3 events
        // The next exception gets a new id after recovery: the counter came back too.
        revived.Tell(Raise("magento:4"));
        await StatusIs(revived, "ex-4", ExceptionStatus.Open);
    }

    [Fact]
    public async Task Retry_asks_the_order_region_with_RetryOrder_moves_to_retrying_and_the_record_s_success_resolves_it()
    {
        var queue = Spawn();
        queue.Tell(Raise());
        await StatusIs(queue, "ex-1", ExceptionStatus.Open);

        var retry = queue.Ask<ExceptionCommandResult>(new RetryException("ex-1"), Wait);
        var asked = await _orders.ExpectMsgAsync<OrderCommands.RetryOrder>(Wait);
        await StatusIs(queue, "ex-1", ExceptionStatus.Retrying);
        _orders.Reply(new OrderCommandResult(asked.OrderId, CommandResultCode.Accepted, "Released for another attempt."));
        var answer = await Within(retry);

        Assert.Equal("magento:1001", asked.OrderId);
        Assert.Equal(ExceptionResultCode.Accepted, answer.Code);
        Assert.Contains("Released for another attempt.", answer.Message);
        Assert.Equal(ExceptionStatus.Retrying, answer.Exception!.Status);

        queue.Tell(new RecordSucceeded(RecordKinds.Order, "magento:1001", DateTimeOffset.UtcNow));
        await StatusIs(queue, "ex-1", ExceptionStatus.Resolved);
        Assert.Equal(ExceptionQueueDecisions.ResolvedByRetryNote, (await Get(queue, "ex-1")).Note);
        await _orders.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // asked exactly once
    }

    [Fact]
    public async Task An_owner_refusing_the_retry_puts_the_exception_back_on_the_open_list_with_its_answer()
    {
        var queue = Spawn();
        queue.Tell(Raise());

        var retry = queue.Ask<ExceptionCommandResult>(new RetryException("ex-1"), Wait);
        await _orders.ExpectMsgAsync<OrderCommands.RetryOrder>(Wait);
        _orders.Reply(new OrderCommandResult("magento:1001", CommandResultCode.Rejected, "Still failing: No VAT group for 7 %"));
        var answer = await Within(retry);

        Assert.Equal(ExceptionResultCode.Conflict, answer.Code);
        Assert.Contains("Still failing", answer.Message);
        var e = await Get(queue, "ex-1");
        Assert.Equal((ExceptionStatus.Open, "Still failing: No VAT group for 7 %"), (e.Status, e.LastRetryResult));
    }

    [Fact]
    public async Task An_owner_that_does_not_answer_in_time_leaves_the_exception_open_and_the_mailbox_free()
    {
        var queue = Spawn(new ExceptionQueueSettings { Name = "silent", RetryAnswerTimeout = TimeSpan.FromMilliseconds(500) });
        queue.Tell(Raise());

        var retry = queue.Ask<ExceptionCommandResult>(new RetryException("ex-1"), Wait);
        await _orders.ExpectMsgAsync<OrderCommands.RetryOrder>(Wait);
        // While the owner is silent the queue still answers.
        Assert.Single(await All(queue));
        var answer = await Within(retry);

        Assert.Equal(ExceptionResultCode.Conflict, answer.Code);
        Assert.Contains("did not answer", answer.Message);
        Assert.Equal(ExceptionStatus.Open, (await Get(queue, "ex-1")).Status);
    }

    [Fact]
    public async Task Retrying_a_record_kind_nobody_owns_is_refused_and_changes_nothing()
    {
        var queue = Spawn();
        queue.Tell(Raise() with { RecordKind = "refund", RecordId = "R-1" });
        await StatusIs(queue, "ex-1", ExceptionStatus.Open);

        var answer = await queue.Ask<ExceptionCommandResult>(new RetryException("ex-1"), Wait);

        Assert.Equal(ExceptionResultCode.Conflict, answer.Code);
        Assert.Contains("no owner registered for that kind", answer.Message);
        Assert.Equal(ExceptionStatus.Open, (await Get(queue, "ex-1")).Status);
        await _orders.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_retry_whose_outcome_is_never_reported_goes_back_to_open_by_itself()
    {
        var queue = Spawn(new ExceptionQueueSettings
        {
            Name = "stale", RetryAnswerTimeout = TimeSpan.FromMilliseconds(300), RetryOutcomeTimeout = TimeSpan.FromMilliseconds(800),
            MaintenanceInterval = TimeSpan.FromMilliseconds(100),
        });
        queue.Tell(Raise());
        var retry = queue.Ask<ExceptionCommandResult>(new RetryException("ex-1"), Wait);
        await _orders.ExpectMsgAsync<OrderCommands.RetryOrder>(Wait);
        _orders.Reply(new OrderCommandResult("magento:1001", CommandResultCode.Accepted, "Released for another attempt."));
        Assert.Equal(ExceptionResultCode.Accepted, (await Within(retry)).Code);

        await StatusIs(queue, "ex-1", ExceptionStatus.Open);

        Assert.Contains("No outcome reported", (await Get(queue, "ex-1")).LastRetryResult);
    }

    [Fact]
    public async Task Reports_get_no_reply_and_a_repeated_report_counts_once()
    {
        var queue = Spawn();

        queue.Tell(Raise(minute: 1), TestActor);
        queue.Tell(Raise(minute: 1), TestActor);
        queue.Tell(new RecordSucceeded(RecordKinds.Order, "other:1", T0), TestActor);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        var e = Assert.Single(await All(queue));
        Assert.Equal(1, e.Attempts);
    }

    [Fact]
    public void The_snapshot_events_and_replies_survive_the_journal_and_remoting_serializer()
    {
        var state = new[]
        {
            (object)Raise("magento:1"), Raise("magento:1", minute: 3), Raise("magento:2"), new RetryException("ex-1"),
            new RecordSucceeded(RecordKinds.Order, "magento:1", T0.AddMinutes(9)), new IgnoreException("ex-2", "test"),
        }.Aggregate(ExceptionQueueState.Empty, (s, cmd) => s.ProcessEvents((cmd switch
        {
            RaiseException c => s.ProcessCommand(c),
            RecordSucceeded c => s.ProcessCommand(c),
            RetryException c => s.ProcessCommand(c, T0.AddMinutes(4)),
            IgnoreException c => s.ProcessCommand(c, T0.AddMinutes(5)),
            _ => throw new ArgumentException(),
        }).Events));

        var copy = ExceptionQueueState.FromSnapshot(RoundTrip(state.ToSnapshot()));
        var success = RoundTrip(new ExceptionQueueEvents.RecordSuccessNoted(RecordKinds.Order, "magento:1", T0, ["ex-1"]));
        var list = RoundTrip(new ExceptionList(state.List(ExceptionFilter.All)));
        var reply = RoundTrip(new ExceptionCommandResult("ex-1", ExceptionResultCode.Accepted, "ok", state.Find("ex-1")));

        Assert.Equal(state.List(ExceptionFilter.All), copy.List(ExceptionFilter.All));
        Assert.Equal(state.NextNumber, copy.NextNumber);
        Assert.Equal(state.LastSuccessOf(RecordKinds.Order, "magento:1"), copy.LastSuccessOf(RecordKinds.Order, "magento:1"));
        Assert.Equal(state.LatestFor(RecordKinds.Order, "magento:2", "unmapped-tax"), copy.LatestFor(RecordKinds.Order, "magento:2", "unmapped-tax"));
        Assert.Equal(["ex-1"], success.ResolvedIds);
        Assert.Equal(state.List(ExceptionFilter.All), list.Items);
        Assert.Equal(state.Find("ex-1"), reply.Exception);
    }

    private T RoundTrip<T>(T value) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(value);
        return (T)Sys.Serialization.Deserialize(serializer.ToBinary(value), serializer.Identifier, typeof(T));
    }
}

using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Orders;
using ActorSync.Host.Demo;
using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Xunit2;

namespace ActorSync.Engine.Tests;

/// <summary>
/// The order entity alone, with Akka.TestKit and the in-memory journal: the test plays the gateway by reading the
/// entity's requests from the queue and answering them.
/// </summary>
public class OrderEntitySpecs() : TestKit(@"akka.loglevel = WARNING")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ServiceLayerGatewayQueue _queue = new(new GatewaySettings());
    private readonly OrderFlowSettings _settings = new()
    {
        Mapping = OrderMapping.ForDemoCompany("magento"),
        LockRetryBaseDelay = TimeSpan.FromMilliseconds(50),
        LockRetryMaxDelay = TimeSpan.FromMilliseconds(200),
        LockRetryMaxAttempts = 3,
    };

    private static ChannelOrder AnOrder() => new DemoOrderGenerator(200).Generate(1).Single();

    /// <summary>Without master data nothing is known to be batch-managed, so no stock is ever read here.</summary>
    private sealed class NoStockReads : IStockReader
    {
        public Task<StockReading> ReadAsync(IReadOnlyCollection<StockPlace> places, CancellationToken ct = default) =>
            throw new InvalidOperationException("the entity read stock without master data saying any item needs picking");
    }

    private IActorRef Spawn(string orderId) =>
        Sys.ActorOf(OrderEntity.Props(orderId, _settings, _queue, ActorRegistry.For(Sys), new MasterDataSnapshotHolder(), new NoStockReads(),
            new ActorSync.Channels.Outbound.ShipmentPublishers([])));

    private async Task<T> NextRequest<T>() where T : class
    {
        using var cts = new CancellationTokenSource(Wait);
        if (typeof(T) == typeof(PostDocument)) return (await _queue.Posts.ReadAsync(cts.Token) as T)!;
        return (await _queue.LookUps.ReadAsync(cts.Token) as T)!;
    }

    private void AssertNoRequest()
    {
        Assert.False(_queue.Posts.TryPeek(out _), "the entity sent an unexpected post");
        Assert.False(_queue.LookUps.TryPeek(out _), "the entity sent an unexpected look-up");
    }

    private async Task<OrderState> StateOf(IActorRef entity, string orderId) =>
        await entity.Ask<OrderState>(new OrderQueries.GetOrderState(orderId), Wait);

    [Fact]
    public async Task Accepts_an_order_posts_it_once_and_records_the_document()
    {
        var order = AnOrder();
        var entity = Spawn(order.Key.EntityId);

        var reply = await entity.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Wait);
        var post = await NextRequest<PostDocument>();
        post.ReplyTo.Tell(new DocumentPosted(post.CorrelationId, post.Attempt, new PostOutcome.Created(41, 1041)));

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        Assert.Equal("Orders", post.Path);
        await AwaitAssertAsync(async () => Assert.Equal(OrderStatus.Posted, (await StateOf(entity, order.Key.EntityId)).Status), Wait);
        Assert.Equal(41, (await StateOf(entity, order.Key.EntityId)).DocEntry);
        AssertNoRequest();
    }

    [Fact]
    public async Task After_an_uncertain_answer_it_looks_up_and_does_not_post_again_when_sap_has_the_document()
    {
        var order = AnOrder();
        var entity = Spawn(order.Key.EntityId);
        await entity.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Wait);

        var post = await NextRequest<PostDocument>();
        post.ReplyTo.Tell(new DocumentPosted(post.CorrelationId, post.Attempt, new PostOutcome.Uncertain("connection dropped")));
        var lookUp = await NextRequest<LookUpDocument>();
        lookUp.ReplyTo.Tell(new DocumentLookedUp(lookUp.CorrelationId, lookUp.Attempt, new LookupOutcome.Found(77, 1077)));

        Assert.Equal(order.Key.NumAtCard, lookUp.Key.Value);
        await AwaitAssertAsync(async () => Assert.Equal(77, (await StateOf(entity, order.Key.EntityId)).DocEntry), Wait);
        AssertNoRequest();
    }

    [Fact]
    public async Task A_late_answer_to_an_abandoned_attempt_is_ignored()
    {
        var order = AnOrder();
        var entity = Spawn(order.Key.EntityId);
        await entity.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Wait);
        var post = await NextRequest<PostDocument>();
        post.ReplyTo.Tell(new DocumentPosted(post.CorrelationId, post.Attempt, new PostOutcome.Uncertain("timeout")));
        var lookUp = await NextRequest<LookUpDocument>();

        // The first attempt's answer arrives after the entity moved on: it must not count.
        post.ReplyTo.Tell(new DocumentPosted(post.CorrelationId, post.Attempt, new PostOutcome.Created(1, 1)));
        lookUp.ReplyTo.Tell(new DocumentLookedUp(lookUp.CorrelationId, lookUp.Attempt, new LookupOutcome.Found(2, 2)));

        await AwaitAssertAsync(async () => Assert.Equal(2, (await StateOf(entity, order.Key.EntityId)).DocEntry), Wait);
    }

    [Fact]
    public async Task A_lock_conflict_is_retried_by_the_entity_after_a_backoff()
    {
        var order = AnOrder();
        var entity = Spawn(order.Key.EntityId);
        await entity.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Wait);

        var first = await NextRequest<PostDocument>();
        first.ReplyTo.Tell(new DocumentPosted(first.CorrelationId, first.Attempt, new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "locked")));
        var second = await NextRequest<PostDocument>();
        second.ReplyTo.Tell(new DocumentPosted(second.CorrelationId, second.Attempt, new PostOutcome.Created(5, 5)));

        Assert.True(second.Attempt > first.Attempt);
        await AwaitAssertAsync(async () => Assert.Equal(OrderStatus.Posted, (await StateOf(entity, order.Key.EntityId)).Status), Wait);
        Assert.Equal(1, (await StateOf(entity, order.Key.EntityId)).LockAttempts);
    }

    [Fact]
    public async Task An_unposted_order_recovered_from_its_journal_looks_sap_up_by_itself()
    {
        var order = AnOrder();
        var entity = Spawn(order.Key.EntityId);
        await entity.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Wait);
        await NextRequest<PostDocument>(); // sent, then the process "dies" before the answer

        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        Spawn(order.Key.EntityId); // nothing is sent to it: recovery alone must make it act

        var lookUp = await NextRequest<LookUpDocument>();
        Assert.Equal(order.Key.NumAtCard, lookUp.Key.Value);
    }
}

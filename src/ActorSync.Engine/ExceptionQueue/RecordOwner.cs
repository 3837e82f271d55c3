using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Orders;
using Akka.Actor;

namespace ActorSync.Engine.ExceptionQueue;

/// <summary>What a record's owner said to a retry request, in the queue's terms.</summary>
public sealed record RetryAnswer(bool Accepted, string Message);

/// <summary>
/// Who can retry one kind of record: the actor to ask (usually the kind's shard region), the message that asks it to
/// try the record again, and how to read its answer. The queue never retries anything itself: the record's own
/// entity decides, so a retried record still posts at most once. Several owners may share a kind when each names
/// the <see cref="RecordIdPrefix"/> of its records (every connector's inbox owns <c>channel-record</c>s whose ids
/// start with its source); the longest matching prefix wins, an owner without one takes the rest.
/// </summary>
public sealed record RecordOwner(string RecordKind, IActorRef Owner, Func<string, object> RetryMessage, Func<object, RetryAnswer> ReadAnswer, string? RecordIdPrefix = null)
{
    /// <summary>The owner of a record among <paramref name="owners"/>, or null.</summary>
    public static RecordOwner? For(IEnumerable<RecordOwner> owners, string recordKind, string recordId) =>
        owners.Where(o => o.RecordKind == recordKind && (o.RecordIdPrefix is null || recordId.StartsWith(o.RecordIdPrefix, StringComparison.Ordinal)))
            .OrderByDescending(o => o.RecordIdPrefix?.Length ?? -1)
            .FirstOrDefault();

    /// <summary>Orders: <see cref="OrderCommands.RetryOrder"/> through the order shard region, answered with <see cref="OrderCommandResult"/>.</summary>
    public static RecordOwner Orders(IActorRef orderRegion) => new(RecordKinds.Order, orderRegion,
        orderId => new OrderCommands.RetryOrder(orderId),
        answer => answer switch
        {
            OrderCommandResult result => new RetryAnswer(!result.IsError, result.Message),
            _ => new RetryAnswer(false, $"Unexpected answer from the order: {answer.GetType().Name}."),
        });
}

using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Orders;
using Akka.Actor;

namespace ActorSync.Engine.ExceptionQueue;

/// <summary>What a record's owner said to a retry request, in the queue's terms.</summary>
public sealed record RetryAnswer(bool Accepted, string Message);

/// <summary>
/// Who can retry one kind of record: the actor to ask (usually the kind's shard region), the message that asks it to
/// try the record again, and how to read its answer. The queue never retries anything itself: the record's own
/// entity decides, so a retried record still posts at most once.
/// </summary>
public sealed record RecordOwner(string RecordKind, IActorRef Owner, Func<string, object> RetryMessage, Func<object, RetryAnswer> ReadAnswer)
{
    /// <summary>
    /// When several owners share a kind (each connector's inbox owns <c>channel-record</c>s), the record ids this one
    /// owns start with this prefix (<c>magento-default/</c>); null: every record of the kind.
    /// </summary>
    public string? RecordIdPrefix { get; init; }

    public bool Owns(string recordId) => RecordIdPrefix is null || recordId.StartsWith(RecordIdPrefix, StringComparison.Ordinal);

    /// <summary>Orders: <see cref="OrderCommands.RetryOrder"/> through the order shard region, answered with <see cref="OrderCommandResult"/>.</summary>
    public static RecordOwner Orders(IActorRef orderRegion) => new(RecordKinds.Order, orderRegion,
        orderId => new OrderCommands.RetryOrder(orderId),
        answer => answer switch
        {
            OrderCommandResult result => new RetryAnswer(!result.IsError, result.Message),
            _ => new RetryAnswer(false, $"Unexpected answer from the order: {answer.GetType().Name}."),
        });
}

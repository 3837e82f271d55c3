using ActorSync.Domain.Orders;
using Akka.Cluster.Sharding;

namespace ActorSync.Engine.Orders;

/// <summary>Routes every <see cref="IWithOrderId"/> message to its order's shard. StartEntity and envelopes are handled by Akka itself (AK2001).</summary>
public sealed class OrderMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    public override string? EntityId(object message) => message is IWithOrderId withId ? withId.OrderId : null;
}

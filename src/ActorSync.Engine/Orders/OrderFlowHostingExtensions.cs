using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorSync.Engine.Orders;

/// <summary>Registry keys.</summary>
public sealed class OrderRegion;
public sealed class UnfinishedOrders;

public static class OrderFlowHostingExtensions
{
    /// <summary>Order entities sharded over the cluster, and the index that wakes unfinished ones.</summary>
    public static AkkaConfigurationBuilder AddOrderFlow(this AkkaConfigurationBuilder builder, OrderFlowSettings settings)
    {
        settings.Validate();
        return builder
            .WithShardRegion<OrderRegion>("order",
                (_, registry, resolver) => orderId => OrderEntity.Props(orderId, settings, resolver.GetService<ServiceLayerGatewayQueue>(), registry, resolver.GetService<MasterDataSnapshotHolder>()),
                new OrderMessageExtractor(settings.ShardCount),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    // Orders passivate themselves once settled; an unfinished order waiting on a lock timer must not be stopped.
                    ShouldPassivateIdleEntities = false,
                    RememberEntities = false,
                })
            .WithSingleton<UnfinishedOrders>("unfinished-orders",
                (_, registry, _) => UnfinishedOrdersIndex.Props(registry.Get<OrderRegion>(), settings.WakeInterval),
                new ClusterSingletonOptions(), createProxyToo: true);
    }
}

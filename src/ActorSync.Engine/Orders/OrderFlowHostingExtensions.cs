using ActorSync.Engine.Persistence;
using ActorSync.Channels.Outbound;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using static ActorSync.Domain.Orders.OrderEvents;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorSync.Engine.Orders;

/// <summary>Registry keys.</summary>
public sealed class OrderRegion;
public sealed class UnfinishedOrders;

public static class OrderFlowHostingExtensions
{
    /// <summary>Tags the flow's progress events for its unfinished-entities index (registered with the journal).</summary>
    public static readonly JournalTagger Tagger = JournalTagger.Of<OrderEventTagger>("order-tagger", typeof(IOrderEvent));

    /// <summary>How the unfinished-entities index finds and wakes orders that still owe SAP some work.</summary>
    public static readonly UnfinishedEntitiesIndex.Kind Unfinished = new("orders", OrderEventTagger.ProgressTag, OrderEntity.PersistencePrefix,
        evt => evt is OrderProgressEvent progress ? progress.WorkPending : null, orderId => new OrderEntity.Wake(orderId));

    /// <summary>Order entities sharded over the cluster, and the index that wakes unfinished ones.</summary>
    public static AkkaConfigurationBuilder AddOrderFlow(this AkkaConfigurationBuilder builder, OrderFlowSettings settings)
    {
        settings.Validate();
        return builder
            .WithShardRegion<OrderRegion>("order",
                (_, registry, resolver) => orderId => OrderEntity.Props(orderId, settings, resolver.GetService<ServiceLayerGatewayQueue>(), registry, resolver.GetService<MasterDataSnapshotHolder>(),
                    resolver.GetService<IStockReader>(), resolver.GetService<ShipmentPublishers>()),
                new OrderMessageExtractor(settings.ShardCount),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    // Orders passivate themselves once settled; an unfinished order waiting on a lock timer must not be stopped.
                    ShouldPassivateIdleEntities = false,
                    RememberEntities = false,
                })
            .WithSingleton<UnfinishedOrders>("unfinished-orders",
                (_, registry, _) => UnfinishedEntitiesIndex.Props(registry.Get<OrderRegion>(), Unfinished, settings.WakeInterval),
                new ClusterSingletonOptions(), createProxyToo: true);
    }
}

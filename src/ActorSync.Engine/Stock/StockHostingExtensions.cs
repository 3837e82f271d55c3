using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorSync.Engine.Stock;

/// <summary>Registry key.</summary>
public sealed class StockRegion;

public static class StockHostingExtensions
{
    public const int ShardCount = 50;

    /// <summary>Stock position entities (SKU x warehouse) sharded over the cluster.</summary>
    public static AkkaConfigurationBuilder AddStockPositions(this AkkaConfigurationBuilder builder, TimeSpan? passivateAfter = null) =>
        builder.WithShardRegion<StockRegion>("stock",
            stockId => StockPositionEntity.Props(stockId, passivateAfter ?? TimeSpan.FromMinutes(2)),
            new StockMessageExtractor(ShardCount),
            new ShardOptions { StateStoreMode = StateStoreMode.DData, ShouldPassivateIdleEntities = false, RememberEntities = false });
}

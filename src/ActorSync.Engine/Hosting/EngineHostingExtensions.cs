using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Wms;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Journal;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Pos;
using ActorSync.Engine.Tracking;
using ActorSync.Engine.Stock;
using ActorSync.Engine.Warehouse;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Hosting;

public static class EngineHostingExtensions
{
    /// <summary>
    /// The whole engine on one actor system: reads like a table of contents of its capabilities.
    /// <paramref name="akkaHocon"/> is the text of <c>akka.hocon</c> (Akka's own settings), when the host has it.
    /// </summary>
    public static IServiceCollection AddActorSyncEngine(this IServiceCollection services, EngineSettings settings, string? akkaHocon = null)
    {
        services.AddServiceLayerGatewayServices(settings.ServiceLayer, settings.Gateway);
        services.AddSingleton<SyncEngine>();
        services.AddSingleton(sp => new Payments.PaymentReconciliationReader(sp.GetRequiredService<Akka.Actor.ActorSystem>(),
            sp.GetRequiredService<ServiceLayer.ServiceLayerClient>(), settings.Orders.EffectiveMapping));
        services.AddMasterDataServices();
        services.AddShipmentPublishing(settings.Tracking);
        services.AddExceptionQueueServices();
        if (settings.Connectors.BigCommerce is { } bigCommerce) services.AddBigCommerceConnectorServices(bigCommerce);
        var warehouseSources = settings.Connectors.WarehouseSources;
        if (warehouseSources.Any) services.AddWmsConnectorServices(warehouseSources);
        // The warehouse sources post to SAP warehouses they resolved themselves; the warehouse flow's lookup must find them.
        var mapping = warehouseSources.Any ? settings.Orders.EffectiveMapping.WithWarehouseSources(warehouseSources) : settings.Orders.EffectiveMapping;
        services.AddAkka(ClusterHostingExtensions.SystemName, builder =>
        {
            if (akkaHocon is not null) builder.AddHocon(akkaHocon, HoconAddMode.Prepend);
            builder
                .AddActorSyncCluster(settings.Cluster)
                .AddJournalFormat()
                .AddActorSyncPersistence(settings.Persistence, OrderFlowHostingExtensions.Tagger, PosFlowHostingExtensions.Tagger, WarehouseFlowHostingExtensions.Tagger)
                .AddServiceLayerGateway()
                .AddMasterData(settings.MasterData)
                .AddOrderFlow(settings.Orders)
                .AddPosFlow(settings.Pos, settings.Orders.EffectiveMapping)
                .AddWarehouseFlow(settings.Warehouse, mapping)
                .AddStockPositions();
            if (settings.Connectors.BigCommerce is { } connector) builder.AddBigCommerceConnector(connector);
            if (warehouseSources.Any) builder.AddWmsConnector(warehouseSources, mapping);
            builder.AddExceptionQueue(owners: [.. ExceptionQueueHostingExtensions.DefaultOwners, PosFlowHostingExtensions.Owner, WarehouseFlowHostingExtensions.Owner, SapAccessWatch.Owner,
                registry => registry.TryGet<BigCommerceInbox>(out var inbox) ? BigCommerceConnectorHosting.Owner(inbox, settings.Connectors.BigCommerce!.Source) : null,
                .. warehouseSources.All.Select((_, i) => (Func<Akka.Hosting.IReadOnlyActorRegistry, RecordOwner?>)(registry => WmsConnectorHosting.Owners(registry, warehouseSources).ElementAtOrDefault(i)))]);
        });
        return services;
    }
}

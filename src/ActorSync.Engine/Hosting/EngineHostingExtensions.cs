using ActorSync.Engine.Alerts;
using ActorSync.Engine.Reconciliation;
using ActorSync.Engine.Api;
using ActorSync.Engine.Audit;
using ActorSync.Engine.Connectors;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Journal;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Operations;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Pos;
using ActorSync.Engine.StockPublishing;
using ActorSync.Engine.Catalogue;
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
        services.AddOperationsServices();
        services.AddServiceLayerGatewayServices(settings.ServiceLayer, settings.Gateway);
        services.AddSingleton<SyncEngine>();
        services.AddSingleton(sp => new Payments.PaymentReconciliationReader(sp.GetRequiredService<Akka.Actor.ActorSystem>(),
            sp.GetRequiredService<ServiceLayer.ServiceLayerClient>(), settings.Orders.EffectiveMapping));
        services.AddMasterDataServices();
        services.AddShipmentPublishing(settings.Tracking);
        services.AddExceptionQueueServices();
        services.AddAuditTrailServices();
        services.AddConnectorServices(settings.Connectors);
        services.AddStockPublishingServices(settings.StockPublishing);
        services.AddCatalogueServices(settings.Catalogue);
        services.AddAlertServices(settings.Alerts);
        services.AddReconciliationServices(settings.Reconciliation, settings.Connectors, settings.StockPublishing, settings.Orders.EffectiveMapping);
        var mapping = settings.Orders.EffectiveMapping.WithConnectorWarehouses(settings.Connectors);
        services.AddAkka(ClusterHostingExtensions.SystemName, builder =>
        {
            if (akkaHocon is not null) builder.AddHocon(akkaHocon, HoconAddMode.Prepend);
            builder
                .AddActorSyncCluster(settings.Cluster)
                .AddOperations()
                .AddJournalFormat()
                .AddActorSyncPersistence(settings.Persistence, OrderFlowHostingExtensions.Tagger, PosFlowHostingExtensions.Tagger, WarehouseFlowHostingExtensions.Tagger)
                .AddServiceLayerGateway()
                .AddMasterData(settings.MasterData)
                .AddOrderFlow(settings.Orders)
                .AddPosFlow(settings.Pos, settings.Orders.EffectiveMapping)
                .AddWarehouseFlow(settings.Warehouse, mapping)
                .AddStockPositions()
                .AddConnectors(settings.Connectors, mapping)
                .AddStockPublishing(settings.StockPublishing, settings.Orders.EffectiveMapping)
                .AddCatalogue(settings.Catalogue, settings.Orders.EffectiveMapping)
                .AddAlerts()
                .AddAuditTrail()
                .AddReconciliation()
                .AddExceptionQueue(owners: [.. ExceptionQueueHostingExtensions.DefaultOwners, PosFlowHostingExtensions.Owner, WarehouseFlowHostingExtensions.Owner,
                    SapAccessWatch.Owner, .. ConnectorsHosting.RetryOwners(settings.Connectors), .. StockPublishingHosting.RetryOwners(settings.StockPublishing),
                    .. CatalogueHosting.RetryOwners(settings.Catalogue),
                    ReconciliationHosting.RetryOwner(settings.Reconciliation)]);
        });
        return services;
    }
}

using ActorSync.Engine.Alerts;
using ActorSync.Engine.Connectors;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Pos;
using ActorSync.Engine.StockPublishing;
using ActorSync.Engine.Tracking;
using ActorSync.Engine.Warehouse;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Hosting;

/// <summary>Everything the engine needs, bound from ordinary .NET configuration and validated at start.</summary>
public sealed class EngineSettings
{
    public ClusterSettings Cluster { get; set; } = new();
    public PersistenceSettings Persistence { get; set; } = new();
    public ServiceLayerOptions ServiceLayer { get; set; } = new();
    public GatewaySettings Gateway { get; set; } = new();
    public OrderFlowSettings Orders { get; set; } = new();
    public PosFlowSettings Pos { get; set; } = new();
    public WarehouseFlowSettings Warehouse { get; set; } = new();
    public MasterDataSettings MasterData { get; set; } = new();
    public TrackingSettings Tracking { get; set; } = new();
    public ConnectorSettings Connectors { get; set; } = new();

    /// <summary>Section <c>StockPublishing</c>: stock from SAP to the channels; no channel configured, nothing published.</summary>
    public StockPublishingSettings StockPublishing { get; set; } = new();

    /// <summary>Section <c>Catalogue</c>: items and prices from SAP to the channels; no channel configured, nothing published.</summary>
    public Catalogue.CatalogueSettings Catalogue { get; set; } = new();

    /// <summary>Section <c>Reconciliation</c>: schedule, window, grace and stock threshold of the reconciliation runs.</summary>
    public Reconciliation.ReconciliationSettings Reconciliation { get; set; } = new();

    /// <summary>Section <c>Alerts</c>: the alert watch's thresholds and webhook.</summary>
    public AlertSettings Alerts { get; set; } = new();
}

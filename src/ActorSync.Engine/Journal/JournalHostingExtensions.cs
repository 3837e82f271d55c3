using ActorSync.Domain.Audit;
using ActorSync.Domain.Connectors;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Connectors.Magento;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using ActorSync.Domain.WarehouseFlow;
using Akka.Hosting;

namespace ActorSync.Engine.Journal;

public static class JournalHostingExtensions
{
    /// <summary>
    /// Serializer identifiers are written into every journal row: they are part of the format and never change.
    /// 4100–4199 are ActorSync's.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, int Identifier, JournalContract Contract)> Areas =
    [
        ("actorsync-orders", 4101, OrderJournal.Contract),
        ("actorsync-pos", 4102, PosJournal.Contract),
        ("actorsync-warehouse", 4103, WarehouseJournal.Contract),
        ("actorsync-stock", 4104, StockJournal.Contract),
        ("actorsync-exceptions", 4105, ExceptionQueueJournal.Contract),
        ("actorsync-engine", 4106, EngineWire.Contract),
        ("actorsync-connectors", 4108, ConnectorJournal.Contract),
        ("actorsync-magento", 4109, MagentoJournal.Contract),
        ("actorsync-sitoo", 4110, SitooJournal.Contract),
        ("actorsync-audit", 4111, AuditJournal.Contract),
        ("actorsync-payments", 4112, PaymentJournal.Contract),
        ("actorsync-stock-publishing", 4113, StockPublishingJournal.Contract),
        ("actorsync-reconciliation", 4114, ReconciliationJournal.Contract),
        ("actorsync-catalogue", 4115, Domain.Catalogue.CatalogueJournal.Contract),
    ];

    /// <summary>Every journaled type (and every message that crosses nodes) goes through its area's serializer.</summary>
    public static AkkaConfigurationBuilder AddJournalFormat(this AkkaConfigurationBuilder builder)
    {
        foreach (var (name, identifier, contract) in Areas)
            builder.WithCustomSerializer(name, contract.Types, system => new JournalSerializer(system, contract, identifier));
        return builder;
    }
}

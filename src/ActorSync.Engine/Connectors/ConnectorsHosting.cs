using ActorSync.Domain.Documents;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Connectors.Wms;
using ActorSync.Engine.ExceptionQueue;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Connectors;

/// <summary>Every configured inbound connector, registered in one place; a connector left out of <c>Connectors</c> is not started.</summary>
public static class ConnectorsHosting
{
    /// <summary>The connectors' API clients and their inboxes' clients, for the actors and the webhook endpoints.</summary>
    public static IServiceCollection AddConnectorServices(this IServiceCollection services, ConnectorSettings connectors)
    {
        if (connectors.BigCommerce is { } bigCommerce) services.AddBigCommerceConnectorServices(bigCommerce);
        if (connectors.Magento is { } magento) services.AddMagentoConnectorServices(magento);
        if (connectors.Sitoo is { } sitoo) services.AddSitooConnectorServices(sitoo);
        if (connectors.WarehouseSources.Any) services.AddWmsConnectorServices(connectors.WarehouseSources);
        return services;
    }

    /// <summary>
    /// The mapping with the warehouse sources' SAP warehouses added: they post to warehouses they resolved themselves,
    /// and the warehouse flow's location lookup must find them.
    /// </summary>
    public static OrderMapping WithConnectorWarehouses(this OrderMapping mapping, ConnectorSettings connectors) =>
        connectors.WarehouseSources.Any ? mapping.WithWarehouseSources(connectors.WarehouseSources) : mapping;

    /// <summary>Each connector's inboxes and polls, as cluster singletons. Register before the exception queue (<see cref="RetryOwners"/>).</summary>
    public static AkkaConfigurationBuilder AddConnectors(this AkkaConfigurationBuilder builder, ConnectorSettings connectors, OrderMapping mapping)
    {
        if (connectors.BigCommerce is { } bigCommerce) builder.AddBigCommerceConnector(bigCommerce);
        if (connectors.Magento is { } magento) builder.AddMagentoConnector(magento);
        if (connectors.Sitoo is { } sitoo) builder.AddSitooConnector(sitoo, mapping);
        if (connectors.WarehouseSources.Any) builder.AddWmsConnector(connectors.WarehouseSources, mapping);
        return builder;
    }

    /// <summary>Who retries a parked <c>channel-record</c>: the inbox of its source, by record-id prefix.</summary>
    public static IEnumerable<Func<IReadOnlyActorRegistry, RecordOwner?>> RetryOwners(ConnectorSettings connectors)
    {
        if (connectors.BigCommerce is { } bigCommerce)
            yield return registry => registry.TryGet<BigCommerceInbox>(out var inbox) ? BigCommerceConnectorHosting.Owner(inbox, bigCommerce.Source) : null;
        if (connectors.Magento is { } magento)
            yield return registry => registry.TryGet<MagentoInbox>(out var inbox) ? MagentoConnectorHosting.Owner(inbox, magento.Source) : null;
        if (connectors.Sitoo is { } sitoo)
            yield return registry => registry.TryGet<SitooInbox>(out var inbox) ? SitooConnectorHosting.Owner(inbox, sitoo.Source) : null;
        var sources = connectors.WarehouseSources;
        for (var i = 0; i < sources.All.Count(); i++)
        {
            var index = i;
            yield return registry => WmsConnectorHosting.Owners(registry, sources).ElementAtOrDefault(index);
        }
    }
}

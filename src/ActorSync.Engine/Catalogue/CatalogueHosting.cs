using ActorSync.Domain.Catalogue;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Engine.Api;
using ActorSync.Engine.Catalogue.Channels;
using ActorSync.Engine.Connectors.Inbox;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Catalogue;

/// <summary>Registry key of the items reader's singleton proxy.</summary>
public sealed class CatalogueReader;

/// <summary>Registry keys of the channels' catalogue publishers' singleton proxies.</summary>
public sealed class SitooCataloguePublisher;
public sealed class BigCommerceCataloguePublisher;
public sealed class MagentoCataloguePublisher;

/// <summary>Each configured channel's catalogue client, by mapping channel.</summary>
public sealed class CatalogueChannels(IReadOnlyDictionary<string, ICatalogueChannel> channels)
{
    public ICatalogueChannel Of(string channel) => channels[channel];
}

/// <summary>The reader's and each publisher's figures.</summary>
public sealed record CatalogueOverview(CatalogueReaderView? Reader, IReadOnlyList<CatalogueChannelView> Channels);

/// <summary>The host's way to the catalogue reader and publishers.</summary>
public sealed class CatalogueClient(ActorRegistry registry, CatalogueSettings settings)
{
    public bool Enabled => settings.Channels.Any();

    public async Task<CatalogueOverview> GetAsync(CancellationToken ct)
    {
        CatalogueReaderView? reader = null;
        if (registry.TryGet<CatalogueReader>(out var proxy))
            reader = await proxy.Ask<CatalogueReaderView>(GetCatalogue.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false);
        var channels = new List<CatalogueChannelView>();
        foreach (var publisher in CatalogueHosting.Publishers(registry))
            channels.Add(await publisher.Ask<CatalogueChannelView>(GetCatalogue.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false));
        return new CatalogueOverview(reader, channels);
    }
}

public static class CatalogueHosting
{
    /// <summary>The SAP item reads, each configured channel's client and the host's client.</summary>
    public static IServiceCollection AddCatalogueServices(this IServiceCollection services, CatalogueSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<CatalogueClient>();
        services.AddSingleton(sp => new SapItemQueries(sp.GetRequiredService<ServiceLayerClient>()));
        services.AddSingleton(_ =>
        {
            var channels = new Dictionary<string, ICatalogueChannel>(StringComparer.OrdinalIgnoreCase);
            if (settings.BigCommerce is { } bigCommerce) channels[bigCommerce.MappingChannel] = new BigCommerceCatalogueChannel(new HttpClient(), bigCommerce);
            if (settings.Magento is { } magento) channels[magento.MappingChannel] = new MagentoCatalogueChannel(new HttpClient(), magento);
            if (settings.Sitoo is { } sitoo) channels[sitoo.MappingChannel] = new SitooCatalogueChannel(new HttpClient(), sitoo);
            return new CatalogueChannels(channels);
        });
        return services;
    }

    /// <summary>
    /// Items and prices out to the channels: a publisher per configured channel and the items reader, each a cluster
    /// singleton under a backoff supervisor. Nothing when no channel is configured. Register before the exception
    /// queue (<see cref="RetryOwners"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddCatalogue(this AkkaConfigurationBuilder builder, CatalogueSettings settings, OrderMapping mapping)
    {
        if (!settings.Channels.Any()) return builder;
        settings.Validate(mapping);
        if (settings.BigCommerce is { } b) Publisher<BigCommerceCataloguePublisher>(builder, b);
        if (settings.Magento is { } m) Publisher<MagentoCataloguePublisher>(builder, m);
        if (settings.Sitoo is { } s) Publisher<SitooCataloguePublisher>(builder, s);
        return builder.WithSingleton<CatalogueReader>(CatalogueItemsReader.Name, (_, registry, resolver) =>
            {
                var routes = new List<CatalogueRoute>();
                if (settings.BigCommerce is { } bc) routes.Add(new CatalogueRoute(bc.Catalogue(mapping), registry.Get<BigCommerceCataloguePublisher>()));
                if (settings.Magento is { } mg) routes.Add(new CatalogueRoute(mg.Catalogue(mapping), registry.Get<MagentoCataloguePublisher>()));
                if (settings.Sitoo is { } st) routes.Add(new CatalogueRoute(st.Catalogue(mapping), registry.Get<SitooCataloguePublisher>()));
                return InboxHosting.Supervised(CatalogueItemsReader.Props(settings.Sap, resolver.GetService<SapItemQueries>(), routes), "reader");
            },
            new ClusterSingletonOptions(), createProxyToo: true);
    }

    private static void Publisher<TKey>(AkkaConfigurationBuilder builder, ChannelCatalogueSettings channel) =>
        builder.WithSingleton<TKey>(channel.PublisherName, (_, registry, resolver) =>
                InboxHosting.Supervised(CataloguePublisher.Props(channel, resolver.GetService<CatalogueChannels>().Of(channel.MappingChannel), registry), "publisher"),
            new ClusterSingletonOptions(), createProxyToo: true);

    internal static IEnumerable<IActorRef> Publishers(IReadOnlyActorRegistry registry)
    {
        if (registry.TryGet<BigCommerceCataloguePublisher>(out var b)) yield return b;
        if (registry.TryGet<MagentoCataloguePublisher>(out var m)) yield return m;
        if (registry.TryGet<SitooCataloguePublisher>(out var s)) yield return s;
    }

    /// <summary>An operator's retry of a refused product (record id <c>&lt;channel&gt;/&lt;sku&gt;</c>) goes to its channel's publisher.</summary>
    public static IEnumerable<Func<IReadOnlyActorRegistry, RecordOwner?>> RetryOwners(CatalogueSettings settings)
    {
        if (settings.BigCommerce is { } b) yield return registry => registry.TryGet<BigCommerceCataloguePublisher>(out var p) ? Owner(p, b.MappingChannel) : null;
        if (settings.Magento is { } m) yield return registry => registry.TryGet<MagentoCataloguePublisher>(out var p) ? Owner(p, m.MappingChannel) : null;
        if (settings.Sitoo is { } s) yield return registry => registry.TryGet<SitooCataloguePublisher>(out var p) ? Owner(p, s.MappingChannel) : null;
    }

    private static RecordOwner Owner(IActorRef publisher, string channel) => new(RecordKinds.CatalogueSku, publisher,
        recordId => new RetryRefusedProduct(recordId.StartsWith(channel + "/", StringComparison.OrdinalIgnoreCase) ? recordId[(channel.Length + 1)..] : recordId),
        answer => answer is RetryRefusedProductResult result ? new RetryAnswer(result.Accepted, result.Message) : new RetryAnswer(false, $"Unexpected answer from the {channel} catalogue publisher."),
        channel + "/");
}

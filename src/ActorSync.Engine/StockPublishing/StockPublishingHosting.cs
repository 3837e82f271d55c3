using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.StockPublishing.Channels;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.DependencyInjection;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.StockPublishing;

/// <summary>Registry key of the SAP stock reader's singleton proxy.</summary>
public sealed class StockSapReader;

/// <summary>Registry keys of the channels' publishers' singleton proxies.</summary>
public sealed class BigCommerceStockPublisher;
public sealed class MagentoStockPublisher;
public sealed class SitooStockPublisher;

/// <summary>Each configured channel's stock API client, by mapping channel.</summary>
public sealed class StockChannels(IReadOnlyDictionary<string, IStockChannel> channels)
{
    public IStockChannel Of(string channel) => channels[channel];
}

/// <summary>The ops API's view of stock publishing: the reader's and each publisher's figures.</summary>
public sealed record StockPublishingOverview(SapStockReaderView? Reader, IReadOnlyList<ChannelPublishingView> Channels);

/// <summary>The host's way to the reader and the publishers (<c>GET /api/stock/publishing</c>).</summary>
public sealed class StockPublishingClient(ActorRegistry registry, StockPublishingSettings settings)
{
    public bool Enabled => settings.Channels.Any();

    public async Task<StockPublishingOverview> GetAsync(CancellationToken ct)
    {
        SapStockReaderView? reader = null;
        if (registry.TryGet<StockSapReader>(out var proxy))
            reader = await proxy.Ask<SapStockReaderView>(GetStockPublishing.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false);
        var channels = new List<ChannelPublishingView>();
        foreach (var publisher in StockPublishingHosting.Publishers(registry))
            channels.Add(await publisher.Ask<ChannelPublishingView>(GetStockPublishing.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false));
        return new StockPublishingOverview(reader, channels);
    }
}

public static class StockPublishingHosting
{
    /// <summary>The SAP reads, each configured channel's client and the ops API's client.</summary>
    public static IServiceCollection AddStockPublishingServices(this IServiceCollection services, StockPublishingSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<StockPublishingClient>();
        services.AddSingleton(sp => new SapStockQueries(sp.GetRequiredService<ServiceLayerClient>()));
        services.AddSingleton(_ =>
        {
            var channels = new Dictionary<string, IStockChannel>(StringComparer.OrdinalIgnoreCase);
            if (settings.BigCommerce is { } bigCommerce) channels[bigCommerce.MappingChannel] = new BigCommerceStockChannel(new HttpClient(), bigCommerce);
            if (settings.Magento is { } magento) channels[magento.MappingChannel] = new MagentoStockChannel(new HttpClient(), magento);
            if (settings.Sitoo is { } sitoo) channels[sitoo.MappingChannel] = new SitooStockChannel(new HttpClient(), sitoo);
            return new StockChannels(channels);
        });
        return services;
    }

    /// <summary>
    /// Stock out to the channels: a publisher per configured channel and the SAP reader, each a cluster singleton under
    /// a backoff supervisor; the gateway tells the reader which items the engine's own documents just moved. Nothing
    /// when no channel is configured. Register before the exception queue (<see cref="RetryOwners"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddStockPublishing(this AkkaConfigurationBuilder builder, StockPublishingSettings settings, OrderMapping mapping)
    {
        if (!settings.Channels.Any()) return builder;
        settings.Validate(mapping);
        if (settings.BigCommerce is { } b) Publisher<BigCommerceStockPublisher>(builder, b);
        if (settings.Magento is { } m) Publisher<MagentoStockPublisher>(builder, m);
        if (settings.Sitoo is { } s) Publisher<SitooStockPublisher>(builder, s);
        builder.WithSingleton<StockSapReader>(SapStockFeed.Name, (_, registry, resolver) =>
            {
                var routes = new List<PublisherRoute>();
                if (settings.BigCommerce is { } bc) routes.Add(new PublisherRoute(bc.Published(mapping), registry.Get<BigCommerceStockPublisher>()));
                if (settings.Magento is { } mg) routes.Add(new PublisherRoute(mg.Published(mapping), registry.Get<MagentoStockPublisher>()));
                if (settings.Sitoo is { } st) routes.Add(new PublisherRoute(st.Published(mapping), registry.Get<SitooStockPublisher>()));
                var positions = registry.TryGet<Stock.StockRegion>(out var region) ? region : null;
                return InboxHosting.Supervised(SapStockFeed.Props(settings.Sap, resolver.GetService<SapStockQueries>(), routes, positions), "reader");
            },
            new ClusterSingletonOptions(), createProxyToo: true);
        return builder.AddStartup((system, registry) =>
        {
            // Every node's gateway hints the reader (a singleton somewhere in the cluster) about the items it just moved.
            var pipeline = DependencyResolver.For(system).Resolver.GetService<GatewayPipeline>();
            var reader = registry.Get<StockSapReader>();
            pipeline.Posted = posted =>
            {
                if (ItemCodes(posted.Document) is { Count: > 0 } codes) reader.Tell(new SapStockHint(codes));
            };
        });
    }

    private static void Publisher<TKey>(AkkaConfigurationBuilder builder, ChannelStockSettings channel) =>
        builder.WithSingleton<TKey>(channel.PublisherName, (_, registry, resolver) =>
                InboxHosting.Supervised(StockPublisher.Props(channel, resolver.GetService<StockChannels>().Of(channel.MappingChannel), registry), "publisher"),
            new ClusterSingletonOptions(), createProxyToo: true);

    internal static IEnumerable<IActorRef> Publishers(IReadOnlyActorRegistry registry)
    {
        if (registry.TryGet<BigCommerceStockPublisher>(out var b)) yield return b;
        if (registry.TryGet<MagentoStockPublisher>(out var m)) yield return m;
        if (registry.TryGet<SitooStockPublisher>(out var s)) yield return s;
    }

    /// <summary>An operator's retry of a refused SKU (record id <c>&lt;channel&gt;/&lt;location&gt;/&lt;sku&gt;</c>) goes to its channel's publisher.</summary>
    public static IEnumerable<Func<IReadOnlyActorRegistry, RecordOwner?>> RetryOwners(StockPublishingSettings settings)
    {
        if (settings.BigCommerce is { } b) yield return registry => registry.TryGet<BigCommerceStockPublisher>(out var p) ? Owner(p, b.MappingChannel) : null;
        if (settings.Magento is { } m) yield return registry => registry.TryGet<MagentoStockPublisher>(out var p) ? Owner(p, m.MappingChannel) : null;
        if (settings.Sitoo is { } s) yield return registry => registry.TryGet<SitooStockPublisher>(out var p) ? Owner(p, s.MappingChannel) : null;
    }

    private static RecordOwner Owner(IActorRef publisher, string channel) => new(RecordKinds.StockSku, publisher,
        recordId =>
        {
            var parts = recordId.Split('/', 3);
            return new RetryRefusedSku(parts.Length == 3 ? parts[1] : "", parts.Length == 3 ? parts[2] : recordId);
        },
        answer => answer is RetryRefusedSkuResult result ? new RetryAnswer(result.Accepted, result.Message) : new RetryAnswer(false, $"Unexpected answer from the {channel} stock publisher."),
        channel + "/");

    /// <summary>The item codes on a document's lines (marketing documents' <c>DocumentLines</c>, transfers' <c>StockTransferLines</c>).</summary>
    internal static ImmutableList<string> ItemCodes(object? document)
    {
        if (document is null) return [];
        JsonElement root;
        try
        {
            root = document is string text ? JsonDocument.Parse(text).RootElement : JsonSerializer.SerializeToElement(document, document.GetType());
        }
        catch (JsonException)
        {
            return [];
        }

        if (root.ValueKind != JsonValueKind.Object) return [];
        var codes = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "DocumentLines", "StockTransferLines" })
        {
            if (!root.TryGetProperty(name, out var lines) || lines.ValueKind != JsonValueKind.Array) continue;
            foreach (var line in lines.EnumerateArray())
            {
                if (line.ValueKind == JsonValueKind.Object && line.TryGetProperty("ItemCode", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is { Length: > 0 } itemCode)
                    codes.Add(itemCode);
            }
        }

        return codes.ToImmutableList();
    }
}

using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;
using ActorSync.Engine.ExceptionQueue;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.BigCommerce;

/// <summary>Registry key of the BigCommerce store's inbox (its singleton proxy on every node).</summary>
public sealed class BigCommerceInbox;

/// <summary>Registry key of the BigCommerce store's reconciling poll.</summary>
public sealed class BigCommerceReconcile;

/// <summary>The host's way into the store's inbox: the webhook endpoint files a verified callback here and answers once it is journaled.</summary>
public sealed class BigCommerceConnector(IRequiredActor<BigCommerceInbox> inbox, BigCommerceConnectorSettings settings)
{
    public BigCommerceConnectorSettings Settings => settings;

    public async Task<AcceptResult> AcceptAsync(string key, string kind, string payload, TimeSpan timeout, CancellationToken ct)
    {
        var proxy = await inbox.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<AcceptResult>(new AcceptEntry(key, kind, payload), timeout, ct).ConfigureAwait(false);
    }

    public async Task<InboxView> GetInboxAsync(CancellationToken ct = default)
    {
        var proxy = await inbox.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<InboxView>(GetInbox.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false);
    }
}

public static class BigCommerceConnectorHosting
{
    /// <summary>The store API client and the inbox client, for the actors and the webhook endpoint.</summary>
    public static IServiceCollection AddBigCommerceConnectorServices(this IServiceCollection services, BigCommerceConnectorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => new BigCommerceStoreApi(new HttpClient(), settings));
        services.AddSingleton<BigCommerceConnector>();
        return services;
    }

    /// <summary>
    /// The store's inbox and its reconciling poll, each a cluster singleton (one worker and one poller per store in a
    /// cluster) under a backoff supervisor, so a journal failure restarts it from its journal. Register it before the
    /// exception queue, whose retries of <see cref="RecordKinds.ChannelRecord"/> go to the inbox (<see cref="Owner"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddBigCommerceConnector(this AkkaConfigurationBuilder builder, BigCommerceConnectorSettings settings)
    {
        settings.Validate("Connectors:BigCommerce");
        var inboxSettings = new InboxSettings(settings.Parallelism, settings.RetryDelay, MaxPayloadChars: settings.MaxBodyBytes);
        return builder
            .WithSingleton<BigCommerceInbox>($"{InboxActor.PersistencePrefix}{settings.Source}", (_, registry, resolver) =>
                {
                    var processor = new BigCommerceHookProcessor(resolver.GetService<BigCommerceStoreApi>(), resolver.GetService<SyncEngine>(), settings);
                    return InboxHosting.Supervised(InboxActor.Props(settings.Source, processor, inboxSettings, registry), "inbox");
                },
                new ClusterSingletonOptions(), createProxyToo: true)
            .WithSingleton<BigCommerceReconcile>($"{BigCommerceReconciler.PersistencePrefix}{settings.StoreHash.ToLowerInvariant()}", (_, registry, resolver) =>
                    InboxHosting.Supervised(BigCommerceReconciler.Props(settings, resolver.GetService<BigCommerceStoreApi>(), registry.Get<BigCommerceInbox>(), resolver.GetService<ConnectorPollWatch>()), "reconcile"),
                new ClusterSingletonOptions(), createProxyToo: false);
    }


    /// <summary>An operator's retry of a parked entry puts it back into the inbox (record id <c>&lt;source&gt;/&lt;key&gt;</c>).</summary>
    public static RecordOwner Owner(IActorRef inbox, string source) => InboxHosting.RetryOwner(inbox, source);
}

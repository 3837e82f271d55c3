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

namespace ActorSync.Engine.Connectors.Magento;

/// <summary>Registry key of the Magento store view's inbox (its singleton proxy on every node).</summary>
public sealed class MagentoInbox;

/// <summary>Registry key of the Magento store view's poll.</summary>
public sealed class MagentoPoll;

/// <summary>The host's way to the store's inbox (how it stands).</summary>
public sealed class MagentoConnector(IRequiredActor<MagentoInbox> inbox, MagentoConnectorSettings settings)
{
    public MagentoConnectorSettings Settings => settings;

    public async Task<InboxView> GetInboxAsync(CancellationToken ct = default)
    {
        var proxy = await inbox.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<InboxView>(GetInbox.Instance, SyncEngine.DefaultTimeout, ct).ConfigureAwait(false);
    }
}

public static class MagentoConnectorHosting
{
    /// <summary>The store API client and the inbox client.</summary>
    public static IServiceCollection AddMagentoConnectorServices(this IServiceCollection services, MagentoConnectorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => new MagentoStoreApi(new HttpClient(), settings));
        services.AddSingleton<MagentoConnector>();
        return services;
    }

    /// <summary>
    /// The store view's inbox (<c>inbox-magento-&lt;storecode&gt;</c>) and its poll (<c>magento-poll-&lt;storecode&gt;</c>),
    /// each a cluster singleton under a backoff supervisor, so a journal failure restarts it from its journal. Register
    /// it before the exception queue, whose retries of its <see cref="RecordKinds.ChannelRecord"/>s go to the inbox
    /// (<see cref="Owner"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddMagentoConnector(this AkkaConfigurationBuilder builder, MagentoConnectorSettings settings)
    {
        settings.Validate("Connectors:Magento");
        var inboxSettings = new InboxSettings(settings.Parallelism, settings.RetryDelay);
        return builder
            .WithSingleton<MagentoInbox>($"{InboxActor.PersistencePrefix}{settings.Source}", (_, registry, resolver) =>
                {
                    var processor = new MagentoInboxProcessor(resolver.GetService<MagentoStoreApi>(), resolver.GetService<SyncEngine>(), settings);
                    return InboxHosting.Supervised(InboxActor.Props(settings.Source, processor, inboxSettings, registry), "inbox");
                },
                new ClusterSingletonOptions(), createProxyToo: true)
            .WithSingleton<MagentoPoll>($"{MagentoPoller.PersistencePrefix}{settings.StoreCode.ToLowerInvariant()}", (_, registry, resolver) =>
                    InboxHosting.Supervised(MagentoPoller.Props(settings, resolver.GetService<MagentoStoreApi>(), registry.Get<MagentoInbox>(), registry, resolver.GetService<ConnectorPollWatch>()), "poll"),
                new ClusterSingletonOptions(), createProxyToo: false);
    }


    /// <summary>An operator's retry of a parked entry puts it back into the inbox (record id <c>magento-&lt;storecode&gt;/&lt;key&gt;</c>).</summary>
    public static RecordOwner Owner(IActorRef inbox, string source) => InboxHosting.RetryOwner(inbox, source);
}

using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Documents;
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

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>Registry key of the Sitoo account's inbox (its singleton proxy on every node).</summary>
public sealed class SitooInbox;

/// <summary>Registry key of the Sitoo order poll.</summary>
public sealed class SitooOrderPoll;

/// <summary>Registry key of the Sitoo warehouse-transaction poll.</summary>
public sealed class SitooWarehousePoll;

/// <summary>The host's way into the account's inbox: the Events SPI endpoint files each event here and answers once all are journaled.</summary>
public sealed class SitooConnector(IRequiredActor<SitooInbox> inbox, SitooConnectorSettings settings)
{
    public SitooConnectorSettings Settings => settings;

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

public static class SitooConnectorHosting
{
    public const string Section = "Connectors:Sitoo";
    public const string OrderPollPrefix = "sitoo-orders-", WarehousePollPrefix = "sitoo-warehouse-transactions-";

    /// <summary>The API client and the inbox client, for the actors and the SPI endpoint.</summary>
    public static IServiceCollection AddSitooConnectorServices(this IServiceCollection services, SitooConnectorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => new SitooApi(new HttpClient(), settings));
        services.AddSingleton<SitooConnector>();
        return services;
    }

    /// <summary>
    /// The account's inbox, its order poll and (when warehouses are booked) its warehouse-transaction poll, each a
    /// cluster singleton under a backoff supervisor. Register it before the exception queue, whose retries of this
    /// account's <see cref="RecordKinds.ChannelRecord"/>s go to the inbox (<see cref="Owner"/>). A booked warehouse
    /// must be mapped (<c>Mapping:Channels:sitoo:Locations:&lt;id&gt;</c>), or its movements could not be posted.
    /// </summary>
    public static AkkaConfigurationBuilder AddSitooConnector(this AkkaConfigurationBuilder builder, SitooConnectorSettings settings, OrderMapping mapping)
    {
        settings.Validate(Section);
        for (var i = 0; i < settings.BookWarehouseTransactions.Count; i++)
        {
            var warehouse = settings.BookWarehouseTransactions[i];
            if (!mapping.Locations.TryGetValue("sitoo", out var locations) || !locations.ContainsKey(warehouse))
                throw new ArgumentException($"{Section}:BookWarehouseTransactions:{i} names Sitoo warehouse {warehouse}, which has no Mapping:Channels:sitoo:Locations:{warehouse}:Warehouse.", $"{Section}:BookWarehouseTransactions:{i}");
        }
        var inboxSettings = new InboxSettings(settings.Parallelism, settings.RetryDelay);
        builder
            .WithSingleton<SitooInbox>($"{InboxActor.PersistencePrefix}{settings.Source}", (_, registry, resolver) =>
                {
                    var processor = new SitooInboxProcessor(resolver.GetService<SitooApi>(), resolver.GetService<SyncEngine>(), settings);
                    return InboxHosting.Supervised(InboxActor.Props(settings.Source, processor, inboxSettings, registry), "inbox");
                },
                new ClusterSingletonOptions(), createProxyToo: true)
            .WithSingleton<SitooOrderPoll>(OrderPollPrefix + settings.AccountId, (_, registry, resolver) =>
                    InboxHosting.Supervised(SitooPoller.Props(OrderPollPrefix + settings.AccountId, new SitooOrderSource(resolver.GetService<SitooApi>(), settings), settings, registry.Get<SitooInbox>(), resolver.GetService<ConnectorPollWatch>()), "poll"),
                new ClusterSingletonOptions(), createProxyToo: false);
        if (settings.BookWarehouseTransactions.Count > 0)
            builder.WithSingleton<SitooWarehousePoll>(WarehousePollPrefix + settings.AccountId, (_, registry, resolver) =>
                    InboxHosting.Supervised(SitooPoller.Props(WarehousePollPrefix + settings.AccountId, new SitooTransactionSource(resolver.GetService<SitooApi>(), settings), settings, registry.Get<SitooInbox>(), resolver.GetService<ConnectorPollWatch>()), "poll"),
                new ClusterSingletonOptions(), createProxyToo: false);
        return builder;
    }


    /// <summary>An operator's retry of a parked entry puts it back into the inbox (record id <c>sitoo-&lt;account&gt;/&lt;key&gt;</c>).</summary>
    public static RecordOwner Owner(IActorRef inbox, string source) => InboxHosting.RetryOwner(inbox, source);
}

using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Mapping;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.MasterData;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.Wms;

/// <summary>Registry key of the node's <see cref="WmsInboxRouter"/>.</summary>
public sealed class WmsInboxes;

/// <summary>
/// Per node: the singleton proxies of every warehouse source's inbox, by source name. Akka.Hosting's registry is keyed
/// by type, and the sources are configuration, so one router stands for all of them. Local only.
/// </summary>
public sealed class WmsInboxRouter : ReceiveActor
{
    /// <summary>A message for one source's inbox; the inbox answers the original sender.</summary>
    public sealed record ToSource(string Source, object Message) : INoSerializationVerificationNeeded;

    public WmsInboxRouter(IReadOnlyDictionary<string, IActorRef> inboxes) =>
        Receive<ToSource>(m =>
        {
            if (inboxes.TryGetValue(m.Source, out var inbox)) inbox.Forward(m.Message);
            else Sender.Tell(new Status.Failure(new ArgumentException($"No warehouse source '{m.Source}' is configured.")));
        });
}

/// <summary>Which warehouse sources are configured (both sections may be absent).</summary>
public sealed record WmsSources(WmsConnectorSettings? Wms, MintsoftConnectorSettings? Mintsoft)
{
    public IEnumerable<(WmsSourceSettingsBase Source, string Section)> All =>
        (Wms?.Sources.Select((s, i) => ((WmsSourceSettingsBase)s, $"Connectors:Wms:Sources:{i}")) ?? [])
        .Concat(Mintsoft is null ? [] : [((WmsSourceSettingsBase)Mintsoft, "Connectors:Mintsoft")]);

    public bool Any => All.Any();

    public WmsSourceSettings? Find(string name) => Wms?.Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}

/// <summary>The host's way into the warehouse inboxes: the webhook endpoints file a verified event here and answer once it is journaled.</summary>
public sealed class WmsConnector(IRequiredActor<WmsInboxes> router, WmsSources sources)
{
    public WmsSources Sources => sources;

    public async Task<AcceptResult> AcceptAsync(string source, string key, string kind, string payload, TimeSpan timeout, CancellationToken ct)
    {
        var inboxes = await router.GetAsync(ct).ConfigureAwait(false);
        return await inboxes.Ask<AcceptResult>(new WmsInboxRouter.ToSource(source, new AcceptEntry(key, kind, payload)), timeout, ct).ConfigureAwait(false);
    }

    public async Task<InboxView> GetInboxAsync(string source, CancellationToken ct = default)
    {
        var inboxes = await router.GetAsync(ct).ConfigureAwait(false);
        return await inboxes.Ask<InboxView>(new WmsInboxRouter.ToSource(source, GetInbox.Instance), SyncEngine.DefaultTimeout, ct).ConfigureAwait(false);
    }
}

public static class WmsConnectorHosting
{
    public static IServiceCollection AddWmsConnectorServices(this IServiceCollection services, WmsSources sources)
    {
        services.AddSingleton(sources);
        services.AddSingleton<WmsConnector>();
        return services;
    }

    /// <summary>
    /// The mapping with every SAP warehouse a source posts to mapped onto itself under the source's name: the
    /// connector resolves the WMS's codes to SAP's before a movement reaches the warehouse flow, whose location lookup
    /// then finds them. A location already mapped elsewhere stops the start, naming the keys.
    /// </summary>
    public static OrderMapping WithWarehouseSources(this OrderMapping mapping, WmsSources sources)
    {
        var locations = mapping.Locations;
        foreach (var (source, section) in sources.All)
        {
            var own = locations.TryGetValue(source.SourceName, out var existing) ? existing : ImmutableDictionary<string, ChannelLocation>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
            foreach (var sap in source.SapWarehouses(mapping))
            {
                if (own.TryGetValue(sap, out var taken))
                {
                    if (taken.Warehouse != sap)
                        throw new ArgumentException($"Mapping:Channels:{source.SourceName}:Locations:{sap} maps to {taken.Warehouse}, but {section} posts to SAP warehouse {sap}; rename the location.",
                            $"Mapping:Channels:{source.SourceName}:Locations:{sap}");
                    continue;
                }
                own = own.SetItem(sap, new ChannelLocation(sap, [], 0));
            }
            locations = locations.SetItem(source.SourceName, own);
        }
        return mapping with { Locations = locations };
    }

    /// <summary>
    /// One durable inbox per warehouse source (<c>inbox-wms-&lt;name&gt;</c>), each a cluster singleton under a backoff
    /// supervisor, and the node's router to their proxies (<see cref="WmsInboxes"/>). Register it before the exception
    /// queue, whose retries of a source's <see cref="RecordKinds.ChannelRecord"/>s go back to its inbox (<see cref="Owners"/>).
    /// <paramref name="mapping"/> is the engine's one mapping (returns and write-off warehouses, fallback locations).
    /// </summary>
    public static AkkaConfigurationBuilder AddWmsConnector(this AkkaConfigurationBuilder builder, WmsSources sources, OrderMapping mapping)
    {
        sources.Wms?.Validate("Connectors:Wms");
        sources.Mintsoft?.Validate("Connectors:Mintsoft");
        var all = sources.All.ToList();
        return builder.WithActors((system, registry, resolver) =>
        {
            var engine = resolver.GetService<SyncEngine>();
            var masterData = resolver.GetService<MasterDataSnapshotHolder>();
            var inboxes = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
            foreach (var (source, section) in all)
            {
                var processor = new WmsEventProcessor(engine, source.MappingFor(mapping, section),
                    source is MintsoftConnectorSettings m ? m.Options : null, () => masterData?.Current);
                var settings = new InboxSettings(source.Parallelism, source.RetryDelay, MaxPayloadChars: source.MaxBodyBytes);
                var name = InboxActor.PersistencePrefix + source.InboxSource;
                var inbox = InboxHosting.Supervised(InboxActor.Props(source.InboxSource, processor, settings, registry), "inbox");
                system.ActorOf(ClusterSingletonManager.Props(inbox, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), name);
                inboxes[source.SourceName] = system.ActorOf(ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system)), name + "-proxy");
            }
            registry.Register<WmsInboxes>(system.ActorOf(Props.Create(() => new WmsInboxRouter(inboxes)), "wms-inboxes"));
        });
    }

    /// <summary>An operator's retry of a parked entry puts it back into its source's inbox (record id <c>wms-&lt;name&gt;/&lt;key&gt;</c>).</summary>
    public static IEnumerable<RecordOwner> Owners(IReadOnlyActorRegistry registry, WmsSources sources)
    {
        if (!registry.TryGet<WmsInboxes>(out var router)) yield break;
        foreach (var (source, _) in sources.All)
        {
            var name = source.SourceName;
            yield return InboxHosting.RetryOwner(router, source.InboxSource, requeue => new WmsInboxRouter.ToSource(name, requeue));
        }
    }
}

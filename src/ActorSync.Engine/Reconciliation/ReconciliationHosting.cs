using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Reconciliation;
using ActorSync.Engine.Connectors;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Operations;
using ActorSync.Engine.StockPublishing;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static ActorSync.Domain.Reconciliation.ReconQueries;
using ExceptionQueueKey = ActorSync.Engine.ExceptionQueue.ExceptionQueue;

namespace ActorSync.Engine.Reconciliation;

/// <summary>The registry key of the reconciliation singleton's proxy.</summary>
public sealed class ReconciliationKey;

/// <summary>The ops API's way to the reconciliation singleton, from any node.</summary>
public sealed class ReconciliationClient(IRequiredActor<ReconciliationKey> runner, ReconciliationSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Starts a run (every flow when <paramref name="flows"/> is empty); answers at once with its id, the run proceeds.</summary>
    public async Task<RunAccepted> StartAsync(ImmutableList<ReconFlow> flows, DateTimeOffset? since, string requestedBy, CancellationToken ct) =>
        await (await runner.GetAsync(ct).ConfigureAwait(false))
            .Ask<RunAccepted>(ReconciliationRunner.Request(settings, flows, since, requestedBy, clock.GetUtcNow()), Timeout, ct).ConfigureAwait(false);

    public async Task<RunList> ListAsync(int limit, CancellationToken ct) =>
        await (await runner.GetAsync(ct).ConfigureAwait(false)).Ask<RunList>(new GetRuns(limit), Timeout, ct).ConfigureAwait(false);

    /// <summary>A run by id; the latest completed one when <paramref name="runId"/> is null.</summary>
    public async Task<ReconRun?> GetAsync(string? runId, CancellationToken ct) =>
        (await (await runner.GetAsync(ct).ConfigureAwait(false)).Ask<RunDetail>(new GetRun(runId), Timeout, ct).ConfigureAwait(false)).Run;
}

public static class ReconciliationHosting
{
    public const string SingletonName = "reconciliation";

    /// <summary>
    /// The settings, the sources built from what is configured (a connector's API client for its channel's orders,
    /// refunds, shipments and Sitoo's till sales; a stock publishing section for its channel's stock) unless the host
    /// registered its own <see cref="ReconSources"/>, and the client.
    /// </summary>
    public static IServiceCollection AddReconciliationServices(this IServiceCollection services, ReconciliationSettings settings, ConnectorSettings connectors,
        StockPublishingSettings stock, OrderMapping mapping)
    {
        settings.Validate();
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReconciliationClient>();
        services.TryAddSingleton(sp =>
        {
            var sap = new SapReconReads(sp.GetRequiredService<ServiceLayerClient>());
            var sources = new List<IReconSource>();
            PacedReader Paced(Func<string, CancellationToken, Task<string>> get) => new(get, settings);
            if (connectors.Magento is not null)
                sources.Add(new MagentoReconSource(Paced(sp.GetRequiredService<MagentoStoreApi>().GetAsync), sap, settings.PageSize));
            if (connectors.BigCommerce is not null)
                sources.Add(new BigCommerceReconSource(Paced(sp.GetRequiredService<BigCommerceStoreApi>().GetAsync), sap, settings.PageSize));
            if (connectors.Sitoo is not null)
                sources.Add(new SitooPosSource(Paced(sp.GetRequiredService<SitooApi>().GetAsync), sap, mapping, settings.PageSize));
            var stockQueries = sp.GetRequiredService<SapStockQueries>();
            if (stock.BigCommerce is { } bc)
            {
                var api = new BigCommerceStoreApi(new HttpClient(), new BigCommerceConnectorSettings
                    { StoreHash = bc.StoreHash, AccessToken = bc.AccessToken, ApiBaseUrl = bc.ApiBaseUrl, RequestTimeout = bc.RequestTimeout });
                sources.Add(new StockReconSource(bc.MappingChannel, bc.Published(mapping), StockReconSource.BigCommerce(Paced(api.GetAsync), settings.PageSize), stockQueries, settings.StockThreshold));
            }
            if (stock.Magento is { } mg)
            {
                var api = new MagentoStoreApi(new HttpClient(), new MagentoConnectorSettings
                {
                    BaseUrl = mg.BaseUrl, StoreCode = mg.StoreCode, AuthMode = mg.AuthMode, ConsumerKey = mg.ConsumerKey, ConsumerSecret = mg.ConsumerSecret,
                    AccessToken = mg.AccessToken, AccessTokenSecret = mg.AccessTokenSecret, RequestTimeout = mg.RequestTimeout,
                });
                sources.Add(new StockReconSource(mg.MappingChannel, mg.Published(mapping), StockReconSource.Magento(Paced(api.GetAsync), settings.PageSize), stockQueries, settings.StockThreshold));
            }
            if (stock.Sitoo is { } st)
            {
                var site = new SitooSiteReader(new HttpClient(), st);
                sources.Add(new StockReconSource(st.MappingChannel, st.Published(mapping), StockReconSource.Sitoo(Paced(site.GetAsync), settings.PageSize), stockQueries, settings.StockThreshold));
            }
            return new ReconSources(sources);
        });
        return services;
    }

    /// <summary>
    /// An operator's retry of a finding's exception checks its flow again now (a run of that flow): a drift fixed meanwhile
    /// resolves the exception, one still there stays open. Register the reconciliation before the exception queue.
    /// </summary>
    public static Func<IReadOnlyActorRegistry, RecordOwner?> RetryOwner(ReconciliationSettings settings) => registry =>
        registry.TryGet<ReconciliationKey>(out var runner)
            ? new RecordOwner(ReconFindingKinds.RecordKind, runner,
                key => ReconciliationRunner.Request(settings, ReconFindingKinds.FlowOfKey(key) is { } flow ? [flow] : [], null, "exception-retry", DateTimeOffset.UtcNow),
                answer => answer is RunAccepted accepted
                    ? new RetryAnswer(accepted.Started, accepted.Started ? $"{accepted.Message}: the finding resolves by itself if the run no longer finds it" : accepted.Message)
                    : new RetryAnswer(false, $"Unexpected answer from the reconciliation: {answer.GetType().Name}."))
            : null;

    /// <summary>
    /// The <c>reconciliation</c> cluster singleton under a backoff supervisor (<see cref="Supervision.RestartWithBackoff"/>):
    /// a run that throws restarts it from its journal, where an interrupted run is closed as not checked.
    /// </summary>
    public static AkkaConfigurationBuilder AddReconciliation(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<ReconciliationKey>(SingletonName, (_, registry, resolver) =>
            {
                var metrics = resolver.GetService<EngineMetrics>();
                return Supervision.RestartWithBackoff(
                    ReconciliationRunner.Props(resolver.GetService<ReconciliationSettings>(), resolver.GetService<ReconSources>(), () => registry.Get<ExceptionQueueKey>(),
                        run => metrics.ReconciliationCompleted(run.Findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count()))),
                    "runs", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            },
            new ClusterSingletonOptions(), createProxyToo: true);
}

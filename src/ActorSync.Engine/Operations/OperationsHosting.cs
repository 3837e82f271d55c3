using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Operations;

/// <summary>What operators read about a running node: metrics, the flows' activity, recent log lines, the cluster.</summary>
public static class OperationsHosting
{
    public static IServiceCollection AddOperationsServices(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var metrics = new EngineMetrics();
            var scrape = new MetricsScrape(metrics, sp);
            metrics.Registry.AddBeforeCollectCallback(scrape.UpdateAsync);
            return metrics;
        });
        services.AddSingleton<FlowActivity>();
        services.AddSingleton<Connectors.ConnectorPollWatch>();
        services.AddSingleton<FlowTelemetry>();
        services.AddSingleton<EngineReadings>();
        services.AddSingleton<ClusterUpTimes>();
        services.AddSingleton<ClusterOperations>();
        var ring = new RecentLogs();
        services.AddSingleton(ring);
        services.AddSingleton<ILoggerProvider>(new RecentLogsProvider(ring));
        // The flows' per-record lines are Debug (a burst would flood a console); the ring keeps them for log tail.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter<RecentLogsProvider>(FlowTelemetry.LogCategory, LogLevel.Debug));
        return services;
    }

    public static AkkaConfigurationBuilder AddOperations(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _, resolver) =>
            system.ActorOf(Props.Create(() => new ClusterMembersWatch(resolver.GetService<ClusterUpTimes>())), "cluster-members-watch"));
}

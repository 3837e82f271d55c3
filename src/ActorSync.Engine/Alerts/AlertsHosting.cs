using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Operations;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Alerts;

/// <summary>The registry key of the alert watch's singleton proxy.</summary>
public sealed class AlertWatchKey;

/// <summary>Alerts: the watch (one per cluster) and the webhook it tells.</summary>
public static class AlertsHosting
{
    public const string SingletonName = "alert-watch";

    public static IServiceCollection AddAlertServices(this IServiceCollection services, AlertSettings settings)
    {
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(sp => new AlertReadings(sp.GetRequiredService<ExceptionQueueClient>(), sp.GetRequiredService<ServiceLayerClient>(),
            sp.GetRequiredService<EngineReadings>(), TimeProvider.System));
        services.AddSingleton(_ => new AlertWebhook(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, settings));
        return services;
    }

    /// <summary>
    /// Under a backoff supervisor like the other singletons: a watch that throws starts again rather than leaving the
    /// cluster without alerts.
    /// </summary>
    public static AkkaConfigurationBuilder AddAlerts(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<AlertWatchKey>(SingletonName, (_, _, resolver) =>
                Supervision.RestartWithBackoff(
                    Props.Create(() => new AlertWatch(resolver.GetService<AlertReadings>(), resolver.GetService<AlertWebhook>(), resolver.GetService<AlertSettings>())),
                    SingletonName, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
            new ClusterSingletonOptions(), createProxyToo: true);

    /// <summary>What is firing now, from whichever node holds the watch; null when it did not answer in time.</summary>
    public static async Task<AlertWatch.FiringAlerts?> GetFiringAsync(IRequiredActor<AlertWatchKey> watch, CancellationToken ct)
    {
        try
        {
            return await (await watch.GetAsync(ct).ConfigureAwait(false)).Ask<AlertWatch.FiringAlerts>(AlertWatch.GetAlerts.Instance, EngineReadings.Timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}

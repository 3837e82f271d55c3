using ActorSync.Engine.Hosting;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Gateway;

/// <summary>Registry key for the gateway's supervisor.</summary>
public sealed class ServiceLayerGateway;

public static class GatewayHostingExtensions
{
    /// <summary>The Service Layer client, the gateway's bounded queue and its pipeline, as singletons.</summary>
    public static IServiceCollection AddServiceLayerGatewayServices(this IServiceCollection services, ServiceLayerOptions serviceLayer, GatewaySettings gateway)
    {
        gateway.Validate();
        // One session beyond the batch budget, so look-ups are never starved by a full set of batches.
        serviceLayer.MaxSessions = gateway.Sessions + 1;
        serviceLayer.Validate();
        services.AddSingleton(gateway);
        services.AddSingleton(serviceLayer);
        services.AddSingleton(sp => new ServiceLayerClient(serviceLayer, loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new ServiceLayerGatewayQueue(sp.GetRequiredService<GatewaySettings>()));
        services.AddSingleton(sp => new GatewayPipeline(sp.GetRequiredService<ServiceLayerClient>(), sp.GetRequiredService<GatewaySettings>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<GatewayPipeline>(), sp.GetService<Operations.EngineMetrics>()));
        return services;
    }

    /// <summary>The gateway actor under a backoff supervisor: if its stream fails it comes back, slower each time.</summary>
    public static AkkaConfigurationBuilder AddServiceLayerGateway(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var queue = resolver.GetService<ServiceLayerGatewayQueue>();
            var pipeline = resolver.GetService<GatewayPipeline>();
            var supervised = Supervision.RestartWithBackoff(ServiceLayerGatewayActor.Props(queue, pipeline), "service-layer-gateway",
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            registry.Register<ServiceLayerGateway>(system.ActorOf(supervised, "service-layer-gateway-supervisor"));
            var options = resolver.GetService<ServiceLayerOptions>();
            registry.Register<SapAccess>(system.ActorOf(SapAccessWatch.Props(resolver.GetService<ServiceLayerClient>(), registry,
                $"{options.CompanyDb}/{options.UserName}", TimeSpan.FromSeconds(2)), "sap-access-watch"));
        });
}

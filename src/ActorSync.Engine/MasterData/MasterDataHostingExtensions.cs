using ActorSync.ServiceLayer;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.MasterData;

/// <summary>Registry key for this node's master-data refresher.</summary>
public sealed class MasterDataRefresh;

/// <summary>Bound from configuration section "MasterData".</summary>
public sealed class MasterDataSettings
{
    /// <summary>Off: orders are checked against the mapping only, and SAP is the judge of its own master data.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (RefreshInterval < TimeSpan.FromSeconds(1)) throw new ArgumentException($"MasterData:RefreshInterval must be at least a second (was {RefreshInterval}).");
    }
}

public static class MasterDataHostingExtensions
{
    public static IServiceCollection AddMasterDataServices(this IServiceCollection services)
    {
        services.AddSingleton<MasterDataSnapshotHolder>();
        services.AddSingleton(sp => new MasterDataLoader(sp.GetRequiredService<ServiceLayerClient>()));
        services.AddSingleton<IStockReader>(sp => new SapStockReader(sp.GetRequiredService<ServiceLayerClient>()));
        return services;
    }

    /// <summary>One refresher per node: each process keeps its own copy for its own entities.</summary>
    public static AkkaConfigurationBuilder AddMasterData(this AkkaConfigurationBuilder builder, MasterDataSettings settings)
    {
        settings.Validate();
        if (!settings.Enabled) return builder;
        return builder.WithActors((system, registry, resolver) =>
            registry.Register<MasterDataRefresh>(system.ActorOf(MasterDataRefresher.Props(
                resolver.GetService<MasterDataLoader>(), resolver.GetService<MasterDataSnapshotHolder>(), settings.RefreshInterval), "master-data-refresher")));
    }
}

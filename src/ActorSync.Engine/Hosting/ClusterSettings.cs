using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace ActorSync.Engine.Hosting;

/// <summary>Where this node listens and whom it joins. Bound from configuration section "Cluster".</summary>
public sealed class ClusterSettings
{
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port: right for a single node, wrong for a seed node.</summary>
    public int Port { get; set; }

    /// <summary>Empty: this node forms a cluster of one by joining itself.</summary>
    public string[] SeedNodes { get; set; } = [];

    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Cluster:Port must be between 0 and 65535 (was {Port}).");
        foreach (var seed in SeedNodes)
            if (!seed.StartsWith("akka.tcp://", StringComparison.Ordinal))
                throw new ArgumentException($"Cluster:SeedNodes entry '{seed}' is not an akka.tcp:// address.");
    }
}

public static class ClusterHostingExtensions
{
    public const string SystemName = "actorsync";

    /// <summary>Remoting and clustering; with no seed nodes the node joins itself, so a single node needs no configuration.</summary>
    public static AkkaConfigurationBuilder AddActorSyncCluster(this AkkaConfigurationBuilder builder, ClusterSettings settings)
    {
        settings.Validate();
        builder.WithRemoting(settings.Hostname, settings.Port)
            .WithClustering(new ClusterOptions { SeedNodes = settings.SeedNodes, Roles = ["sync"] });
        if (settings.SeedNodes.Length == 0)
            builder.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        return builder;
    }
}

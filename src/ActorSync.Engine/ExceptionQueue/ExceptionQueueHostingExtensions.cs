using ActorSync.Engine.Api;
using ActorSync.Engine.Orders;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.ExceptionQueue;

/// <summary>Registry key of the exception queue (its singleton proxy on every node).</summary>
public sealed class ExceptionQueue;

public static class ExceptionQueueHostingExtensions
{
    /// <summary>The cluster singleton's name; its child, the queue itself, has the same name.</summary>
    public const string SingletonName = "exception-queue";

    /// <summary>
    /// Who is asked to retry each record kind, looked up in the actor registry when the queue starts.
    /// The default: orders, through the <see cref="OrderRegion"/> shard region (when the order flow is registered).
    /// </summary>
    public static readonly IReadOnlyList<Func<IReadOnlyActorRegistry, RecordOwner?>> DefaultOwners =
    [
        registry => registry.TryGet<OrderRegion>(out var orders) ? RecordOwner.Orders(orders) : null,
    ];

    /// <summary>
    /// The exception queue as a cluster singleton with a proxy on every node (<see cref="ExceptionQueue"/> in the
    /// registry), under a backoff supervisor so a journal failure restarts it from its journal instead of leaving the
    /// cluster without one. Register it after the flows whose regions own records (<paramref name="owners"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddExceptionQueue(this AkkaConfigurationBuilder builder,
        ExceptionQueueSettings? settings = null, IEnumerable<Func<IReadOnlyActorRegistry, RecordOwner?>>? owners = null)
    {
        settings ??= new ExceptionQueueSettings();
        settings.Validate();
        var ownerFactories = (owners ?? DefaultOwners).ToList();
        return builder.WithSingleton<ExceptionQueue>(SingletonName, (_, registry, _) =>
            {
                var queue = ExceptionQueueActor.Props(settings, ownerFactories.Select(f => f(registry)).OfType<RecordOwner>());
                return BackoffSupervisor.Props(Backoff.OnStop(queue, SingletonName,
                    TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));
            },
            new ClusterSingletonOptions(), createProxyToo: true);
    }

    /// <summary>The in-process client over the queue (<see cref="ExceptionQueueClient"/>).</summary>
    public static IServiceCollection AddExceptionQueueServices(this IServiceCollection services) =>
        services.AddSingleton<ExceptionQueueClient>();
}

using ActorSync.Domain.Audit;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.Audit.AuditCommands;
using static ActorSync.Domain.Audit.AuditQueries;

namespace ActorSync.Engine.Audit;

/// <summary>Registry key of the audit trail (its singleton proxy on every node).</summary>
public sealed class AuditTrail;

/// <summary>How the audit trail behaves. Defaults suit production; tests shorten nothing here.</summary>
public sealed class AuditTrailSettings
{
    /// <summary>Snapshot every N events, so start-up replays fewer than N events after the latest snapshot.</summary>
    public int SnapshotEvery { get; set; } = 500;

    /// <summary>How long a caller waits for its entry to be written before the action is refused.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (SnapshotEvery < 1) throw new ArgumentException($"Audit:SnapshotEvery must be at least 1 (was {SnapshotEvery}).");
        if (WriteTimeout <= TimeSpan.Zero) throw new ArgumentException($"Audit:WriteTimeout must be positive (was {WriteTimeout}).");
    }
}

public static class AuditTrailHosting
{
    /// <summary>
    /// The audit trail as a cluster singleton with a proxy on every node (<see cref="AuditTrail"/> in the registry),
    /// under a backoff supervisor so a journal failure restarts it from its journal.
    /// </summary>
    public static AkkaConfigurationBuilder AddAuditTrail(this AkkaConfigurationBuilder builder, AuditTrailSettings? settings = null)
    {
        settings ??= new AuditTrailSettings();
        settings.Validate();
        return builder.WithSingleton<AuditTrail>(AuditTrailActor.Id, (_, _, _) =>
                BackoffSupervisor.Props(Backoff.OnStop(AuditTrailActor.Props(settings), AuditTrailActor.Id,
                    TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1)),
            new ClusterSingletonOptions(), createProxyToo: true);
    }

    /// <summary>The in-process client over the trail (<see cref="AuditTrailClient"/>).</summary>
    public static IServiceCollection AddAuditTrailServices(this IServiceCollection services, AuditTrailSettings? settings = null) =>
        services.AddSingleton(sp => new AuditTrailClient(sp.GetRequiredService<IRequiredActor<AuditTrail>>(), settings ?? new AuditTrailSettings()));
}

/// <summary>The trail for the ops API (and later the console): record, complete, read. Works the same on any node.</summary>
public sealed class AuditTrailClient(IRequiredActor<AuditTrail> trail, AuditTrailSettings settings)
{
    /// <summary>The entry's number once journaled; throws when the trail cannot write it in time (the action must not run).</summary>
    public async Task<long> RecordAsync(RecordAction action, CancellationToken ct = default)
    {
        var result = await AskAsync(action, ct).ConfigureAwait(false);
        if (result.Code != AuditResultCode.Accepted) throw new AuditTrailUnavailableException(result.Message);
        return result.Number;
    }

    /// <summary>
    /// How entry <paramref name="number"/> ended, sent without waiting for the write, so the caller's answer does not
    /// wait for a second journal round trip (a later read through this node still sees it: reads wait for the writes
    /// before them). Lost only if the trail stops before writing it; the entry then shows no answer.
    /// </summary>
    public async Task CompleteAsync(long number, int status, CancellationToken ct = default) =>
        (await trail.GetAsync(ct).ConfigureAwait(false)).Tell(new RecordOutcome(number, status, DateTimeOffset.UtcNow));

    public async Task<AuditList> ListAsync(AuditFilter filter, int limit, CancellationToken ct = default)
    {
        var proxy = await trail.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<AuditList>(new ListAudit(filter, limit), settings.WriteTimeout, ct).ConfigureAwait(false);
    }

    private async Task<AuditCommandResult> AskAsync(IAuditCommand command, CancellationToken ct)
    {
        var proxy = await trail.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<AuditCommandResult>(command, settings.WriteTimeout, ct).ConfigureAwait(false);
    }
}

/// <summary>The trail refused or could not write an entry; the action it was for must not run.</summary>
public sealed class AuditTrailUnavailableException(string message) : Exception(message);

using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations;
using Akka.Actor;
using Akka.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Operations;

/// <summary>
/// Where a flow's entity reports what it journaled: counted for Prometheus (<see cref="EngineMetrics"/>) and the
/// ops API's flow view (<see cref="FlowActivity"/>), and written as one structured log line carrying the record's id,
/// the document and its <c>DocEntry</c> (what <c>actorsync log tail --order</c> finds). Never a payload.
/// </summary>
public sealed class FlowTelemetry(EngineMetrics metrics, FlowActivity activity, ILoggerFactory loggers)
{
    /// <summary>The log category of these lines; the recent-log ring keeps it from Debug up.</summary>
    public const string LogCategory = "ActorSync.Flows";

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);

    public EngineMetrics Metrics => metrics;
    public FlowActivity Activity => activity;

    /// <summary>Called once per event as it is written, never on replay.</summary>
    public void Journaled(object evt)
    {
        foreach (var observation in FlowObservations.Of(evt))
        {
            var delay = activity.Record(observation);
            metrics.Observe(observation, delay);
            Log(observation);
        }
    }

    private void Log(FlowObservation observation)
    {
        switch (observation)
        {
            case FlowObservation.Received r:
                _log.LogDebug("{Flow} {EntityId} received from {Source}", r.Flow, r.EntityId, r.Source);
                break;
            case FlowObservation.Posted p:
                _log.LogDebug("{Flow} {EntityId}: {Document} is in SAP as DocEntry {DocEntry} (DocNum {DocNum}){How}", p.Flow, p.EntityId, p.Document,
                    p.DocEntry, p.DocNum, p.FoundByLookup ? ", found by look-up after an uncertain answer" : "");
                break;
            case FlowObservation.Parked x:
                _log.LogInformation("{Flow} {EntityId}: parked as {ExceptionType} for {Team}", x.Flow, x.EntityId, x.Type, x.Team.Name());
                break;
            case FlowObservation.LockWait l:
                _log.LogDebug("{Flow} {EntityId}: records locked in SAP (attempt {Attempts}); waiting to try again", l.Flow, l.EntityId, l.Attempts);
                break;
        }
    }

    /// <summary>
    /// The host's instance, for entities (which Akka creates, so it cannot be passed in their props without touching
    /// every flow); null on an actor system built without the engine's services, where nothing is counted.
    /// </summary>
    public static FlowTelemetry? Of(ActorSystem system)
    {
        try
        {
            return DependencyResolver.For(system).Resolver.GetService<FlowTelemetry>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Akka.Configuration.ConfigurationException)
        {
            return null;
        }
    }
}

using ActorSync.Domain.Operations.Alerts;
using ActorSync.Engine.Api;
using ActorSync.Engine.Operations;
using ActorSync.ServiceLayer;
using Akka.Actor;

namespace ActorSync.Engine.Alerts;

/// <summary>
/// One look at what the alert rules judge: the exception queue, this node's view of SAP, the connectors' inboxes.
/// A part that does not answer in time is left null, so the rules decide nothing about it this time.
/// </summary>
public sealed class AlertReadings(ExceptionQueueClient exceptions, ServiceLayerClient sap, EngineReadings readings, TimeProvider time)
{
    public async Task<AlertSnapshot> ReadAsync(CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var open = OpenExceptionsAsync(ct);
        var inboxes = readings.InboxesAsync(ct);
        var refusal = sap.LoginRefused;
        var sapReading = new SapAccessReading(sap.Circuit != CircuitState.Closed, refusal is null ? null : $"{refusal.Code} {refusal.Message}");
        var connectors = (await inboxes.ConfigureAwait(false)).Select(i => new ConnectorBacklog(i.Source, i.PendingKeys.LongLength)).ToList();
        return new AlertSnapshot(at, await open.ConfigureAwait(false), sapReading, connectors);
    }

    private async Task<IReadOnlyList<OpenException>?> OpenExceptionsAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(EngineReadings.Timeout);
        try
        {
            var all = await exceptions.ListAsync(ct: timeout.Token).ConfigureAwait(false);
            return all.Where(e => e.IsOpen).Select(e => new OpenException(e.Id, e.Type, e.Team, e.FirstSeen)).ToList();
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}

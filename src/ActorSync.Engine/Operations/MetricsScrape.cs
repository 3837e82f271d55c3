using ActorSync.Domain.Operations;
using ActorSync.Engine.Connectors;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.StockPublishing;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Operations;

/// <summary>
/// The gauges, read when Prometheus scrapes: this node's gateway and SAP sessions from memory, and the cluster-wide
/// figures (open exceptions, inbox backlogs, unfinished records) from their singletons. A singleton that does not
/// answer in time keeps its last value rather than failing the scrape.
/// </summary>
public sealed class MetricsScrape(EngineMetrics metrics, IServiceProvider services)
{
    private readonly HashSet<(string Type, string Team)> _exceptionLabels = [];
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task UpdateAsync(CancellationToken ct)
    {
        // Two scrapes at once would only ask the singletons twice.
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Local();
            await ClusterWide(ct).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private void Local()
    {
        metrics.QueueDepth.Set(services.GetRequiredService<ServiceLayerGatewayQueue>().Waiting);
        if (services.GetRequiredService<GatewayPipeline>().Stats.Concurrency is { } concurrency)
        {
            metrics.ConcurrencyLimit.Set(concurrency.Limit);
            metrics.BatchesInFlight.Set(concurrency.InFlight);
            metrics.BatchesWaiting.Set(concurrency.Waiting);
        }
        var sap = services.GetRequiredService<ServiceLayerClient>();
        var sessions = sap.Sessions;
        metrics.SessionsInUse.Set(sessions.Leased);
        metrics.SessionsOpen.Set(sessions.Open);
        metrics.SessionCapacity.Set(sessions.Capacity);
        metrics.CircuitOpen.Set(sap.Circuit == CircuitState.Closed ? 0 : 1);
        metrics.LoginRefused.Set(sap.LoginRefused is null ? 0 : 1);
        foreach (var (poll, behind) in services.GetRequiredService<ConnectorPollWatch>().Lags())
            metrics.CursorLag.WithLabels(poll).Set(behind.TotalSeconds);
    }

    private async Task ClusterWide(CancellationToken ct)
    {
        var readings = services.GetRequiredService<EngineReadings>();
        var exceptions = readings.OpenExceptionsAsync(ct);
        var inboxes = readings.InboxesAsync(ct);
        var unfinished = FlowObservations.Flows.Select(async f => (Flow: f, Count: await readings.UnfinishedAsync(f, ct).ConfigureAwait(false))).ToList();

        if (await exceptions.ConfigureAwait(false) is { } open)
        {
            // A type that is no longer open reads 0 rather than vanishing, so alerts on it resolve.
            foreach (var gone in _exceptionLabels.Except(open.Keys)) metrics.ExceptionsOpen.WithLabels(gone.Type, gone.Team).Set(0);
            foreach (var ((type, team), count) in open)
            {
                metrics.ExceptionsOpen.WithLabels(type, team).Set(count);
                _exceptionLabels.Add((type, team));
            }
        }
        foreach (var inbox in await inboxes.ConfigureAwait(false))
        {
            metrics.InboxPending.WithLabels(inbox.Source).Set(inbox.PendingKeys.Length);
            metrics.InboxParked.WithLabels(inbox.Source).Set(inbox.ParkedKeys.Length);
        }
        foreach (var (flow, count) in await Task.WhenAll(unfinished).ConfigureAwait(false))
            if (count is { } n) metrics.Unfinished.WithLabels(flow).Set(n);
        await Stock(ct).ConfigureAwait(false);
    }

    /// <summary>Each stock publisher's figures, when stock publishing is configured and the publishers answer.</summary>
    private async Task Stock(CancellationToken ct)
    {
        if (services.GetService<StockPublishingClient>() is not { Enabled: true } stock) return;
        StockPublishingOverview overview;
        try
        {
            overview = await stock.GetAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Akka.Actor.AskTimeoutException)
        {
            return;
        }
        foreach (var channel in overview.Channels)
        {
            metrics.StockChangesSeen.WithLabels(channel.Channel).Set(channel.ChangesSeen);
            metrics.StockItemsSent.WithLabels(channel.Channel).Set(channel.ItemsSent);
            metrics.StockCalls.WithLabels(channel.Channel).Set(channel.Calls);
            metrics.StockOwed.WithLabels(channel.Channel).Set(channel.Owed);
            metrics.StockRateLimited.WithLabels(channel.Channel).Set(channel.RateLimited);
            if (channel.LagP50Ms is { } p50) metrics.StockPublishLag.WithLabels(channel.Channel, "0.5").Set(p50 / 1000);
            if (channel.LagP99Ms is { } p99) metrics.StockPublishLag.WithLabels(channel.Channel, "0.99").Set(p99 / 1000);
        }
    }
}

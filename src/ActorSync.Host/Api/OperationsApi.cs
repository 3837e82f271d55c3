using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations;
using ActorSync.Domain.Operations.Alerts;
using ActorSync.Engine.Alerts;
using ActorSync.Engine.Api;
using ActorSync.Engine.Operations;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;

namespace ActorSync.Host.Api;

/// <summary>
/// How the node is doing, for operators and monitoring:
/// <list type="bullet">
/// <item><c>GET /api/flows</c>: per flow (orders, pos, warehouse), what this node journaled and posted since it started
/// and in the last five minutes (throughput, error rate, delay to SAP), and how many records still owe SAP work cluster-wide.</item>
/// <item><c>GET /api/log?order=&amp;tail=N</c>: the last N lines of this node's recent-log ring, or those naming one record.</item>
/// <item><c>GET /api/alerts</c>: what the cluster's alert watch has firing now, each with its team and next step.</item>
/// <item><c>GET /metrics</c>: Prometheus text, open like <c>/health</c> (counts and states only, nothing about any one record).</item>
/// </list>
/// </summary>
public static class OperationsApi
{
    public const int DefaultTail = 50;

    /// <summary>What each number of <c>/api/flows</c> means; the answer carries it so a script never has to guess.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlowNotes = new Dictionary<string, string>
    {
        ["received"] = "records journaled for the first time by entities on this node (a redelivered duplicate is not counted)",
        ["posted"] = "SAP documents those records now have (posted, or found by a look-up after an uncertain answer)",
        ["parked"] = "pieces of work parked in the exception queue for an operator",
        ["lockWaits"] = "answers from SAP that records were locked by someone else; each is followed by a wait and a retry",
        ["postedPerMinute"] = "documents per minute over the window (throughput)",
        ["errorRate"] = "parked / (posted + parked) over the window; null when neither happened",
        ["delaySeconds"] = "seconds from a record's journaling to its first SAP document, for records received and posted on this node within the window (lag); for warehouse windows it includes the coalescing wait",
        ["unfinished"] = "records that still owe SAP work, cluster-wide, from the flow's unfinished-entities index; null if it did not answer in 5 s",
    };

    public static void MapOperationsApi(this WebApplication app)
    {
        app.MapGet("/api/flows", async (FlowActivity activity, EngineReadings readings, SyncEngine engine, ActorSystem system,
            Engine.Gateway.ServiceLayerGatewayQueue queue, CancellationToken ct) =>
        {
            var unfinished = await Task.WhenAll(FlowObservations.Flows.Select(async f => (Flow: f, Count: await readings.UnfinishedAsync(f, ct))));
            var gateway = await engine.GetGatewayStatsAsync(ct);
            var flows = activity.Snapshot().Select(s => new
            {
                flow = s.Flow,
                sinceStart = s.SinceStart,
                recent = s.Recent,
                unfinished = unfinished.FirstOrDefault(u => u.Flow == s.Flow).Count,
            });
            return Results.Json(new
            {
                node = Cluster.Get(system).SelfAddress.ToString(),
                window = FlowActivity.Window,
                flows,
                gateway = new
                {
                    queueDepth = queue.Waiting,
                    documentsSent = gateway.DocumentsSent,
                    created = gateway.Created,
                    rejected = gateway.Rejected,
                    uncertain = gateway.Uncertain,
                    notApplied = gateway.NotApplied,
                    limit = gateway.Concurrency?.Limit,
                    inFlight = gateway.Concurrency?.InFlight,
                },
                notes = FlowNotes,
            }, FlowsApi.Json);
        });

        app.MapGet("/api/log", (string? order, int? tail, RecentLogs logs) =>
        {
            var n = tail ?? DefaultTail;
            if (n < 1 || n > logs.Capacity)
                return OpsBody.Problem(StatusCodes.Status400BadRequest, "Invalid tail", $"tail must be between 1 and {logs.Capacity} (the lines this node keeps), was {n}.");
            var lines = logs.Tail(n, order);
            return Results.Json(new { order, count = lines.Count, capacity = logs.Capacity, lines }, FlowsApi.Json);
        });

        app.MapGet("/api/alerts", async (IRequiredActor<AlertWatchKey> watch, CancellationToken ct) =>
        {
            var firing = await AlertsHosting.GetFiringAsync(watch, ct);
            if (firing is null)
                return OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Alert watch not answering", "The alert watch did not answer in 5 s; it may be moving to another node. Ask again.");
            var alerts = firing.Alerts.Select(f => new
            {
                key = f.Alert.Key,
                team = f.Alert.Team.Name(),
                summary = f.Alert.Summary,
                action = f.Alert.Action,
                since = f.Since,
            });
            return Results.Json(new { lastLook = firing.LastLook, alerts }, FlowsApi.Json);
        });

        app.MapGet("/metrics", async (HttpContext context, EngineMetrics metrics, CancellationToken ct) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, ct);
        });
    }
}

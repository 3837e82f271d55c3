using ActorSync.Domain.Operations;
using ActorSync.Engine.Api;
using ActorSync.Engine.Operations;
using ActorSync.ServiceLayer;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// Flow health on the node asked, from what <c>GET /api/flows</c>, <c>/api/gateway</c> and <c>/api/gateway/sap</c>
/// read: per flow received, posted, parked, throughput, error rate and lag (delay to SAP) and unfinished work; SAP's
/// adaptive limit, batches in flight, sessions and the circuit; and charts of the recent samples (<see cref="FlowHistory"/>).
/// </summary>
public static class FlowsPage
{
    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/flows", console.Page(RenderAsync));

    private static async Task<IResult> RenderAsync(ConsoleContext context)
    {
        await context.App.History.SampleAsync(context.Ct);
        var readings = context.Service<EngineReadings>();
        var unfinished = await Task.WhenAll(FlowObservations.Flows.Select(async f => (Flow: f, Count: await readings.UnfinishedAsync(f, context.Ct))));
        var snapshot = context.Service<FlowActivity>().Snapshot();
        var gateway = await context.Service<SyncEngine>().GetGatewayStatsAsync(context.Ct);
        var sap = context.Service<ServiceLayerClient>();
        var sessions = sap.Sessions;
        var c = gateway.Concurrency;

        var rows = snapshot.Select(s => H($"""
            <tr data-flow="{s.Flow}"><td>{s.Flow}</td><td class="num">{s.SinceStart.Received}</td><td class="num">{s.SinceStart.Posted}</td><td class="num">{s.SinceStart.Parked}</td>
            <td class="num">{s.SinceStart.LockWaits}</td><td class="num">{s.Recent.PostedPerMinute:0.#}</td>
            <td class="num{(s.Recent.ErrorRate > 0 ? " bad" : "")}">{(s.Recent.ErrorRate is { } rate ? rate.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "–")}</td>
            <td class="num">{(s.Recent.DelaySeconds is { } d ? $"{d.P50:0.#} / {d.P95:0.#} / {d.Max:0.#}" : "–")}</td>
            <td class="num">{unfinished.FirstOrDefault(u => u.Flow == s.Flow).Count?.ToString() ?? "?"}</td></tr>
            """));
        var samples = context.App.History.Samples();
        var throughput = SvgChart.Lines("chart-throughput", "Documents posted per minute, per flow", "last 5 minutes at each sample",
            FlowObservations.Flows.Select(f => new SvgChart.Series(f, samples.Select(s => (s.At, (double?)s.PostedPerMinute.GetValueOrDefault(f))).ToList())).ToList());
        var limit = SvgChart.Lines("chart-sap", "SAP: adaptive limit, batches in flight, sessions in use", "count",
        [
            new("limit", samples.Select(s => (s.At, (double?)s.Limit)).ToList()),
            new("in flight", samples.Select(s => (s.At, (double?)s.InFlight)).ToList()),
            new("sessions in use", samples.Select(s => (s.At, (double?)s.SessionsInUse)).ToList()),
        ]);
        var body = H($"""
            <h1>Flow health</h1>
            <p class="muted">This node ({Time(DateTimeOffset.UtcNow)}). Received, posted, parked and lock waits count since this node started; throughput, error rate and delay cover the last {FlowActivity.Window.TotalMinutes:0} minutes; unfinished is cluster-wide. Delay is seconds from journaling to the first SAP document (p50 / p95 / max).</p>
            <table class="list" id="flows"><thead><tr><th>Flow</th><th>Received</th><th>Posted</th><th>Parked</th><th>Lock waits</th><th>Posted/min</th><th>Error rate</th><th>Delay s</th><th>Unfinished</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <h2>SAP gateway</h2>
            <dl class="fields" id="gateway">
              <dt>Limit on batches at SAP</dt><dd id="limit">{(c is null ? "–" : $"{c.Limit} ({(c.Adaptive ? "adaptive" : "fixed")}, {c.Min}..{c.Max})")}</dd>
              <dt>Batches in flight / waiting</dt><dd>{c?.InFlight.ToString() ?? "–"} / {c?.Waiting.ToString() ?? "–"}</dd>
              <dt>ms per document, unloaded / recent</dt><dd>{c?.UnloadedMsPerDocument?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "–"} / {c?.RecentMsPerDocument?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "–"}</dd>
              <dt>Last limit change</dt><dd>{(c?.LastChange is { } change ? $"{change.From} → {change.To} at {Time(change.At)}: {change.Reason}" : "–")}</dd>
              <dt>Sessions in use / open / cap</dt><dd id="sessions">{sessions.Leased} / {sessions.Open} / {sessions.Capacity} (peak {sessions.Peak}, waiting {sessions.Waiting})</dd>
              <dt>Circuit to SAP</dt><dd id="circuit" class="{(sap.Circuit.ToString() == "Closed" ? "good" : "bad")}">{sap.Circuit}</dd>
              <dt>SAP login</dt><dd>{(sap.LoginRefused is { } refused ? $"refused ({refused.Kind}) at {Time(refused.At)}" : "not refused")}</dd>
              <dt>Documents sent / created / rejected / uncertain</dt><dd>{gateway.DocumentsSent} / {gateway.Created} / {gateway.Rejected} / {gateway.Uncertain}</dd>
            </dl>
            <h2>Recent samples</h2>
            <div class="charts">{throughput}{limit}</div>
            """);
        return await context.PageAsync("Flow health", "flows", body);
    }
}

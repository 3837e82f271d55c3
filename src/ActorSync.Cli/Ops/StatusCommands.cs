using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary><c>sessions</c>, <c>flows</c>, <c>alerts</c>, <c>log tail [--order &lt;id&gt;]</c>.</summary>
public static class StatusCommands
{
    public static IEnumerable<Command> Build(OpsContext context)
    {
        var sessions = new Command("sessions", "SAP sessions in use, the adaptive limit and the circuit, on the node asked.");
        sessions.SetAction((parsed, ct) => context.CallAsync(parsed, async (c, t) =>
        {
            // Two reads, one answer: the gateway's limit and the client's sessions and circuit.
            var gateway = await c.GetAsync("/api/gateway", t);
            if (!gateway.Ok || gateway.Body is not { } g) return gateway;
            var sap = await c.GetAsync("/api/gateway/sap", t);
            if (!sap.Ok || sap.Body is not { } s) return sap;
            var both = JsonSerializer.SerializeToElement(new { gateway = g, sap = s });
            return new OpsAnswer(sap.Status, both, both.GetRawText());
        }, RenderSessions, ct));
        yield return sessions;

        var flows = new Command("flows", "Per flow: received, posted, parked, lock waits; throughput, error rate and delay over 5 minutes; unfinished.");
        flows.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.GetAsync("/api/flows", t), RenderFlows, ct));
        yield return flows;

        var alerts = new Command("alerts", "What the cluster's alert watch has firing now: who acts and the next step.");
        alerts.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.GetAsync("/api/alerts", t), RenderAlerts, ct));
        yield return alerts;

        var order = new Option<string?>("--order") { Description = "Only lines that name this record (an order id such as magento:000001234, a NumAtCard, an exception id)." };
        var lines = new Option<int>("--lines", "-n") { Description = "How many lines (default 50).", DefaultValueFactory = _ => 50 };
        var tail = new Command("tail", "The node's most recent log lines, oldest first.") { order, lines };
        tail.SetAction((parsed, ct) =>
        {
            var n = parsed.GetValue(lines);
            if (n < 1) return Task.FromResult(context.Usage($"--lines must be at least 1, was {n}."));
            var about = parsed.GetValue(order);
            var query = $"tail={n.ToString(CultureInfo.InvariantCulture)}" + (string.IsNullOrWhiteSpace(about) ? "" : $"&order={Uri.EscapeDataString(about)}");
            return context.CallAsync(parsed, (c, t) => c.GetAsync($"/api/log?{query}", t), RenderLog, ct);
        });
        yield return new Command("log", "The node's recent log lines.") { tail };
    }

    private static void RenderSessions(JsonElement body, Output output)
    {
        var sap = body.GetProperty("sap");
        var sessions = sap.GetProperty("sessions");
        var concurrency = body.GetProperty("gateway").TryGetProperty("concurrency", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var refused = sap.TryGetProperty("loginRefused", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        output.Fields("SAP sessions and limit",
        [
            ("Sessions in use", Output.Cell(sessions, "leased")),
            ("Sessions open", Output.Cell(sessions, "open")),
            ("Session cap", Output.Cell(sessions, "capacity")),
            ("Peak in use", Output.Cell(sessions, "peak")),
            ("Waiting for a session", Output.Cell(sessions, "waiting")),
            ("Logins (re-logins)", $"{Output.Cell(sessions, "logins")} ({Output.Cell(sessions, "relogins")})"),
            ("Limit on batches at SAP", concurrency.ValueKind == JsonValueKind.Object
                ? $"{Output.Cell(concurrency, "limit")} ({(concurrency.GetProperty("adaptive").GetBoolean() ? "adaptive" : "fixed")}, {Output.Cell(concurrency, "min")}..{Output.Cell(concurrency, "max")})"
                : null),
            ("Batches in flight", Output.Cell(concurrency, "inFlight")),
            ("Batches waiting for the limit", Output.Cell(concurrency, "waiting")),
            ("ms per document, unloaded", Round(concurrency, "unloadedMsPerDocument")),
            ("ms per document, recent", Round(concurrency, "recentMsPerDocument")),
            ("Last limit change", concurrency.ValueKind == JsonValueKind.Object && concurrency.TryGetProperty("lastChange", out var change) && change.ValueKind == JsonValueKind.Object
                ? $"{Output.Cell(change, "from")} -> {Output.Cell(change, "to")} at {Output.Time(change, "at")}: {Output.Cell(change, "reason")}"
                : null),
            ("Circuit", Output.Cell(sap, "circuit")),
            ("Login refused", refused.ValueKind == JsonValueKind.Object ? $"{Output.Cell(refused, "kind")} at {Output.Time(refused, "at")}" : "no"),
        ]);
    }

    private static void RenderFlows(JsonElement body, Output output)
    {
        output.Table($"Flows on {Output.Cell(body, "node")} (recent: last {Output.Cell(body, "window")})",
            ["Flow", "Received", "Posted", "Parked", "Lock waits", "Posted/min", "Error rate", "Delay p50/p95 s", "Unfinished"],
            body.GetProperty("flows").EnumerateArray().Select(f =>
            {
                var total = f.GetProperty("sinceStart");
                var recent = f.GetProperty("recent");
                var delay = recent.GetProperty("delaySeconds");
                return (IReadOnlyList<string?>)
                [
                    Output.Cell(f, "flow"), Output.Cell(total, "received"), Output.Cell(total, "posted"), Output.Cell(total, "parked"), Output.Cell(total, "lockWaits"),
                    Round(recent, "postedPerMinute"),
                    recent.GetProperty("errorRate") is { ValueKind: JsonValueKind.Number } rate ? rate.GetDouble().ToString("P1", CultureInfo.InvariantCulture) : null,
                    delay.ValueKind == JsonValueKind.Object ? $"{Round(delay, "p50")} / {Round(delay, "p95")}" : null,
                    Output.Cell(f, "unfinished"),
                ];
            }));
        output.Line("Received, posted, parked and lock waits count since this node started; posted/min, error rate (parked / (posted + parked)) and delay");
        output.Line("(journaled to first SAP document) cover the recent window on this node; unfinished is cluster-wide. --json carries each definition.");
    }

    private static void RenderAlerts(JsonElement body, Output output)
    {
        var alerts = body.GetProperty("alerts").EnumerateArray().ToList();
        output.Table($"Alerts firing (last look {Output.Time(body, "lastLook") ?? "not yet"})", ["Alert", "Team", "Since", "What", "Next step"],
            alerts.Select(a => (IReadOnlyList<string?>)[Output.Cell(a, "key"), Output.Cell(a, "team"), Output.Time(a, "since"), Output.Cell(a, "summary"), Output.Cell(a, "action")]));
        if (alerts.Count == 0) output.Line("Nothing is firing.");
    }

    private static void RenderLog(JsonElement body, Output output)
    {
        foreach (var line in body.GetProperty("lines").EnumerateArray())
        {
            var error = Output.Cell(line, "error");
            output.Raw($"{Output.Time(line, "at")} {Output.Cell(line, "level"),-11} {Output.Cell(line, "category")}: {Output.Cell(line, "message")}{(error is null ? "" : " | " + error)}");
        }
        output.Line($"({Output.Cell(body, "count")} line(s){(Output.Cell(body, "order") is { } order ? $" naming {order}" : "")}; the node keeps its last {Output.Cell(body, "capacity")})");
    }

    private static string? Round(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble().ToString("0.##", CultureInfo.InvariantCulture)
            : null;
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary>
/// <c>recon run [--flow] [--since] [--wait]</c> and <c>recon show [&lt;run&gt;]</c>: reconciliation of the channels
/// against SAP. A run that found drift or could not check a source exits <see cref="ExitCodes.NotClean"/> (5) when
/// shown or waited for, so a script can tell a clean run from one that needs reading.
/// </summary>
public static class ReconCommands
{
    private static readonly string[] FlowNames = ["orders", "refunds", "dispatches", "pos", "stock"];

    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static Command Build(OpsContext context)
    {
        var flow = new Option<string?>("--flow") { Description = "Only this flow: orders, refunds, dispatches, pos or stock (default: all)." };
        var since = new Option<string?>("--since") { Description = "From this day or time (2026-12-01, 2026-12-01T09:00:00Z) or age (36h, 7d); default the host's Reconciliation:Window." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the run to finish and show it (exit 5 when it is not clean)." };
        var run = new Command("run", "Starts a reconciliation run now; answers with its id at once (the run goes on in the cluster).") { flow, since, wait };
        run.SetAction((parsed, ct) =>
        {
            var flowText = parsed.GetValue(flow)?.Trim().ToLowerInvariant();
            if (flowText is { Length: > 0 } && !FlowNames.Contains(flowText))
                return Task.FromResult(context.Usage($"--flow must be one of {string.Join(", ", FlowNames)} (was '{flowText}')."));
            string? from = null;
            if (parsed.GetValue(since) is { Length: > 0 } sinceText)
            {
                if (AuditCommands.Since(sinceText, DateTimeOffset.UtcNow) is not { } at)
                    return Task.FromResult(context.Usage($"--since must be a day (2026-12-01), a time (2026-12-01T09:00:00Z) or an age such as 36h or 7d (was '{sinceText}')."));
                from = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
            var waiting = parsed.GetValue(wait);
            var clean = true;
            return Finish(context.CallAsync(parsed, async (c, t) =>
            {
                var started = await c.PostAsync("/api/recon/runs", new { flow = flowText is { Length: > 0 } ? flowText : null, since = from }, t).ConfigureAwait(false);
                if (!waiting || !started.Ok || started.Body is not { } body || Output.Cell(body, "runId") is not { } runId) return started;
                while (true)
                {
                    var shown = await c.GetAsync($"/api/recon/runs/{Uri.EscapeDataString(runId)}", t).ConfigureAwait(false);
                    if (!shown.Ok || shown.Body is not { } view || Output.Cell(view, "status") != "running")
                    {
                        clean = shown.Body is not { } done || IsClean(done);
                        return shown;
                    }
                    await Task.Delay(Poll, t).ConfigureAwait(false);
                }
            }, (body, output) => { if (Output.Cell(body, "results") is null) RenderStarted(body, output); else RenderRun(body, output); }, ct), () => clean);
        });

        var runId = new Argument<string?>("run") { Description = "The run's id as `recon run` answered it (R-000012); the latest completed run when left out.", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "A run: what each source and flow compared or why it could not, and every finding with its owner.") { runId };
        show.SetAction((parsed, ct) =>
        {
            var clean = true;
            var id = parsed.GetValue(runId);
            return Finish(context.CallAsync(parsed, async (c, t) =>
            {
                var answer = await c.GetAsync(id is { Length: > 0 } ? $"/api/recon/runs/{Uri.EscapeDataString(id)}" : "/api/recon/latest", t).ConfigureAwait(false);
                clean = answer.Body is not { } body || !answer.Ok || IsClean(body);
                return answer;
            }, RenderRun, ct), () => clean);
        });

        return new Command("recon", "Reconciliation: channel orders, refunds, shipments, till takings and stock against SAP.") { run, show };
    }

    /// <summary>Completed with no finding and every source checked (a run still going is not judged).</summary>
    private static bool IsClean(JsonElement run) =>
        Output.Cell(run, "status") is "running" or "completed" && (run.TryGetProperty("findings", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0) == 0;

    private static async Task<int> Finish(Task<int> call, Func<bool> clean)
    {
        var code = await call.ConfigureAwait(false);
        return code == ExitCodes.Ok && !clean() ? ExitCodes.NotClean : code;
    }

    /// <summary>The findings shown, and those beyond Reconciliation:MaxFindingsPerSource that were only counted.</summary>
    private static string Found(JsonElement result)
    {
        var shown = result.GetProperty("findings").GetArrayLength().ToString(CultureInfo.InvariantCulture);
        return result.TryGetProperty("omitted", out var omitted) && omitted.ValueKind == JsonValueKind.Number && omitted.GetInt32() > 0 ? $"{shown} (+{omitted.GetInt32()} not kept)" : shown;
    }

    private static void RenderStarted(JsonElement body, Output output) =>
        output.Line($"Run {Output.Cell(body, "runId")} started; `actorsync recon show {Output.Cell(body, "runId")}` shows it (or run with --wait).");

    private static void RenderRun(JsonElement run, Output output)
    {
        output.Fields($"Reconciliation {Output.Cell(run, "runId")}",
        [
            ("Status", Output.Cell(run, "status")), ("Requested by", Output.Cell(run, "requestedBy")),
            ("Window", $"{Output.Time(run, "since")} to {Output.Time(run, "cutoff")} (younger records still in flight)"),
            ("Started", Output.Time(run, "startedAt")), ("Completed", Output.Time(run, "completedAt") ?? "-"),
            ("Findings", Output.Cell(run, "findings")),
        ]);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        output.Table("What was compared", ["Source", "Flow", "Checked", "Compared", "Findings", "Why not checked"],
            results.Select(r => (IReadOnlyList<string?>)[Output.Cell(r, "source"), Output.Cell(r, "flow"), r.GetProperty("checked").GetBoolean() ? "yes" : "NOT CHECKED",
                Output.Cell(r, "compared"), Found(r), Output.Cut(Output.Cell(r, "notChecked"), 80)]));
        var findings = results.SelectMany(r => r.GetProperty("findings").EnumerateArray()).ToList();
        if (findings.Count > 0)
            output.Table("Findings", ["Type", "Team", "Subject", "Detail"],
                findings.Select(f => (IReadOnlyList<string?>)[Output.Cell(f, "type"), Output.Cell(f, "team"), Output.Cell(f, "subject"), Output.Cut(Output.Cell(f, "detail"), 110)]));
        if (run.TryGetProperty("waiting", out var waiting) && waiting.GetArrayLength() > 0)
            output.Line($"Still waiting for: {string.Join(", ", waiting.EnumerateArray().Select(w => w.GetString()))}.");
        var notChecked = results.Count(r => !r.GetProperty("checked").GetBoolean());
        output.Line(findings.Count == 0 && notChecked == 0 ? "Clean: every source was checked and nothing differs."
            : $"{findings.Count} finding(s), each an exception for its team (`actorsync exceptions list --type <type>`); {notChecked} source flow(s) not checked.");
    }
}

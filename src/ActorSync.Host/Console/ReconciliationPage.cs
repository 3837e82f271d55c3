using System.Globalization;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Reconciliation;
using ActorSync.Engine.Reconciliation;
using static ActorSync.Domain.Reconciliation.ReconQueries;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// Reconciliation runs, from the same singleton as <c>GET /api/recon/runs</c>: the latest completed run (or the one
/// asked for), what each source compared or why it could not, every finding with its owner and next step and a link to
/// its record, and the runs before it. An operator starts a run here (all flows or one), recorded in the audit trail as
/// <c>recon.run</c> under the signed-in name, as <c>actorsync recon run</c> and <c>POST /api/recon/runs</c> are.
/// </summary>
public static class ReconciliationPage
{
    public static void Map(RouteGroupBuilder group, ConsoleApp console)
    {
        group.MapGet("/reconciliation", console.Page(RenderAsync));
        group.MapPost("/reconciliation/runs", console.Action(StartAsync));
    }

    /// <summary>Starts a run of every flow, or of the one chosen; a run already going is said, not doubled.</summary>
    private static async Task<IResult> StartAsync(ConsoleContext context, IFormCollection form)
    {
        if (context.Http.RequestServices.GetService(typeof(ReconciliationClient)) is not ReconciliationClient client)
            return ConsoleContext.Refusal(StatusCodes.Status404NotFound, "Not configured", "Reconciliation is not configured on this service.");
        var chosen = form["flow"].FirstOrDefault() is { Length: > 0 } text && text != "all" ? text : null;
        if (chosen is not null && ReconFindingKinds.ParseFlow(chosen) is null)
            return ConsoleContext.Refusal(StatusCodes.Status400BadRequest, "Unknown flow", $"There is no flow '{chosen}': choose all, {string.Join(", ", Enum.GetNames<ReconFlow>().Select(n => n.ToLowerInvariant()))}.");
        var flows = chosen is null ? System.Collections.Immutable.ImmutableList<ReconFlow>.Empty : [ReconFindingKinds.ParseFlow(chosen)!.Value];
        RunAccepted? accepted = null;
        async Task<int> Start()
        {
            accepted = await client.StartAsync(flows, null, context.Session.Caller.Name, context.Ct);
            return accepted.Started ? StatusCodes.Status202Accepted : StatusCodes.Status409Conflict;
        }
        try
        {
            if (context.App.Audit is { } audit)
            {
                var body = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, string?> { ["flow"] = chosen });
                var recorded = await audit.RecordAroundAsync(context.Session.Caller, context.Http.Connection.RemoteIpAddress?.ToString(),
                    ActorSync.Host.Api.AuditRecording.Routes["POST /api/recon/runs"], new RouteValueDictionary(), body, Start, context.Ct);
                if (recorded is null)
                    return ConsoleContext.Refusal(StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable", "The audit trail could not record this action, so nothing was done; try again shortly.");
            }
            else await Start();
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Akka.Actor.AskTimeoutException)
        {
            return ConsoleContext.Refusal(StatusCodes.Status503ServiceUnavailable, "Reconciliation busy", "The reconciliation did not answer in time; nothing was started. Try again in a moment.");
        }
        context.Session.Flash(accepted!.Started
            ? $"Run {accepted.RunId} started ({(chosen ?? "every flow")}); its findings appear here when it completes."
            : $"Not started: {accepted.Message}");
        return Results.Redirect("/console/reconciliation");
    }

    private static async Task<IResult> RenderAsync(ConsoleContext context)
    {
        if (context.Http.RequestServices.GetService(typeof(ReconciliationClient)) is not ReconciliationClient client)
            return await context.PageAsync("Reconciliation", "reconciliation", H($"""
                <h1>Reconciliation</h1><p class="empty" id="not-configured">Reconciliation is not configured on this service.</p>
                """));
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.Ct);
        wait.CancelAfter(ReconciliationClient.Timeout);
        ReconRun? run;
        RunList runs;
        try
        {
            run = await client.GetAsync(context.Query("run"), wait.Token);
            runs = await client.ListAsync(10, wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Akka.Actor.AskTimeoutException)
        {
            return await context.PageAsync("Reconciliation", "reconciliation", H($"""
                <h1>Reconciliation</h1><p class="error">The reconciliation did not answer in time; try again in a moment.</p>
                """), StatusCodes.Status503ServiceUnavailable);
        }
        var body = H($"""
            <h1>Reconciliation</h1>
            <p class="muted">Channels against SAP: orders, refunds, dispatches, POS takings and stock; {runs.OpenFindings} finding(s)
            are open in the exception queue.</p>
            {StartForm(context)}
            {(run is null ? H($"<p class=\"empty\" id=\"no-run\">No run has completed yet.</p>") : Run(run))}
            <h2>Runs</h2>
            <table class="list" id="runs"><thead><tr><th>Run</th><th>Started</th><th>By</th><th>Flows</th><th>Findings</th><th>Status</th></tr></thead>
            <tbody>{runs.Runs.Select(r => H($"""
                <tr><td><a href="/console/reconciliation?run={Url(r.RunId)}">{r.RunId}</a></td><td>{Time(r.StartedAt)}</td><td>{r.RequestedBy}</td>
                <td>{string.Join(", ", r.Flows)}</td><td class="num">{r.Findings}</td><td>{Status(r)}</td></tr>
                """))}</tbody></table>
            """);
        return await context.PageAsync("Reconciliation", "reconciliation", body);
    }

    /// <summary>Operators may start a run; readers see how one is started instead.</summary>
    private static Html StartForm(ConsoleContext context)
    {
        if (!context.Session.CanAct)
            return H($"<p class=\"muted\">An operator starts a run here, or with <code>actorsync recon run</code>.</p>");
        var options = Enum.GetNames<ReconFlow>().Select(n => n.ToLowerInvariant()).Select(n => H($"<option value=\"{n}\">{n}</option>"));
        return H($"""
            <section class="actions"><form method="post" action="/console/reconciliation/runs">{context.AntiForgery}
              <label for="flow-input">Flows</label><select id="flow-input" name="flow"><option value="all">all</option>{options}</select>
              <button type="submit" id="start-run">Start a run</button>
              <span class="muted">Reads the channels and SAP within their quotas; the findings appear here when it completes.</span></form></section>
            """);
    }

    private static Html Run(ReconRun run)
    {
        var results = run.Results.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Flow).Select(r => H($"""
            <tr class="{(r.Checked ? "" : "differs")}"><td>{r.Source}</td><td>{r.Flow}</td>
            <td>{(r.Checked ? "checked" : "not checked: " + r.NotChecked)}</td><td class="num">{r.Compared}</td><td class="num">{r.Findings.Count}</td></tr>
            """));
        var findings = run.Findings.Select(f =>
        {
            var kind = ExceptionTypes.ReconFinding(f.Kind);
            return H($"""
                <tr class="differs" data-kind="{kind.Type}"><td>{kind.Type}</td><td>{OwningTeams.Name(kind.Team)}</td><td>{Subject(f)}</td><td>{f.Detail}</td>
                <td class="num">{Money(f.ChannelValue)}</td><td class="num">{Money(f.SapValue)}</td><td>{kind.SuggestedAction}</td></tr>
                """);
        });
        var findingsTable = run.Findings.IsEmpty
            ? H($"<p class=\"empty good\" id=\"clean\">Nothing found in what was checked.</p>")
            : H($"""
                <table class="list" id="findings"><thead><tr><th>Kind</th><th>Owner</th><th>Record</th><th>What differs</th><th>Channel</th><th>SAP</th><th>Next step</th></tr></thead>
                <tbody>{findings}</tbody></table>
                """);
        return H($"""
            <h2 id="run" data-run="{run.RunId}">Run {run.RunId}: {(run.Completed ? (run.NotChecked.IsEmpty ? "completed" : "completed, partly checked") : "running")}</h2>
            <p>From {Time(run.Since)} to {Time(run.Cutoff)}, started {Time(run.StartedAt)} by {run.RequestedBy}.</p>
            <table class="list" id="results"><thead><tr><th>Source</th><th>Flow</th><th>Checked</th><th>Compared</th><th>Findings</th></tr></thead>
            <tbody>{results}</tbody></table>
            <h3>Findings</h3>{findingsTable}
            """);
    }

    /// <summary>An order-like subject links to its order; others (a till day, a stock position) are shown as they are.</summary>
    private static Html Subject(ReconFinding finding) =>
        finding.Subject.Contains(':', StringComparison.Ordinal) && !finding.Subject.Contains(' ', StringComparison.Ordinal)
            ? H($"<a href=\"/console/entities?kind=order&amp;id={Url(finding.Subject)}\">{finding.Subject}</a>")
            : H($"{finding.Subject}");

    private static string Status(RunSummary run) =>
        run.CompletedAt is null ? "running" : run.NotChecked.IsEmpty ? "completed" : $"completed, not checked: {string.Join(", ", run.NotChecked)}";


    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}

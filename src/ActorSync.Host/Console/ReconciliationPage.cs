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
/// its record, and the runs before it. Runs are started with <c>actorsync recon run</c> or <c>POST /api/recon/runs</c>.
/// </summary>
public static class ReconciliationPage
{
    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/reconciliation", console.Page(RenderAsync));

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
            <p class="muted">Channels against SAP: orders, refunds, dispatches, POS takings and stock. Start a run with
            <code>actorsync recon run</code>; {runs.OpenFindings} finding(s) are open in the exception queue.</p>
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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Reconciliation;
using ActorSync.Engine.Reconciliation;
using Akka.Actor;

namespace ActorSync.Host.Api;

/// <summary>
/// Reconciliation over HTTP: start a run (operator; answered with its id at once, the run proceeds; audit-recorded as
/// <c>recon.run</c>), list runs, read one with its findings per source and flow, and the latest completed one.
/// A run a source could not check says so per source and flow, with why, never as clean.
/// </summary>
public static class ReconApi
{
    public sealed record RunBody(string? Flow, string? Since);

    /// <summary>A finding as people read it: its kind, the exception type and owner it raises, what to do.</summary>
    public sealed record FindingView(FindingKind Kind, string Type, OwningTeam Team, string Key, string Source, string Subject, string Detail,
        decimal? ChannelValue, decimal? SapValue, string SuggestedAction)
    {
        public static FindingView Of(ReconFinding f)
        {
            var kind = ExceptionTypes.ReconFinding(f.Kind);
            return new(f.Kind, kind.Type, kind.Team, f.Key, f.Source, f.Subject, f.Detail, f.ChannelValue, f.SapValue, kind.SuggestedAction);
        }
    }

    public sealed record ResultView(string Source, ReconFlow Flow, bool Checked, int Compared, string? NotChecked, IReadOnlyList<FindingView> Findings, int Omitted);

    public sealed record RunView(string RunId, IReadOnlyList<ReconFlow> Flows, DateTimeOffset Since, DateTimeOffset Cutoff, string RequestedBy, DateTimeOffset StartedAt,
        DateTimeOffset? CompletedAt, string Status, int Findings, IReadOnlyList<string> Waiting, IReadOnlyList<ResultView> Results,
        IReadOnlyList<string> Raised, IReadOnlyList<string> Cleared)
    {
        public static RunView Of(ReconRun run) => new(run.RunId, run.Flows, run.Since, run.Cutoff, run.RequestedBy, run.StartedAt, run.CompletedAt,
            run.Completed ? (run.NotChecked.IsEmpty ? "completed" : "completed-partly") : "running", run.Findings.Count + run.Results.Sum(r => r.Omitted), run.Waiting,
            run.Results.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Flow)
                .Select(r => new ResultView(r.Source, r.Flow, r.Checked, r.Compared, r.NotChecked, r.Findings.Select(FindingView.Of).ToList(), r.Omitted)).ToList(),
            run.Raised ?? [], run.Cleared ?? []);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void MapReconApi(this WebApplication app)
    {
        var recon = app.MapGroup("/api/recon");

        recon.MapPost("/runs", async (HttpRequest request, ReconciliationClient client, CancellationToken ct) =>
        {
            var body = new RunBody(null, null);
            if (request.ContentLength is > 0 || request.HasJsonContentType())
            {
                var (read, problem) = await OpsBody.ReadAsync<RunBody>(request, Check, ct);
                if (read is null) return problem!;
                body = read;
            }
            var flows = body.Flow is { Length: > 0 } flow ? [ReconFindingKinds.ParseFlow(flow)!.Value] : System.Collections.Immutable.ImmutableList<ReconFlow>.Empty;
            var caller = OpsAccess.CallerOf(request.HttpContext)?.Name ?? "operator";
            try
            {
                var accepted = await client.StartAsync(flows, ParseSince(body.Since), caller, ct);
                return accepted.Started
                    ? Results.Json(new { runId = accepted.RunId, status = "running", message = accepted.Message, location = $"/api/recon/runs/{accepted.RunId}" }, Json,
                        statusCode: StatusCodes.Status202Accepted)
                    : Results.Json(new { runId = accepted.RunId, status = "busy", error = accepted.Message }, Json, statusCode: StatusCodes.Status409Conflict);
            }
            catch (AskTimeoutException)
            {
                return Unavailable();
            }
        });

        recon.MapGet("/runs", async (int? limit, ReconciliationClient client, CancellationToken ct) =>
        {
            try
            {
                var list = await client.ListAsync(limit ?? 20, ct);
                return Results.Json(new { openFindings = list.OpenFindings, runs = list.Runs }, Json);
            }
            catch (AskTimeoutException)
            {
                return Unavailable();
            }
        });

        recon.MapGet("/runs/{id}", (string id, ReconciliationClient client, CancellationToken ct) => One(client, id, ct));
        recon.MapGet("/latest", (ReconciliationClient client, CancellationToken ct) => One(client, null, ct));
    }

    private static async Task<IResult> One(ReconciliationClient client, string? id, CancellationToken ct)
    {
        try
        {
            return await client.GetAsync(id, ct) is { } run
                ? Results.Json(RunView.Of(run), Json)
                : Results.Json(new { error = id is null ? "No reconciliation run has completed yet; start one with POST /api/recon/runs." : $"No run {id} (the newest {ReconRunsState.Kept} are kept)." },
                    Json, statusCode: StatusCodes.Status404NotFound);
        }
        catch (AskTimeoutException)
        {
            return Unavailable();
        }
    }

    private static IResult Unavailable() => OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Reconciliation unavailable",
        "The reconciliation singleton did not answer in time (it may be moving to another node); try again shortly.");

    private static IReadOnlyList<FieldProblem> Check(RunBody body)
    {
        var problems = new List<FieldProblem>();
        if (body.Flow is { Length: > 0 } flow && ReconFindingKinds.ParseFlow(flow) is null)
            problems.Add(new FieldProblem("$.flow", $"'{flow}' is not a flow; use orders, refunds, dispatches, pos or stock"));
        if (body.Since is { Length: > 0 } since && ParseSince(since) is null)
            problems.Add(new FieldProblem("$.since", $"'{since}' is not a date (2026-12-01) or a time with its offset (2026-12-01T09:00:00Z)"));
        else if (ParseSince(body.Since) is { } parsed && parsed > DateTimeOffset.UtcNow)
            problems.Add(new FieldProblem("$.since", "is in the future"));
        return problems;
    }

    /// <summary>A day (its start, UTC) or an instant with its offset; null when absent or unreadable.</summary>
    public static DateTimeOffset? ParseSince(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T') ? at
        : null;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Engine.Api;
using ActorSync.Host.Api;
using static ActorSync.Host.Api.ExceptionsApi;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// The exception queue by owning team: the list (tabs per team, open or closed), one exception with its meaning and
/// suggested action (<see cref="ExceptionTypes.Catalogue"/>), its payload and its history, and the actions retry,
/// resolve with a note and ignore with a reason. Actions go through <see cref="ExceptionsApi.ActAsync"/> inside
/// <see cref="AuditRecording.RecordAroundAsync"/>, exactly as the ops API's routes, so the trail names who acted.
/// </summary>
public static class ExceptionsPage
{
    /// <summary>A page stays quick with a queue of thousands: the most recently failed first.</summary>
    public const int MaxRows = 500;

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(RouteGroupBuilder group, ConsoleApp console)
    {
        group.MapGet("/exceptions", console.Page(ListAsync));
        group.MapGet("/exceptions/{id}", console.Page(DetailAsync));
        foreach (var action in Enum.GetValues<ExceptionAction>())
            group.MapPost($"/exceptions/{{id}}/{action.ToString().ToLowerInvariant()}", console.Action((context, form) => ActAsync(context, form, action)));
    }

    private static async Task<IResult> ListAsync(ConsoleContext context)
    {
        var team = Enum.GetValues<OwningTeam>().Cast<OwningTeam?>().FirstOrDefault(t => t!.Value.Name() == context.Query("team"));
        var closed = context.Query("status") == "closed";
        var all = await context.Service<ExceptionQueueClient>().ListAsync(ExceptionFilter.All, context.Ct);
        var now = DateTimeOffset.UtcNow;
        var matching = all.Where(e => e.IsOpen != closed && (team is null || e.Team == team)).OrderByDescending(e => e.LastSeen).ToList();
        var shown = matching.Take(MaxRows).ToList();
        var status = closed ? "closed" : "open";

        var teams = new List<(string? Name, string Label)> { (null, "All teams") };
        teams.AddRange(Enum.GetValues<OwningTeam>().Select(t => ((string?)t.Name(), Label(t))));
        var tabs = teams.Select(t => H($"<a href=\"/console/exceptions?status={status}{(t.Name is null ? "" : "&team=" + t.Name)}\" class=\"tab{(t.Name == team?.Name() ? " active" : "")}\" data-team=\"{t.Name ?? "all"}\">{t.Label} <span class=\"count\">{all.Count(e => e.IsOpen && (t.Name is null || e.Team.Name() == t.Name))}</span></a>"));
        var statusLinks = H($"<p class=\"filters\">Showing <strong>{status}</strong> exceptions{(matching.Count > MaxRows ? $" (the {MaxRows} seen last of {matching.Count}; the CLI lists them all)" : "")} · <a href=\"/console/exceptions?status={(closed ? "open" : "closed")}{(team is null ? "" : "&team=" + team.Value.Name())}\">show {(closed ? "open" : "closed")}</a></p>");
        var rows = shown.Select(e => H($"""
            <tr data-id="{e.Id}"><td><a href="/console/exceptions/{Url(e.Id)}">{e.Id}</a></td><td>{e.Type}</td><td>{e.Team.Name()}</td>
            <td>{e.RecordKind} {e.RecordId}</td><td>{Age(e.FirstSeen, now)}</td><td class="num">{e.Attempts}</td><td>{Kebab(e.Status)}</td>
            <td class="wrap">{e.Reason}</td><td class="wrap">{e.SuggestedAction}</td></tr>
            """));
        var table = shown.Count == 0
            ? H($"<p class=\"empty\">No {status} exceptions{(team is null ? "" : " for " + Label(team.Value))}.</p>")
            : H($"""
                <table class="list"><thead><tr><th>Id</th><th>Type</th><th>Team</th><th>Record</th><th>Age</th><th>Failures</th><th>Status</th><th>Reason</th><th>Suggested action</th></tr></thead>
                <tbody>{rows}</tbody></table>
                """);
        return await context.PageAsync("Exceptions", "exceptions", H($"<h1>Exceptions</h1><nav class=\"tabs\">{tabs}</nav>{statusLinks}{table}"));
    }

    private static async Task<IResult> DetailAsync(ConsoleContext context)
    {
        var id = context.Http.Request.RouteValues["id"]?.ToString() ?? "";
        if (await context.Service<ExceptionQueueClient>().GetAsync(id, context.Ct) is not { } e)
            return await context.PageAsync("Not found", "exceptions", H($"<h1>No exception {id}</h1><p><a href=\"/console/exceptions\">Back to the list</a></p>"), StatusCodes.Status404NotFound);
        var history = await HistoryAsync(e, context.Http.RequestServices, context.Ct);
        var meaning = ExceptionTypes.Catalogue.FirstOrDefault(k => k.Type == e.Type)?.Meaning;
        var historyRows = history.Select(h => H($"<tr><td>{Time(h.At)}</td><td>{h.What}</td><td>{h.Who ?? "engine"}</td><td class=\"wrap\">{h.Detail}</td></tr>"));
        var body = H($"""
            <p class="crumbs"><a href="/console/exceptions?team={e.Team.Name()}">{Label(e.Team)}</a> › {e.Id}</p>
            <h1>{e.Id}: {e.Type}</h1>
            <dl class="fields">
              <dt>Status</dt><dd id="status">{Kebab(e.Status)}</dd>
              <dt>Team</dt><dd>{Label(e.Team)}</dd>
              <dt>Record</dt><dd>{e.RecordKind} {RecordLink(e)}</dd>
              <dt>Age</dt><dd>{Age(e.FirstSeen, DateTimeOffset.UtcNow)} (first seen {Time(e.FirstSeen)}, last {Time(e.LastSeen)}, {e.Attempts} failure(s))</dd>
              <dt>Reason</dt><dd id="reason">{e.Reason}</dd>
              <dt>What it means</dt><dd>{meaning ?? "–"}</dd>
              <dt>Suggested action</dt><dd>{e.SuggestedAction}</dd>
              {Html.When(e.Note is not null, H($"<dt>Note</dt><dd id=\"note\">{e.Note}</dd>"))}
            </dl>
            {Actions(context, e)}
            <h2>History</h2>
            <table class="list" id="history"><thead><tr><th>When</th><th>What</th><th>Who</th><th>Detail</th></tr></thead><tbody>{historyRows}</tbody></table>
            <h2>Payload, as it arrived</h2>
            <pre class="payload" id="payload">{PrettyJson(e.OriginalPayload)}</pre>
            """);
        return await context.PageAsync($"{e.Id} {e.Type}", "exceptions", body);
    }

    /// <summary>Operators get the three actions while the exception is open; readers get none.</summary>
    private static Html Actions(ConsoleContext context, ExceptionRecord e)
    {
        if (!context.Session.CanAct || !e.IsOpen) return Html.Empty;
        var target = $"/console/exceptions/{Url(e.Id)}";
        return H($"""
            <section class="actions">
              <form method="post" action="{target}/retry">{context.AntiForgery}<button type="submit" id="retry">Retry</button>
                <span class="muted">The record's owner tries the parked step again.</span></form>
              <form method="post" action="{target}/resolve">{context.AntiForgery}<label for="note-input">Note</label>
                <textarea id="note-input" name="note" required maxlength="1000" placeholder="What you fixed, and where"></textarea><button type="submit" id="resolve">Resolve</button></form>
              <form method="post" action="{target}/ignore">{context.AntiForgery}<label for="reason-input">Reason</label>
                <textarea id="reason-input" name="reason" required maxlength="1000" placeholder="Why this record never goes to SAP"></textarea><button type="submit" id="ignore">Ignore</button></form>
            </section>
            """);
    }

    private static async Task<IResult> ActAsync(ConsoleContext context, IFormCollection form, ExceptionAction action)
    {
        var id = context.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var text = action switch { ExceptionAction.Resolve => form["note"].FirstOrDefault(), ExceptionAction.Ignore => form["reason"].FirstOrDefault(), _ => null };
        var queue = context.Service<ExceptionQueueClient>();
        ExceptionCommandResult? result = null;
        async Task<int> Act()
        {
            result = await ExceptionsApi.ActAsync(queue, action, id, text, context.Ct);
            return StatusOf(result);
        }
        if (context.App.Audit is { } audit)
        {
            var recorded = await audit.RecordAroundAsync(context.Session.Caller, context.Http.Connection.RemoteIpAddress?.ToString(),
                AuditRecording.Routes[RouteOf(action)], new RouteValueDictionary { ["id"] = id }, BodyOf(action, text), Act, context.Ct);
            if (recorded is null)
                return ConsoleContext.Refusal(StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable", "The audit trail could not record this action, so nothing was done; try again shortly.");
        }
        else await Act();
        context.Session.Flash($"{action} {id}: {result!.Message}");
        return Results.Redirect($"/console/exceptions/{Url(id)}");
    }

    private static Html RecordLink(ExceptionRecord e) => e.RecordKind switch
    {
        RecordKinds.Order => H($"<a href=\"/console/entities?kind=order&amp;id={Url(e.RecordId)}\">{e.RecordId}</a>"),
        RecordKinds.Pos => H($"<a href=\"/console/entities?kind=pos&amp;id={Url(e.RecordId)}\">{e.RecordId}</a>"),
        _ => H($"{e.RecordId}"),
    };

    /// <summary>The payload indented when it is JSON, as it is otherwise; escaped by the page like every value.</summary>
    public static string PrettyJson(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return JsonSerializer.Serialize(document.RootElement, Pretty);
        }
        catch (JsonException)
        {
            return payload;
        }
    }

    public static string Label(OwningTeam team) => team switch
    {
        OwningTeam.CustomerService => "Customer service",
        _ => team.ToString(),
    };

    private static string Kebab(ExceptionStatus status) => status.ToString().ToLowerInvariant();
}

using ActorSync.Domain.Audit;
using ActorSync.Engine.Audit;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// The audit trail as <c>GET /api/audit</c> reads it: the newest entries (who, from where, which action on what,
/// the note or reason, the answer), filtered by who, target or action. Read-only, like the trail itself.
/// </summary>
public static class AuditPage
{
    public const int Shown = 200;

    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/audit", console.Page(RenderAsync));

    private static async Task<IResult> RenderAsync(ConsoleContext context)
    {
        var (who, target, action) = (context.Query("who"), context.Query("target"), context.Query("action"));
        var list = await context.Service<AuditTrailClient>().ListAsync(new AuditFilter(null, who, target, action), Shown, context.Ct);
        var rows = list.Items.AsEnumerable().Reverse().Select(e => H($"""
            <tr data-number="{e.Number}"><td>{Time(e.At)}</td><td>{e.Who}</td><td>{e.From ?? "–"}</td><td>{e.Action}</td><td>{Target(e.Target)}</td>
            <td class="wrap">{e.Detail ?? ""}</td><td class="{(e.Status is null ? "muted" : e.Succeeded ? "good" : "bad")}">{e.Status?.ToString() ?? "no answer"}</td></tr>
            """));
        var body = H($"""
            <h1>Audit trail</h1>
            <form method="get" action="/console/audit" class="row">
              <label for="who">Who</label><input id="who" name="who" value="{who ?? ""}">
              <label for="target">Target</label><input id="target" name="target" value="{target ?? ""}" placeholder="ex-42, magento:1001">
              <label for="action">Action</label><input id="action" name="action" value="{action ?? ""}" placeholder="exception.resolve">
              <button type="submit">Filter</button>
            </form>
            <p class="muted">{list.Matched} matching entr{(list.Matched == 1 ? "y" : "ies")}; the newest {Math.Min(Shown, list.Items.Count)} shown, newest first. Nothing here can be changed or deleted.</p>
            {(list.Items.Count == 0 ? H($"<p class=\"empty\">No entries.</p>") : H($"<table class=\"list\" id=\"audit\"><thead><tr><th>When</th><th>Who</th><th>From</th><th>Action</th><th>Target</th><th>Note, reason, detail</th><th>Answer</th></tr></thead><tbody>{rows}</tbody></table>"))}
            """);
        return await context.PageAsync("Audit trail", "audit", body);
    }

    private static Html Target(string? target) => target switch
    {
        null => H($"–"),
        _ when target.StartsWith("ex-", StringComparison.OrdinalIgnoreCase) => H($"<a href=\"/console/exceptions/{Url(target)}\">{target}</a>"),
        _ => H($"{target}"),
    };
}

using ActorSync.Domain.Exceptions;
using ActorSync.Engine.Alerts;
using Akka.Hosting;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>The frame of every page: the navigation, who is signed in, sign-out, and the banner of open alerts.</summary>
public static class Layout
{
    /// <summary>The navigation, in order: path and label.</summary>
    public static readonly IReadOnlyList<(string Nav, string Path, string Label)> Sections =
    [
        ("exceptions", "/console/exceptions", "Exceptions"),
        ("flows", "/console/flows", "Flow health"),
        ("entities", "/console/entities", "Look-up"),
        ("payments", "/console/payments", "Payments"),
        ("reconciliation", "/console/reconciliation", "Reconciliation"),
        ("audit", "/console/audit", "Audit"),
    ];

    /// <summary>How long a page waits for the alert watch before it shows the page without the banner.</summary>
    private static readonly TimeSpan AlertWait = TimeSpan.FromSeconds(2);

    public static async Task<Html> RenderAsync(ConsoleContext context, string title, string nav, Html body)
    {
        var session = context.Session;
        var flash = session.TakeFlash() is { } message ? H($"<p class=\"flash\" role=\"status\">{message}</p>") : Html.Empty;
        var links = Sections.Select(s => H($"<a href=\"{s.Path}\"{Html.When(s.Nav == nav, H($" class=\"active\" aria-current=\"page\""))}>{s.Label}</a>"));
        var who = H($"<span class=\"who\">{session.Caller.Name} ({(session.CanAct ? "operator" : "read-only")})</span>");
        var signOut = H($"<form method=\"post\" action=\"/console/sign-out\" class=\"inline\">{context.AntiForgery}<button type=\"submit\" class=\"link\">Sign out</button></form>");
        var banner = await AlertBannerAsync(context);
        return Document(title, H($"""
            <header><strong class="brand">ActorSync</strong><nav>{links}</nav><div class="account">{who}{signOut}</div></header>
            {banner}
            <main>{flash}{body}</main>
            """));
    }

    /// <summary>A page outside a session (sign-in, refusals).</summary>
    public static Html Bare(string title, Html body) =>
        Document(title, H($"<header><strong class=\"brand\">ActorSync</strong></header><main class=\"narrow\">{body}</main>"));

    private static Html Document(string title, Html content) => H($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · ActorSync</title><link rel="stylesheet" href="/console/console.css"></head>
        <body>{content}</body></html>
        """);

    /// <summary>What the alert watch has firing (as <c>GET /api/alerts</c>), on every page.</summary>
    private static async Task<Html> AlertBannerAsync(ConsoleContext context)
    {
        AlertWatch.FiringAlerts? firing;
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.Ct);
            wait.CancelAfter(AlertWait);
            firing = await AlertsHosting.GetFiringAsync(context.Service<IRequiredActor<AlertWatchKey>>(), wait.Token);
        }
        catch (OperationCanceledException) when (!context.Ct.IsCancellationRequested)
        {
            firing = null;
        }
        if (firing is null) return H($"<div class=\"banner muted\" role=\"status\">The alert watch did not answer; open alerts are not shown.</div>");
        if (firing.Alerts.Count == 0) return Html.Empty;
        var items = firing.Alerts.Select(f => H($"<li><strong>{f.Alert.Team.Name()}</strong>: {f.Alert.Summary} <span class=\"muted\">since {Time(f.Since)}</span> — {f.Alert.Action}</li>"));
        return H($"<div class=\"banner alert\" role=\"alert\"><strong>{firing.Alerts.Count} alert(s) firing</strong><ul>{items}</ul></div>");
    }

    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(Layout).Assembly.GetManifestResourceStream("ActorSync.Host.Console.console.css")
            ?? throw new InvalidOperationException("console.css is not embedded in the host.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Stylesheet(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }
}

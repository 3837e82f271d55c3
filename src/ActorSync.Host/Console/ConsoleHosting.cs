using ActorSync.Host.Api;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// The web console under <c>/console</c>: server-rendered pages over the same engine, tokens and audit trail as the
/// ops API. Sign-in takes an ops token once and answers with a session cookie (HttpOnly, SameSite=Strict, Secure over
/// HTTPS) holding only an opaque id; every change is a POST carrying the session's anti-forgery value, refused (403)
/// for a read-only token. Pages: <see cref="ExceptionsPage"/>, <see cref="FlowsPage"/>, <see cref="EntitiesPage"/>,
/// <see cref="PaymentsPage"/>, <see cref="ReconciliationPage"/>, <see cref="AuditPage"/>; the frame and the alert banner in <see cref="Layout"/>.
/// </summary>
public static class ConsoleHosting
{
    public const string CookieName = "actorsync-console";
    public const string AntiForgeryField = "_csrf";

    /// <summary>Form posts are a note or a reason: anything larger is not the console's.</summary>
    public const long MaxFormBytes = 32 * 1024;

    public static void MapWebConsole(this WebApplication app)
    {
        var access = OpsAccess.SettingsOf(app);
        var console = new ConsoleApp(access, new ConsoleSessions(TimeProvider.System, access), AuditRecording.For(app),
            new FlowHistory(app.Services, app.Lifetime.ApplicationStopping));
        var group = app.MapGroup("/console");
        group.MapGet("", () => Results.Redirect("/console/exceptions"));
        group.MapGet("/console.css", Layout.Stylesheet);
        SignInPage.Map(group, console);
        ExceptionsPage.Map(group, console);
        FlowsPage.Map(group, console);
        EntitiesPage.Map(group, console);
        PaymentsPage.Map(group, console);
        ReconciliationPage.Map(group, console);
        AuditPage.Map(group, console);
    }
}

/// <summary>What every page shares: the token settings, the sessions, the audit recorder, the flows' history.</summary>
public sealed class ConsoleApp(OpsAccessSettings access, ConsoleSessions sessions, AuditRecording? audit, FlowHistory history)
{
    public OpsAccessSettings Access { get; } = access;
    public ConsoleSessions Sessions { get; } = sessions;
    public AuditRecording? Audit { get; } = audit;
    public FlowHistory History { get; } = history;

    public ConsoleSession? SessionOf(HttpContext http) => Sessions.Find(http.Request.Cookies[ConsoleHosting.CookieName]);

    /// <summary>A page for a signed-in person; without a session, the sign-in page.</summary>
    public Delegate Page(Func<ConsoleContext, Task<IResult>> render) => async (HttpContext http) =>
    {
        if (SessionOf(http) is not { } session) return Results.Redirect("/console/sign-in");
        History.EnsureStarted();
        return await render(new ConsoleContext(http, session, this));
    };

    /// <summary>
    /// A change: needs a session, an operator's role (a reader gets 403), the session's anti-forgery value in the form
    /// and, when the browser names one, this site as the origin. Only then does <paramref name="act"/> run.
    /// </summary>
    public Delegate Action(Func<ConsoleContext, IFormCollection, Task<IResult>> act, bool readersToo = false) => async (HttpContext http) =>
    {
        if (SessionOf(http) is not { } session)
            return ConsoleContext.Refusal(StatusCodes.Status401Unauthorized, "Sign in first", "Your session has ended; sign in again.");
        if (!session.CanAct && !readersToo)
            return ConsoleContext.Refusal(StatusCodes.Status403Forbidden, "Read-only", $"{session.Caller.Name} signed in with a read-only token and cannot change anything; use an operator token.");
        if (http.Request.ContentLength is null or > ConsoleHosting.MaxFormBytes || !http.Request.HasFormContentType)
            return ConsoleContext.Refusal(StatusCodes.Status400BadRequest, "Not a console form", "The console posts small forms only.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!session.IsAntiForgery(form[ConsoleHosting.AntiForgeryField].FirstOrDefault()) || !SameOrigin(http))
            return ConsoleContext.Refusal(StatusCodes.Status403Forbidden, "Refused", "This form did not come from your console session (anti-forgery check failed); reload the page and try again.");
        return await act(new ConsoleContext(http, session, this), form);
    };

    /// <summary>A browser names the page a form came from; a form on another site is refused (the sign-in form too).</summary>
    public static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.FirstOrDefault();
        return string.IsNullOrEmpty(origin) || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>One request of a signed-in person.</summary>
public sealed class ConsoleContext(HttpContext http, ConsoleSession session, ConsoleApp app)
{
    public HttpContext Http { get; } = http;
    public ConsoleSession Session { get; } = session;
    public ConsoleApp App { get; } = app;
    public CancellationToken Ct => Http.RequestAborted;
    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();
    public string? Query(string name) => Http.Request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>The hidden field every form of this session carries.</summary>
    public Html AntiForgery => H($"<input type=\"hidden\" name=\"{ConsoleHosting.AntiForgeryField}\" value=\"{Session.AntiForgery}\">");

    public async Task<IResult> PageAsync(string title, string nav, Html body, int status = StatusCodes.Status200OK) =>
        new HtmlResult(await Layout.RenderAsync(this, title, nav, body), status);

    public static IResult Refusal(int status, string title, string message) =>
        new HtmlResult(Layout.Bare(title, H($"<h1>{title}</h1><p class=\"error\">{message}</p><p><a href=\"/console\">Back to the console</a></p>")), status);
}

/// <summary>An HTML answer with the headers every console page carries: no scripts at all, no framing, nothing cached.</summary>
public sealed class HtmlResult(Html html, int status = StatusCodes.Status200OK) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task ExecuteAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        // Not no-referrer: with it chromium sends "Origin: null" on the console's own form posts, which the origin check refuses.
        headers["Referrer-Policy"] = "same-origin";
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(html.Value, http.RequestAborted);
    }
}

using ActorSync.Host.Api;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// Sign-in with an ops token (operator or read-only, by its name), once: the answer is a session cookie holding only
/// a sealed ticket that names the session and the token's name, never the token. A refused token gets one message and nothing of it is kept or logged. While the API is open on
/// loopback (no token set) the console is too, and everyone is <c>local</c>.
/// </summary>
public static class SignInPage
{
    public const string Refused = "That token was not accepted. Check that you pasted the whole token your integration team gave you.";

    public static void Map(RouteGroupBuilder group, ConsoleApp console)
    {
        group.MapGet("/sign-in", (HttpContext http) =>
            console.SessionOf(http) is not null ? Results.Redirect("/console/exceptions") : Form(console, null, StatusCodes.Status200OK));

        group.MapPost("/sign-in", async (HttpContext http) =>
        {
            if (http.Request.ContentLength is null or > ConsoleHosting.MaxFormBytes || !http.Request.HasFormContentType)
                return ConsoleContext.Refusal(StatusCodes.Status400BadRequest, "Not a console form", "The console posts small forms only.");
            if (!ConsoleApp.SameOrigin(http))
                return ConsoleContext.Refusal(StatusCodes.Status403Forbidden, "Refused", "Sign in from the console's own page.");
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var token = form["token"].FirstOrDefault()?.Trim();
            // The same check as the ops API's door (constant time over every token); the token goes no further.
            var caller = console.Access.IsOpen ? OpsAccess.CallerFor(console.Access, null)
                : string.IsNullOrEmpty(token) ? null : OpsAccess.CallerFor(console.Access, "Bearer " + token);
            if (caller is null) return Form(console, Refused, StatusCodes.Status401Unauthorized);
            var session = console.Sessions.Start(caller);
            http.Response.Cookies.Append(ConsoleHosting.CookieName, session.Ticket, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/console",
                MaxAge = ConsoleSessions.Lifetime,
                IsEssential = true,
            });
            return Results.Redirect("/console/exceptions");
        });

        group.MapPost("/sign-out", console.Action((context, _) =>
        {
            context.App.Sessions.End(context.Session.Id);
            context.Http.Response.Cookies.Delete(ConsoleHosting.CookieName, new CookieOptions { Path = "/console", Secure = context.Http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
            return Task.FromResult(Results.Redirect("/console/sign-in"));
        }, readersToo: true));
    }

    private static IResult Form(ConsoleApp console, string? error, int status)
    {
        var message = error is null ? Html.Empty : H($"<p class=\"error\" role=\"alert\" id=\"sign-in-error\">{error}</p>");
        var field = console.Access.IsOpen
            ? H($"<p>No ops token is set, so the console is open on this machine only, as <strong>local</strong> (set <code>Ops:Token</code> before exposing it).</p>")
            : H($"""
                <label for="token">Ops token</label>
                <input id="token" name="token" type="password" autocomplete="off" required autofocus>
                <p class="muted">An operator token may act on exceptions; a read-only token sees everything and changes nothing.</p>
                """);
        return new HtmlResult(Layout.Bare("Sign in", H($"""
            <h1>Sign in</h1>{message}
            <form method="post" action="/console/sign-in" class="stack">{field}<button type="submit">Sign in</button></form>
            """)), status);
    }
}

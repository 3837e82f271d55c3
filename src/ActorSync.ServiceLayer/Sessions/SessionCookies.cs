namespace ActorSync.ServiceLayer.Sessions;

/// <summary>
/// The two cookies a Service Layer session consists of (reference §2), handled by hand rather than with
/// <c>CookieContainer</c>: SL sends <c>B1SESSION=&lt;id&gt;;HttpOnly;</c> without a Path and with a trailing
/// <c>;</c>, which .NET's container silently dropped in the field (the symptom was 401/301 right after a good login).
/// </summary>
internal sealed class SessionCookies
{
    public const string SessionCookieName = "B1SESSION";
    public const string RouteCookieName = "ROUTEID";

    public SessionCookies(string sessionId, string? routeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        SessionId = sessionId;
        RouteId = string.IsNullOrEmpty(routeId) ? null : routeId;
    }

    /// <summary>Secret: a bearer credential for the session. Never log it.</summary>
    public string SessionId { get; }

    /// <summary>Apache's sticky-routing cookie (<c>.node1</c>…); optional but keeps us on the node that holds the
    /// session. Not secret.</summary>
    public string? RouteId { get; }

    /// <summary>Value of the <c>Cookie</c> request header: <c>B1SESSION=…; ROUTEID=.node1</c>.</summary>
    public string ToCookieHeader() =>
        RouteId is null ? $"{SessionCookieName}={SessionId}" : $"{SessionCookieName}={SessionId}; {RouteCookieName}={RouteId}";

    /// <summary>Reads the cookies from <c>Set-Cookie</c> header values; falls back to the login body's SessionId
    /// when the B1SESSION cookie is missing. Null when there is no session id at all.</summary>
    public static SessionCookies? FromLoginResponse(IEnumerable<string> setCookieHeaders, string? sessionIdFromBody)
    {
        string? session = null, route = null;
        foreach (var header in setCookieHeaders)
        {
            if (TryReadCookie(header, out var name, out var value))
            {
                if (name.Equals(SessionCookieName, StringComparison.OrdinalIgnoreCase)) session = value;
                else if (name.Equals(RouteCookieName, StringComparison.OrdinalIgnoreCase)) route = value;
            }
        }
        session ??= string.IsNullOrWhiteSpace(sessionIdFromBody) ? null : sessionIdFromBody.Trim();
        return session is null ? null : new SessionCookies(session, route);
    }

    /// <summary>"B1SESSION=abc;HttpOnly;" → (B1SESSION, abc); "ROUTEID=.node1; path=/b1s" → (ROUTEID, .node1).
    /// Only the first name=value pair is the cookie; the rest are attributes.</summary>
    internal static bool TryReadCookie(string setCookie, out string name, out string value)
    {
        name = value = "";
        if (string.IsNullOrWhiteSpace(setCookie)) return false;
        var end = setCookie.IndexOf(';');
        var pair = (end < 0 ? setCookie : setCookie[..end]).Trim();
        var eq = pair.IndexOf('=');
        if (eq <= 0) return false;
        name = pair[..eq].Trim();
        value = pair[(eq + 1)..].Trim().Trim('"');
        return name.Length > 0 && value.Length > 0;
    }

    /// <summary>Never shows the session id.</summary>
    public override string ToString() => $"{SessionCookieName}=***" + (RouteId is null ? "" : $"; {RouteCookieName}={RouteId}");
}

namespace ActorSync.ServiceLayer.Sessions;

/// <summary>
/// One logged-in SL session. Owned by <see cref="SessionPool"/>; while leased it is used by exactly one request,
/// which is why re-logging it in needs no further locking.
/// </summary>
internal sealed class ServiceLayerSession
{
    private SessionCookies _cookies;

    public ServiceLayerSession(int number, LoginResult login, DateTimeOffset now)
    {
        Number = number;
        _cookies = login.Cookies;
        Apply(login, now);
    }

    /// <summary>1, 2, 3… in order of creation: the name of a session in logs instead of its secret id.</summary>
    public int Number { get; }

    public string? RouteId => _cookies.RouteId;

    public string? ServerVersion { get; private set; }

    /// <summary>SL's inactivity timeout from the login answer (30 min by default, reference §2).</summary>
    public TimeSpan? Timeout { get; private set; }

    public DateTimeOffset LastUsed { get; private set; }

    public string CookieHeader => _cookies.ToCookieHeader();

    internal SessionCookies Cookies => _cookies;

    public void Replace(LoginResult login, DateTimeOffset now)
    {
        _cookies = login.Cookies;
        Apply(login, now);
    }

    public void Touch(DateTimeOffset now) => LastUsed = now;

    /// <summary>
    /// B1SLayer and integrators treat the timeout as sliding (reference §2). A session idle for longer than that
    /// (minus a margin for clock skew and the request's own travel time) is logged in again before use instead of
    /// spending a round trip on a certain 401.
    /// </summary>
    public bool IsProbablyExpired(DateTimeOffset now)
    {
        if (Timeout is not { } timeout || timeout <= TimeSpan.Zero) return false;
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, timeout.Ticks / 10));
        return now - LastUsed >= timeout - margin;
    }

    private void Apply(LoginResult login, DateTimeOffset now)
    {
        ServerVersion = login.ServerVersion;
        Timeout = login.SessionTimeout;
        LastUsed = now;
    }

    /// <summary>Never shows the session id.</summary>
    public override string ToString() => $"SL session #{Number}" + (RouteId is null ? "" : $" ({RouteId})");
}

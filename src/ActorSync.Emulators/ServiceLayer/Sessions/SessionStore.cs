using System.Collections.Concurrent;
using ActorSync.Emulators.ServiceLayer.Control;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Sessions;

/// <summary>
/// B1SESSION sessions with a sliding timeout (every valid request restarts the clock — B1SLayer and integrators
/// treat it so; SAP only documents the 30-minute default, reference §2) and a cap on concurrent sessions.
/// No public source names SL's "too many sessions" error (reference §3); the emulator answers 401 with DI's
/// -118 "Exceeded the number of max concurrent users".
/// </summary>
internal sealed class SessionStore(TimeProvider clock, TimeSpan timeout, int maxSessions)
{
    private sealed class Session(string userName, long lastSeen)
    {
        public string UserName { get; } = userName;
        public long LastSeen = lastSeen;
    }

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _loginLock = new();
    private long _logins;
    private long _expired;
    private int _peak;

    public TimeSpan Timeout { get; } = timeout;

    private long Now => clock.GetTimestamp();

    private bool IsExpired(Session session, long now) => clock.GetElapsedTime(Interlocked.Read(ref session.LastSeen), now) > Timeout;

    /// <summary>Opens a session; throws -118 when the cap is reached.</summary>
    public string Login(string userName)
    {
        lock (_loginLock)
        {
            Sweep();
            if (_sessions.Count >= maxSessions)
            {
                throw SapErrors.TooManySessions();
            }

            var id = Guid.NewGuid().ToString();
            _sessions[id] = new Session(userName, Now);
            Interlocked.Increment(ref _logins);
            _peak = Math.Max(_peak, _sessions.Count);
            return id;
        }
    }

    /// <summary>Validates a session id and slides its timeout. False for missing, unknown or expired.</summary>
    public bool Touch(string? sessionId)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        var now = Now;
        if (IsExpired(session, now))
        {
            if (_sessions.TryRemove(sessionId, out _))
            {
                Interlocked.Increment(ref _expired);
            }

            return false;
        }

        Interlocked.Exchange(ref session.LastSeen, now);
        return true;
    }

    public bool Logout(string? sessionId) => sessionId is not null && _sessions.TryRemove(sessionId, out _);

    /// <summary>Fault injection: every open session becomes invalid at once (they count as expired).</summary>
    public void ExpireAll()
    {
        foreach (var id in _sessions.Keys)
        {
            if (_sessions.TryRemove(id, out _))
            {
                Interlocked.Increment(ref _expired);
            }
        }
    }

    private void Sweep()
    {
        var now = Now;
        foreach (var (id, session) in _sessions)
        {
            if (IsExpired(session, now) && _sessions.TryRemove(id, out _))
            {
                Interlocked.Increment(ref _expired);
            }
        }
    }

    public SessionStats Stats()
    {
        lock (_loginLock)
        {
            Sweep();
            return new SessionStats(_sessions.Count, _peak, Interlocked.Read(ref _logins), Interlocked.Read(ref _expired));
        }
    }

    /// <summary>Drops every session and zeroes the counters.</summary>
    public void Reset()
    {
        lock (_loginLock)
        {
            _sessions.Clear();
            _logins = 0;
            _expired = 0;
            _peak = 0;
        }
    }
}

using ActorSync.ServiceLayer.Logging;
using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Sessions;

/// <summary>
/// At most <c>MaxSessions</c> SL sessions, each leased by one request at a time. Login is resource-intensive
/// (reference §3) so sessions are created lazily and reused. A slot of the semaphore is the right to hold a
/// session; a new session is only logged in by a slot holder that found no idle one, which keeps
/// <c>Open ≤ MaxSessions</c> and means no two callers ever log the same slot in.
/// </summary>
internal sealed class SessionPool : IAsyncDisposable
{
    private static readonly TimeSpan LogoutTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _slots;
    private readonly Stack<ServiceLayerSession> _idle = new();
    private readonly Lock _gate = new();
    private readonly SessionAuthenticator _auth;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly int _capacity;
    private readonly TimeSpan _disposeWait;
    private int _open, _leased, _peak, _waiting, _nextNumber;
    private long _logins, _relogins;
    private volatile bool _disposed;
    private bool _drained;

    public SessionPool(int capacity, SessionAuthenticator auth, TimeProvider time, ILogger log, TimeSpan disposeWait)
    {
        _capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
        _auth = auth;
        _time = time;
        _log = log;
        _disposeWait = disposeWait;
    }

    public SessionPoolSnapshot Snapshot()
    {
        lock (_gate)
            return new SessionPoolSnapshot(_open, _leased, _peak, Interlocked.Read(ref _logins), Interlocked.Read(ref _relogins), Volatile.Read(ref _waiting), _capacity);
    }

    /// <summary>Waits (cancellable) for a free slot, then hands out an idle session or logs a new one in.
    /// Throws <see cref="LoginFailedException"/> when that login fails; the slot is released again.</summary>
    public async Task<SessionLease> LeaseAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        ServiceLayerSession? session;
        lock (_gate)
        {
            if (_disposed)
            {
                _slots.Release();
                throw new ObjectDisposedException(nameof(SessionPool));
            }
            _idle.TryPop(out session);
            _leased++;
        }

        if (session is null)
        {
            try
            {
                session = await LoginNewAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate) _leased--;
                _slots.Release();
                throw;
            }
            return new SessionLease(this, session);
        }

        var lease = new SessionLease(this, session);
        if (session.IsProbablyExpired(_time.GetUtcNow()))
        {
            try
            {
                await ReloginAsync(lease, "idle longer than the session timeout", ct).ConfigureAwait(false);
            }
            catch
            {
                lease.Dispose(); // frees the slot; the dead session was already dropped
                throw;
            }
        }
        return lease;
    }

    /// <summary>Logs the leased session in again, in place (the lease is exclusive, so nobody else is using it).
    /// On failure the session is dropped and the lease becomes empty; disposing it then just frees the slot.</summary>
    public async Task ReloginAsync(SessionLease lease, string why, CancellationToken ct)
    {
        var session = lease.Session ?? throw new InvalidOperationException("The lease holds no session.");
        ServiceLayerLog.Relogin(_log, session.Number, why);
        _auth.SessionEnded();
        try
        {
            var login = await _auth.LoginAsync(ct).ConfigureAwait(false);
            session.Replace(login, _time.GetUtcNow());
            Interlocked.Increment(ref _relogins);
        }
        catch
        {
            lease.Drop();
            lock (_gate) _open--;
            throw;
        }
    }

    internal void Return(SessionLease lease, ServiceLayerSession? session)
    {
        var logoutNow = false;
        lock (_gate)
        {
            _leased--;
            if (session is not null)
            {
                // Until DisposeAsync has collected the idle sessions, a returning one joins them and is logged
                // out with them; after that (a request outlived the dispose wait) it is logged out on its own.
                if (_drained) { _open--; logoutNow = true; }
                else _idle.Push(session);
            }
        }
        _slots.Release();
        if (logoutNow && session is not null)
            _ = LogoutQuietlyAsync(session); // a request finished after DisposeAsync stopped waiting for it
    }

    private async Task<ServiceLayerSession> LoginNewAsync(CancellationToken ct)
    {
        var login = await _auth.LoginAsync(ct).ConfigureAwait(false);
        ServiceLayerSession session;
        lock (_gate)
        {
            session = new ServiceLayerSession(++_nextNumber, login, _time.GetUtcNow());
            _open++;
            if (_open > _peak) _peak = _open;
        }
        Interlocked.Increment(ref _logins);
        ServiceLayerLog.LoggedIn(_log, session.Number, session.RouteId, session.ServerVersion);
        return session;
    }

    /// <summary>Stops handing out sessions, waits a bounded time for requests in flight, then logs out every session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;

        // Holding every slot means no request is using a session any more.
        var held = 0;
        using (var wait = new CancellationTokenSource(_disposeWait, _time))
        {
            try
            {
                for (; held < _capacity; held++)
                    await _slots.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Requests still running: their sessions are logged out when they come back (Return).
            }
        }

        ServiceLayerSession[] sessions;
        lock (_gate)
        {
            _drained = true;
            sessions = [.. _idle];
            _idle.Clear();
            _open -= sessions.Length;
        }
        await Task.WhenAll(sessions.Select(LogoutQuietlyAsync)).ConfigureAwait(false);
        if (held > 0) _slots.Release(held);
    }

    private async Task LogoutQuietlyAsync(ServiceLayerSession session)
    {
        // A dead server must not make disposal hang for a full request timeout.
        using var limit = new CancellationTokenSource(LogoutTimeout, _time);
        try
        {
            await _auth.LogoutAsync(session, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ServiceLayerLog.LogoutFailed(_log, session.Number, e.GetType().Name);
        }
    }
}

/// <summary>Exclusive use of one session for one request. Dispose returns it to the pool.</summary>
internal sealed class SessionLease : IDisposable
{
    private SessionPool? _pool;

    public SessionLease(SessionPool pool, ServiceLayerSession session)
    {
        _pool = pool;
        Session = session;
    }

    public ServiceLayerSession? Session { get; private set; }

    /// <summary>The session is dead (its re-login failed): do not return it to the pool.</summary>
    internal void Drop() => Session = null;

    public void Dispose()
    {
        var pool = Interlocked.Exchange(ref _pool, null);
        pool?.Return(this, Session);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Host.Api;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// A signed-in person: the token's name and role (never the token), and the anti-forgery value every form of this
/// session carries. The cookie holds only <see cref="Id"/>, an opaque random value; everything else stays here.
/// </summary>
public sealed class ConsoleSession(string id, OpsCaller caller, string antiForgery, DateTimeOffset started)
{
    private long _lastSeenTicks = started.UtcTicks;
    private string? _flash;

    public string Id { get; } = id;
    public OpsCaller Caller { get; } = caller;
    public string AntiForgery { get; } = antiForgery;
    public DateTimeOffset Started { get; } = started;
    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);
    public bool CanAct => Caller.Role == OpsAccess.Role.Operator;

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);

    /// <summary>A one-time message for the next page (the answer to an action, after its redirect).</summary>
    public void Flash(string message) => Interlocked.Exchange(ref _flash, message);

    public string? TakeFlash() => Interlocked.Exchange(ref _flash, null);

    /// <summary>Constant time, so the comparison does not tell how much of a forged value was right.</summary>
    public bool IsAntiForgery(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(AntiForgery));
}

/// <summary>
/// The console's sessions, in memory on this node: a session ends after <see cref="IdleTimeout"/> without a request,
/// <see cref="Lifetime"/> after sign-in, or at sign-out. A restart (or another node) signs everyone out, which costs a
/// sign-in and keeps tokens out of any store. At most <see cref="MaxSessions"/>: the oldest go first.
/// </summary>
public sealed class ConsoleSessions(TimeProvider time)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public const int MaxSessions = 10_000;

    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public ConsoleSession Start(OpsCaller caller)
    {
        var now = time.GetUtcNow();
        Purge(now);
        var session = new ConsoleSession(RandomValue(), caller, RandomValue(), now);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session of this id (its idle clock restarted), or null when unknown or expired.</summary>
    public ConsoleSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session)) return null;
        var now = time.GetUtcNow();
        if (Expired(session, now))
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        session.Touch(now);
        return session;
    }

    public void End(string id) => _sessions.TryRemove(id, out _);

    private bool Expired(ConsoleSession session, DateTimeOffset now) => now - session.LastSeen > IdleTimeout || now - session.Started > Lifetime;

    private void Purge(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values.Where(s => Expired(s, now))) _sessions.TryRemove(session.Id, out _);
        if (_sessions.Count < MaxSessions) return;
        foreach (var session in _sessions.Values.OrderBy(s => s.LastSeen).Take(_sessions.Count - MaxSessions + 1)) _sessions.TryRemove(session.Id, out _);
    }

    /// <summary>256 random bits, URL-safe: unguessable, and nothing in it says who it belongs to.</summary>
    private static string RandomValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Host.Api;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// A signed-in person: the token's name and role (never the token), and the anti-forgery value every form of this
/// session carries. The cookie holds <see cref="Ticket"/>: the session's random id, its start, name and role, sealed
/// with a key every node derives from the same ops tokens, so any node of the cluster knows the session.
/// </summary>
public sealed class ConsoleSession(string id, OpsCaller caller, string antiForgery, DateTimeOffset started, string ticket)
{
    private long _lastSeenTicks = started.UtcTicks;
    private string? _flash;

    public string Id { get; } = id;
    public OpsCaller Caller { get; } = caller;
    public string AntiForgery { get; } = antiForgery;
    public DateTimeOffset Started { get; } = started;
    public string Ticket { get; } = ticket;
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
/// The console's sessions. A session ends after <see cref="IdleTimeout"/> without a request, <see cref="Lifetime"/>
/// after sign-in, or at sign-out. Its cookie is a sealed ticket (HMAC-SHA256 over id, start, name and role) whose key
/// every node derives from the configured ops tokens: a request that reaches another node (no sticky load balancer, a
/// node restarted or gone) is recognised there without a shared store, and the anti-forgery value is derived from the
/// same key, so a form rendered by one node posts to another. The ticket holds no token and nothing secret; changing
/// or removing a token ends every session signed in before (the key changes). Idle time is counted by each node for the requests it serves, and a sign-out ends the
/// session on the node that served it (the browser drops the cookie; another node would accept a copy of it until
/// the lifetime ends). With no token set (the API open on loopback) the key is random per process. At most
/// <see cref="MaxSessions"/> kept per node: the oldest go first.
/// </summary>
public sealed class ConsoleSessions
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public const int MaxSessions = 10_000;
    private const string TicketVersion = "t1";

    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly byte[] _key;

    public ConsoleSessions(TimeProvider time, OpsAccessSettings access)
    {
        _time = time;
        _key = access.IsOpen ? RandomNumberGenerator.GetBytes(32) : KeyFrom(access);
    }

    public int Count => _sessions.Count;

    public ConsoleSession Start(OpsCaller caller)
    {
        var now = _time.GetUtcNow();
        Purge(now);
        // Whole seconds, so the ticket and the session agree on when it started.
        var started = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var session = Build(RandomValue(), caller, started);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session of this ticket (its idle clock restarted), or null when forged, unknown, ended or expired.</summary>
    public ConsoleSession? Find(string? ticket)
    {
        if (Open(ticket) is not { } opened) return null;
        var now = _time.GetUtcNow();
        if (_ended.ContainsKey(opened.Id) || now - opened.Started > Lifetime) return null;
        if (_sessions.TryGetValue(opened.Id, out var session))
        {
            if (Expired(session, now))
            {
                _sessions.TryRemove(opened.Id, out _);
                return null;
            }
        }
        else
        {
            // Signed in on another node (or before this one restarted): known here from now on. Its token is still
            // configured as it was: the key is derived from every token with its name and role.
            Purge(now);
            session = _sessions.GetOrAdd(opened.Id, _ => Build(opened.Id, opened.Caller, opened.Started));
        }
        session.Touch(now);
        return session;
    }

    public void End(string id)
    {
        _sessions.TryRemove(id, out _);
        _ended[id] = _time.GetUtcNow();
    }

    private ConsoleSession Build(string id, OpsCaller caller, DateTimeOffset started)
    {
        var payload = $"{TicketVersion}|{id}|{started.ToUnixTimeSeconds()}|{caller.Name}|{caller.Role}";
        var ticket = $"{Base64Url(Encoding.UTF8.GetBytes(payload))}.{Base64Url(Mac(payload))}";
        return new ConsoleSession(id, caller, Base64Url(Mac("anti-forgery|" + id)), started, ticket);
    }

    private (string Id, OpsCaller Caller, DateTimeOffset Started)? Open(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 512 || ticket.Split('.') is not [var body, var mac]) return null;
        string payload;
        byte[] presented;
        try
        {
            payload = Encoding.UTF8.GetString(FromBase64Url(body));
            presented = FromBase64Url(mac);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(payload))) return null;
        if (payload.Split('|') is not [TicketVersion, var id, var seconds, var name, var role]
            || !long.TryParse(seconds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var started)
            || !Enum.TryParse<OpsAccess.Role>(role, out var parsedRole)) return null;
        return (id, new OpsCaller(name, parsedRole), DateTimeOffset.FromUnixTimeSeconds(started));
    }

    private bool Expired(ConsoleSession session, DateTimeOffset now) => now - session.LastSeen > IdleTimeout || now - session.Started > Lifetime;

    private void Purge(DateTimeOffset now)
    {
        foreach (var (id, at) in _ended.Where(e => now - e.Value > Lifetime)) _ended.TryRemove(id, out _);
        foreach (var session in _sessions.Values.Where(s => Expired(s, now))) _sessions.TryRemove(session.Id, out _);
        if (_sessions.Count < MaxSessions) return;
        foreach (var session in _sessions.Values.OrderBy(s => s.LastSeen).Take(_sessions.Count - MaxSessions + 1)) _sessions.TryRemove(session.Id, out _);
    }

    private byte[] Mac(string text) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));

    /// <summary>The same on every node configured with the same tokens; one-way, so the key tells nothing of them.</summary>
    private static byte[] KeyFrom(OpsAccessSettings access)
    {
        var material = string.Join('\n', access.Tokens().OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Key}\u001f{t.Name}\u001f{t.Role}\u001f{t.Token}"));
        return SHA256.HashData(Encoding.UTF8.GetBytes("actorsync console session key v1\n" + material));
    }

    /// <summary>256 random bits, URL-safe: unguessable, and nothing in it says who it belongs to.</summary>
    private static string RandomValue() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}

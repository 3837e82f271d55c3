using System.Net.Http.Headers;
using System.Text.Json;
using ActorSync.ServiceLayer.Errors;
using ActorSync.ServiceLayer.Logging;
using ActorSync.ServiceLayer.Transport;
using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Sessions;

/// <summary>What a successful <c>POST /Login</c> gave us.</summary>
internal sealed record LoginResult(SessionCookies Cookies, string? ServerVersion, TimeSpan? SessionTimeout);

/// <summary>
/// Login could not open a session. <see cref="IsTransient"/> separates "SAP or the road to it is unwell, try again"
/// (the request that needed the session was never sent) from "SAP said no" (credentials, locked user, company).
/// </summary>
internal sealed class LoginFailedException(ServiceLayerError error, string message, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public ServiceLayerError Error { get; } = error;

    public bool IsTransient { get; } = isTransient;

    public ServiceLayerException ToPublicException() => new(Error, Message, this) { IsLoginFailure = true };
}

/// <summary>Why SAP will not let the integration user in; the client stops logging in until told to try again.</summary>
public enum LoginRefusalKind { Credentials, UserLocked, Licence }

/// <summary>A login SAP refused for a reason that no retry can change (reference §3).</summary>
public sealed record LoginRefusal(LoginRefusalKind Kind, string Code, string Message, DateTimeOffset At);

/// <summary>
/// <c>POST /Login</c> and <c>POST /Logout</c> (reference §2). The only place that touches the password. A login SAP
/// refuses for bad credentials, a locked user or a licence is remembered: SAP locks a user after repeated failed
/// logins, so every later login is refused here, without a request, until <see cref="AllowLogins"/> (a configuration
/// fix or an operator). Too many sessions is not such a refusal: it passes when a session ends.
/// Until a login has worked (at start, again after logins are allowed, and again once SAP has ended a session) logins
/// go one at a time: the pool opening four sessions at once with a wrong password would otherwise spend four of the
/// user's failed attempts, not one. A session SAP ended is the moment a password rotation shows (SAP ends the sessions
/// of a user whose password changed), and every session in use finds out together.
/// </summary>
internal sealed class SessionAuthenticator
{
    private LoginRefusal? _refusal;
    private readonly SemaphoreSlim _untilProven = new(1, 1);
    private volatile bool _proven;

    public LoginRefusal? Refusal => Volatile.Read(ref _refusal);

    public void AllowLogins()
    {
        _proven = false;
        Volatile.Write(ref _refusal, null);
    }

    /// <summary>A session ended (SAP said so, or it idled past its timeout): what worked before may not work now, so the
    /// logins that follow go one at a time until one works again.</summary>
    public void SessionEnded() => _proven = false;

    /// <summary>DI API codes (reference §3) and the Service Layer's own login codes.</summary>
    internal static LoginRefusalKind? RefusalKindOf(ServiceLayerError error) => error.Code switch
    {
        "100000027" or "-107" or "-8023" => LoginRefusalKind.Credentials,
        "100000055" => LoginRefusalKind.UserLocked,
        "-8010" or "-8007" => LoginRefusalKind.Licence,
        _ => null,
    };

    private readonly WireExchange _wire;
    private readonly ServiceLayerUrls _urls;
    private readonly string _companyDb;
    private readonly string _userName;
    private readonly string _password;
    private readonly int? _language;
    private readonly ErrorClassificationTable _errors;
    private readonly ILogger _log;

    public SessionAuthenticator(WireExchange wire, ServiceLayerUrls urls, ServiceLayerOptions options, ErrorClassificationTable errors, ILogger log)
    {
        _wire = wire;
        _urls = urls;
        _companyDb = options.CompanyDb;
        _userName = options.UserName;
        _password = options.Password;
        _language = options.Language;
        _errors = errors;
        _log = log;
    }

    /// <summary>Throws <see cref="LoginFailedException"/>; its message names company and user, never the password.</summary>
    public async Task<LoginResult> LoginAsync(CancellationToken ct)
    {
        if (_proven) return await LoginOnceAsync(ct).ConfigureAwait(false);
        await _untilProven.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The login this one waited behind may have been refused: then this one is refused without a request.
            var login = await LoginOnceAsync(ct).ConfigureAwait(false);
            _proven = true;
            return login;
        }
        finally
        {
            _untilProven.Release();
        }
    }

    private async Task<LoginResult> LoginOnceAsync(CancellationToken ct)
    {
        if (Refusal is { } refused)
        {
            var known = new ServiceLayerError(401, refused.Code, refused.Message, ErrorCategory.Validation);
            throw new LoginFailedException(known, $"{Describe(known)} Logins are stopped until the configuration is fixed or an operator allows them again.", isTransient: false);
        }
        var body = LoginBody();
        var result = await _wire.SendAsync(() =>
        {
            // Case matters: "/login" answers 401/301 like an expired session (reference §1).
            var request = new HttpRequestMessage(HttpMethod.Post, _urls.Resolve("Login"))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return request;
        }, isBatch: false, ct).ConfigureAwait(false);

        if (result.Failure is { } failure)
        {
            var code = failure.Code ?? failure.Kind switch
            {
                WireFailureKind.NotSent => ClientErrorCodes.ConnectionFailed,
                WireFailureKind.Timeout => ClientErrorCodes.Timeout,
                _ => ClientErrorCodes.ConnectionLost,
            };
            var error = new ServiceLayerError(0, code, failure.Description, ErrorCategory.Transient);
            ServiceLayerLog.LoginFailed(_log, _companyDb, _userName, 0, code, failure.Description);
            throw new LoginFailedException(error, Describe(error), isTransient: true, failure.Exception);
        }

        var response = result.Response!;
        if (!response.IsSuccess)
        {
            var error = ServiceLayerErrorParser.ToError(response.Status, response.ReasonPhrase, response.Body, _errors, response.RetryAfter);
            ServiceLayerLog.LoginFailed(_log, _companyDb, _userName, response.Status, error.Code, error.Message);
            if (RefusalKindOf(error) is { } kind)
            {
                _proven = false;
                Volatile.Write(ref _refusal, new LoginRefusal(kind, error.Code, error.Message, DateTimeOffset.UtcNow));
            }
            throw new LoginFailedException(error, Describe(error), isTransient: error.Category == ErrorCategory.Transient);
        }

        var (sessionIdInBody, version, timeout) = ReadLoginBody(response.Body);
        var cookies = SessionCookies.FromLoginResponse(response.SetCookies, sessionIdInBody);
        if (cookies is null)
        {
            var error = new ServiceLayerError(response.Status, ClientErrorCodes.UnreadableResponse,
                "Login answered without a B1SESSION cookie or SessionId", ErrorCategory.Unknown);
            throw new LoginFailedException(error, Describe(error), isTransient: false);
        }
        return new LoginResult(cookies, version, timeout);
    }

    /// <summary>Best effort: a session we fail to close simply times out on SAP's side.</summary>
    public async Task LogoutAsync(ServiceLayerSession session, CancellationToken ct)
    {
        var cookie = session.CookieHeader;
        var result = await _wire.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _urls.Resolve("Logout"));
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
            return request;
        }, isBatch: false, ct).ConfigureAwait(false);

        if (result.Failure is { } failure)
            ServiceLayerLog.LogoutFailed(_log, session.Number, failure.Description);
        else if (!result.Response!.IsSuccess)
            ServiceLayerLog.LogoutFailed(_log, session.Number, $"HTTP {result.Response.Status}");
        else
            ServiceLayerLog.LoggedOut(_log, session.Number);
    }

    private string Describe(ServiceLayerError error)
    {
        var status = error.HttpStatus == 0 ? "no HTTP answer" : $"HTTP {error.HttpStatus}";
        var code = error.Code.Length == 0 ? "" : $", code {error.Code}";
        return $"Login to company '{_companyDb}' as user '{_userName}' failed: {error.Message} ({status}{code}, {error.Category})";
    }

    private byte[] LoginBody()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("CompanyDB", _companyDb);
            json.WriteString("UserName", _userName);
            json.WriteString("Password", _password);
            // B1SLayer sends the UserLanguages code as a number (reference §2).
            if (_language is { } language) json.WriteNumber("Language", language);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static (string? SessionId, string? Version, TimeSpan? Timeout) ReadLoginBody(byte[] body)
    {
        // {"odata.metadata":"…","SessionId":"…","Version":"1000110","SessionTimeout":30} (reference §2)
        try
        {
            if (body.Length == 0) return (null, null, null);
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, null);
            string? id = root.TryGetProperty("SessionId", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            string? version = root.TryGetProperty("Version", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
            TimeSpan? timeout = root.TryGetProperty("SessionTimeout", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var minutes) && minutes > 0
                ? TimeSpan.FromMinutes(minutes)
                : null;
            return (id, version, timeout);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ActorSync.ServiceLayer.Tests.Fakes;

/// <summary>A request as the fake saw it.</summary>
public sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Cookie,
    string? SessionId,
    string? ContentType,
    string Body,
    bool? ExpectContinue,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Path under the service root, e.g. "Orders?$skip=2" (unescaped for readable asserts).</summary>
    public string Path => Uri.UnescapeDataString(Uri.PathAndQuery)[(Uri.AbsolutePath.IndexOf("/b1s/", StringComparison.Ordinal) + 8)..];

    public bool IsLogin => Uri.AbsolutePath.EndsWith("/Login", StringComparison.Ordinal);

    public bool IsLogout => Uri.AbsolutePath.EndsWith("/Logout", StringComparison.Ordinal);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// A scripted Service Layer speaking the wire format of the reference: case-sensitive <c>/Login</c> answering the
/// exact <c>Set-Cookie</c> shapes of §2, 401/301 for any request without a valid B1SESSION (§2), <c>/Logout</c> → 204.
/// Everything else goes to <see cref="OnRequest"/>. Records every request and tracks concurrency per session.
/// </summary>
public sealed class FakeServiceLayer : HttpMessageHandler
{
    public const string CompanyDb = "SBODEMOUS";
    public const string UserName = "manager";
    public const string Password = "Tr0ub4dor&3-secret";

    private readonly ConcurrentDictionary<string, bool> _validSessions = new();
    private readonly ConcurrentDictionary<string, int> _inFlightPerSession = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _sessionCounter;
    private int _inFlight;

    public string ExpectedPassword { get; set; } = Password;

    public string RouteId { get; set; } = ".node1";

    /// <summary>SessionTimeout in the login answer, minutes.</summary>
    public int SessionTimeoutMinutes { get; set; } = 30;

    /// <summary>Replaces the built-in login when set.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? OnLogin { get; set; }

    /// <summary>Answers every request that is not Login/Logout and carries a valid session.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> OnRequest { get; set; } =
        (_, _) => Task.FromResult(Responses.Json(200, "{}"));

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Requests other than Login and Logout.</summary>
    public IReadOnlyList<RecordedRequest> Calls => _requests.Where(r => !r.IsLogin && !r.IsLogout).ToArray();

    public IReadOnlyList<RecordedRequest> Logins => _requests.Where(r => r.IsLogin).ToArray();

    public IReadOnlyList<RecordedRequest> Logouts => _requests.Where(r => r.IsLogout).ToArray();

    public int MaxConcurrentCalls { get; private set; }

    public int MaxConcurrentCallsOnOneSession { get; private set; }

    /// <summary>Every session times out at once (SL's sliding timeout, or a restart).</summary>
    public void ExpireAllSessions() => _validSessions.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var recorded = await Record(request, ct);
        _requests.Enqueue(recorded);

        if (recorded.IsLogin)
            return OnLogin is not null ? await OnLogin(recorded, ct) : Login(recorded);
        if (recorded.IsLogout)
        {
            if (recorded.SessionId is not null) _validSessions.TryRemove(recorded.SessionId, out _);
            return Responses.Empty(204);
        }

        if (recorded.SessionId is null || !_validSessions.ContainsKey(recorded.SessionId))
            return Responses.SapError(401, 301, "Invalid session or session already timeout.");

        var now = Interlocked.Increment(ref _inFlight);
        var onSession = _inFlightPerSession.AddOrUpdate(recorded.SessionId, 1, (_, n) => n + 1);
        lock (_requests)
        {
            MaxConcurrentCalls = Math.Max(MaxConcurrentCalls, now);
            MaxConcurrentCallsOnOneSession = Math.Max(MaxConcurrentCallsOnOneSession, onSession);
        }
        try
        {
            return await OnRequest(recorded, ct);
        }
        finally
        {
            _inFlightPerSession.AddOrUpdate(recorded.SessionId, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private HttpResponseMessage Login(RecordedRequest request)
    {
        using (var login = System.Text.Json.JsonDocument.Parse(request.Body))
        {
            var body = login.RootElement;
            if (body.GetProperty("Password").GetString() != ExpectedPassword || body.GetProperty("CompanyDB").GetString() != CompanyDb ||
                body.GetProperty("UserName").GetString() != UserName)
                return Responses.SapError(401, 100000027, "Login failed");
        }

        var id = $"sess-{Interlocked.Increment(ref _sessionCounter)}-0b7e";
        _validSessions[id] = true;
        var response = Responses.Json(200,
            $$"""{"odata.metadata":"https://sap.test:50000/b1s/v1/$metadata#B1Sessions/@Element","SessionId":"{{id}}","Version":"1000340","SessionTimeout":{{SessionTimeoutMinutes}}}""");
        // The exact shapes of reference §2: no Path and a trailing ';' on B1SESSION; Apache's ROUTEID with a path.
        response.Headers.TryAddWithoutValidation("Set-Cookie", $"B1SESSION={id};HttpOnly;");
        response.Headers.TryAddWithoutValidation("Set-Cookie", $"ROUTEID={RouteId}; path=/b1s");
        return response;
    }

    private static async Task<RecordedRequest> Record(HttpRequestMessage request, CancellationToken ct)
    {
        // NonValidated: the header text exactly as the client set it, which is what SocketsHttpHandler puts on the
        // wire (the validated view would re-format it, e.g. add a space after ';').
        var cookie = request.Headers.NonValidated.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
        string? session = null;
        if (cookie is not null)
        {
            foreach (var piece in cookie.Split(';', StringSplitOptions.TrimEntries))
                if (piece.StartsWith("B1SESSION=", StringComparison.Ordinal)) session = piece["B1SESSION=".Length..];
        }
        var headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var contentType = request.Content?.Headers.NonValidated.TryGetValues("Content-Type", out var ctValues) == true ? string.Join(", ", ctValues) : null;
        // Read after capturing Content-Type: ReadAsStringAsync parses (and re-formats) it to find the charset.
        var body = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(ct));
        return new RecordedRequest(request.Method, request.RequestUri!, cookie, session, contentType, body, request.Headers.ExpectContinue, headers);
    }
}

/// <summary>Answer builders in the reference's wire shapes.</summary>
public static class Responses
{
    public static HttpResponseMessage Json(int status, string json) => new((HttpStatusCode)status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    /// <summary>SAP's envelope, reference §4: code as number, message as {"lang","value"}.</summary>
    public static HttpResponseMessage SapError(int status, int code, string message) =>
        Json(status, "{\"error\":{\"code\":" + code + ",\"message\":{\"lang\":\"en-us\",\"value\":\"" + message + "\"}}}");

    /// <summary>/b1s/v2's shape (also printed in SAP's ETag chapter): code as a string, message as a plain string (reference §4).</summary>
    public static HttpResponseMessage SapErrorStringShape(int status, string code, string message) =>
        Json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");

    public static HttpResponseMessage Empty(int status) => new((HttpStatusCode)status) { Content = new ByteArrayContent([]) };

    /// <summary>Apache's proxy error page (reference §4, B1SLayer #78).</summary>
    public static HttpResponseMessage ProxyError502() => new(HttpStatusCode.BadGateway)
    {
        Content = new StringContent(
            "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n<h1>Proxy Error</h1>\n" +
            "<p>The proxy server received an invalid\nresponse from an upstream server.<br />\nThe proxy server could not handle the request <em><a href=\"/b1s/v1/Orders\">POST&nbsp;/b1s/v1/Orders</a></em>.<p>\n" +
            "Reason: <strong>Error reading from remote server</strong></p></p>\n</body></html>\n",
            Encoding.UTF8, "text/html"),
    };

    public static HttpResponseMessage Unavailable503(TimeSpan? retryAfter = null)
    {
        var response = Json(503, """{"message":"Service Unavailable"}""");
        if (retryAfter is { } wait) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        return response;
    }

    public static HttpResponseMessage Multipart(int status, string boundary, string body)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/mixed;boundary={boundary}");
        return response;
    }

    public static HttpRequestException ConnectionRefused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (sap.test:50000)",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    public static HttpRequestException ResponseEnded() =>
        new(HttpRequestError.ResponseEnded, "The response ended prematurely.");
}

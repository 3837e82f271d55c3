using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorSync.ServiceLayer.Batching;
using ActorSync.ServiceLayer.Logging;
using ActorSync.ServiceLayer.Querying;
using ActorSync.ServiceLayer.Resilience;
using ActorSync.ServiceLayer.Sessions;
using ActorSync.ServiceLayer.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSync.ServiceLayer;

/// <summary>
/// The engine's only way to SAP Business One: one instance per company and user, shared by the whole process
/// (reference §3). Thread-safe. Reads throw <see cref="ServiceLayerException"/>; writes report a
/// <see cref="WriteOutcome"/> that says whether SAP applied them, did not, or might have.
/// </summary>
public sealed class ServiceLayerClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ServiceLayerUrls _urls;
    private readonly WireExchange _wire;
    private readonly SessionPool _pool;
    private readonly SessionAuthenticator _auth;
    private readonly ServiceLayerResilience _resilience;
    private readonly ErrorClassificationTable _errors;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly string? _preferPageSize;
    private readonly ServerCertificatePolicy _certificates;
    private int _disposed;

    /// <param name="options">Validated here (<see cref="ServiceLayerOptions.Validate"/>) and read once.</param>
    /// <param name="handler">Transport to use, e.g. a test double. It must not manage cookies itself
    /// (<c>UseCookies = false</c>): the client sends SL's cookies by hand. Not disposed by the client.</param>
    /// <param name="loggers">Structured logs under <c>ActorSync.ServiceLayer.ServiceLayerClient</c>.</param>
    /// <param name="time">Clock and timers for timeouts, back-off and the circuit breaker.</param>
    public ServiceLayerClient(ServiceLayerOptions options, HttpMessageHandler? handler = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
        : this(options, handler, loggers, time, retryRandomizer: null)
    {
    }

    /// <param name="retryRandomizer">Jitter source for tests that assert back-off delays.</param>
    internal ServiceLayerClient(ServiceLayerOptions options, HttpMessageHandler? handler, ILoggerFactory? loggers, TimeProvider? time, Func<double>? retryRandomizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RejectCookieManagingHandler(handler);

        _time = time ?? TimeProvider.System;
        _log = (ILogger?)loggers?.CreateLogger<ServiceLayerClient>() ?? NullLogger.Instance;
        _errors = options.Errors.Clone(); // later edits of the options do not race with requests
        _urls = new ServiceLayerUrls(options.ServiceRoot);
        _preferPageSize = $"odata.maxpagesize={options.PageSize}";

        _certificates = options.CertificatePolicy(_log, _time);
        if (handler is null && _certificates.Mode == ServerCertificateMode.AcceptAny)
            ServiceLayerLog.AcceptingAnyCertificate(_log, options.BaseUrl.GetLeftPart(UriPartial.Authority));
        _http = handler is null ? new HttpClient(CreateHandler(options, _certificates), disposeHandler: true) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeouts are ours (WireExchange), on the TimeProvider
        _http.DefaultRequestHeaders.ExpectContinue = false;

        _wire = new WireExchange(_http, _time, options.RequestTimeout, options.BatchTimeout, _certificates);
        _auth = new SessionAuthenticator(_wire, _urls, options, _errors, _log);
        var disposeWait = options.RequestTimeout < TimeSpan.FromSeconds(30) ? options.RequestTimeout : TimeSpan.FromSeconds(30);
        _pool = new SessionPool(options.MaxSessions, _auth, _time, _log, disposeWait);
        _resilience = new ServiceLayerResilience(options.Retry, options.CircuitBreaker, _time, _log, retryRandomizer);
    }

    /// <summary>e.g. https://sap:50000/b1s/v1/</summary>
    public Uri ServiceRoot => _urls.Root;

    /// <summary>Open, leased, peak, logins, relogins.</summary>
    public SessionPoolSnapshot Sessions => _pool.Snapshot();

    /// <summary>Closed / Open / HalfOpen, for health pages.</summary>
    public CircuitState Circuit => _resilience.Circuit;

    /// <summary>Set once SAP refused the credentials, the user or the licence: no login is tried again until <see cref="AllowLogins"/>.</summary>
    public LoginRefusal? LoginRefused => _auth.Refusal;

    /// <summary>The last time SAP's TLS certificate was refused (pinned thumbprints, trusted CA or the system's check), with
    /// the presented certificate's SHA-256 thumbprint and subject and the key to set; null once a handshake passes.</summary>
    public CertificateRefusal? CertificateRefused => _certificates.Refusal;

    /// <summary>How SAP's certificate is checked (from the options).</summary>
    public ServerCertificateMode CertificateMode => _certificates.Mode;

    /// <summary>Lets logins be tried again (after the password was fixed or the user unlocked).</summary>
    public void AllowLogins() => _auth.AllowLogins();

    /// <summary>GET of one resource ("Items('A1')", "Orders?$filter=…"). 404 → null. Transient failures are
    /// retried; what remains throws <see cref="ServiceLayerException"/>.</summary>
    public async Task<JsonElement?> GetAsync(string path, CancellationToken ct = default)
    {
        var result = await ExecuteAsync(Read(_urls.Resolve(path)), ct).ConfigureAwait(false);
        return result.Disposition switch
        {
            AttemptDisposition.Succeeded => JsonBodies.Parse(result.Response!.Body),
            AttemptDisposition.Rejected when result.Error!.HttpStatus == (int)HttpStatusCode.NotFound => null,
            _ => throw new ServiceLayerException(result.Error!),
        };
    }

    /// <summary>
    /// Every row of a collection, page after page, following SAP's next links in whichever shape they come
    /// (reference §5). Pages are fetched as the caller consumes them; no session is held in between. Throws
    /// <see cref="ServiceLayerException"/> on any error, 404 included (a query has no "absent" answer).
    /// </summary>
    public async IAsyncEnumerable<JsonElement> QueryAsync(string pathWithQuery, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var next = _urls.Resolve(pathWithQuery);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!visited.Add(next.AbsoluteUri))
                throw new ServiceLayerException(new ServiceLayerError(0, ClientErrorCodes.UnreadableResponse,
                    $"SAP's next link repeats an earlier page ({next.PathAndQuery}); stopping instead of looping", ErrorCategory.Unknown));

            var result = await ExecuteAsync(Read(next), ct).ConfigureAwait(false);
            if (result.Disposition != AttemptDisposition.Succeeded)
                throw new ServiceLayerException(result.Error!);

            if (JsonBodies.Parse(result.Response!.Body) is not { } page)
                yield break;
            foreach (var row in ODataPage.Rows(page))
                yield return row;

            var link = ODataPage.NextLink(page);
            next = link is null ? null : _urls.ResolveNextLink(link);
        }
    }

    /// <summary>POST creating an entity. Never re-sent once it may have reached SAP: a timeout, a dropped connection
    /// or a 502 after sending gives <see cref="WriteOutcome.Uncertain"/>. Re-sent only when SAP certainly did not
    /// process it (connection refused, DNS, 503, invalid session).</summary>
    /// <param name="body">Serialised once with System.Text.Json: property names as written, nulls left out, enums as
    /// their names ("tYES"). A <see cref="string"/> is sent as already-serialised JSON.</param>
    /// <remarks>Cancelling <paramref name="ct"/> throws <see cref="OperationCanceledException"/>; if that happens after
    /// the request went out, SAP may still apply it: treat it like <see cref="WriteOutcome.Uncertain"/>.</remarks>
    public Task<WriteOutcome> CreateAsync(string entitySet, object body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return WriteAsync(HttpMethod.Post, entitySet, body, RequestKind.Create, ct);
    }

    /// <summary>PATCH: changes only the fields sent (reference §6). Retried only when the failure was before sending
    /// or a rejection classified <see cref="ErrorCategory.Transient"/>.</summary>
    public Task<WriteOutcome> PatchAsync(string path, object body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return WriteAsync(HttpMethod.Patch, path, body, RequestKind.Update, ct);
    }

    /// <summary>DELETE of master data by key, e.g. "BusinessPartners('C00001')": SAP removes a record no document names
    /// (204) and refuses one that a document names; documents themselves are never deleted (reference §6). Same retry
    /// rules as PATCH.</summary>
    public Task<WriteOutcome> DeleteAsync(string path, CancellationToken ct = default) =>
        WriteAsync(HttpMethod.Delete, path, null, RequestKind.Update, ct);

    /// <summary>POST to an action such as "Orders(12)/Close" (reference §6); same retry rules as PATCH.</summary>
    public Task<WriteOutcome> InvokeAsync(string actionPath, object? body = null, CancellationToken ct = default) =>
        WriteAsync(HttpMethod.Post, actionPath, body, RequestKind.Action, ct);

    /// <summary>
    /// Sends a <c>$batch</c> (reference §7) under <see cref="ServiceLayerOptions.BatchTimeout"/>. Never re-sent once it
    /// may have reached SAP. SAP answering with an error to the batch as a whole (not per part) gives
    /// <see cref="BatchOutcome.Completed"/> with every part <see cref="WriteOutcome.Rejected"/> by that error.
    /// </summary>
    public async Task<BatchOutcome> SendBatchAsync(BatchRequest batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var written = BatchRequestWriter.Write(batch, _urls);
        var spec = new RequestSpec(HttpMethod.Post, _urls.Resolve("$batch"), "$batch", written.Body, written.ContentType, RequestKind.Batch, IsBatch: true);
        var result = await ExecuteAsync(spec, ct).ConfigureAwait(false);

        switch (result.Disposition)
        {
            case AttemptDisposition.Succeeded:
                try
                {
                    var parts = BatchResponseReader.Read(result.Response!.ContentType, result.Response.Body, batch, written.ContentIds, _errors, out var answered);
                    if (answered < batch.PartCount) ServiceLayerLog.BatchStoppedEarly(_log, answered, batch.PartCount);
                    else if (answered > batch.PartCount) ServiceLayerLog.BatchExtraParts(_log, answered, batch.PartCount);
                    return new BatchOutcome.Completed(parts);
                }
                catch (FormatException e)
                {
                    var reason = $"SAP answered HTTP {result.Response!.Status} but the batch answer could not be read: {e.Message}";
                    ServiceLayerLog.WriteUncertain(_log, "POST", "$batch", reason);
                    return new BatchOutcome.Uncertain(reason);
                }
            case AttemptDisposition.Rejected:
                var rejected = new WriteOutcome.Rejected(result.Error!);
                return new BatchOutcome.Completed(batch.Parts.Select((part, i) => new BatchPartResult(i, rejected,
                    Enumerable.Repeat<WriteOutcome>(rejected, part is ChangesetPart c ? c.Operations.Count : 1).ToArray())).ToArray());
            case AttemptDisposition.NotProcessed:
                return new BatchOutcome.NotApplied(result.Reason, result.RetryAfter);
            default:
                ServiceLayerLog.WriteUncertain(_log, "POST", "$batch", result.Reason);
                return new BatchOutcome.Uncertain(result.Reason);
        }
    }

    /// <summary>Waits a bounded time for requests in flight, then logs out every session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _pool.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task<WriteOutcome> WriteAsync(HttpMethod method, string path, object? body, RequestKind kind, CancellationToken ct)
    {
        var bytes = body is null ? null : JsonBodies.Serialize(body); // once: every attempt sends the same bytes
        var uri = _urls.Resolve(path);
        var spec = new RequestSpec(method, uri, path, bytes, bytes is null ? null : "application/json;charset=utf-8", kind, IsBatch: false);
        var result = await ExecuteAsync(spec, ct).ConfigureAwait(false);

        switch (result.Disposition)
        {
            case AttemptDisposition.Succeeded:
                var response = result.Response!;
                return new WriteOutcome.Succeeded(response.Status, JsonBodies.Parse(response.Body), response.Location);
            case AttemptDisposition.Rejected:
                return new WriteOutcome.Rejected(result.Error!);
            case AttemptDisposition.NotProcessed:
                return new WriteOutcome.NotApplied(result.Reason, result.RetryAfter);
            default:
                ServiceLayerLog.WriteUncertain(_log, method.Method, path, result.Reason);
                return new WriteOutcome.Uncertain(result.Reason);
        }
    }

    private RequestSpec Read(Uri uri) =>
        new(HttpMethod.Get, uri, uri.PathAndQuery, null, null, RequestKind.Read, IsBatch: false);

    private Task<AttemptResult> ExecuteAsync(RequestSpec spec, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var call = new CallState();
        return _resilience.ExecuteAsync(new CallInfo(spec.Kind, spec.Method.Method, spec.PathForLogs),
            token => AttemptAsync(spec, call, token), ct);
    }

    /// <summary>One attempt: lease a session (logging in if needed), send, and on SAP's invalid-session answer log that
    /// session in again and replay once. Replaying is safe even for creates: SAP refused before doing anything.</summary>
    private async ValueTask<AttemptResult> AttemptAsync(RequestSpec spec, CallState call, CancellationToken ct)
    {
        SessionLease lease;
        try
        {
            lease = await _pool.LeaseAsync(ct).ConfigureAwait(false);
        }
        catch (LoginFailedException e) when (e.IsTransient)
        {
            return AttemptResult.LoginUnavailable(e.Error);
        }
        catch (LoginFailedException e)
        {
            throw e.ToPublicException();
        }

        using (lease)
        {
            var result = await SendOnceAsync(spec, lease.Session!, ct).ConfigureAwait(false);
            if (result.Error?.Category != ErrorCategory.InvalidSession)
                return result;

            if (call.ReloggedIn)
            {
                ServiceLayerLog.InvalidSessionAfterRelogin(_log, lease.Session!.Number, spec.Method.Method, spec.PathForLogs);
                return result;
            }
            call.ReloggedIn = true;
            try
            {
                await _pool.ReloginAsync(lease, $"SAP answered HTTP {result.Error.HttpStatus}/{result.Error.Code} (invalid session)", ct).ConfigureAwait(false);
            }
            catch (LoginFailedException e) when (e.IsTransient)
            {
                return AttemptResult.LoginUnavailable(e.Error);
            }
            catch (LoginFailedException e)
            {
                throw e.ToPublicException();
            }

            result = await SendOnceAsync(spec, lease.Session!, ct).ConfigureAwait(false);
            if (result.Error?.Category == ErrorCategory.InvalidSession)
                ServiceLayerLog.InvalidSessionAfterRelogin(_log, lease.Session!.Number, spec.Method.Method, spec.PathForLogs);
            return result;
        }
    }

    private async Task<AttemptResult> SendOnceAsync(RequestSpec spec, ServiceLayerSession session, CancellationToken ct)
    {
        var cookie = session.CookieHeader;
        var started = _time.GetTimestamp();
        var wire = await _wire.SendAsync(() => BuildRequest(spec, cookie), spec.IsBatch, ct).ConfigureAwait(false);
        session.Touch(_time.GetUtcNow());

        if (wire.Failure is { } failure)
        {
            ServiceLayerLog.NoAnswer(_log, spec.Method.Method, spec.PathForLogs, session.Number, failure.Description);
            return AttemptResult.FromFailure(failure);
        }
        var response = wire.Response!;
        ServiceLayerLog.Answered(_log, spec.Method.Method, spec.PathForLogs, response.Status,
            (long)_time.GetElapsedTime(started).TotalMilliseconds, session.Number);
        return AttemptResult.FromResponse(response, _errors);
    }

    private HttpRequestMessage BuildRequest(RequestSpec spec, string cookie)
    {
        var request = new HttpRequestMessage(spec.Method, spec.Uri);
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        if (spec.Kind == RequestKind.Read)
        {
            request.Headers.TryAddWithoutValidation("Prefer", _preferPageSize);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
        if (spec.Body is not null)
        {
            request.Content = new ByteArrayContent(spec.Body);
            // Set verbatim: the batch boundary must reach SAP exactly as written in the body, unquoted.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", spec.ContentType);
        }
        return request;
    }

    private static SocketsHttpHandler CreateHandler(ServiceLayerOptions options, ServerCertificatePolicy certificates)
    {
        var handler = new SocketsHttpHandler
        {
            // B1SESSION's Set-Cookie has no Path and a trailing ';' that CookieContainer has dropped (reference §2):
            // cookies are read and sent by hand.
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout < TimeSpan.FromSeconds(15) ? options.RequestTimeout : TimeSpan.FromSeconds(15),
        };
        // The system's own check needs no callback, but going through the policy lets a refusal say what was presented.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => certificates.Validate(certificate, chain, errors);
        return handler;
    }

    private static void RejectCookieManagingHandler(HttpMessageHandler? handler)
    {
        var managesCookies = handler switch
        {
            HttpClientHandler h => h.UseCookies,
            SocketsHttpHandler s => s.UseCookies,
            _ => false,
        };
        if (managesCookies)
            throw new ArgumentException("The handler manages cookies itself (UseCookies = true); set UseCookies = false, the client sends the Service Layer cookies by hand.", nameof(handler));
    }

    private sealed record RequestSpec(HttpMethod Method, Uri Uri, string PathForLogs, byte[]? Body, string? ContentType, RequestKind Kind, bool IsBatch);

    /// <summary>Per call, across retry attempts: the invalid-session replay happens at most once.</summary>
    private sealed class CallState
    {
        public bool ReloggedIn { get; set; }
    }
}

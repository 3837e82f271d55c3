using System.Net.Http.Headers;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace ActorSync.ServiceLayer.Transport;

/// <summary>An HTTP answer, fully read (status, the headers we use, body bytes).</summary>
internal sealed record WireResponse(
    int Status,
    string? ReasonPhrase,
    byte[] Body,
    string? ContentType,
    string? Location,
    TimeSpan? RetryAfter,
    IReadOnlyList<string> SetCookies)
{
    public bool IsSuccess => Status is >= 200 and <= 299;
}

/// <summary>How a request failed without an HTTP answer. The distinction is the whole point: only
/// <see cref="NotSent"/> proves SAP never saw the request.</summary>
internal enum WireFailureKind
{
    /// <summary>DNS, connection refused, TLS handshake: no request byte left this machine.</summary>
    NotSent,

    /// <summary>The per-attempt timeout fired; the request may be running on SAP right now.</summary>
    Timeout,

    /// <summary>The connection broke after the request went out (reset, premature end, invalid response).</summary>
    ConnectionLost,
}

/// <param name="Code">A more precise <see cref="ClientErrorCodes"/> code than the kind's (a refused certificate).</param>
internal sealed record WireFailure(WireFailureKind Kind, string Description, Exception Exception, string? Code = null);

/// <summary>Either an answer or a failure; never an exception, except the caller's own cancellation.</summary>
internal readonly record struct WireResult(WireResponse? Response, WireFailure? Failure);

/// <summary>
/// Sends one prepared request under a per-attempt timeout (a Polly timeout strategy on the injected
/// <see cref="TimeProvider"/>) and turns every way it can end into a <see cref="WireResult"/>.
/// </summary>
internal sealed class WireExchange
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _requestTimeout;
    private readonly ResiliencePipeline _batchTimeout;
    private readonly ServerCertificatePolicy? _certificates;

    public WireExchange(HttpClient http, TimeProvider time, TimeSpan requestTimeout, TimeSpan batchTimeout, ServerCertificatePolicy? certificates = null)
    {
        _certificates = certificates;
        _http = http;
        _time = time;
        _requestTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(requestTimeout).Build();
        _batchTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(batchTimeout).Build();
    }

    public async Task<WireResult> SendAsync(Func<HttpRequestMessage> buildRequest, bool isBatch, CancellationToken ct)
    {
        var timeout = isBatch ? _batchTimeout : _requestTimeout;
        try
        {
            var response = await timeout.ExecuteAsync(static async (state, token) =>
            {
                using var request = state.buildRequest();
                // The Apache load balancer in front of SL answers Expect: 100-continue with an empty 500 (reference §4, §9).
                request.Headers.ExpectContinue = false;
                using var answer = await state.self._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                var body = await answer.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                return state.self.Capture(answer, body);
            }, (self: this, buildRequest), ct).ConfigureAwait(false);
            return new WireResult(response, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            return Fail(WireFailureKind.Timeout, $"no answer within {e.Timeout.TotalSeconds:0.###} s", e);
        }
        catch (OperationCanceledException e)
        {
            // Cancelled by something other than the caller or our timeout (a handler's own timeout): treat as a timeout.
            return Fail(WireFailureKind.Timeout, "the request was cancelled by the HTTP stack", e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError && _certificates?.Refusal is { } refused)
        {
            // The stack only says "The SSL connection could not be established"; the policy knows which certificate and why.
            return new WireResult(null, new WireFailure(WireFailureKind.NotSent, refused.Message, e, ClientErrorCodes.CertificateRefused));
        }
        catch (HttpRequestException e) when (IsPreSend(e))
        {
            return Fail(WireFailureKind.NotSent, $"could not connect: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            return Fail(WireFailureKind.ConnectionLost, $"connection failed after sending: {e.Message}", e);
        }
        catch (IOException e)
        {
            return Fail(WireFailureKind.ConnectionLost, $"connection failed after sending: {e.Message}", e);
        }
    }

    private static WireResult Fail(WireFailureKind kind, string description, Exception e) =>
        new(null, new WireFailure(kind, description, e));

    /// <summary>Only failures that happen while establishing the connection prove that nothing was sent.</summary>
    internal static bool IsPreSend(HttpRequestException e)
    {
        if (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
            return true;
        // Handlers that do not fill HttpRequestError (older or custom ones) still carry the socket error.
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException s && s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData)
                return true;
        }
        return false;
    }

    private WireResponse Capture(HttpResponseMessage answer, byte[] body)
    {
        var cookies = answer.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
        return new WireResponse(
            (int)answer.StatusCode,
            answer.ReasonPhrase,
            body,
            answer.Content.Headers.ContentType?.ToString(),
            answer.Headers.Location?.OriginalString,
            RetryAfter(answer.Headers.RetryAfter),
            cookies);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}

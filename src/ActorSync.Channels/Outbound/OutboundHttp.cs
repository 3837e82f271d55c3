using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ActorSync.Channels.Outbound;

internal enum NoAnswerKind
{
    /// <summary>Could not connect: the request certainly never arrived.</summary>
    NotSent,

    /// <summary>No answer within the timeout: the request may have been processed.</summary>
    TimedOut,

    /// <summary>The connection broke after sending: the request may have been processed.</summary>
    ConnectionLost,
}

/// <summary>One HTTP exchange as data: the answer (status, body, back-off hint) or why there was none.</summary>
internal sealed record ChannelReply(string Method, string Path, int Status, string Body, TimeSpan? RetryAfter, NoAnswerKind? NoAnswer, string? Failure)
{
    public bool IsSuccess => NoAnswer is null && Status is >= 200 and <= 299;

    /// <summary>Worth trying a read again: no answer, 408, 500, 502, 503, 504. Not 429: its wait can be long, so it
    /// goes back to the caller with <see cref="RetryAfter"/>.</summary>
    public bool IsTransient => NoAnswer is not null || Status is 408 or 500 or 502 or 503 or 504;
}

/// <summary>Ends a publish early with an outcome (the publishers' steps throw it; <see cref="OutboundHttp.RunAsync"/> catches it).</summary>
internal sealed class OutcomeException(ShipmentPublishOutcome outcome) : Exception("publish stopped")
{
    public ShipmentPublishOutcome Outcome { get; } = outcome;
}

/// <summary>
/// The publishers' HTTP: reads go through a Polly retry (jittered exponential, transient answers only), the
/// shipment POST is sent exactly once. Each attempt has its own timeout. Every text that leaves (outcome, log) goes
/// through <see cref="Redact"/>, and no header is ever logged, so the token cannot leak.
/// </summary>
internal sealed partial class OutboundHttp
{
    private readonly string _channel;
    private readonly HttpClient _client;
    private readonly Uri _root;
    private readonly Action<HttpRequestMessage> _authorize;
    private readonly IReadOnlyList<string> _secrets;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline<ChannelReply> _reads;
    private readonly ILogger _logger;

    /// <param name="authorize">Sets the request's credentials; it sees the method and the full URI (an OAuth signature covers both).</param>
    /// <param name="secrets">Every value that must never appear in an outcome or a log line.</param>
    public OutboundHttp(string channel, HttpClient client, Uri root, Action<HttpRequestMessage> authorize, IEnumerable<string> secrets,
        TimeSpan timeout, int readAttempts, TimeSpan readRetryDelay, ILogger logger)
    {
        _channel = channel;
        _client = client;
        _root = root;
        _authorize = authorize;
        // Longest first, so a secret that contains another is hidden whole.
        _secrets = secrets.Where(v => !string.IsNullOrEmpty(v)).Distinct().OrderByDescending(v => v.Length).ToList();
        _timeout = timeout;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<ChannelReply>();
        if (readAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ChannelReply>
            {
                ShouldHandle = new PredicateBuilder<ChannelReply>().HandleResult(r => r.IsTransient),
                MaxRetryAttempts = readAttempts - 1,
                Delay = readRetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { } reply)
                        OutboundLog.Retrying(_logger, _channel, reply.Path, args.AttemptNumber + 1, Describe(reply), (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        _reads = builder.Build();
    }

    public string Channel => _channel;

    public string Redact(string text) =>
        _secrets.Aggregate(text, (t, secret) => t.Replace(secret, "***", StringComparison.Ordinal));

    /// <summary>A GET (relative to the API root), retried while the answer is transient.</summary>
    public async Task<ChannelReply> GetAsync(string relative, CancellationToken ct) =>
        await _reads.ExecuteAsync(async token => await SendAsync(HttpMethod.Get, relative, null, token).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>A POST, sent once whatever happens: a second send could create a second shipment.</summary>
    public Task<ChannelReply> PostOnceAsync(string relative, string json, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, relative, json, ct);

    private async Task<ChannelReply> SendAsync(HttpMethod method, string relative, string? json, CancellationToken ct)
    {
        var uri = new Uri(_root, relative);
        var path = uri.AbsolutePath;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        _authorize(request);
        var watch = Stopwatch.StartNew();
        ChannelReply reply;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            reply = new ChannelReply(method.Method, path, (int)response.StatusCode, body, RetryAfter(response), null, null);
            OutboundLog.Answered(_logger, _channel, method.Method, path, reply.Status, watch.ElapsedMilliseconds);
            return reply;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            reply = new ChannelReply(method.Method, path, 0, "", null, NoAnswerKind.TimedOut,
                string.Create(CultureInfo.InvariantCulture, $"no answer within {_timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException error) when (IsConnectFailure(error))
        {
            reply = new ChannelReply(method.Method, path, 0, "", null, NoAnswerKind.NotSent, "could not connect: " + Redact(error.Message));
        }
        catch (HttpRequestException error)
        {
            reply = new ChannelReply(method.Method, path, 0, "", null, NoAnswerKind.ConnectionLost, "connection lost before the answer: " + Redact(Innermost(error)));
        }
        catch (IOException error)
        {
            reply = new ChannelReply(method.Method, path, 0, "", null, NoAnswerKind.ConnectionLost, "connection lost before the answer: " + Redact(error.Message));
        }

        OutboundLog.NoAnswer(_logger, _channel, method.Method, path, watch.ElapsedMilliseconds, reply.Failure!);
        return reply;
    }

    private static bool IsConnectFailure(HttpRequestException error) =>
        error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError ||
        error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable };

    private static string Innermost(Exception error)
    {
        var message = error.Message;
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            message += " (" + inner.Message + ")";
        return message;
    }

    /// <summary>BigCommerce's <c>X-Rate-Limit-Time-Reset-Ms</c> (channels.md §2.2), else a standard <c>Retry-After</c>.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-Rate-Limit-Time-Reset-Ms", out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return TimeSpan.FromMilliseconds(ms);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
                return delta;
            if (retryAfter.Date is { } date)
                return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>"magento GET /rest/default/V1/orders answered 503 (Service Unavailable)" or "… got no answer: …".</summary>
    public string Describe(ChannelReply reply) =>
        reply.NoAnswer is not null
            ? $"{_channel} {reply.Method} {reply.Path} got no answer: {reply.Failure}"
            : Redact($"{_channel} {reply.Method} {reply.Path} answered {reply.Status}: {ErrorText(reply.Body)}");

    /// <summary>
    /// What went wrong for an unsuccessful reply. <paramref name="mayHaveCreated"/>: the reply is the shipment POST's,
    /// so a lost answer may hide a created shipment (said in the reason; the next attempt's check finds it).
    /// </summary>
    public ShipmentPublishOutcome Classify(ChannelReply reply, bool mayHaveCreated, string? notFound = null, string? unauthorized = null)
    {
        var reason = Describe(reply);
        const string check = "; the shipment may have been created, the next attempt looks for it before posting again";
        if (reply.NoAnswer is { } kind)
            return new ShipmentPublishOutcome.Failed(reason + (mayHaveCreated && kind != NoAnswerKind.NotSent ? check : ""), null);
        return reply.Status switch
        {
            429 => new ShipmentPublishOutcome.Failed(reason, reply.RetryAfter),
            408 or 503 => new ShipmentPublishOutcome.Failed(reason, reply.RetryAfter),
            >= 500 => new ShipmentPublishOutcome.Failed(reason + (mayHaveCreated ? check : ""), reply.RetryAfter),
            401 or 403 => new ShipmentPublishOutcome.Rejected(reason + (unauthorized is null ? "" : "; " + unauthorized)),
            404 => new ShipmentPublishOutcome.Rejected(notFound is null ? reason : Redact(notFound) + $" ({reason})"),
            >= 400 => new ShipmentPublishOutcome.Rejected(reason),
            _ => new ShipmentPublishOutcome.Failed(reason + " (not an answer the publisher expects)", null),
        };
    }

    /// <summary>A successful reply's body as JSON; an unreadable one ends the publish as Failed (a proxy page, a cut body).</summary>
    public Json.PayloadNode ReadJson(ChannelReply reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            return Json.PayloadNode.From(document.RootElement.Clone(), "$", _channel);
        }
        catch (JsonException)
        {
            throw new OutcomeException(new ShipmentPublishOutcome.Failed(
                Redact($"{_channel} {reply.Method} {reply.Path} answered {reply.Status} with a body that is not JSON: {ErrorText(reply.Body)}"), null));
        }
    }

    /// <summary>The channel's error message: Magento <c>{"message","parameters"}</c>, BigCommerce <c>[{"status","message"}]</c>
    /// or <c>{"title"}</c>; an HTML page's title; else the start of the text.</summary>
    internal static string ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "(no body)";
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var messages = root.EnumerateArray().Select(Message).Where(m => m is not null).ToList();
                if (messages.Count > 0)
                    return Short(string.Join("; ", messages));
            }
            else if (Message(root) is { } message)
            {
                return Short(message);
            }
        }
        catch (JsonException)
        {
            if (HtmlTitle().Match(body) is { Success: true } title)
                return Short(title.Groups[1].Value.Trim() + " (an HTML page)");
        }

        return Short(body);
    }

    private static string? Message(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        var message = element.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
            : element.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : null;
        if (message is null || !element.TryGetProperty("parameters", out var parameters))
            return message;
        // Magento's placeholders: %name for an object of parameters, %1, %2 … for a list.
        if (parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in parameters.EnumerateObject())
                message = message.Replace("%" + p.Name, p.Value.ToString(), StringComparison.Ordinal);
        }
        else if (parameters.ValueKind == JsonValueKind.Array)
        {
            var i = 1;
            foreach (var p in parameters.EnumerateArray())
                message = message.Replace("%" + i++.ToString(CultureInfo.InvariantCulture), p.ToString(), StringComparison.Ordinal);
        }

        return message;
    }

    private static string Short(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }

    [GeneratedRegex(@"<title>([^<]*)</title>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTitle();

    /// <summary>
    /// Runs one publish: the steps end it by returning or by <see cref="OutcomeException"/>; a malformed answer
    /// (<see cref="ChannelPayloadException"/>) is Rejected with its path; anything else unexpected is Failed. Only the
    /// caller's cancellation escapes. The outcome is logged.
    /// </summary>
    public async Task<ShipmentPublishOutcome> RunAsync(ShipmentNotice notice, Func<Task<ShipmentPublishOutcome>> publish, CancellationToken ct)
    {
        ShipmentPublishOutcome outcome;
        try
        {
            outcome = await publish().ConfigureAwait(false);
        }
        catch (OutcomeException stop)
        {
            outcome = stop.Outcome;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (ChannelPayloadException malformed)
        {
            outcome = new ShipmentPublishOutcome.Rejected(Redact($"{_channel} answered in an unexpected shape: {malformed.Message}"));
        }
        catch (Exception unexpected)
        {
            outcome = new ShipmentPublishOutcome.Failed(Redact($"{_channel}: unexpected {unexpected.GetType().Name} while publishing: {unexpected.Message}"), null);
        }

        var order = notice.OrderExternalId;
        var dispatch = notice.DispatchId;
        switch (outcome)
        {
            case ShipmentPublishOutcome.Published { AlreadyThere: true } p:
                OutboundLog.AlreadyThere(_logger, _channel, order, dispatch, p.ChannelShipmentId);
                break;
            case ShipmentPublishOutcome.Published p:
                OutboundLog.Created(_logger, _channel, order, dispatch, p.ChannelShipmentId);
                break;
            case ShipmentPublishOutcome.Rejected r:
                OutboundLog.Rejected(_logger, _channel, order, dispatch, r.Reason);
                break;
            case ShipmentPublishOutcome.Failed f:
                OutboundLog.Failed(_logger, _channel, order, dispatch, f.Reason);
                break;
        }

        return outcome;
    }
}

using System.Text;
using System.Text.Json;
using ActorSync.Channels;
using ActorSync.Channels.Webhooks;
using ActorSync.Channels.Wms;
using ActorSync.Engine.Connectors.Wms;

namespace ActorSync.Host.Api;

/// <summary>
/// Warehouse webhooks, outside the ops token with checks of their own:
/// <list type="bullet">
/// <item><c>POST /webhooks/wms/{source}</c>: one canonical event (<see cref="WmsEventParser"/>), signed
///   <c>X-ActorSync-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c> with
///   <c>X-ActorSync-Timestamp</c> within the source's replay window (<see cref="TimestampedSignature"/>).</item>
/// <item><c>POST /webhooks/mintsoft</c>: Mintsoft's order (despatch) or ASN (booked in) JSON, with the configured
///   shared secret as its <c>Authorization</c> header (Mintsoft sends the Connect action's <c>ExtraCode4</c> there).</item>
/// </list>
/// Refusals are 401 and logged without the body; over the source's <c>MaxBodyBytes</c> is 413; JSON that does not parse
/// is 400 naming line and position, a field that is wrong 400 problem details with its JSON path. The 200 goes out
/// only once the event is journaled in its source's inbox (a repeat of an id is a 200 with <c>duplicate</c>); 503 if
/// that takes more than a few seconds, so the sender delivers again.
/// </summary>
public static class WmsWebhooksApi
{
    public const string WmsPath = "/webhooks/wms/{source}";
    public const string MintsoftPath = "/webhooks/mintsoft";

    private static readonly TimeSpan JournalWait = TimeSpan.FromSeconds(5);

    public static void MapWmsWebhooksApi(this WebApplication app)
    {
        if (app.Services.GetService<WmsConnector>() is null) return;
        app.MapPost(WmsPath, async (string source, HttpRequest request, WmsConnector connector, ILoggerFactory logs, CancellationToken ct) =>
            await CanonicalAsync(source, request, connector, logs.CreateLogger("ActorSync.Webhooks.Wms"), TimeProvider.System.GetUtcNow(), ct));
        app.MapPost(MintsoftPath, async (HttpRequest request, WmsConnector connector, ILoggerFactory logs, CancellationToken ct) =>
            await MintsoftAsync(request, connector, logs.CreateLogger("ActorSync.Webhooks.Mintsoft"), ct));
    }

    private static async Task<IResult> CanonicalAsync(string sourceName, HttpRequest request, WmsConnector connector, ILogger log, DateTimeOffset now, CancellationToken ct)
    {
        if (connector.Sources.Find(sourceName) is not { } source)
            return OpsBody.Problem(StatusCodes.Status404NotFound, "Unknown source", "No warehouse source of that name is configured (Connectors:Wms:Sources).");
        var (body, tooLarge) = await ReadBoundedAsync(request, source.MaxBodyBytes, ct);
        if (tooLarge)
        {
            log.LogWarning("WMS webhook for {Source} refused: body over {Limit} bytes from {Remote}", source.Name, source.MaxBodyBytes, request.HttpContext.Connection.RemoteIpAddress);
            return OpsBody.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body may be at most {source.MaxBodyBytes} bytes.");
        }
        var verdict = TimestampedSignature.Verify(source.Secrets, request.Headers[TimestampedSignature.TimestampHeader].FirstOrDefault(),
            request.Headers[TimestampedSignature.SignatureHeader].FirstOrDefault(), body, now, source.ReplayWindow);
        if (!verdict.Valid)
        {
            // The reason names the header, never what was sent; the body is not logged.
            log.LogWarning("WMS webhook for {Source} refused ({Reason}) from {Remote}, {Bytes} bytes", source.Name, verdict.Reason, request.HttpContext.Connection.RemoteIpAddress, body.Length);
            return OpsBody.Problem(StatusCodes.Status401Unauthorized, "Webhook not verified", $"The delivery was refused: {verdict.Reason}.");
        }
        if (ReadJson(request, body) is { Problem: { } problem }) return problem;

        var text = Encoding.UTF8.GetString(body);
        WmsEvent e;
        try
        {
            e = WmsEventParser.Parse(text);
        }
        catch (ChannelPayloadException ex)
        {
            return Invalid("Invalid warehouse event", ex);
        }
        return await AcceptAsync(connector, source.Name, e.SourceEventId, e.Kind.ToString(), text, log, ct);
    }

    private static async Task<IResult> MintsoftAsync(HttpRequest request, WmsConnector connector, ILogger log, CancellationToken ct)
    {
        if (connector.Sources.Mintsoft is not { } mintsoft)
            return OpsBody.Problem(StatusCodes.Status404NotFound, "Not configured", "The Mintsoft connector is not configured (Connectors:Mintsoft).");
        var (body, tooLarge) = await ReadBoundedAsync(request, mintsoft.MaxBodyBytes, ct);
        if (tooLarge)
        {
            log.LogWarning("Mintsoft webhook refused: body over {Limit} bytes from {Remote}", mintsoft.MaxBodyBytes, request.HttpContext.Connection.RemoteIpAddress);
            return OpsBody.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body may be at most {mintsoft.MaxBodyBytes} bytes.");
        }
        var verdict = SharedSecretHeader.Verify(request.Headers.Authorization.FirstOrDefault(), mintsoft.Secrets, "Authorization");
        if (!verdict.Valid)
        {
            log.LogWarning("Mintsoft webhook refused ({Reason}) from {Remote}, {Bytes} bytes", verdict.Reason, request.HttpContext.Connection.RemoteIpAddress, body.Length);
            return OpsBody.Problem(StatusCodes.Status401Unauthorized, "Webhook not verified", $"The delivery was refused: {verdict.Reason}.");
        }
        if (ReadJson(request, body) is { Problem: { } problem }) return problem;

        var text = Encoding.UTF8.GetString(body);
        (string Key, string Kind) entry;
        try
        {
            // Parsed in full now, so a body the processor could not read is refused while Mintsoft is still listening.
            MintsoftParser.Parse(text, mintsoft.Options);
            entry = MintsoftParser.InboxKeyOf(text);
        }
        catch (ChannelPayloadException ex)
        {
            return Invalid("Invalid Mintsoft record", ex);
        }
        return await AcceptAsync(connector, MintsoftConnectorSettings.Name, entry.Key, entry.Kind, text, log, ct);
    }

    private static async Task<IResult> AcceptAsync(WmsConnector connector, string source, string key, string kind, string text, ILogger log, CancellationToken ct)
    {
        try
        {
            var result = await connector.AcceptAsync(source, key, kind, text, JournalWait, ct);
            return result.Accepted
                ? Results.Ok(new { accepted = true, duplicate = result.Duplicate, message = result.Message })
                : OpsBody.Problem(StatusCodes.Status400BadRequest, "Not taken", result.Message);
        }
        catch (Exception ex) when (ex is TimeoutException or TaskCanceledException or Akka.Actor.AskTimeoutException)
        {
            log.LogWarning("{Source} event {Kind} not journaled within {Seconds} s; answered 503 so it is delivered again", source, kind, JournalWait.TotalSeconds);
            return OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Not journaled", "The inbox did not take the event in time; deliver it again later.");
        }
    }

    /// <summary>415 for a body that is not JSON, 400 for an empty one or one that does not parse (line and position).</summary>
    private static (bool Ok, IResult? Problem) ReadJson(HttpRequest request, byte[] body)
    {
        if (!request.HasJsonContentType())
            return (false, OpsBody.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the event as JSON with Content-Type: application/json."));
        if (body.Length == 0)
            return (false, OpsBody.Problem(StatusCodes.Status400BadRequest, "Empty body", "Send the event as JSON."));
        try
        {
            _ = new UTF8Encoding(false, true).GetString(body);
            using (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 })) { }
            return (true, null);
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            var where = ex is JsonException { LineNumber: { } line } json ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
            return (false, OpsBody.Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid UTF-8 JSON{where}."));
        }
    }

    private static IResult Invalid(string title, ChannelPayloadException ex)
    {
        var path = ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field;
        return Results.Problem(title: title, statusCode: StatusCodes.Status400BadRequest, detail: $"{path} {ex.Problem}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [path] = [ex.Problem] } });
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; more (declared or sent) is "too large".</summary>
    private static async Task<(byte[] Body, bool TooLarge)> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return ([], true);
        }
        return (buffer.ToArray(), false);
    }
}

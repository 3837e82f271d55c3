using System.Text;
using System.Text.Json;
using ActorSync.Channels;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Webhooks;
using ActorSync.Engine.Connectors.BigCommerce;

namespace ActorSync.Host.Api;

/// <summary>
/// Inbound webhooks, outside the ops API's bearer token (channels cannot send one) with a check of their own:
/// <c>POST /webhooks/bigcommerce</c> takes <c>store/order/*</c> and <c>store/shipment/*</c> callbacks. The custom
/// header the hook was registered with must match (constant time), and a Standard Webhooks signature too when
/// configured; refused deliveries are 401 and logged without their body. Over <c>MaxBodyBytes</c> is 413, JSON that
/// does not parse or lacks the envelope's fields 400 problem details. A verified callback is journaled in the store's
/// inbox before the 200 goes out, and is worked afterwards, so a slow SAP never makes BigCommerce wait (it deactivates
/// a hook after 48 h of failures). If the inbox cannot journal it within a few seconds the answer is 503 and
/// BigCommerce delivers it again.
/// </summary>
public static class WebhooksApi
{
    public const string BigCommercePath = "/webhooks/bigcommerce";

    private static readonly TimeSpan JournalWait = TimeSpan.FromSeconds(5);

    public static void MapWebhooksApi(this WebApplication app)
    {
        if (app.Services.GetService<BigCommerceConnector>() is null) return;
        app.MapPost(BigCommercePath, async (HttpRequest request, BigCommerceConnector connector, ILoggerFactory logs, CancellationToken ct) =>
            await BigCommerceAsync(request, connector, logs.CreateLogger("ActorSync.Webhooks.BigCommerce"), TimeProvider.System.GetUtcNow(), ct));
    }

    private static async Task<IResult> BigCommerceAsync(HttpRequest request, BigCommerceConnector connector, ILogger log, DateTimeOffset now, CancellationToken ct)
    {
        var settings = connector.Settings;
        var (body, tooLarge) = await ReadBoundedAsync(request, settings.MaxBodyBytes, ct);
        if (tooLarge)
        {
            log.LogWarning("BigCommerce webhook refused: body over {Limit} bytes from {Remote}", settings.MaxBodyBytes, request.HttpContext.Connection.RemoteIpAddress);
            return OpsBody.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body may be at most {settings.MaxBodyBytes} bytes.");
        }

        var verdict = SharedSecretHeader.Verify(request.Headers[settings.WebhookHeader].FirstOrDefault(), settings.WebhookSecret, settings.WebhookHeader);
        if (verdict.Valid && !string.IsNullOrEmpty(settings.StandardWebhooksSecret))
            verdict = StandardWebhooks.Verify(settings.StandardWebhooksSecret, request.Headers[StandardWebhooks.IdHeader].FirstOrDefault(),
                request.Headers[StandardWebhooks.TimestampHeader].FirstOrDefault(), request.Headers[StandardWebhooks.SignatureHeader].FirstOrDefault(), body, now);
        if (!verdict.Valid)
        {
            // The reason names the header, never what was sent; the body is not logged.
            log.LogWarning("BigCommerce webhook refused ({Reason}) from {Remote}, {Bytes} bytes", verdict.Reason, request.HttpContext.Connection.RemoteIpAddress, body.Length);
            return OpsBody.Problem(StatusCodes.Status401Unauthorized, "Webhook not verified", $"The delivery was refused: {verdict.Reason}.");
        }

        if (!request.HasJsonContentType())
            return OpsBody.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the callback as JSON with Content-Type: application/json.");
        if (body.Length == 0)
            return OpsBody.Problem(StatusCodes.Status400BadRequest, "Empty body", "Send the webhook callback as JSON.");

        string text;
        BigCommerceWebhook hook;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
            using (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 })) { }
            hook = BigCommerceWebhookParser.Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            var where = ex is JsonException { LineNumber: { } line } json ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
            return OpsBody.Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid UTF-8 JSON{where}.");
        }
        catch (ChannelPayloadException ex)
        {
            return Results.Problem(title: "Invalid webhook callback", statusCode: StatusCodes.Status400BadRequest, detail: $"{ex.Field} {ex.Problem}",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Problem] } });
        }

        var producer = $"stores/{settings.StoreHash}";
        if (!string.IsNullOrEmpty(hook.Producer) && !string.Equals(hook.Producer, producer, StringComparison.OrdinalIgnoreCase))
            return OpsBody.Problem(StatusCodes.Status400BadRequest, "Another store", $"The callback's producer is not {producer}.");
        if (!BigCommerceWebhookParser.IsInbound(hook.Scope))
            return Results.Ok(new { accepted = false, message = $"Scope {hook.Scope} is not taken by the inbound connector." });

        try
        {
            var result = await connector.AcceptAsync(BigCommerceWebhookParser.InboxKey(hook), hook.Scope, text, JournalWait, ct);
            return Results.Ok(new { accepted = result.Accepted, duplicate = result.Duplicate, message = result.Message });
        }
        catch (Exception ex) when (ex is TimeoutException or TaskCanceledException or Akka.Actor.AskTimeoutException)
        {
            log.LogWarning("BigCommerce webhook {Scope} not journaled within {Seconds} s; answered 503 so BigCommerce delivers it again", hook.Scope, JournalWait.TotalSeconds);
            return OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Not journaled", "The inbox did not take the callback in time; deliver it again later.");
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; more (declared or sent) is "too large".</summary>
    internal static async Task<(byte[] Body, bool TooLarge)> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
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

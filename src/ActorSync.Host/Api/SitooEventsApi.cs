using System.Security.Cryptography;
using System.Text;
using ActorSync.Channels;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Engine.Connectors.Sitoo;

namespace ActorSync.Host.Api;

/// <summary>
/// The Sitoo Events SPI endpoint (channels.md §3.6), <c>POST /webhooks/sitoo</c>: Sitoo posts an array of up to 10
/// events and retries 429/503/504 with its whole queue blocked behind them (any other code drops the delivery). So:
/// optional Basic auth with credentials of the endpoint's own, compared in constant time (401 without the body in the
/// logs); 413 over <c>MaxBodyBytes</c>; 400 problem details for a body that is not a JSON array of at most 10; every
/// event journaled in the account's inbox, keyed by <c>event_id</c>, before the 200 (a duplicate is 200 too). An
/// event that cannot be used is journaled all the same and parked by the inbox, never answered 5xx: one poison event
/// must not block Sitoo's queue. Only a journal that does not answer in 5 s gives 503, so Sitoo sends it again.
/// </summary>
public static class SitooEventsApi
{
    public const string Path = "/webhooks/sitoo";

    private static readonly TimeSpan JournalWait = TimeSpan.FromSeconds(5);

    public static void MapSitooEventsApi(this WebApplication app)
    {
        if (app.Services.GetService<SitooConnector>() is null) return;
        app.MapPost(Path, async (HttpRequest request, SitooConnector connector, ILoggerFactory logs, CancellationToken ct) =>
            await EventsAsync(request, connector, logs.CreateLogger("ActorSync.Webhooks.Sitoo"), ct));
    }

    private static async Task<IResult> EventsAsync(HttpRequest request, SitooConnector connector, ILogger log, CancellationToken ct)
    {
        var settings = connector.Settings;
        if (settings.EventsAuthRequired && !Authorized(request.Headers.Authorization.FirstOrDefault(), settings.EventsUser!, settings.EventsPassword!))
        {
            // Nothing of what was sent is logged: neither the credentials nor the body.
            log.LogWarning("Sitoo events refused (Basic auth missing or wrong) from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"ActorSync Sitoo events\"";
            return OpsBody.Problem(StatusCodes.Status401Unauthorized, "Not authorized", "The delivery was refused: the Authorization header is missing or its Basic credentials are wrong.");
        }

        var (body, tooLarge) = await WebhooksApi.ReadBoundedAsync(request, settings.MaxBodyBytes, ct);
        if (tooLarge)
        {
            log.LogWarning("Sitoo events refused: body over {Limit} bytes from {Remote}", settings.MaxBodyBytes, request.HttpContext.Connection.RemoteIpAddress);
            return OpsBody.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"An events delivery may be at most {settings.MaxBodyBytes} bytes.");
        }
        if (!request.HasJsonContentType())
            return OpsBody.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the events as JSON with Content-Type: application/json.");

        IReadOnlyList<SitooDeliveredEvent> events;
        try
        {
            events = SitooEventsParser.ParseDelivery(new UTF8Encoding(false, true).GetString(body));
        }
        catch (DecoderFallbackException)
        {
            return OpsBody.Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid UTF-8.");
        }
        catch (ChannelPayloadException ex)
        {
            return Results.Problem(title: "Invalid events delivery", statusCode: StatusCodes.Status400BadRequest, detail: $"{ex.Field} {ex.Problem}",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Problem] } });
        }

        try
        {
            // Sent in the delivery's (chronological) order; the inbox journals them in that order.
            var asks = events.Select(e => connector.AcceptAsync(e.Key, SitooInboxKeys.EventKind, e.Payload, JournalWait, ct)).ToList();
            var results = await Task.WhenAll(asks);
            if (results.FirstOrDefault(r => !r.Accepted) is { } refused)
            {
                log.LogError("Sitoo event {Key} not journaled ({Message}); answered 503 so Sitoo sends the delivery again", refused.Key, refused.Message);
                return OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Not journaled", "The inbox did not take every event; send the delivery again later.");
            }
            var unusable = events.Count(e => !e.Usable);
            if (unusable > 0) log.LogWarning("Sitoo delivery with {Count} unusable event(s): journaled and parked for the integration team", unusable);
            return Results.Ok(new { accepted = results.Count(r => !r.Duplicate), duplicates = results.Count(r => r.Duplicate) });
        }
        catch (Exception ex) when (ex is TimeoutException or TaskCanceledException or Akka.Actor.AskTimeoutException)
        {
            log.LogWarning("Sitoo events not journaled within {Seconds} s; answered 503 so Sitoo sends them again", JournalWait.TotalSeconds);
            return OpsBody.Problem(StatusCodes.Status503ServiceUnavailable, "Not journaled", "The inbox did not take the events in time; send them again later.");
        }
    }

    /// <summary>Basic <c>user:password</c> against the configured pair; both compared as SHA-256 digests in constant time (lengths do not leak either).</summary>
    public static bool Authorized(string? header, string user, string password)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] sent;
        try
        {
            sent = Convert.FromBase64String(header[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(sent), expected);
    }
}

using System.Text.Json;
using ActorSync.Domain.Audit;
using ActorSync.Engine.Audit;
using static ActorSync.Domain.Audit.AuditCommands;

namespace ActorSync.Host.Api;

/// <summary>
/// The audit trail over HTTP: <c>GET /api/audit?since=&amp;who=&amp;target=&amp;action=&amp;limit=</c> (a read token is
/// enough): the newest <c>limit</c> (default 100, at most 1,000) matching entries, oldest first. Nothing changes or
/// deletes an entry: the route answers GET only (any other method is 405).
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;

    public static void MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/audit", async (string? since, string? who, string? target, string? action, int? limit, AuditTrailClient trail, CancellationToken ct) =>
        {
            DateTimeOffset? from = null;
            if (!string.IsNullOrWhiteSpace(since))
            {
                if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                    return OpsBody.Problem(StatusCodes.Status400BadRequest, "Invalid since", $"since must be a date and time such as 2026-11-27T09:00:00Z (was '{since}').");
                from = parsed;
            }
            if (limit is < 1 or > AuditTrailState.MaxLimit)
                return OpsBody.Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"limit must be 1 to {AuditTrailState.MaxLimit} (was {limit}).");
            var list = await trail.ListAsync(new AuditFilter(from, Trim(who), Trim(target), Trim(action)), limit ?? DefaultLimit, ct);
            return Results.Json(new { count = list.Items.Count, matched = list.Matched, items = list.Items }, FlowsApi.Json);
        });
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// Records every change made through the ops API before it runs: who (the token's name), from where, which action on
/// which target and the note or reason given, then how it ended. If the entry cannot be written the change is refused
/// (503) and nothing is done: an action may fail, but never go unrecorded. Actions are named per route
/// (<see cref="Routes"/>); a change route missing from the table is still recorded, as <c>post /api/…</c>.
/// </summary>
public sealed class AuditRecording(AuditTrailClient trail, ILogger logger)
{
    /// <summary>What a route's action is called and where its target and detail come from (route values, the JSON body).</summary>
    public sealed record AuditedRoute(string Action, Func<RouteValueDictionary, JsonElement?, string?> Target, Func<JsonElement?, string?>? Detail = null);

    /// <summary>Every change route of the ops API, by method and route pattern.</summary>
    public static readonly IReadOnlyDictionary<string, AuditedRoute> Routes = new Dictionary<string, AuditedRoute>(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/exceptions/{id}/retry"] = new("exception.retry", (r, _) => Route(r, "id")),
        ["POST /api/exceptions/{id}/resolve"] = new("exception.resolve", (r, _) => Route(r, "id"), b => Field(b, "note")),
        ["POST /api/exceptions/{id}/ignore"] = new("exception.ignore", (r, _) => Route(r, "id"), b => Field(b, "reason")),
        ["POST /api/cluster/leave"] = new("cluster.leave", (_, b) => Field(b, "address")),
        ["POST /api/gateway/sap/allow-logins"] = new("sap.allow-logins", (_, _) => "sap"),
        ["POST /api/orders/{orderId}/retry"] = new("order.retry", (r, _) => Route(r, "orderId")),
        ["POST /api/payments"] = new("payment.report", (_, b) => Key(b, "channel", "orderExternalId"), b => Fields(b, "paymentId", "method", "amount", "date")),
        ["POST /api/cancellations"] = new("order.cancel", (_, b) => Key(b, "channel", "orderExternalId"), b => Field(b, "reason")),
        ["POST /api/pos-transactions/{transactionId}/retry"] = new("pos.retry", (r, _) => Route(r, "transactionId")),
        ["POST /api/recon/runs"] = new("recon.run", (_, _) => "reconciliation", b => Fields(b, "flow", "since")),
        ["POST /api/warehouse-movements/windows/{windowId}/retry/{itemKey}"] = new("warehouse.retry", (r, _) => $"{Route(r, "windowId")}/{Route(r, "itemKey")}"),
    };

    /// <summary>
    /// Records that channels and warehouse systems deliver through the ops API: machine traffic, not an operator's
    /// action, journaled by the record's own entity (which keeps every delivery and its duplicates). Recording them
    /// would cost every record a second journal write and push operators' actions out of the trail's window.
    /// </summary>
    public static readonly IReadOnlySet<string> Intake = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "POST /api/orders", "POST /api/dispatches", "POST /api/refunds", "POST /api/stock/snapshot", "POST /api/pos-transactions", "POST /api/warehouse-movements",
    };

    /// <summary>The recorder when the service has an audit trail (the engine registers one); null for a bare app.</summary>
    public static AuditRecording? For(WebApplication app) =>
        app.Services.GetService<AuditTrailClient>() is { } trail ? new AuditRecording(trail, app.Logger) : null;

    /// <summary>The route's key in <see cref="Routes"/>: its method and pattern (<c>POST /api/exceptions/{id}/resolve</c>).</summary>
    public static string? RouteKey(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint ? $"{context.Request.Method} {"/" + endpoint.RoutePattern.RawText?.Trim('/')}" : null;

    public async Task RunAsync(HttpContext context, OpsCaller caller, RequestDelegate next)
    {
        var key = RouteKey(context);
        if (key is null || Intake.Contains(key))
        {
            // No route matched (404, or 405 for a method the path does not take): nothing can change; or a record delivered.
            await next(context);
            return;
        }
        var route = Routes.GetValueOrDefault(key) ?? new AuditedRoute(context.Request.Method.ToLowerInvariant() + " " + context.Request.Path, (_, _) => null);
        var body = await PeekJsonAsync(context.Request, context.RequestAborted);
        var recorded = await RecordAroundAsync(caller, context.Connection.RemoteIpAddress?.ToString(), route, context.Request.RouteValues, body, async () =>
        {
            await next(context);
            return context.Response.StatusCode;
        }, context.RequestAborted);
        if (recorded is null)
            await Results.Problem(title: "Audit trail unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"The audit trail could not record {route.Action}, so nothing was done; try again shortly.").ExecuteAsync(context);
    }

    /// <summary>
    /// Records the action of <paramref name="route"/> (one of <see cref="Routes"/>, such as <c>exception.resolve</c>) by
    /// <paramref name="caller"/>, runs <paramref name="act"/> only once the trail has it, then records the status it
    /// answered. The ops API's door and the web console both act through here, so an action is named, targeted and
    /// detailed the same way whichever way it came. Null when the trail could not record it: then nothing ran.
    /// </summary>
    public async Task<int?> RecordAroundAsync(OpsCaller caller, string? from, AuditedRoute route, RouteValueDictionary routeValues, JsonElement? body,
        Func<Task<int>> act, CancellationToken ct)
    {
        var action = new RecordAction(caller.Name, from, route.Action, route.Target(routeValues, body), route.Detail?.Invoke(body), DateTimeOffset.UtcNow);
        long number;
        try
        {
            number = await trail.RecordAsync(action, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Audit trail could not record {Action} on {Target} by {Who}: {Reason}; the action was refused.", action.Action, action.Target, action.Who, ex.Message);
            return null;
        }
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            status = await act();
        }
        finally
        {
            try
            {
                await trail.CompleteAsync(number, status, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The action is recorded; only how it ended is missing (the entry shows no answer).
                logger.LogWarning("Audit entry {Number} ({Action}): its outcome {Status} was not recorded: {Reason}", number, action.Action, status, ex.Message);
            }
        }
        return status;
    }

    /// <summary>The JSON body, read and put back for the route; null when there is none or it does not parse (the route says why).</summary>
    private static async Task<JsonElement?> PeekJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType() || request.ContentLength > OpsBody.MaxBodyBytes) return null;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: OpsBody.MaxBodyBytes + 1);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? Route(RouteValueDictionary values, string name) => values.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static string? Field(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } b && TryGet(b, name, out var value) ? value : null;

    private static string? Key(JsonElement? body, string first, string second) =>
        Field(body, first) is { } a && Field(body, second) is { } b ? $"{a}:{b}" : null;

    private static string? Fields(JsonElement? body, params string[] names)
    {
        var parts = names.Select(n => (n, v: Field(body, n))).Where(p => p.v is not null).Select(p => $"{p.n} {p.v}").ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>Case-insensitive, as the routes bind bodies; only text and numbers (never a nested object).</summary>
    private static bool TryGet(JsonElement body, string name, out string? value)
    {
        foreach (var property in body.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
                return value is not null;
            }
        value = null;
        return false;
    }
}

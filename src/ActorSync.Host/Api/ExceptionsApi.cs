using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Audit;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Engine.Api;
using ActorSync.Engine.Audit;

namespace ActorSync.Host.Api;

/// <summary>
/// The exception queue over HTTP: list and filter, read one, retry, resolve (optional note), ignore (reason required).
/// Answers use kebab-case names for statuses and teams (<c>open</c>, <c>customer-service</c>), as operators type them.
/// </summary>
public static class ExceptionsApi
{
    public sealed record ResolveBody(string? Note);
    public sealed record IgnoreBody(string? Reason);

    /// <summary>One exception as operators read it: flat, with the owning team and the next step up front.</summary>
    public sealed record ExceptionView(string Id, ExceptionStatus Status, string Type, OwningTeam Team, string RecordKind, string RecordId,
        string Reason, string SuggestedAction, int Attempts, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
        int RetryRequests, DateTimeOffset? LastRetryRequestedAt, string? LastRetryResult, string? Note, DateTimeOffset? ClosedAt,
        string OriginalPayload)
    {
        public static ExceptionView Of(ExceptionRecord e) => new(e.Id, e.Status, e.Type, e.Team, e.RecordKind, e.RecordId, e.Reason,
            e.SuggestedAction, e.Attempts, e.FirstSeen, e.LastSeen, e.RetryRequests, e.LastRetryRequestedAt, e.LastRetryResult, e.Note,
            e.ClosedAt, e.OriginalPayload);
    }

    public sealed record CommandView(string ExceptionId, ExceptionResultCode Code, string Message, ExceptionView? Exception);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void MapExceptionsApi(this WebApplication app)
    {
        var exceptions = app.MapGroup("/api/exceptions");

        exceptions.MapGet("", async (string? status, string? team, string? type, string? kind, ExceptionQueueClient queue, CancellationToken ct) =>
        {
            if (!TryParse(status, out ExceptionStatus? parsedStatus))
                return Error(StatusCodes.Status400BadRequest, $"Unknown status '{status}'; use one of: {Names<ExceptionStatus>()}.");
            if (!TryParse(team, out OwningTeam? parsedTeam))
                return Error(StatusCodes.Status400BadRequest, $"Unknown team '{team}'; use one of: {Names<OwningTeam>()}.");
            var items = await queue.ListAsync(new ExceptionFilter(parsedStatus, parsedTeam, NullIfEmpty(type), NullIfEmpty(kind)), ct);
            return Results.Json(new { count = items.Count, items = items.Select(ExceptionView.Of) }, Json);
        });

        // The exception with its history: what the queue knows (raised, failures, the last retry, the close) and the
        // audit entries aimed at it (who retried, resolved or ignored it, with the note or reason).
        exceptions.MapGet("/{id}", async (string id, HttpContext context, ExceptionQueueClient queue, CancellationToken ct) =>
        {
            if (await queue.GetAsync(id, ct) is not { } found) return Error(StatusCodes.Status404NotFound, $"No exception {id}.");
            var view = JsonSerializer.SerializeToNode(ExceptionView.Of(found), Json)!.AsObject();
            view["history"] = JsonSerializer.SerializeToNode(await HistoryAsync(found, context.RequestServices, ct), Json);
            return Results.Json(view, Json);
        });

        exceptions.MapPost("/{id}/retry", async (string id, ExceptionQueueClient queue, CancellationToken ct) =>
            ToResult(await ActAsync(queue, ExceptionAction.Retry, id, null, ct)));

        exceptions.MapPost("/{id}/resolve", async (string id, ResolveBody? body, ExceptionQueueClient queue, CancellationToken ct) =>
            ToResult(await ActAsync(queue, ExceptionAction.Resolve, id, body?.Note, ct)));

        exceptions.MapPost("/{id}/ignore", async (string id, IgnoreBody? body, ExceptionQueueClient queue, CancellationToken ct) =>
            ToResult(await ActAsync(queue, ExceptionAction.Ignore, id, body?.Reason, ct)));
    }

    /// <summary>What an operator may do to an exception; the web console offers the same three.</summary>
    public enum ExceptionAction { Retry, Resolve, Ignore }

    /// <summary>The route of each action, as <see cref="AuditRecording.Routes"/> names it.</summary>
    public static string RouteOf(ExceptionAction action) => action switch
    {
        ExceptionAction.Retry => "POST /api/exceptions/{id}/retry",
        ExceptionAction.Resolve => "POST /api/exceptions/{id}/resolve",
        _ => "POST /api/exceptions/{id}/ignore",
    };

    /// <summary>The body the route takes for an action (<c>{"note": …}</c>, <c>{"reason": …}</c>), which the audit trail reads its detail from.</summary>
    public static JsonElement? BodyOf(ExceptionAction action, string? text) => action switch
    {
        ExceptionAction.Resolve => JsonSerializer.SerializeToElement(new ResolveBody(text), Json),
        ExceptionAction.Ignore => JsonSerializer.SerializeToElement(new IgnoreBody(text), Json),
        _ => null,
    };

    /// <summary>The one way an exception is retried, resolved (note optional) or ignored (reason required), for the API and the console.</summary>
    public static Task<ExceptionCommandResult> ActAsync(ExceptionQueueClient queue, ExceptionAction action, string id, string? text, CancellationToken ct) => action switch
    {
        ExceptionAction.Retry => queue.RetryAsync(id, ct),
        ExceptionAction.Resolve => queue.ResolveAsync(id, text, ct),
        _ => queue.IgnoreAsync(id, text, ct),
    };

    /// <summary>The HTTP status of an action's result (400 invalid, 404 no such exception, 409 already closed).</summary>
    public static int StatusOf(ExceptionCommandResult result) => result.Code switch
    {
        ExceptionResultCode.Invalid => StatusCodes.Status400BadRequest,
        ExceptionResultCode.NotFound => StatusCodes.Status404NotFound,
        ExceptionResultCode.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status200OK,
    };

    private static IResult ToResult(ExceptionCommandResult result)
    {
        var view = new CommandView(result.ExceptionId, result.Code, result.Message, result.Exception is null ? null : ExceptionView.Of(result.Exception));
        return Results.Json(view, Json, statusCode: StatusOf(result));
    }

    /// <summary>An exception's history: what the queue knows and the audit entries aimed at it (who, note or reason, answer).</summary>
    public static async Task<IReadOnlyList<ExceptionHistoryItem>> HistoryAsync(ExceptionRecord found, IServiceProvider services, CancellationToken ct)
    {
        var audit = services.GetService<AuditTrailClient>() is { } trail
            ? (await trail.ListAsync(new AuditFilter(Target: found.Id), AuditTrailState.MaxLimit, ct)).Items
            : [];
        return ExceptionHistory.Of(found, audit);
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);

    /// <summary>Accepts any spelling operators use: <c>customer-service</c>, <c>customer service</c>, <c>CustomerService</c>.</summary>
    private static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var compact = text.Replace("-", "").Replace("_", "").Replace(" ", "");
        if (!Enum.TryParse<T>(compact, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || compact.All(char.IsDigit)) return false;
        value = parsed;
        return true;
    }

    private static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())));

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Pos;
using ActorSync.Engine.Warehouse;

namespace ActorSync.Host.Api;

/// <summary>
/// The POS and warehouse flows over HTTP. Bodies are the domain's records as JSON (what the Sitoo and WMS parsers
/// produce), with enums by name (<c>"kind": "Sale"</c>, <c>"kind": "Receipt"</c>):
/// <list type="bullet">
/// <item><c>POST /api/pos-transactions</c> (a <see cref="PosTransaction"/>): 202 once journaled, 200 for a duplicate, 409 for other content under the same id.</item>
/// <item><c>GET /api/pos-transactions/{channel:id}</c>, <c>POST /api/pos-transactions/{channel:id}/retry</c>.</item>
/// <item><c>POST /api/warehouse-movements</c> (a <see cref="WarehouseMovement"/>): 202 with the window it went to.</item>
/// <item><c>GET /api/warehouse-movements/windows/{windowId}</c>, <c>POST /api/warehouse-movements/windows/{windowId}/retry/{itemKey}</c>.</item>
/// </list>
/// </summary>
public static class FlowsApi
{
    /// <summary>Records as the ops API shows them: camelCase, enums by name.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Binds the <c>Pos</c> and <c>Warehouse</c> sections and validates them, so a bad key stops the service with its name.</summary>
    public static void BindFlowSettings(IConfiguration configuration, EngineSettings settings)
    {
        configuration.GetSection(PosFlowSettings.SectionName).Bind(settings.Pos);
        configuration.GetSection(WarehouseFlowSettings.SectionName).Bind(settings.Warehouse);
        settings.Pos.Validate();
        settings.Warehouse.Validate();
    }

    public static void MapFlowsApi(this WebApplication app)
    {
        var pos = app.MapGroup("/api/pos-transactions");
        pos.MapPost("", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (transaction, problem) = await OpsBody.ReadAsync<PosTransaction>(request, t => RecordChecks.Check(t), ct);
            if (transaction is null) return problem!;
            var result = await engine.SubmitPosTransactionAsync(transaction, ct);
            return ToHttp(result.Code, result, request.HttpContext.Response, $"/api/pos-transactions/{Uri.EscapeDataString(result.TransactionId)}");
        });
        pos.MapGet("/{transactionId}", async (string transactionId, SyncEngine engine, CancellationToken ct) =>
        {
            var state = await engine.GetPosTransactionAsync(transactionId, ct);
            return state.IsEmpty ? Error(StatusCodes.Status404NotFound, $"No POS transaction {transactionId}.") : Results.Json(state, Json);
        });
        pos.MapPost("/{transactionId}/retry", async (string transactionId, SyncEngine engine, CancellationToken ct) =>
        {
            var result = await engine.RetryPosTransactionAsync(transactionId, ct);
            return ToHttp(result.Code, result, null, null);
        });

        var warehouse = app.MapGroup("/api/warehouse-movements");
        warehouse.MapPost("", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (movement, problem) = await OpsBody.ReadAsync<WarehouseMovement>(request, m => RecordChecks.Check(m), ct);
            if (movement is null) return problem!;
            var result = await engine.SubmitWarehouseMovementAsync(movement, ct);
            return ToHttp(result.Code, result, request.HttpContext.Response, $"/api/warehouse-movements/windows/{Uri.EscapeDataString(result.WindowId)}");
        });
        warehouse.MapGet("/windows/{windowId}", async (string windowId, SyncEngine engine, CancellationToken ct) =>
        {
            var state = await engine.GetWarehouseWindowAsync(windowId, ct);
            return state.IsEmpty ? Error(StatusCodes.Status404NotFound, $"No warehouse window {windowId}.") : Results.Json(state, Json);
        });
        warehouse.MapPost("/windows/{windowId}/retry/{itemKey}", async (string windowId, string itemKey, SyncEngine engine, CancellationToken ct) =>
        {
            var result = await engine.RetryWarehouseItemAsync(windowId, itemKey, ct);
            return ToHttp(result.Code, result, null, null);
        });
    }

    private static IResult ToHttp(CommandResultCode code, object result, HttpResponse? response, string? location)
    {
        if (code == CommandResultCode.Accepted && response is not null && location is not null)
        {
            response.Headers.Location = location;
            return Results.Json(result, Json, statusCode: StatusCodes.Status202Accepted);
        }
        return ToHttp(code, result);
    }

    private static IResult ToHttp(CommandResultCode code, object result) => code switch
    {
        CommandResultCode.NotFound => Results.Json(result, Json, statusCode: StatusCodes.Status404NotFound),
        CommandResultCode.Rejected => Results.Json(result, Json, statusCode: StatusCodes.Status400BadRequest),
        CommandResultCode.Conflict => Results.Json(result, Json, statusCode: StatusCodes.Status409Conflict),
        _ => Results.Json(result, Json),
    };

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);
}

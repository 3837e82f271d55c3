using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Stock;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;

namespace ActorSync.Host.Api;

/// <summary>The service: the engine on this node plus a small ops API over it.</summary>
public static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args, string? akkaHocon)
    {
        var builder = WebApplication.CreateBuilder(args);
        EngineSettings settings;
        try
        {
            settings = LoadSettings(builder.Configuration);
        }
        catch (Exception ex) when (ex is ArgumentException or MappingValidationException or InvalidOperationException)
        {
            // Configuration errors stop the service before anything starts, with the key that is wrong.
            Console.Error.WriteLine($"Configuration error: {ex.Message}");
            return 2;
        }
        builder.Services.AddActorSyncEngine(settings, akkaHocon);
        var app = builder.Build();
        app.MapOpsApi();
        await app.RunAsync();
        return 0;
    }

    /// <summary>Binds and validates every section at start, so a bad key stops the service with its name.</summary>
    public static EngineSettings LoadSettings(IConfiguration configuration)
    {
        var settings = new EngineSettings();
        configuration.GetSection("Cluster").Bind(settings.Cluster);
        configuration.GetSection("Persistence").Bind(settings.Persistence);
        configuration.GetSection("ServiceLayer").Bind(settings.ServiceLayer);
        configuration.GetSection("Gateway").Bind(settings.Gateway);
        configuration.GetSection("Orders").Bind(settings.Orders);
        configuration.GetSection("MasterData").Bind(settings.MasterData);
        configuration.GetSection("Tracking").Bind(settings.Tracking);
        FlowsApi.BindFlowSettings(configuration, settings);
        var mapping = configuration.GetSection(MappingSettings.SectionName);
        if (mapping.Exists())
        {
            var bound = new MappingSettings();
            mapping.Bind(bound);
            bound.ThrowIfInvalid(); // names every bad key, e.g. Mapping:ShippingTypes:flatrate_flatrate
            settings.Orders.Mapping = bound.ToOrderMapping();
        }
        settings.Cluster.Validate();
        settings.Persistence.Validate();
        settings.Gateway.Validate();
        settings.Orders.Validate();
        settings.MasterData.Validate();
        settings.ServiceLayer.Validate();
        settings.Tracking.Validate();
        return settings;
    }

    private static IResult ToHttp(OrderCommandResult result) => result.Code switch
    {
        CommandResultCode.NotFound => Results.NotFound(result),
        CommandResultCode.Rejected => Results.BadRequest(result),
        CommandResultCode.Conflict => Results.Conflict(result),
        _ => Results.Ok(result),
    };

    public static void MapOpsApi(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapPost("/api/orders", async (ChannelOrder order, SyncEngine engine, CancellationToken ct) =>
        {
            var result = await engine.SubmitOrderAsync(order, ct);
            return result.IsError ? Results.BadRequest(result) : Results.Accepted($"/api/orders/{Uri.EscapeDataString(order.Key.EntityId)}", result);
        });
        app.MapGet("/api/orders/{orderId}", async (string orderId, SyncEngine engine, CancellationToken ct) =>
        {
            var state = await engine.GetOrderAsync(orderId, ct);
            return state.IsEmpty ? Results.NotFound(new { error = $"No order {orderId}." }) : Results.Ok(state);
        });
        app.MapPost("/api/orders/{orderId}/retry", async (string orderId, SyncEngine engine, CancellationToken ct) =>
        {
            var result = await engine.RetryOrderAsync(orderId, ct);
            return result.IsError ? Results.BadRequest(result) : Results.Ok(result);
        });
        app.MapPost("/api/dispatches", async (DispatchConfirmation dispatch, SyncEngine engine, CancellationToken ct) =>
            ToHttp(await engine.RecordDispatchAsync(dispatch, ct)));
        app.MapPost("/api/refunds", async (RefundRequest refund, SyncEngine engine, CancellationToken ct) =>
            ToHttp(await engine.RecordRefundAsync(refund, ct)));
        app.MapPost("/api/cancellations", async (OrderCancellation cancellation, SyncEngine engine, CancellationToken ct) =>
            ToHttp(await engine.CancelOrderAsync(cancellation, ct)));
        app.MapPost("/api/stock/snapshot", async (StockLevel[] levels, SyncEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.ApplyStockSnapshotAsync(levels, DateTimeOffset.UtcNow, ct)));
        app.MapGet("/api/stock/{warehouse}/{sku}", async (string warehouse, string sku, SyncEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.GetStockAsync(new StockKey(warehouse, sku), ct)));
        app.MapGet("/api/gateway", async (SyncEngine engine, CancellationToken ct) => Results.Ok(await engine.GetGatewayStatsAsync(ct)));
        app.MapExceptionsApi();
        app.MapFlowsApi();
    }
}

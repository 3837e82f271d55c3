using System.Text.Json;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Engine.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Stock;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Host.WebConsole;

namespace ActorSync.Host.Api;

/// <summary>The service: the engine on this node plus a small ops API over it.</summary>
public static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args, string? akkaHocon)
    {
        var builder = WebApplication.CreateBuilder(args);
        WebApplication app;
        try
        {
            app = Build(builder, akkaHocon);
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            // Configuration errors stop the service before anything starts, with the key that is wrong.
            Console.Error.WriteLine($"Configuration error: {ex.Message}");
            return 2;
        }
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"Cannot listen on {builder.Configuration["Urls"]}: the address is already in use. Stop what holds it or set Urls to another port.");
            await app.StopAsync();
            return 2;
        }
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>A configuration problem (the message names the key), as opposed to a fault of the machine.</summary>
    public static bool IsConfigurationError(Exception ex) => ex is ArgumentException or MappingValidationException or InvalidOperationException;

    /// <summary>
    /// The service from the builder's configuration: every section validated (throws naming the key, see
    /// <see cref="IsConfigurationError"/>), the engine, the ops API with its access rule, the webhook endpoints.
    /// <c>run</c> and the channel demo both start it this way.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder, string? akkaHocon)
    {
        // The one place secrets from files join the configuration (Configuration/SecretFiles: precedence, errors).
        Configuration.SecretFiles.AddTo(builder.Configuration, Environment.GetEnvironmentVariables());
        var settings = LoadSettings(builder.Configuration);
        var access = new OpsAccessSettings();
        builder.Configuration.GetSection(OpsAccessSettings.SectionName).Bind(access);
        access.Validate(builder.Configuration["Urls"]);
        builder.Services.AddActorSyncEngine(settings, akkaHocon).AddOpsApi();
        var app = builder.Build();
        app.UseOpsAccess(access);
        app.MapOpsApi();
        return app;
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
        configuration.GetSection("Connectors").Bind(settings.Connectors);
        configuration.GetSection(ActorSync.Engine.StockPublishing.StockPublishingSettings.Section).Bind(settings.StockPublishing);
        configuration.GetSection(ActorSync.Engine.Catalogue.CatalogueSettings.Section).Bind(settings.Catalogue);
        configuration.GetSection(ActorSync.Engine.Reconciliation.ReconciliationSettings.Section).Bind(settings.Reconciliation);
        FlowsApi.BindFlowSettings(configuration, settings);
        var mapping = configuration.GetSection(MappingSettings.SectionName);
        if (mapping.Exists())
        {
            var bound = new MappingSettings();
            mapping.Bind(bound);
            bound.ThrowIfInvalid(); // names every bad key, e.g. Mapping:ShippingTypes:flatrate_flatrate
            settings.Orders.Mapping = bound.ToOrderMapping();
        }
        // Every section the engine binds is a property of EngineSettings with the section's name; Ops is the host's own.
        var unknown = typeof(EngineSettings).GetProperties().Select(p => (p.Name, p.PropertyType))
            .Append((OpsAccessSettings.SectionName, typeof(OpsAccessSettings)))
            .SelectMany(s => ConfigurationKeys.Unknown(configuration, s.Item1, s.Item2)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown configuration keys (they would be ignored): {string.Join(", ", unknown)}.");
        settings.Cluster.Validate();
        settings.Persistence.Validate();
        settings.Gateway.Validate();
        settings.Orders.Validate();
        settings.MasterData.Validate();
        settings.ServiceLayer.Validate();
        settings.Tracking.Validate();
        settings.Connectors.Validate();
        settings.Alerts.Validate();
        settings.Reconciliation.Validate();
        if (settings.StockPublishing.Channels.Any()) settings.StockPublishing.Validate(settings.Orders.EffectiveMapping);
        if (settings.Catalogue.Channels.Any()) settings.Catalogue.Validate(settings.Orders.EffectiveMapping);
        return settings;
    }

    private static IResult ToHttp(OrderCommandResult result) => result.Code switch
    {
        CommandResultCode.NotFound => Results.NotFound(result),
        CommandResultCode.Rejected => Results.BadRequest(result),
        CommandResultCode.Conflict => Results.Conflict(result),
        _ => Results.Ok(result),
    };

    /// <summary>The ops API's services: answers name enums (<c>"code": "Accepted"</c>), as the routes document them.</summary>
    public static IServiceCollection AddOpsApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

    /// <summary>An order as operators read it (the API and the console): the journaled state, enums by name, and what it waits for now (null when settled or parked); null when the engine never had it.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject?> OrderViewAsync(SyncEngine engine, string orderId, CancellationToken ct)
    {
        var progress = await engine.GetOrderProgressAsync(orderId, ct);
        if (progress.Order.IsEmpty) return null;
        var view = JsonSerializer.SerializeToNode(progress.Order, FlowsApi.Json)!.AsObject();
        view["waitingFor"] = JsonSerializer.SerializeToNode(progress.Waiting, FlowsApi.Json);
        return view;
    }

    public static void MapOpsApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapPost("/api/orders", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (order, problem) = await OpsBody.ReadAsync<ChannelOrder>(request, o => RecordChecks.Check(o), ct);
            if (order is null) return problem!;
            var result = await engine.SubmitOrderAsync(order, ct);
            return result.Code == CommandResultCode.Accepted
                ? Results.Accepted($"/api/orders/{Uri.EscapeDataString(order.Key.EntityId)}", result)
                : ToHttp(result);
        });
        app.MapGet("/api/orders/{orderId}", async (string orderId, SyncEngine engine, CancellationToken ct) =>
            await OrderViewAsync(engine, orderId, ct) is { } view
                ? Results.Json(view, FlowsApi.Json)
                : Results.NotFound(new { error = $"No order {orderId}." }));
        app.MapPost("/api/orders/{orderId}/retry", async (string orderId, SyncEngine engine, CancellationToken ct) =>
        {
            var result = await engine.RetryOrderAsync(orderId, ct);
            return result.IsError ? Results.BadRequest(result) : Results.Ok(result);
        });
        app.MapPost("/api/dispatches", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (record, problem) = await OpsBody.ReadAsync<DispatchConfirmation>(request, o => RecordChecks.Check(o), ct);
            return record is null ? problem! : ToHttp(await engine.RecordDispatchAsync(record, ct));
        });
        app.MapPost("/api/refunds", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (record, problem) = await OpsBody.ReadAsync<RefundRequest>(request, o => RecordChecks.Check(o), ct);
            return record is null ? problem! : ToHttp(await engine.RecordRefundAsync(record, ct));
        });
        app.MapPost("/api/payments", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            // Money reported for an order after it arrived (cash on delivery collected, a transfer that came in).
            var (record, problem) = await OpsBody.ReadAsync<PaymentReport>(request, o => RecordChecks.Check(o), ct);
            return record is null ? problem! : ToHttp(await engine.RecordPaymentAsync(record, ct));
        });
        app.MapGet("/api/payments/reconciliation", async (string? channel, string? day, PaymentReconciliationReader reader, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(channel) || !DateOnly.TryParseExact(day, "yyyy-MM-dd", out var date))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "channel and day (yyyy-MM-dd) are required",
                    detail: "GET /api/payments/reconciliation?channel=magento&day=2026-11-27");
            return Results.Json(await reader.ReadAsync(channel.Trim(), date, ct), FlowsApi.Json);
        });
        app.MapPost("/api/cancellations", async (HttpRequest request, SyncEngine engine, CancellationToken ct) =>
        {
            var (record, problem) = await OpsBody.ReadAsync<OrderCancellation>(request, o => RecordChecks.Check(o), ct);
            return record is null ? problem! : ToHttp(await engine.CancelOrderAsync(record, ct));
        });
        app.MapPost("/api/stock/snapshot", async (StockLevel[] levels, SyncEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.ApplyStockSnapshotAsync(levels, DateTimeOffset.UtcNow, ct)));
        app.MapGet("/api/stock/{warehouse}/{sku}", async (string warehouse, string sku, SyncEngine engine, CancellationToken ct) =>
            await engine.GetStockAsync(new StockKey(warehouse, sku), ct) is { IsEmpty: false } position
                ? Results.Ok(position)
                : Results.NotFound(new { error = $"No stock position for {sku} in warehouse {warehouse}: SAP's figures for it have not reached the engine." }));
        // What stock publishing does: the SAP reader's cursors and sweeps, and per channel the changes seen against the
        // items sent against the calls made, what is owed, 429s and refusals (404 when no channel publishes stock).
        app.MapGet("/api/stock/publishing", async (ActorSync.Engine.StockPublishing.StockPublishingClient publishing, CancellationToken ct) =>
            publishing.Enabled ? Results.Ok(await publishing.GetAsync(ct)) : Results.NotFound(new { message = "No StockPublishing channel is configured." }));
        // What the catalogue does: the items reader's cursor, and per channel what it was told, owes and refused, calls, 429s.
        app.MapGet("/api/catalogue", async (ActorSync.Engine.Catalogue.CatalogueClient catalogue, CancellationToken ct) =>
            catalogue.Enabled ? Results.Ok(await catalogue.GetAsync(ct)) : Results.NotFound(new { message = "No Catalogue channel is configured." }));
        app.MapGet("/api/gateway", async (SyncEngine engine, CancellationToken ct) => Results.Ok(await engine.GetGatewayStatsAsync(ct)));
        app.MapExceptionsApi();
        app.MapAuditApi();
        app.MapReconApi();
        app.MapFlowsApi();
        app.MapClusterApi();
        app.MapOperationsApi();
        app.MapWebhooksApi();
        app.MapWmsWebhooksApi();
        app.MapSitooEventsApi();
        app.MapWebConsole();
    }
}

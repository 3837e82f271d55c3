using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Emulators.Channels;

/// <summary>Kestrel hosting and the control endpoints both channel emulators share.</summary>
internal static class ChannelEmulatorHost
{
    /// <summary>A minimal Kestrel app (nothing read from appsettings or the environment) with <paramref name="map"/> mapped.</summary>
    public static WebApplication BuildApp(string url, bool logToConsole, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        if (logToConsole)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        map(app);
        return app;
    }

    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Requests still running after the grace period are cut off.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /__emulator/stats</c>, <c>POST /__emulator/faults</c>, <c>POST /__emulator/reset</c> and
    /// <c>POST /__emulator/orders</c> (seeding; <paramref name="seed"/> answers an error text or null).
    /// </summary>
    /// <summary>
    /// <c>GET /__emulator/inventory</c>: what the channel was told per location and SKU, calls and items;
    /// <c>POST /__emulator/inventory/unknown</c> <c>{"skus":["A","B"]}</c>: SKUs the channel refuses from now on.
    /// </summary>
    public static void MapInventoryControl(IEndpointRouteBuilder endpoints, ChannelInventory inventory)
    {
        endpoints.MapGet("/__emulator/inventory", context => WriteAsync(context, 200, inventory.ToJson().ToJsonString()));
        endpoints.MapPost("/__emulator/inventory/unknown", async context =>
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(await ReadBodyAsync(context).ConfigureAwait(false) is { Length: > 0 } text ? text : "{}");
            inventory.SetUnknown((body?["skus"] as System.Text.Json.Nodes.JsonArray)?.Select(n => (string?)n).OfType<string>());
            context.Response.StatusCode = 204;
        });
    }

    public static void MapControl(
        IEndpointRouteBuilder endpoints,
        Func<ChannelStats> stats,
        Func<ChannelFaultSettings, string?> applyFaults,
        Action reset,
        Func<string, (int Status, string Json)> seed)
    {
        endpoints.MapGet("/__emulator/stats", context => WriteAsync(context, 200, stats().ToJson()));
        endpoints.MapPost("/__emulator/faults", async context =>
        {
            var json = await ReadBodyAsync(context).ConfigureAwait(false);
            ChannelFaultSettings settings;
            try
            {
                settings = ChannelFaultSettings.Parse(json);
            }
            catch (FormatException error)
            {
                await WriteAsync(context, 400, ControlError(error.Message)).ConfigureAwait(false);
                return;
            }

            if (applyFaults(settings) is { } refused)
            {
                await WriteAsync(context, 400, ControlError(refused)).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 204;
        });
        endpoints.MapPost("/__emulator/reset", context =>
        {
            reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        endpoints.MapPost("/__emulator/orders", async context =>
        {
            var (status, json) = seed(await ReadBodyAsync(context).ConfigureAwait(false));
            await WriteAsync(context, status, json).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// A seed posted to <c>/__emulator/orders</c>: 400 when it is not a JSON object of <paramref name="shape"/> or the
    /// store refuses it, 409 when the order is already there, else 201 with what <paramref name="created"/> says.
    /// </summary>
    public static (int Status, string Json) Seed(string json, string shape, Func<System.Text.Json.Nodes.JsonObject, string?> seed,
        Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject> created)
    {
        System.Text.Json.Nodes.JsonObject? body;
        try
        {
            body = System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException error)
        {
            return (400, ControlError("The seed is not valid JSON: " + error.Message));
        }

        if (body is null)
            return (400, ControlError($"The seed must be {shape}."));
        if (seed(body) is { } problem)
            return (problem.Contains("already there", StringComparison.Ordinal) ? 409 : 400, ControlError(problem));
        return (201, created(body).ToJsonString());
    }

    public static string ControlError(string message) => System.Text.Json.JsonSerializer.Serialize(new { error = message });

    public static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteAsync(HttpContext context, int status, string? json, string contentType = "application/json; charset=utf-8")
    {
        context.Response.StatusCode = status;
        if (json is null)
            return;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What a proxy or maintenance page answers during an outage: HTML, not the channel's JSON.</summary>
    public static string OutagePage(int status) => status switch
    {
        502 => "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
        504 => "<html><head><title>504 Gateway Timeout</title></head><body><h1>Gateway Timeout</h1></body></html>",
        500 => "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>",
        _ => "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>",
    };
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Emulators.Channels.Wms;

/// <summary>What to generate: counts per kind, all at once (a burst) or <see cref="RatePerSecond"/> events a second.</summary>
/// <param name="Dispatches">Dispatches of the known orders not dispatched yet (at most that many).</param>
/// <param name="Mintsoft">Dispatches go as Mintsoft-shaped despatches to the Mintsoft target instead of canonical events.</param>
public sealed record WmsGenerateRequest(int Dispatches = 0, int Receipts = 0, int Adjustments = 0, int Snapshots = 0, int Returns = 0, double RatePerSecond = 0, bool Mintsoft = false);

/// <summary>
/// A warehouse system that pushes its events to ActorSync: it is told about channel orders, ships them (dispatches
/// with tracking), books goods in, counts stock (adjustments, snapshots) and takes returns, and delivers each as a
/// signed canonical webhook (or a Mintsoft-shaped despatch) at least once (<see cref="WmsDelivery"/>). Runs in-process
/// (tests) or as <c>ActorSync.Emulators wms</c> with a control API:
/// <c>POST /__emulator/orders</c> (<c>{"channel":"magento","orderId":"1001","lines":[{"sku":"ITM00001","quantity":2}]}</c>),
/// <c>POST /__emulator/generate</c> (<see cref="WmsGenerateRequest"/> in camelCase), <c>POST /__emulator/faults</c>
/// (<c>{"outageMs":5000,"latencyMs":50,"dropAnswers":3}</c>), <c>GET /__emulator/stats</c>.
/// </summary>
public sealed class WmsEmulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentQueue<WmsKnownOrder> _toShip = new();
    private readonly WebApplication? _app;
    private int _mintsoftIds = 70_000;

    private WmsEmulator(WmsDeliveryOptions options, WmsEventGenerator generator, WebApplication? app)
    {
        Delivery = new WmsDelivery(options);
        Generator = generator;
        _app = app;
    }

    public WmsDelivery Delivery { get; }
    public WmsEventGenerator Generator { get; }

    /// <summary>The control API's root when started with a URL (e.g. http://127.0.0.1:5103/).</summary>
    public Uri? ControlAddress { get; private set; }

    /// <summary>In-process, without a control API.</summary>
    public static WmsEmulator Create(WmsDeliveryOptions options, string warehouse = "MAN1", int seed = 5) => new(options, new WmsEventGenerator(warehouse, seed: seed), null);

    /// <summary>With the control API listening on <paramref name="url"/>.</summary>
    public static async Task<WmsEmulator> StartAsync(WmsDeliveryOptions options, string url = "http://127.0.0.1:0", string warehouse = "MAN1", bool logToConsole = false)
    {
        WmsEmulator? emulator = null;
        var app = ChannelEmulatorHost.BuildApp(url, logToConsole, a => a.MapWmsControl(() => emulator!));
        emulator = new WmsEmulator(options, new WmsEventGenerator(warehouse), app);
        await app.StartAsync().ConfigureAwait(false);
        emulator.ControlAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return emulator;
    }

    internal WebApplication? App => _app;

    /// <summary>Tells the WMS about an order it will ship.</summary>
    public void Know(WmsKnownOrder order) => _toShip.Enqueue(order);

    public int WaitingToShip => _toShip.Count;

    /// <summary>Ships one known order now (canonical or Mintsoft-shaped); false when none is waiting.</summary>
    public bool ShipNext(bool mintsoft = false)
    {
        if (!_toShip.TryDequeue(out var order)) return false;
        var now = DateTimeOffset.UtcNow;
        if (mintsoft) Delivery.SendMintsoft(Generator.MintsoftDespatch(order, now, Interlocked.Increment(ref _mintsoftIds)).ToJsonString());
        else Delivery.SendCanonical(Generator.Dispatch(order, now).ToJsonString());
        return true;
    }

    public void Send(JsonObject canonicalEvent) => Delivery.SendCanonical(canonicalEvent.ToJsonString());

    /// <summary>Generates the requested events: a burst, or paced at the rate (then it returns when the last is queued).</summary>
    public async Task GenerateAsync(WmsGenerateRequest request, CancellationToken ct = default)
    {
        var work = new List<Action>();
        for (var i = 0; i < request.Dispatches; i++) work.Add(() => ShipNext(request.Mintsoft));
        for (var i = 0; i < request.Receipts; i++) work.Add(() => Send(Generator.GoodsReceived(DateTimeOffset.UtcNow)));
        for (var i = 0; i < request.Adjustments; i++) work.Add(() => Send(Generator.Adjustment(DateTimeOffset.UtcNow)));
        for (var i = 0; i < request.Snapshots; i++) work.Add(() => Send(Generator.Snapshot(DateTimeOffset.UtcNow)));
        for (var i = 0; i < request.Returns; i++) work.Add(() => Send(Generator.Return(DateTimeOffset.UtcNow)));
        foreach (var step in work)
        {
            step();
            if (request.RatePerSecond > 0) await Task.Delay(TimeSpan.FromSeconds(1 / request.RatePerSecond), ct).ConfigureAwait(false);
        }
    }

    public WmsDeliveryStats GetStats() => Delivery.GetStats();

    public void ApplyFaults(WmsFaults faults) => Delivery.ApplyFaults(faults);

    internal static (int Status, string Json) KnowFromJson(WmsEmulator emulator, string body)
    {
        try
        {
            var o = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("The order must be a JSON object.");
            var channel = o["channel"]?.GetValue<string>() ?? throw new FormatException("channel is required.");
            var orderId = o["orderId"]?.ToString() ?? throw new FormatException("orderId is required.");
            var lines = (o["lines"] as JsonArray ?? throw new FormatException("lines is required."))
                .Select(l => (l!["sku"]!.GetValue<string>(), l["quantity"]!.GetValue<decimal>())).ToList();
            if (lines.Count == 0) throw new FormatException("lines is empty.");
            emulator.Know(new WmsKnownOrder(channel, orderId, lines));
            return (201, JsonSerializer.Serialize(new { waitingToShip = emulator.WaitingToShip }, Json));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return (400, ChannelEmulatorHost.ControlError(ex.Message));
        }
    }

    internal static string StatsJson(WmsEmulator emulator) => JsonSerializer.Serialize(new { delivery = emulator.GetStats(), waitingToShip = emulator.WaitingToShip }, Json);

    internal static T? Read<T>(string body) => string.IsNullOrWhiteSpace(body) ? default : JsonSerializer.Deserialize<T>(body, Json);

    public async ValueTask DisposeAsync()
    {
        await Delivery.DisposeAsync().ConfigureAwait(false);
        if (_app is not null) await ChannelEmulatorHost.StopAsync(_app).ConfigureAwait(false);
    }
}

internal static class WmsControlEndpoints
{
    public static void MapWmsControl(this IEndpointRouteBuilder app, Func<WmsEmulator> emulator)
    {
        app.MapGet("/__emulator/stats", context => ChannelEmulatorHost.WriteAsync(context, 200, WmsEmulator.StatsJson(emulator())));
        app.MapPost("/__emulator/orders", async context =>
        {
            var (status, json) = WmsEmulator.KnowFromJson(emulator(), await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
            await ChannelEmulatorHost.WriteAsync(context, status, json).ConfigureAwait(false);
        });
        app.MapPost("/__emulator/generate", async context =>
        {
            WmsGenerateRequest? request;
            try
            {
                request = WmsEmulator.Read<WmsGenerateRequest>(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
            }
            catch (JsonException ex)
            {
                await ChannelEmulatorHost.WriteAsync(context, 400, ChannelEmulatorHost.ControlError(ex.Message)).ConfigureAwait(false);
                return;
            }
            // Paced generation runs on after the answer.
            _ = Task.Run(() => emulator().GenerateAsync(request ?? new WmsGenerateRequest()));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        app.MapPost("/__emulator/faults", async context =>
        {
            try
            {
                emulator().ApplyFaults(WmsEmulator.Read<WmsFaults>(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) ?? new WmsFaults());
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (JsonException ex)
            {
                await ChannelEmulatorHost.WriteAsync(context, 400, ChannelEmulatorHost.ControlError(ex.Message)).ConfigureAwait(false);
            }
        });
    }
}

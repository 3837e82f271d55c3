using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>
/// An in-process BigCommerce v2 Orders API on Kestrel (loopback, port 0 by default).
/// API root: <see cref="ApiBaseAddress"/> (<c>BaseAddress + "stores/{store_hash}/v2/"</c>).
/// </summary>
public sealed class BigCommerceEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BigCommerceEmulator(WebApplication app, BigCommerceEmulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:43121/ (what stands for https://api.bigcommerce.com/).</summary>
    public Uri BaseAddress { get; }

    /// <summary>e.g. http://127.0.0.1:43121/stores/emul8tr/v2/</summary>
    public Uri ApiBaseAddress => new(BaseAddress, $"stores/{State.Options.StoreHash}/v2/");

    public BigCommerceEmulatorState State { get; }

    /// <summary>The store's API root as the engine's connector takes it: <c>BaseAddress + "stores/{store_hash}/"</c> (v2 and v3 below).</summary>
    public Uri StoreRoot => new(BaseAddress, $"stores/{State.Options.StoreHash}/");

    public BigCommerceWebhooks Webhooks => State.Webhooks;

    public string StoreHash => State.Options.StoreHash;

    public string AccessToken => State.Options.AccessToken;

    public static async Task<BigCommerceEmulator> StartAsync(BigCommerceEmulatorOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        var state = new BigCommerceEmulatorState(options);
        var app = BuildApp(state, url, logToConsole: false);
        await app.StartAsync(ct).ConfigureAwait(false);
        return new BigCommerceEmulator(app, state, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    internal static WebApplication BuildApp(BigCommerceEmulatorState state, string url, bool logToConsole) =>
        ChannelEmulatorHost.BuildApp(url, logToConsole, app => app.MapBigCommerceEmulator(state));

    /// <summary>Adds an order with its products and shipping addresses (v2 shapes); throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void SeedOrder(JsonObject order, JsonArray products, JsonArray shippingAddresses)
    {
        var seed = new JsonObject
        {
            ["order"] = order.DeepClone(),
            ["products"] = products.DeepClone(),
            ["shipping_addresses"] = shippingAddresses.DeepClone(),
        };
        if (State.Store.Seed(seed) is { } problem)
            throw new ArgumentException("BigCommerce emulator order: " + problem, nameof(order));
    }

    /// <summary>The order, its products and shipments as they are now, or null.</summary>
    public (JsonObject Order, IReadOnlyList<JsonObject> Products, IReadOnlyList<JsonObject> Shipments)? GetOrder(long orderId) =>
        State.Store.Snapshot(orderId);

    public ChannelStats GetStats() => State.GetStats();

    public void ApplyFaults(ChannelFaultSettings faults) => State.ApplyFaults(faults);

    public void Reset() => State.Reset();

    public async ValueTask DisposeAsync()
    {
        State.Faults.Apply(new ChannelFaultSettings { Clear = true });
        await State.Webhooks.DisposeAsync().ConfigureAwait(false);
        await ChannelEmulatorHost.StopAsync(_app).ConfigureAwait(false);
    }
}

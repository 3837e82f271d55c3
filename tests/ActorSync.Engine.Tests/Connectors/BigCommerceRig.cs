using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The SAP emulator, the BigCommerce emulator and the service (engine + ops API + webhook endpoint) on one journal,
/// with the emulator's hooks pointed at the service. A restart keeps the journal and the port.
/// </summary>
public sealed class BigCommerceRig : IAsyncDisposable
{
    public const string Secret = "d2c1f0e9b8a7968574635241302f1e0d";
    public const int Items = 400;

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();
    private readonly Action<BigCommerceConnectorSettings>? _configure;
    private string? _url;

    private BigCommerceRig(ServiceLayerEmulator sap, BigCommerceEmulator store, Action<BigCommerceConnectorSettings>? configure)
    {
        Sap = sap;
        Store = store;
        _configure = configure;
    }

    public ServiceLayerEmulator Sap { get; }
    public BigCommerceEmulator Store { get; }
    public OpsTestHost Host { get; private set; } = null!;
    public CapturingLogs Logs { get; private set; } = new();
    public BigCommerceConnectorSettings Connector { get; private set; } = null!;

    public Uri WebhookUrl => new(new Uri(_url!), "webhooks/bigcommerce");

    public static async Task<BigCommerceRig> StartAsync(Action<BigCommerceConnectorSettings>? configure = null, BigCommerceWebhookOptions? webhooks = null, bool registerHooks = true)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var store = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions { StoreHash = "abc123", Webhooks = webhooks ?? new BigCommerceWebhookOptions() });
        var rig = new BigCommerceRig(sap, store, configure);
        await rig.StartHostAsync();
        if (registerHooks)
            foreach (var scope in new[] { "store/order/*", "store/shipment/*" })
                Assert.Equal(200, store.Webhooks.Create(new JsonObject
                {
                    ["scope"] = scope, ["destination"] = rig.WebhookUrl.ToString(), ["is_active"] = true,
                    ["headers"] = new JsonObject { ["X-ActorSync-Secret"] = Secret },
                }.ToJsonString()).Status);
        return rig;
    }

    /// <summary>Starts the service on the rig's journal (and, after the first start, on the same port, so hooks keep their destination).</summary>
    public async Task StartHostAsync()
    {
        var settings = EngineTestHost.DefaultSettings(Sap, _journal);
        Connector = new BigCommerceConnectorSettings
        {
            StoreHash = Store.StoreHash, AccessToken = Store.AccessToken, ApiBaseUrl = Store.StoreRoot.ToString(), WebhookSecret = Secret,
            ReconcileInterval = TimeSpan.FromHours(1), ReconcileLookBack = TimeSpan.FromMinutes(10), RetryDelay = TimeSpan.FromMilliseconds(100),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        _configure?.Invoke(Connector);
        settings.Connectors.BigCommerce = Connector;
        Logs = new CapturingLogs();
        Host = await OpsTestHost.StartAsync(settings, Logs, _url ?? "http://127.0.0.1:0");
        _url ??= Host.Http.BaseAddress!.ToString();
        // The inbox is a cluster singleton: it answers once the node has joined and the singleton has started.
        await Connectors.GetInboxAsync();
    }

    public async Task RestartAfterCrashAsync()
    {
        await Host.CrashAsync();
        await StartHostAsync();
    }

    public BigCommerceConnector Connectors => Host.Services.GetRequiredService<BigCommerceConnector>();

    public static string NumAtCard(long orderId) => new OrderKey("bigcommerce", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)).NumAtCard;

    public int SalesOrdersOf(long orderId) => Sap.Company.Orders.Count(d => d.NumAtCard == NumAtCard(orderId));

    /// <summary>Waits until each order has its one sales order in SAP.</summary>
    public Task AllPostedAsync(IReadOnlyCollection<long> orderIds, TimeSpan timeout) => Eventually.HoldsAsync(() =>
    {
        var posted = orderIds.Count(id => SalesOrdersOf(id) >= 1);
        return Task.FromResult((posted == orderIds.Count, $"{posted} of {orderIds.Count} sales orders; inbox stats {Store.Webhooks.GetStats()}"));
    }, timeout, $"{orderIds.Count} BigCommerce orders in SAP");

    /// <summary>A shipment of every product of the order, as the control panel makes one (its hook follows).</summary>
    public async Task ShipAllAsync(long orderId)
    {
        var (_, products, _) = Store.GetOrder(orderId)!.Value;
        using var http = new HttpClient { BaseAddress = Store.StoreRoot };
        http.DefaultRequestHeaders.Add("X-Auth-Token", Store.AccessToken);
        var body = new JsonObject
        {
            ["order_address_id"] = products[0]["order_address_id"]!.GetValue<long>(),
            ["tracking_number"] = $"1Z{orderId}", ["shipping_provider"] = "ups",
            ["items"] = new JsonArray(products.Select(p => (JsonNode)new JsonObject { ["order_product_id"] = p["id"]!.GetValue<long>(), ["quantity"] = p["quantity"]!.GetValue<long>() }).ToArray()),
        };
        var response = await http.PostAsJsonAsync($"v2/orders/{orderId}/shipments", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

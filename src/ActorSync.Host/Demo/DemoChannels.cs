using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.Channels.Wms;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Host.Demo;

/// <summary>
/// The emulated merchant: SAP's Service Layer (capacity model on), a Magento store (OAuth 1.0a enforced, the last page
/// repeated), a BigCommerce store (hooks with duplicates and reordering, retries time-scaled), a Sitoo account (Events
/// SPI with duplicates) and a warehouse system (signed canonical webhooks, at least once). Every credential is made
/// for this run; none is a default a reader could copy.
/// </summary>
public sealed class DemoChannels : IAsyncDisposable
{
    public const string WmsSource = "acme-3pl";
    public const string WmsWarehouse = "MAN1";

    private DemoChannels(DemoSecrets secrets, ServiceLayerEmulator sap, MagentoEmulator magento, BigCommerceEmulator bigCommerce, SitooEmulator sitoo)
    {
        Secrets = secrets;
        Sap = sap;
        Magento = magento;
        BigCommerce = bigCommerce;
        Sitoo = sitoo;
    }

    public DemoSecrets Secrets { get; }
    public ServiceLayerEmulator Sap { get; }
    public MagentoEmulator Magento { get; }
    public BigCommerceEmulator BigCommerce { get; }
    public SitooEmulator Sitoo { get; }

    /// <summary>Created once the service listens, since it delivers there.</summary>
    public WmsEmulator Wms { get; private set; } = null!;

    public static async Task<DemoChannels> StartAsync(DemoOptions options)
    {
        var secrets = DemoSecrets.New();
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = options.Items },
            Capacity = CapacityOptions.Calibrated(options.TimeScale),
            // The generators pick items without looking at stock, and a company of random stock has a few items at 0:
            // those deliveries would park for operations (-10) and say nothing about the loop. Real shops sell what they hold.
            BlockNegativeInventory = false,
            UserName = "manager", Password = secrets.SapPassword,
        });
        var magento = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions
        {
            ItemCount = options.Items, RepeatLastPage = true,
            ConsumerKey = secrets.MagentoConsumerKey, ConsumerSecret = secrets.MagentoConsumerSecret,
            AccessToken = secrets.MagentoAccessToken, AccessTokenSecret = secrets.MagentoAccessTokenSecret,
        });
        var bigCommerce = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions
        {
            StoreHash = "demo7x", AccessToken = secrets.BigCommerceToken, ItemCount = options.Items,
            // An Enterprise plan's quota: a Standard store's 150 requests per 30 s would pace BigCommerce's share of the
            // peak to five reads a second and the demo to many minutes (channels.md §2.2).
            RateLimit = new(3000, 30_000),
            Webhooks = new BigCommerceWebhookOptions { TimeScale = 0.001, DuplicateRate = 0.15, MaxReorderDelay = TimeSpan.FromMilliseconds(400) },
        });
        // Till receipts sell what store 1 (SAP warehouse 02) holds, as the engine's Sitoo specs do.
        var skus = sap.Company.FirstPlainActiveItemsWithStock(40, 50, "02").Select(i => i.ItemCode).ToList();
        var sitoo = await SitooEmulator.StartAsync(new SitooEmulatorOptions
        {
            Skus = skus, ItemCount = options.Items, ApiPassword = secrets.SitooApiPassword,
            Events = new SitooEventsOptions { TimeScale = 0.001, DuplicateRate = 0.1 },
        });
        return new DemoChannels(secrets, sap, magento, bigCommerce, sitoo);
    }

    /// <summary>Points every channel at the service once it listens: BigCommerce's hooks, Sitoo's SPI, the WMS's webhooks.</summary>
    public void ConnectTo(Uri service)
    {
        foreach (var scope in new[] { "store/order/*", "store/shipment/*" })
        {
            var (status, json) = BigCommerce.Webhooks.Create(new JsonObject
            {
                ["scope"] = scope, ["destination"] = new Uri(service, "webhooks/bigcommerce").ToString(), ["is_active"] = true,
                ["headers"] = new JsonObject { ["X-ActorSync-Secret"] = Secrets.BigCommerceWebhookSecret },
            }.ToJsonString());
            if (status != 200) throw new InvalidOperationException($"The BigCommerce emulator refused the hook {scope}: {json}");
        }
        Sitoo.Events.Options = Sitoo.Events.Options with
        {
            Destination = new Uri(service, "webhooks/sitoo"), User = Secrets.SitooEventsUser, Password = Secrets.SitooEventsPassword,
        };
        Wms = WmsEmulator.Create(new WmsDeliveryOptions
        {
            Target = new Uri(service, $"webhooks/wms/{WmsSource}"), Secret = Secrets.WmsSecret,
            TimeScale = 0.002, DuplicateRate = 0.1, MaxReorderDelay = TimeSpan.FromMilliseconds(300),
        }, WmsWarehouse);
    }

    public async ValueTask DisposeAsync()
    {
        if (Wms is not null) await Wms.DisposeAsync();
        await Sitoo.DisposeAsync();
        await BigCommerce.DisposeAsync();
        await Magento.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

/// <summary>Credentials made for one run (hex from the OS's random source); the service gets them through configuration.</summary>
public sealed record DemoSecrets(
    string SapPassword,
    string MagentoConsumerKey, string MagentoConsumerSecret, string MagentoAccessToken, string MagentoAccessTokenSecret,
    string BigCommerceToken, string BigCommerceWebhookSecret,
    string SitooApiPassword, string SitooEventsUser, string SitooEventsPassword,
    string WmsSecret)
{
    public static DemoSecrets New() => new(
        Hex(12), Hex(16), Hex(16), Hex(16), Hex(16), Hex(16), Hex(16), Hex(16), "sitoo-events", Hex(16), Hex(16));

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

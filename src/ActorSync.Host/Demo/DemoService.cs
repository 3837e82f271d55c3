using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Host.Api;

namespace ActorSync.Host.Demo;

/// <summary>
/// The service as <c>run</c> starts it (<see cref="ServiceHost.Build"/>: the engine, the ops API, the webhook
/// endpoints), configured only from <see cref="Configuration"/>: a free loopback port, SQLite under the demo's data
/// folder, no ops token (loopback), and <c>Connectors:*</c> and <c>Tracking:*</c> pointing at the emulators. Nothing
/// from appsettings.json or the environment reaches it, so the demo behaves the same on every machine.
/// </summary>
public sealed class DemoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoService(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.First().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    /// <summary>For the ops API (<c>GET /api/gateway</c>, <c>GET /api/exceptions</c>).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DemoService> StartAsync(JsonObject configuration, string? akkaHocon, ILoggerProvider log)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(configuration.ToJsonString())));
        builder.WebHost.UseUrls(builder.Configuration["Urls"]!);
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Warning);
        // Akka's own INFO lines would fill the log with cluster chatter; what Akka says while shutting down, after the
        // log is closed, would land between the verdict and the prompt.
        var app = ServiceHost.Build(builder, akkaHocon + "\nakka.loglevel = WARNING\nakka.stdout-loglevel = ERROR\n");
        await app.StartAsync();
        return new DemoService(app);
    }

    /// <summary>The demo's whole configuration, as a merchant would write appsettings.json for these channels.</summary>
    public static JsonObject Configuration(DemoOptions options, DemoChannels channels, string database)
    {
        var s = channels.Secrets;
        var magento = channels.Magento;
        var bigCommerce = channels.BigCommerce;
        var sitoo = channels.Sitoo.State.Options;
        return new JsonObject
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cluster"] = new JsonObject { ["Hostname"] = "127.0.0.1", ["Port"] = 0 },
            ["Persistence"] = new JsonObject { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={database}" },
            ["ServiceLayer"] = new JsonObject
            {
                ["BaseUrl"] = channels.Sap.BaseAddress.ToString(), ["CompanyDb"] = "SBODEMO", ["UserName"] = "manager", ["Password"] = s.SapPassword,
            },
            ["Gateway"] = new JsonObject { ["Sessions"] = options.Sessions },
            // A return waits for its sale's invoice; at the peak they arrive seconds apart.
            ["Pos"] = new JsonObject { ["OriginalInvoicePoll"] = "00:00:01" },
            ["Tracking"] = new JsonObject
            {
                ["Magento"] = new JsonObject
                {
                    ["BaseUrl"] = magento.RestBaseAddress.ToString(),
                    ["ConsumerKey"] = s.MagentoConsumerKey, ["ConsumerSecret"] = s.MagentoConsumerSecret,
                    ["AccessToken"] = s.MagentoAccessToken, ["AccessTokenSecret"] = s.MagentoAccessTokenSecret,
                },
                ["BigCommerce"] = new JsonObject
                {
                    ["ApiBaseUrl"] = bigCommerce.BaseAddress.ToString(), ["StoreHash"] = bigCommerce.StoreHash, ["AccessToken"] = s.BigCommerceToken,
                },
            },
            ["Connectors"] = new JsonObject
            {
                ["Magento"] = new JsonObject
                {
                    ["BaseUrl"] = magento.BaseAddress.ToString(), ["StoreCode"] = "default", ["AuthMode"] = "OAuth1",
                    ["ConsumerKey"] = s.MagentoConsumerKey, ["ConsumerSecret"] = s.MagentoConsumerSecret,
                    ["AccessToken"] = s.MagentoAccessToken, ["AccessTokenSecret"] = s.MagentoAccessTokenSecret,
                    // A shop at its peak is polled often; the look-back covers the minutes before the first poll.
                    ["PollInterval"] = "00:00:01", ["PageSize"] = 100, ["LookBack"] = "00:10:00",
                },
                ["BigCommerce"] = new JsonObject
                {
                    ["StoreHash"] = bigCommerce.StoreHash, ["AccessToken"] = s.BigCommerceToken, ["ApiBaseUrl"] = bigCommerce.StoreRoot.ToString(),
                    ["WebhookSecret"] = s.BigCommerceWebhookSecret, ["ReconcileInterval"] = "00:00:30", ["ReconcileLookBack"] = "00:10:00",
                },
                ["Sitoo"] = new JsonObject
                {
                    ["BaseUrl"] = channels.Sitoo.BaseAddress.ToString(), ["AccountId"] = sitoo.AccountId, ["ApiId"] = sitoo.ApiId, ["ApiPassword"] = s.SitooApiPassword,
                    ["EventsUser"] = s.SitooEventsUser, ["EventsPassword"] = s.SitooEventsPassword,
                    ["PollInterval"] = "00:00:05", ["StartOrderId"] = 1,
                },
                ["Wms"] = new JsonObject
                {
                    ["Sources"] = new JsonArray(new JsonObject
                    {
                        ["Name"] = DemoChannels.WmsSource, ["Secret"] = s.WmsSecret,
                        ["Warehouses"] = new JsonObject { [DemoChannels.WmsWarehouse] = "01" },
                    }),
                },
            },
            ["StockPublishing"] = DemoStock.Configuration(channels),
            ["Mapping"] = Mapping(),
        };
    }

    /// <summary>The emulated company's master data as the channels name it (config/mapping.example.json, trimmed to what the demo sells).</summary>
    private static JsonObject Mapping() => new()
    {
        ["DefaultWarehouse"] = "01",
        ["Channels"] = new JsonObject
        {
            ["magento"] = new JsonObject { ["GuestBusinessPartner"] = "WEBGUEST", ["CustomerMatching"] = "Email", ["Locations"] = DemoStock.MappingLocations("magento") },
            ["bigcommerce"] = new JsonObject { ["GuestBusinessPartner"] = "WEBGUEST", ["CustomerMatching"] = "Email", ["Locations"] = DemoStock.MappingLocations("bigcommerce") },
            // Sitoo's webshop customers are registered (an email, no guest flag): SAP gets a partner for each.
            ["sitoo"] = new JsonObject
            {
                ["GuestBusinessPartner"] = "POSGUEST", ["CustomerMatching"] = "Email", ["CreateMissingCustomers"] = true, ["DefaultWarehouse"] = "02",
                ["Locations"] = new JsonObject { ["1"] = new JsonObject { ["Warehouse"] = "02", ["SellableWarehouses"] = new JsonArray("02") } },
            },
        },
        ["VatGroups"] = new JsonObject { ["20"] = "O1", ["5"] = "O2", ["0"] = "O0" },
        ["ShippingTypes"] = new JsonObject
        {
            ["standard"] = "1", ["express"] = "2", ["click-and-collect"] = "3", ["flatrate_flatrate"] = "1", ["tablerate_bestway"] = "2",
        },
        // Till tenders (Cash, Card), the shops' checkout methods (Magento braintree and check / money order, BigCommerce
        // Credit Card and store credit, which its refunds go back to, Sitoo's Klarna).
        ["PaymentMethods"] = new JsonObject
        {
            ["Cash"] = new JsonObject { ["Account"] = "100000", ["Kind"] = "Cash" },
            ["Card"] = new JsonObject { ["Account"] = "161010", ["Kind"] = "Transfer" },
            ["braintree"] = new JsonObject { ["Account"] = "161010", ["Kind"] = "Transfer" },
            ["checkmo"] = new JsonObject { ["Account"] = "161000", ["Kind"] = "Transfer", ["Capture"] = "Reported" },
            ["Credit Card"] = new JsonObject { ["Account"] = "161010", ["Kind"] = "Transfer" },
            ["storecredit"] = new JsonObject { ["Account"] = "161000", ["Kind"] = "Transfer" },
            ["Klarna"] = new JsonObject { ["Account"] = "161000", ["Kind"] = "Transfer" },
        },
        ["Returns"] = new JsonObject { ["RestockWarehouse"] = "01", ["ShippingRefundAccount"] = "400000" },
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A stop that outlasts its time leaves the process to end it; the journal has what was accepted.
        }
        await _app.DisposeAsync();
    }
}

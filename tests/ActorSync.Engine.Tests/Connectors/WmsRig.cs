using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.Channels.Wms;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.Wms;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The SAP emulator, the service (engine + ops API + warehouse webhooks) on one journal with a canonical source
/// <c>acme-3pl</c> (MAN1 → 01, MAN2 → 02) and Mintsoft (warehouse 3 → 01, orders of magento by default), and the WMS
/// emulator delivering to it. A restart keeps the journal and the port.
/// </summary>
public sealed class WmsRig : IAsyncDisposable
{
    public const string Source = "acme-3pl";
    public const string Secret = "5f0c2e7d9a1b3c4d5e6f708192a3b4c5";
    public const string MintsoftSecret = "ms-7d3e1f0a9b8c7d6e5f4a3b2c1d0e9f8a";

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();
    private string? _url;

    private WmsRig(ServiceLayerEmulator sap) => Sap = sap;

    public ServiceLayerEmulator Sap { get; }
    public OpsTestHost Host { get; private set; } = null!;
    public CapturingLogs Logs { get; private set; } = new();
    public WmsEmulator Wms { get; private set; } = null!;
    public string ItemA { get; private set; } = "";
    public string ItemB { get; private set; } = "";

    public static async Task<WmsRig> StartAsync(WmsDeliveryOptions? delivery = null)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var rig = new WmsRig(sap);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 40);
        (rig.ItemA, rig.ItemB) = (items[0].ItemCode, items[1].ItemCode);
        await rig.StartHostAsync();
        rig.Wms = WmsEmulator.Create((delivery ?? new WmsDeliveryOptions { TimeScale = 0.002 }) with
        {
            Target = new Uri(new Uri(rig._url!), $"webhooks/wms/{Source}"), Secret = Secret,
            MintsoftTarget = new Uri(new Uri(rig._url!), "webhooks/mintsoft"), MintsoftSecret = MintsoftSecret,
        });
        return rig;
    }

    public async Task StartHostAsync()
    {
        var settings = FlowTestSettings.For(Sap, _journal);
        settings.Connectors.Wms = new WmsConnectorSettings
        {
            Sources = [new WmsSourceSettings
            {
                Name = Source, Secret = Secret, RetryDelay = TimeSpan.FromMilliseconds(100),
                Warehouses = new(StringComparer.OrdinalIgnoreCase) { ["MAN1"] = "01", ["MAN2"] = "02" },
            }],
        };
        settings.Connectors.Mintsoft = new MintsoftConnectorSettings
        {
            Secret = MintsoftSecret, DefaultChannel = "magento", RetryDelay = TimeSpan.FromMilliseconds(100),
            Warehouses = new(StringComparer.OrdinalIgnoreCase) { ["3"] = "01" },
        };
        Logs = new CapturingLogs();
        Host = await OpsTestHost.StartAsync(settings, Logs, _url ?? "http://127.0.0.1:0");
        _url ??= Host.Http.BaseAddress!.ToString();
        await Connector.GetInboxAsync(Source);
        await Connector.GetInboxAsync(MintsoftConnectorSettings.Name);
    }

    public async Task RestartAfterCrashAsync()
    {
        await Host.CrashAsync();
        await StartHostAsync();
    }

    public WmsConnector Connector => Host.Services.GetRequiredService<WmsConnector>();

    /// <summary>A magento order of both items (3 and 2 pieces) with fractional money and two tax rates.</summary>
    public ChannelOrder Order(string id) => new("magento", id, new DateOnly(2030, 1, 15), "EUR",
        new CustomerRef("ann@example.com", null, true),
        [new OrderLine(ItemA, 3, 10.99m, 6.59m, 20m), new OrderLine(ItemB, 2, 20.49m, 2.05m, 5m)],
        ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 88.53m, ShippingMethod: "standard"); // 32.97 + 6.59 + 40.98 + 2.05 + 4.95 + 0.99

    /// <summary>Submits the orders and waits until each has its sales order in SAP.</summary>
    public async Task<List<ChannelOrder>> PostedOrdersAsync(params string[] ids)
    {
        var orders = ids.Select(Order).ToList();
        foreach (var order in orders)
            Assert.Contains((await Host.Engine.SubmitOrderAsync(order)).Code, new[] { CommandResultCode.Accepted, CommandResultCode.Duplicate });
        await Eventually.HoldsAsync(async () =>
        {
            var states = await Task.WhenAll(orders.Select(o => Host.Engine.GetOrderAsync(o.Key.EntityId)));
            // A dispatch waiting in the inbox may take a just-posted order on to Delivered and Invoiced at once.
            return (states.All(s => s.Status is OrderStatus.Posted or OrderStatus.Delivered or OrderStatus.Invoiced), string.Join(", ", states.Select(s => s.Status)));
        }, TimeSpan.FromSeconds(30), "the sales orders");
        return orders;
    }

    public WmsKnownOrder Known(ChannelOrder order) => new(order.Channel, order.ExternalId, order.Lines.Select(l => (l.Sku, l.Quantity)).ToList());

    public int DeliveriesOf(ChannelOrder order) => Sap.Company.DeliveryNotes.Count(d => d.NumAtCard?.StartsWith(order.Key.NumAtCard + "/", StringComparison.Ordinal) == true);

    public int InvoicesOf(ChannelOrder order) => Sap.Company.Invoices.Count(d => d.NumAtCard?.StartsWith(order.Key.NumAtCard + "/", StringComparison.Ordinal) == true);

    /// <summary>Waits until every order has its delivery and invoice.</summary>
    public Task AllDispatchedAsync(IReadOnlyCollection<ChannelOrder> orders, TimeSpan timeout) => Eventually.HoldsAsync(() =>
    {
        var done = orders.Count(o => DeliveriesOf(o) >= 1 && InvoicesOf(o) >= 1);
        return Task.FromResult((done == orders.Count, $"{done} of {orders.Count} delivered and invoiced; WMS {Wms.GetStats()}"));
    }, timeout, $"{orders.Count} dispatches in SAP");

    public async ValueTask DisposeAsync()
    {
        await Wms.DisposeAsync();
        await Host.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>
/// Tracking back to the channel, through the whole engine: a dispatch the warehouse confirmed becomes SAP's delivery
/// and invoice and, independently, the Magento or BigCommerce shipment with its tracking, exactly once even when the
/// channel's answer to the shipment is lost after it committed.
/// </summary>
public class TrackingSpecs : IAsyncLifetime
{
    private const long EntityId = 3;
    private const string IncrementId = "000000003";
    private ServiceLayerEmulator _sap = null!;
    private MagentoEmulator _magento = null!;
    private BigCommerceEmulator _bigCommerce = null!;
    private EngineTestHost _engine = null!;
    private string _item = "", _other = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (_item, _other) = (items[0].ItemCode, items[1].ItemCode);
        _magento = await MagentoEmulator.StartAsync();
        _magento.SeedOrder(MagentoOrder());
        _bigCommerce = await BigCommerceEmulator.StartAsync();
        var (order, products, addresses) = BigCommerceOrder();
        _bigCommerce.SeedOrder(order, products, addresses);
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        // Signed OAuth 1.0a requests: the emulator, as Magento 2.4.4+, refuses the integration token as a bearer token.
        var integration = _magento.State.Options;
        settings.Tracking.Magento = new MagentoOutboundOptions
        {
            BaseUrl = _magento.RestBaseAddress.ToString(), ConsumerKey = integration.ConsumerKey, ConsumerSecret = integration.ConsumerSecret,
            AccessToken = integration.AccessToken, AccessTokenSecret = integration.AccessTokenSecret,
        };
        settings.Tracking.BigCommerce = new BigCommerceOutboundOptions
        {
            ApiBaseUrl = _bigCommerce.BaseAddress.ToString(), StoreHash = _bigCommerce.StoreHash, AccessToken = _bigCommerce.AccessToken,
        };
        _engine = await EngineTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _magento.DisposeAsync();
        await _bigCommerce.DisposeAsync();
        await _sap.DisposeAsync();
    }

    /// <summary>The vendor's sample order (shared/fixtures/magento/order.json), selling 2 of an item the emulated SAP company has.</summary>
    private JsonObject MagentoOrder()
    {
        var order = (JsonObject)JsonNode.Parse(File.ReadAllText(FixturePath("magento/order.json")))!;
        var item = (JsonObject)((JsonArray)order["items"]!)[0]!;
        (item["sku"], item["qty_ordered"]) = (_item, 2);
        return order;
    }

    /// <summary>
    /// The vendor's sample v2 order 218 with its two products (S-ORAN and ABS, selling our two items instead) on one
    /// shipping address; the samples come from different orders, so their ids are made to agree.
    /// </summary>
    private (JsonObject Order, JsonArray Products, JsonArray Addresses) BigCommerceOrder()
    {
        var order = (JsonObject)JsonNode.Parse(File.ReadAllText(FixturePath("bigcommerce/v2_order.json")))!;
        var products = (JsonArray)JsonNode.Parse(File.ReadAllText(FixturePath("bigcommerce/v2_order_products.json")))!;
        var addresses = (JsonArray)JsonNode.Parse(File.ReadAllText(FixturePath("bigcommerce/v2_order_shipping_addresses.json")))!;
        var address = (long)addresses[0]!["id"]!;
        foreach (var (product, sku) in products.OfType<JsonObject>().Zip([_item, _other]))
            (product["order_id"], product["order_address_id"], product["sku"]) = (218, address, sku);
        foreach (var a in addresses.OfType<JsonObject>())
            (a["order_id"], a["items_shipped"]) = (218, 0);
        return (order, products, addresses);
    }

    private static string FixturePath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.Combine("/work/shared/fixtures", relative);
    }

    private ChannelOrder Order() => new("magento", IncrementId, new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
        [new OrderLine(_item, 2, 10m, 4m, 20m)], 0m, 0m, 24m, "standard");

    private async Task<OrderState> Until(Func<OrderState, bool> condition, string what)
    {
        OrderState state = OrderState.Empty("magento:" + IncrementId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await _engine.Engine.GetOrderAsync("magento:" + IncrementId);
            return (condition(state), $"{state.Status}, tracking {string.Join(", ", state.Tracking.Select(t => $"{t.DispatchId}={t.Status}"))}, {state.LastProblem}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    [Fact]
    public async Task A_warehouse_dispatch_reaches_magento_once_with_its_tracking_even_when_the_first_answer_is_lost()
    {
        await _engine.Engine.SubmitOrderAsync(Order());
        await Until(s => s.Status == OrderStatus.Posted, "the sales order");
        _magento.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });

        var dispatch = new DispatchConfirmation("magento", IncrementId, "WMS-77", [new DispatchLine(_item, 1)], new DateOnly(2026, 11, 28), "UPS", "1Z999AA10123456784", Source: "wms");
        await _engine.Engine.RecordDispatchAsync(dispatch);
        var state = await Until(s => s.Status == OrderStatus.Invoiced && s.Tracking.All(t => t.Status == TrackingStatus.Done), "the invoice and the shipment");

        var shipment = Assert.Single(_magento.GetShipments(EntityId));
        var track = (JsonObject)Assert.Single((JsonArray)shipment["tracks"]!)!;
        Assert.Equal(("1Z999AA10123456784", "ups"), (track["track_number"]!.GetValue<string>(), track["carrier_code"]!.GetValue<string>()));
        Assert.Equal((1, 1L), (_magento.GetStats().ShipmentsOf(EntityId.ToString()), _magento.GetStats().DroppedResponses));
        Assert.Equal(shipment["entity_id"]!.ToString(), state.Tracking.Single().ChannelShipmentId);
        Assert.Single(_sap.Company.DeliveryNotes);
    }

    [Fact]
    public async Task A_shipment_magento_refuses_parks_for_customer_service_and_stays_open_while_sap_completes()
    {
        // SAP has 3 on order, the Magento order only 2: Magento refuses to ship the third.
        await _engine.Engine.SubmitOrderAsync(Order() with { Lines = [new OrderLine(_item, 3, 10m, 6m, 20m)], TotalPaid = 36m });
        await Until(s => s.Status == OrderStatus.Posted, "the sales order");

        // SAP is down while the shipment is refused, so SAP's delivery and invoice complete only after it parked.
        _sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });
        await _engine.Engine.RecordDispatchAsync(new DispatchConfirmation("magento", IncrementId, "WMS-78", [new DispatchLine(_item, 3)], new DateOnly(2026, 11, 28), "DHL", "JD02", Source: "wms"));
        await Until(s => s.Tracking.Single().Status == TrackingStatus.Parked && s.Status == OrderStatus.Posted, "the shipment parked while SAP is down");
        _sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        var state = await Until(s => s.Status == OrderStatus.Invoiced, "the invoice after the outage");
        var queue = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? open = null;
        await Eventually.HoldsAsync(async () =>
        {
            open = (await queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Order))).SingleOrDefault(e => e.RecordId == state.OrderId);
            return (open is not null, "nothing yet");
        }, TimeSpan.FromSeconds(10), "the exception");
        await Task.Delay(500);

        Assert.Equal(("tracking-rejected", OwningTeam.CustomerService, ExceptionStatus.Open), (open!.Type, open.Team, (await queue.GetAsync(open.Id))!.Status));
        Assert.Contains("WMS-78", open.Reason);
        Assert.Empty(_magento.GetShipments(EntityId));
    }

    [Fact]
    public async Task A_warehouse_dispatch_reaches_bigcommerce_once_with_its_carrier_even_when_the_first_answer_is_lost()
    {
        var order = new ChannelOrder("bigcommerce", "218", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine(_item, 1, 10m, 2m, 20m), new OrderLine(_other, 1, 10m, 2m, 20m)], 0m, 0m, 24m, "standard");
        await _engine.Engine.SubmitOrderAsync(order);
        await Eventually.HoldsAsync(async () => ((await _engine.Engine.GetOrderAsync("bigcommerce:218")).Status == OrderStatus.Posted, "not posted"),
            TimeSpan.FromSeconds(30), "the sales order");
        _bigCommerce.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });

        await _engine.Engine.RecordDispatchAsync(new DispatchConfirmation("bigcommerce", "218", "WMS-90", [new DispatchLine(_item, 1), new DispatchLine(_other, 1)],
            new DateOnly(2026, 11, 28), "UPS", "1Z999AA10123456785", Source: "wms"));
        await Eventually.HoldsAsync(async () =>
        {
            var state = await _engine.Engine.GetOrderAsync("bigcommerce:218");
            return (state.Tracking.Count == 1 && state.Tracking[0].Status == TrackingStatus.Done, $"{state.Status}, {state.LastProblem}");
        }, TimeSpan.FromSeconds(30), "the shipment");

        var shipment = Assert.Single(_bigCommerce.GetOrder(218)!.Value.Shipments);
        Assert.Equal(("1Z999AA10123456785", "ups"), (shipment["tracking_number"]!.GetValue<string>(), shipment["shipping_provider"]!.GetValue<string>()));
        Assert.Equal((1, 1L), (_bigCommerce.GetStats().ShipmentsOf("218"), _bigCommerce.GetStats().DroppedResponses));
    }

    [Fact]
    public async Task A_dispatch_magento_reported_itself_is_not_sent_back_to_it()
    {
        await _engine.Engine.SubmitOrderAsync(Order());
        await Until(s => s.Status == OrderStatus.Posted, "the sales order");

        await _engine.Engine.RecordDispatchAsync(new DispatchConfirmation("magento", IncrementId, "17", [new DispatchLine(_item, 2)], new DateOnly(2026, 11, 28), "DHL", "JD01"));
        var state = await Until(s => s.Status == OrderStatus.Invoiced, "the invoice");
        await Task.Delay(500);

        Assert.Empty(state.Tracking);
        Assert.Empty(_magento.GetShipments(EntityId));
    }
}

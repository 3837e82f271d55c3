using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>
/// The buyer and the addresses, through the engine into the emulated SAP: read back from the sales order, its
/// deliveries and its invoices as SAP stores them.
/// </summary>
public class AddressSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private EngineTestHost _engine = null!;
    private string _itemA = "", _itemB = "";

    private static readonly PostalAddress Vienna = new("Anna Gruber", "Gruber KG", "Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT", "+43 1 523 4411");
    private static readonly PostalAddress Hamburg = new("Customer One", null, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE");
    private static readonly PostalAddress SanAntonio = new("Trishy Smith", "Acme Pty Ltd", "666 Sussex St", null, "San Antonio", "78251", "Texas", "US");
    private static readonly PostalAddress Austin = new("Jane Doe", null, "555 Main Street", null, "Austin", "78751", "Texas", "US");

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (_itemA, _itemB) = (items[0].ItemCode, items[1].ItemCode);
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.Orders.Mapping = settings.Orders.Mapping with { CreateMissingCustomers = ["magento"] };
        _engine = await EngineTestHost.StartAsync(settings);
        var holder = _engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private SyncEngine Engine => _engine.Engine;

    /// <summary>2 × 10.15 at 20 % and 19.99 at 5 %, shipping 4.95 at 20 %: 51.29 paid.</summary>
    private ChannelOrder Order(string channel, string id, CustomerRef customer, OrderAddresses addresses) =>
        new(channel, id, new DateOnly(2026, 11, 27), "EUR", customer,
            [new OrderLine(_itemA, 2, 10.15m, 4.06m, 20m), new OrderLine(_itemB, 1, 19.99m, 1.00m, 5m)],
            ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 51.29m, ShippingMethod: "standard", Addresses: addresses);

    private static OrderAddresses To(PostalAddress billTo, PostalAddress shipTo, string email) =>
        new(new OrderBuyer(billTo.Name, billTo.Company, email, billTo.Phone), billTo) { ShipTo = [new ShipToAddress("1", shipTo)] };

    private async Task<OrderState> Until(string orderId, Func<OrderState, bool> condition, string what)
    {
        var state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await Engine.GetOrderAsync(orderId);
            return (condition(state), $"{state.Status} {state.Exception?.Reason}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status}"))}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    private async Task<OrderState> Posted(ChannelOrder order)
    {
        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(order)).Code);
        return await Until(order.Key.EntityId, s => s.Status == OrderStatus.Posted, $"order {order.ExternalId} in SAP");
    }

    /// <summary>Dispatches the lines and waits for the delivery and the invoice; answers both as SAP stores them.</summary>
    private async Task<(MarketingDocument Delivery, MarketingDocument Invoice)> Dispatched(ChannelOrder order, string dispatchId, params (string Sku, decimal Quantity)[] lines)
    {
        var reply = await Engine.RecordDispatchAsync(new DispatchConfirmation(order.Channel, order.ExternalId, dispatchId,
            [.. lines.Select(l => new DispatchLine(l.Sku, l.Quantity))], new DateOnly(2026, 11, 28), "dhl", "JD0146" + dispatchId));
        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        await Until(order.Key.EntityId, s => s.Jobs.Any(j => j.Key == SapJob.InvoiceKey(dispatchId) && j.Status == JobStatus.Done), $"delivery and invoice of {dispatchId}");
        return (_sap.Company.DeliveryNotes.Single(d => d.NumAtCard == $"{order.Key.NumAtCard}/D{dispatchId}"),
            _sap.Company.Invoices.Single(d => d.NumAtCard == $"{order.Key.NumAtCard}/I{dispatchId}"));
    }

    private MarketingDocument SalesOrder(ChannelOrder order) => _sap.Company.Orders.Single(o => o.NumAtCard == order.Key.NumAtCard);

    [Fact]
    public async Task A_guests_order_names_the_buyer_and_carries_both_addresses_onto_the_delivery_and_the_invoice()
    {
        var order = Order("magento", "ADDR-G1", new CustomerRef("anna@example.at", null, IsGuest: true, "Anna Gruber"), To(Vienna, Austin, "anna@example.at"));
        await Posted(order);
        var (delivery, invoice) = await Dispatched(order, "S1", (_itemA, 2), (_itemB, 1));

        foreach (var document in new[] { SalesOrder(order), delivery, invoice })
        {
            Assert.Equal((CompanyCatalog.WebGuest, "Anna Gruber"), (document.CardCode, document.CardName));
            Assert.Equal(new AddressRecord("555 Main Street", null, "Austin", "78751", "TX", "US"), document.ShipTo);
            Assert.Equal(new AddressRecord("Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT"), document.BillTo);
            Assert.Equal("Anna Gruber\rGruber KG\rMariahilfer Straße 88\rStiege 2, Top 14\r1070 Wien\rAT\ranna@example.at\rTel. +43 1 523 4411", document.Address);
            Assert.StartsWith("Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS", document.Address2);
        }
        Assert.Equal(51.29m, SalesOrder(order).DocTotal);
    }

    [Fact]
    public async Task A_registered_customers_order_to_an_address_SAP_has_names_that_address_on_every_document()
    {
        var customer = new CustomerRef("customer1@example.com", null, IsGuest: false, "Customer One");
        var order = Order("magento", "ADDR-R1", customer, To(Hamburg with { Street = "Jungfernstieg 1." }, Hamburg, "customer1@example.com"));
        await Posted(order);
        var (delivery, invoice) = await Dispatched(order, "S1", (_itemA, 2), (_itemB, 1));

        var c00001 = CompanyCatalog.CustomerCode(1, new CompanySpec().Customers);
        foreach (var document in new[] { SalesOrder(order), delivery, invoice })
        {
            Assert.Equal((c00001, "Customer 1"), (document.CardCode, document.CardName));
            Assert.Equal(("Ship to", "Bill to"), (document.ShipToCode, document.PayToCode));
            Assert.Equal(new AddressRecord("Jungfernstieg 1", null, "Hamburg", "20354", null, "DE"), document.ShipTo);
        }
    }

    [Fact]
    public async Task A_new_customer_is_created_with_its_bill_to_and_ship_to_and_its_documents_carry_them()
    {
        var order = Order("magento", "ADDR-N1", new CustomerRef("anna.new@example.at", null, IsGuest: false, "Anna Gruber"), To(Vienna, Hamburg with { Name = "Anna Gruber" }, "anna.new@example.at"));
        await Posted(order);
        var (delivery, invoice) = await Dispatched(order, "S1", (_itemA, 2), (_itemB, 1));

        var partner = Assert.Single(_sap.Company.BusinessPartners, p => p.EmailAddress == "anna.new@example.at");
        Assert.Equal((SapBusinessPartner.CodeFor("magento", "anna.new@example.at"), "Anna Gruber", "+43 1 523 4411"), (partner.CardCode, partner.CardName, partner.Phone1));
        Assert.Equal([("Bill to", "bo_BillTo", "Wien"), ("Ship to", "bo_ShipTo", "Hamburg")], partner.Addresses.Select(a => (a.AddressName, a.AddressType, a.Place.City)));
        Assert.Equal(("Ship to", "Bill to"), (partner.ShipToDefault, partner.BillToDefault));
        foreach (var document in new[] { SalesOrder(order), delivery, invoice })
        {
            Assert.Equal(partner.CardCode, document.CardCode);
            Assert.Equal(("Hamburg", "Wien"), (document.ShipTo!.City, document.BillTo!.City));
        }
    }

    [Fact]
    public async Task A_bigcommerce_order_to_two_addresses_posts_once_and_each_consignments_delivery_and_invoice_go_to_its_address()
    {
        var addresses = new OrderAddresses(new OrderBuyer("Trishy Smith", "Acme Pty Ltd", "trishy@example.com", "+1 210 555 0142"), SanAntonio)
        {
            ShipTo = [new ShipToAddress("132", SanAntonio), new ShipToAddress("133", Austin)],
        };
        var order = Order("bigcommerce", "229", new CustomerRef("trishy@example.com", null, IsGuest: true, "Trishy Smith"), addresses) is var o
            ? o with { Lines = [o.Lines[0] with { ShipToId = "132" }, o.Lines[1] with { ShipToId = "133" }] }
            : null!;
        await Posted(order);
        var (firstDelivery, firstInvoice) = await Dispatched(order, "C132", (_itemA, 2));
        var (secondDelivery, secondInvoice) = await Dispatched(order, "C133", (_itemB, 1));

        var salesOrder = Assert.Single(_sap.Company.Orders, d => d.NumAtCard == "BIGCOMMERCE-229");
        Assert.Equal("San Antonio", salesOrder.ShipTo!.City);
        Assert.Equal(["Trishy Smith\rAcme Pty Ltd\r666 Sussex St\r78251 San Antonio\rTexas\rUS", "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS"],
            salesOrder.Lines.Select(l => l.ShipToDescription));
        foreach (var document in new[] { firstDelivery, firstInvoice })
            Assert.Equal(new AddressRecord("666 Sussex St", null, "San Antonio", "78251", "TX", "US"), document.ShipTo);
        foreach (var document in new[] { secondDelivery, secondInvoice })
        {
            Assert.Equal(new AddressRecord("555 Main Street", null, "Austin", "78751", "TX", "US"), document.ShipTo);
            Assert.Equal("Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS", document.Address2);
            Assert.Equal(("Trishy Smith", "San Antonio"), (document.CardName, document.BillTo!.City));
        }
    }

    [Fact]
    public async Task An_order_to_a_country_SAP_does_not_know_parks_and_posts_once_after_the_country_is_added_and_the_exception_retried()
    {
        var queue = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        var pristina = new PostalAddress("Arta Krasniqi", null, "Rruga Agim Ramadani 15", null, "Prishtinë", "10000", null, "XK", "+383 44 123 456");
        var order = Order("magento", "ADDR-K1", new CustomerRef("arta@example.com", null, IsGuest: true, "Arta Krasniqi"), To(pristina, pristina, "arta@example.com"));

        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(order)).Code);
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await queue.ListAsync()).FirstOrDefault(e => e.RecordId == order.Key.EntityId);
            return (parked is not null, "not parked yet");
        }, TimeSpan.FromSeconds(20), "the order parked for its country");
        Assert.Equal(ExceptionTypes.InvalidAddressType, parked!.Type);
        Assert.Contains("country 'XK' is not a country code SAP knows", parked.Reason);

        // The administrator adds the country in SAP; the retry reads SAP's master data again before it checks.
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = _sap.ServiceRootV1 })
        {
            (await http.PostAsync("Login", new StringContent("""{"CompanyDB":"SBODEMO","UserName":"manager","Password":"manager"}"""))).EnsureSuccessStatusCode();
            (await http.PostAsync("Countries", new StringContent("""{"Code":"XK","Name":"Kosovo"}"""))).EnsureSuccessStatusCode();
        }
        Assert.False((await queue.RetryAsync(parked.Id)).IsError);
        await Until(order.Key.EntityId, s => s.Status == OrderStatus.Posted, "the order in SAP after the country was added");

        var posted = Assert.Single(_sap.Company.Orders, d => d.NumAtCard == order.Key.NumAtCard);
        Assert.Equal(("XK", "XK", "Arta Krasniqi"), (posted.ShipTo!.Country, posted.BillTo!.Country, posted.CardName));
    }

    [Fact]
    public async Task An_address_SAP_would_refuse_parks_for_customer_service_without_holding_up_others_and_the_corrected_order_posts_once()
    {
        var queue = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        var guest = new CustomerRef("anna@example.at", null, IsGuest: true, "Anna Gruber");
        var wrong = Order("magento", "ADDR-X1", guest, To(Vienna, Austin with { Region = "Texsa", PostalCode = null }, "anna@example.at"));
        var neighbour = Order("magento", "ADDR-X2", guest, To(Vienna, Austin, "anna@example.at"));

        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(wrong)).Code);
        await Posted(neighbour);
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await queue.ListAsync()).FirstOrDefault(e => e.RecordId == wrong.Key.EntityId);
            return (parked is not null, "not parked yet");
        }, TimeSpan.FromSeconds(20), "the order parked for its address");
        Assert.Equal((ExceptionTypes.InvalidAddressType, OwningTeam.CustomerService), (parked!.Type, parked.Team));
        Assert.Contains("ship-to address (Jane Doe, 555 Main Street, Austin, Texsa, US)", parked.Reason);
        Assert.Contains("the postcode is missing", parked.Reason);
        Assert.Contains("state 'Texsa' is not one of SAP's states for US; suggested: TX (Texas)", parked.Reason);

        // An operator's retry before anything was fixed changes nothing; the channel's corrected order does.
        Assert.Contains("Still failing", (await queue.RetryAsync(parked.Id)).Message);
        var corrected = wrong with { Addresses = To(Vienna, Austin, "anna@example.at") };
        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(corrected)).Code);
        await Until(wrong.Key.EntityId, s => s.Status == OrderStatus.Posted, "the corrected order in SAP");
        Assert.Equal(CommandResultCode.Duplicate, (await Engine.SubmitOrderAsync(corrected)).Code);

        var posted = Assert.Single(_sap.Company.Orders, d => d.NumAtCard == wrong.Key.NumAtCard);
        Assert.Equal(new AddressRecord("555 Main Street", null, "Austin", "78751", "TX", "US"), posted.ShipTo);
        await Eventually.HoldsAsync(async () =>
        {
            var record = await queue.GetAsync(parked.Id);
            return (record?.Status == ExceptionStatus.Resolved, $"{record?.Status}");
        }, TimeSpan.FromSeconds(20), "the exception resolved by the order's success");
    }
}

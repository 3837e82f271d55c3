using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests.Addresses;

/// <summary>What goes where on the SAP documents: the builder, the new partner and the deliveries.</summary>
public class SalesOrderAddressSpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static SapDocument Build(ChannelOrder order, string cardCode, bool newPartner = false)
    {
        var built = Documents.SalesOrderBuilder.Build(order, CompanyMapping(), cardCode, Snapshot(), newPartner);
        Assert.Null(built.Exception);
        return built.Document!;
    }

    [Fact]
    public void A_guests_order_names_the_buyer_and_carries_both_addresses_and_the_contact_details()
    {
        var document = Build(Order("G-1", Guest, Both(Vienna, Austin with { Region = "texas" })), "WEBGUEST");

        Assert.Equal(("WEBGUEST", "Anna Gruber"), (document.CardCode, document.CardName));
        Assert.Equal(new SapAddressExtension(
            ShipToStreet: "555 Main Street", ShipToCity: "Austin", ShipToZipCode: "78751", ShipToState: "TX", ShipToCountry: "US",
            BillToStreet: "Mariahilfer Straße 88", BillToBlock: "Stiege 2, Top 14", BillToCity: "Wien", BillToZipCode: "1070", BillToCountry: "AT"), document.AddressExtension);
        Assert.Equal("Anna Gruber\rGruber KG\rMariahilfer Straße 88\rStiege 2, Top 14\r1070 Wien\rAT\rvisitor@example.com\rTel. +43 1 523 4411", document.Address);
        Assert.Equal("Jane Doe\r555 Main Street\r78751 Austin\rtexas\rUS\rTel. +43 1 523 4411", document.Address2);
        Assert.Null(document.ShipToCode);
        Assert.Null(document.PayToCode);
        Assert.Equal(51.29m, document.DocumentLines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + 4.95m + 0.99m);
    }

    [Fact]
    public void A_registered_partners_matching_address_is_named_by_its_code_and_not_repeated()
    {
        var customer = new CustomerRef("customer1@example.com", "101", IsGuest: false, "Jürgen Müller");
        var sameButTyped = Hamburg with { Street = "jungfernstieg 1.", City = "HAMBURG" };
        var document = Build(Order("R-1", customer, Both(sameButTyped, Hamburg with { Street = "Am Sandtorkai 27", PostalCode = "20457" })), "C00001");

        Assert.Equal(("Bill to", "Lager"), (document.PayToCode, document.ShipToCode));
        Assert.Null(document.AddressExtension);
        Assert.Null(document.Address);
        Assert.Null(document.Address2);
        Assert.Null(document.CardName);
    }

    [Fact]
    public void A_registered_partners_new_address_goes_on_the_document()
    {
        var customer = new CustomerRef("customer1@example.com", "101", IsGuest: false);
        var document = Build(Order("R-2", customer, Both(Hamburg, Vienna)), "C00001");

        Assert.Equal("Bill to", document.PayToCode);
        Assert.Null(document.ShipToCode);
        Assert.Equal(new SapAddressExtension("Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT"), document.AddressExtension);
        Assert.StartsWith("Anna Gruber\rGruber KG\rMariahilfer Straße 88", document.Address2);
    }

    [Fact]
    public void A_new_customer_is_created_with_its_bill_to_and_ship_to_and_the_order_carries_both()
    {
        var order = Order("N-1", new CustomerRef("anna.gruber@example.at", null, IsGuest: false, "Anna Gruber"), Both(Vienna, Hamburg));
        var decided = OrderState.Empty(order.Key.EntityId).ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), CompanyMapping(), Now, Snapshot());

        var validated = Assert.IsType<OrderValidated>(decided.Events[1]);
        var partner = validated.NewCustomer!;
        Assert.Equal(("Anna Gruber", "+43 1 523 4411"), (partner.CardName, partner.Phone1));
        Assert.Equal(
        [
            new SapPartnerAddress("Bill to", SapPartnerAddress.BillTo, "Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT"),
            new SapPartnerAddress("Ship to", SapPartnerAddress.ShipTo, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE"),
        ], partner.BPAddresses!);
        // Under a code that may already exist with other addresses, the document says its own.
        Assert.Equal(("Wien", "Hamburg"), (validated.Document.AddressExtension!.BillToCity, validated.Document.AddressExtension.ShipToCity));
        Assert.Null(validated.Document.ShipToCode);
    }

    [Fact]
    public void An_order_to_two_addresses_names_each_rows_destination_and_each_delivery_goes_to_its_own()
    {
        var addresses = new OrderAddresses(new OrderBuyer("Jane Doe", null, "janedoe@example.com", "512-555-1111"), NewYork)
        {
            ShipTo = [new ShipToAddress("132", NewYork), new ShipToAddress("133", Austin)],
        };
        var order = Order("M-1", new CustomerRef("janedoe@example.com", null, IsGuest: true), addresses) is var o
            ? o with { Lines = [o.Lines[0] with { ShipToId = "132" }, o.Lines[1] with { ShipToId = "133" }] }
            : null!;
        var mapping = CompanyMapping();
        var state = OrderState.Empty(order.Key.EntityId);
        foreach (var e in state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), mapping, Now, Snapshot()).Events)
            state = state.ProcessEvent(e);

        Assert.Equal(OrderStatus.Validated, state.Status);
        Assert.Equal("NY", state.Document!.AddressExtension!.ShipToState);
        Assert.Equal(["Jane Doe\r123 Oak Ave\r10577 Purchase\rNY\rUS", "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS"],
            state.Document.DocumentLines.Select(l => l.ShipToDescription));
        state = state.ProcessEvent(new OrderPosted(state.OrderId, 77, 77, false, Now));

        SapCopyDocument DeliveryOf(string dispatchId, string sku, decimal quantity)
        {
            var decided = state.ProcessCommand(new OrderCommands.RecordDispatch(state.OrderId,
                new DispatchConfirmation("magento", "M-1", dispatchId, [new DispatchLine(sku, quantity)], new DateOnly(2030, 1, 16))), Now);
            state = decided.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));
            var work = state.CurrentWork()!;
            state = state.ProcessEvent(new JobCompleted(state.OrderId, work.Key, 80, 80, [], false, Now));
            state = state.ProcessEvent(new JobCompleted(state.OrderId, SapJob.InvoiceKey(dispatchId), 90, 90, [], false, Now));
            return Assert.IsType<SapCopyDocument>(work.Body);
        }

        var first = DeliveryOf("S-1", "ITM00001", 2);
        Assert.Null(first.AddressExtension); // SAP copies the order's ship-to
        var second = DeliveryOf("S-2", "ITM00002", 1);
        Assert.Equal(new SapAddressExtension("555 Main Street", null, "Austin", "78751", "TX", "US"), second.AddressExtension);
        Assert.Equal("Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS", second.Address2);
    }

    [Fact]
    public void Without_master_data_a_region_code_is_sent_as_it_is_and_a_region_name_is_left_to_SAP()
    {
        var built = Documents.SalesOrderBuilder.Build(Order("G-2", Guest, Both(NewYork, Austin)), CompanyMapping(), "WEBGUEST");
        Assert.Equal(("NY", null), (built.Document!.AddressExtension!.BillToState, built.Document.AddressExtension.ShipToState));
    }

    [Fact]
    public void An_order_without_addresses_builds_the_same_document_as_before()
    {
        var document = Build(Order("O-1", Guest, addresses: null), "WEBGUEST");
        Assert.Equal((null, null, null, null), (document.CardName, document.Address, document.Address2, document.AddressExtension));
    }
}

using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests.Addresses;

/// <summary>
/// Where the buyer and the addresses land on the sales order, field by field: the guest's contact lines and what does
/// not fit SAP's 254 characters, a registered partner's matching addresses named by code, rows to several destinations.
/// </summary>
public class DocumentAddressesSpecs
{
    private static readonly SapDocument Bare = new("WEBGUEST", "MAGENTO-A-1", "2030-01-14", "2030-01-14",
        [new SapDocumentLine("ITM00001", 2, 10.15m, "01", "O1"), new SapDocumentLine("ITM00002", 1, 19.99m, "01", "O2")], Comments: "Magento order A-1");

    /// <summary>A partner in Purchase, NY, whose bill-to and ship-to are one suite, and a warehouse in Austin.</summary>
    private static readonly BusinessPartnerMasterData Acme = new("C00042")
    {
        Addresses =
        [
            new SapPartnerAddress("Head office", SapPartnerAddress.BillTo, "123 Oak Ave", "Suite 400", "Purchase", "10577", "NY", "US"),
            new SapPartnerAddress("Dock", SapPartnerAddress.ShipTo, "123 Oak Ave", "Suite 400", "Purchase", "10577", "NY", "US"),
            new SapPartnerAddress("Austin DC", SapPartnerAddress.ShipTo, "555 Main Street", null, "Austin", "78751", "TX", "US"),
        ],
    };

    private static readonly PostalAddress Suite = NewYork with { Street2 = "Suite 400" };

    private static SapDocument OnSalesOrder(OrderAddresses addresses, bool guest, BusinessPartnerMasterData? partner = null, ChannelOrder? order = null) =>
        DocumentAddresses.OnSalesOrder(Bare, (order ?? Order("A-1", Guest, null)) with { Addresses = addresses }, guest, partner, Snapshot());

    [Theory]
    [InlineData("HK")]
    [InlineData("MO")]
    [InlineData("AE")]
    [InlineData("QA")]
    [InlineData("IE")]
    public void Countries_without_postcodes_need_none(string country)
    {
        Assert.Empty(AddressChecks.Problems(new PostalAddress("Li Wei", null, "88 Queensway", null, "Admiralty", null, null, country), null));
        Assert.Equal(["the postcode is missing"], AddressChecks.Problems(new PostalAddress("Li Wei", null, "88 Queensway", null, "Admiralty", null, null, "GB"), null));
    }

    [Fact]
    public void A_country_is_sap_s_upper_case_code_and_a_blank_one_is_none()
    {
        Assert.Equal("AT", DocumentAddresses.CountryCode(" at "));
        Assert.Null(DocumentAddresses.CountryCode("  "));
    }

    [Fact]
    public void Without_sap_s_countries_a_region_of_up_to_three_characters_is_sent_as_a_code_and_a_longer_one_is_left_out()
    {
        Assert.Equal("NSW", DocumentAddresses.StateCode("AU", " nsw ", null));
        Assert.Equal("NY", DocumentAddresses.StateCode("US", "ny", null));
        Assert.Null(DocumentAddresses.StateCode("AU", "New South Wales", null));
        Assert.Equal("TX", DocumentAddresses.StateCode("US", "texas", Snapshot()));
        Assert.Null(DocumentAddresses.StateCode(null, "texas", Snapshot()));
    }

    [Fact]
    public void The_printed_address_falls_back_to_the_buyer_s_name_and_names_a_company_once()
    {
        var noName = Vienna with { Name = null };
        var companyOnly = Vienna with { Name = "Gruber KG" };

        Assert.StartsWith("Anna Gruber\rGruber KG\rMariahilfer", DocumentAddresses.Printable(noName, DocumentAddresses.ToSap(noName, null), "Anna Gruber"));
        Assert.StartsWith("Gruber KG\rMariahilfer", DocumentAddresses.Printable(companyOnly, DocumentAddresses.ToSap(companyOnly, null)));
    }

    [Fact]
    public void A_guest_order_without_a_bill_to_carries_the_contact_as_its_address()
    {
        var document = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber", null, "visitor@example.com", "+43 1 523 4411")) { ShipTo = [new("1", Hamburg)] }, guest: true);

        Assert.Equal("visitor@example.com\rTel. +43 1 523 4411", document.Address);
        Assert.Equal("Jürgen Müller\rJungfernstieg 1\r20354 Hamburg\rDE\rTel. +49 40 3095 1170", document.Address2);
        Assert.Equal(new SapAddressExtension(ShipToStreet: "Jungfernstieg 1", ShipToCity: "Hamburg", ShipToZipCode: "20354", ShipToCountry: "DE"), document.AddressExtension);
        Assert.Equal("Magento order A-1", document.Comments);
    }

    [Fact]
    public void A_guest_order_without_a_ship_to_carries_only_the_bill_to()
    {
        var document = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber"), Vienna) { ShipTo = [new("1", new PostalAddress("Anna Gruber"))] }, guest: true);

        Assert.Null(document.Address2);
        Assert.Equal("Anna Gruber\rGruber KG\rMariahilfer Straße 88\rStiege 2, Top 14\r1070 Wien\rAT\rTel. +43 1 523 4411", document.Address);
        Assert.Equal(new SapAddressExtension(BillToStreet: "Mariahilfer Straße 88", BillToBlock: "Stiege 2, Top 14", BillToCity: "Wien", BillToZipCode: "1070", BillToCountry: "AT"),
            document.AddressExtension);
        Assert.Null(DocumentAddresses.ForNewPartner(Order("A-1", Guest, new OrderAddresses(new OrderBuyer("Anna Gruber")) { ShipTo = [new("1", new PostalAddress("Anna Gruber"))] }), Snapshot()));
    }

    [Fact]
    public void A_guest_without_e_mail_or_phone_adds_no_contact_line_and_the_ship_to_takes_the_buyer_s_phone_when_it_has_none()
    {
        var quiet = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber"), Vienna with { Phone = null }) { ShipTo = [new("1", Hamburg with { Phone = null })] }, guest: true);
        var buyersPhone = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber", Phone: "+43 660 1234567"), Vienna) { ShipTo = [new("1", Hamburg with { Phone = null })] }, guest: true);

        Assert.Equal("Anna Gruber\rGruber KG\rMariahilfer Straße 88\rStiege 2, Top 14\r1070 Wien\rAT", quiet.Address);
        Assert.Equal("Jürgen Müller\rJungfernstieg 1\r20354 Hamburg\rDE", quiet.Address2);
        Assert.EndsWith("\rAT\rTel. +43 660 1234567", buyersPhone.Address);
        Assert.EndsWith("\rDE\rTel. +43 660 1234567", buyersPhone.Address2);
    }

    [Fact]
    public void A_contact_that_does_not_fit_the_printable_bill_to_goes_to_the_comments_and_one_that_fits_exactly_stays()
    {
        var buyer = new OrderBuyer("Anna Gruber", null, "visitor@example.com", "+43 1 523 4411");
        const string contact = "visitor@example.com\rTel. +43 1 523 4411";
        var plain = Vienna with { Name = null, Company = null, Street2 = null };
        var printed = DocumentAddresses.Printable(plain, DocumentAddresses.ToSap(plain, null), "Anna Gruber").Length;
        var pad = DocumentAddresses.PrintableLength - printed - 1 - contact.Length;
        var fits = plain with { Street2 = new string('x', pad - 1) };
        var over = plain with { Street2 = new string('x', pad) };

        var kept = OnSalesOrder(new OrderAddresses(buyer, fits) { ShipTo = [new("1", Hamburg)] }, guest: true);
        var moved = OnSalesOrder(new OrderAddresses(buyer, over) { ShipTo = [new("1", Hamburg)] }, guest: true);

        Assert.Equal(DocumentAddresses.PrintableLength, kept.Address!.Length);
        Assert.EndsWith(contact, kept.Address);
        Assert.Equal("Magento order A-1", kept.Comments);
        Assert.DoesNotContain("visitor@example.com", moved.Address);
        Assert.Equal("Magento order A-1; buyer visitor@example.com Tel. +43 1 523 4411", moved.Comments);
    }

    [Fact]
    public void The_ship_to_phone_is_added_only_while_the_printable_ship_to_holds_it()
    {
        var buyer = new OrderBuyer("Anna Gruber");
        var plain = Hamburg with { Phone = "+49 40 3095 1170" };
        var printed = DocumentAddresses.Printable(plain, DocumentAddresses.ToSap(plain, null)).Length;
        var room = DocumentAddresses.PrintableLength - printed - 1 - "Tel. +49 40 3095 1170".Length;
        var fits = plain with { Street2 = new string('x', room - 1) };
        var over = plain with { Street2 = new string('x', room) };

        var kept = OnSalesOrder(new OrderAddresses(buyer) { ShipTo = [new("1", fits)] }, guest: true);
        var dropped = OnSalesOrder(new OrderAddresses(buyer) { ShipTo = [new("1", over)] }, guest: true);

        Assert.Equal(DocumentAddresses.PrintableLength, kept.Address2!.Length);
        Assert.EndsWith("\rTel. +49 40 3095 1170", kept.Address2);
        Assert.DoesNotContain("Tel.", dropped.Address2);
    }

    [Fact]
    public void A_registered_partner_s_matching_addresses_are_named_and_none_of_their_fields_repeated()
    {
        var document = OnSalesOrder(new OrderAddresses(new OrderBuyer("Jane Doe"), Suite) { ShipTo = [new("1", Suite)] }, guest: false, Acme);

        Assert.Equal(("Head office", "Dock"), (document.PayToCode, document.ShipToCode));
        Assert.Null(document.AddressExtension);
        Assert.Null(document.Address);
        Assert.Null(document.Address2);
    }

    [Fact]
    public void A_registered_partner_with_only_one_of_the_addresses_gets_only_that_one()
    {
        var shipOnly = OnSalesOrder(new OrderAddresses(new OrderBuyer("Jane Doe")) { ShipTo = [new("1", Austin)] }, guest: false, Acme);
        var billOnly = OnSalesOrder(new OrderAddresses(new OrderBuyer("Jane Doe"), Austin) { ShipTo = [] }, guest: false, Acme);

        Assert.Equal((null, "Austin DC"), (shipOnly.PayToCode, shipOnly.ShipToCode));
        Assert.Null(shipOnly.AddressExtension);
        Assert.Equal(new SapAddressExtension(BillToStreet: "555 Main Street", BillToCity: "Austin", BillToZipCode: "78751", BillToState: "TX", BillToCountry: "US"),
            billOnly.AddressExtension);
        Assert.Null(billOnly.ShipToCode);
    }

    [Fact]
    public void An_order_with_one_destination_leaves_its_rows_alone_and_one_with_none_has_no_address_extension()
    {
        var order = Order("A-1", Guest, null);
        var oneWithIds = order with { Lines = [order.Lines[0] with { ShipToId = "1" }, order.Lines[1] with { ShipToId = "1" }] };

        var one = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber")) { ShipTo = [new("1", Hamburg)] }, guest: true, order: oneWithIds);
        var none = OnSalesOrder(new OrderAddresses(new OrderBuyer("Anna Gruber", Email: "visitor@example.com")) { ShipTo = [] }, guest: true);

        Assert.All(one.DocumentLines, l => Assert.Equal((null, null), (l.ShipToCode, l.ShipToDescription)));
        Assert.Null(none.AddressExtension);
        Assert.Equal("visitor@example.com", none.Address);
    }

    [Fact]
    public void Rows_to_several_destinations_name_a_partner_s_address_by_code_and_otherwise_print_it()
    {
        var order = Order("A-1", Guest, null);
        var split = order with { Lines = [order.Lines[0] with { ShipToId = "dock" }, order.Lines[1] with { ShipToId = "austin" }] };
        var addresses = new OrderAddresses(new OrderBuyer("Jane Doe"), Suite) { ShipTo = [new("dock", Suite), new("austin", Austin)] };

        var registered = OnSalesOrder(addresses, guest: false, Acme, split);
        var guest = OnSalesOrder(addresses, guest: true, null, split);

        Assert.Equal([("Dock", null), ("Austin DC", null)], registered.DocumentLines.Select(l => (l.ShipToCode, l.ShipToDescription)));
        Assert.Equal([(null, "Jane Doe\r123 Oak Ave\rSuite 400\r10577 Purchase\rNY\rUS"), (null, "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS")],
            guest.DocumentLines.Select(l => (l.ShipToCode, l.ShipToDescription)));
    }

    [Fact]
    public void A_row_pointing_at_an_empty_ship_to_keeps_the_order_s_destination()
    {
        var order = Order("A-1", Guest, null);
        var split = order with { Lines = [order.Lines[0] with { ShipToId = "home" }, order.Lines[1] with { ShipToId = "none" }] };
        var addresses = new OrderAddresses(new OrderBuyer("Jane Doe")) { ShipTo = [new("home", Hamburg), new("office", Austin), new("none", new PostalAddress("Jane Doe"))] };

        var document = OnSalesOrder(addresses, guest: true, order: split);

        Assert.NotNull(document.DocumentLines[0].ShipToDescription);
        Assert.Equal((null, null), (document.DocumentLines[1].ShipToCode, document.DocumentLines[1].ShipToDescription));
    }

    [Fact]
    public void Deliveries_to_further_destinations_name_the_partner_s_address_or_carry_its_fields()
    {
        var addresses = new OrderAddresses(new OrderBuyer("Jane Doe")) { ShipTo = [new("dock", Suite), new("austin", Austin)] };
        var order = Order("A-1", Guest, addresses);

        var registered = Assert.Single(DocumentAddresses.Destinations(order, guest: false, Acme, Snapshot())!);
        var guest = Assert.Single(DocumentAddresses.Destinations(order, guest: true, Acme, Snapshot())!);

        Assert.Equal(new DeliveryDestination("austin", "Austin DC"), registered);
        Assert.Equal(new DeliveryDestination("austin", null, new SapAddressExtension("555 Main Street", null, "Austin", "78751", "TX", "US"),
            "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS"), guest);
        Assert.Null(DocumentAddresses.ForDelivery(order, [], [1]));
        Assert.Equal(guest, DocumentAddresses.ForDelivery(order with { Lines = [order.Lines[0], order.Lines[1] with { ShipToId = "austin" }] }, [guest], [1]));
    }
}

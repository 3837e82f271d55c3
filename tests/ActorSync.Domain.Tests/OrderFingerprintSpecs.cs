using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;

namespace ActorSync.Domain.Tests;

/// <summary>
/// The fingerprint journaled with every order decides whether a second delivery is a Duplicate (nothing to do) or a
/// Conflict (different content under the same id). It is a contract with every journal already written: its value for
/// a given order must never change, and every field that is money, identity or destination must move it.
/// </summary>
public class OrderFingerprintSpecs
{
    private static readonly ChannelOrder Order = new("magento", "000000412", new DateOnly(2026, 11, 23), "EUR",
        new CustomerRef("anna@example.at", "88", IsGuest: false, "Anna Gruber"),
        [new OrderLine("ITM00001", 2, 24.79m, 10.41m, 21m), new OrderLine("ITM00003", 3, 6.87m, 1.85m, 9m, Warehouse: "02")],
        ShippingAmount: 4.13m, ShippingTax: 0.87m, TotalPaid: 99.39m, ShippingMethod: "flatrate_flatrate", Location: "MAIN");

    private static readonly OrderAddresses Addresses = new(
        new OrderBuyer("Anna Gruber", "Gruber KG", "anna@example.at", "+43 1 523 4411"),
        new PostalAddress("Anna Gruber", "Gruber KG", "Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT", "+43 1 523 4411"))
    {
        ShipTo = [new ShipToAddress("ship-1", new PostalAddress("Anna Gruber", null, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE"))],
    };

    [Fact]
    public void The_fingerprint_of_a_given_order_is_the_one_already_journaled_and_never_changes()
    {
        Assert.Equal("988D45311D064C4AB67454E91791846F", Order.Fingerprint());
        Assert.Equal(32, Order.Fingerprint().Length);
    }

    public static TheoryData<string, ChannelOrder> Changes => new()
    {
        { "channel", Order with { Channel = "bigcommerce" } },
        { "external id", Order with { ExternalId = "000000413" } },
        { "order date", Order with { OrderDate = new DateOnly(2026, 11, 24) } },
        { "currency", Order with { Currency = "SEK" } },
        { "email", Order with { Customer = Order.Customer with { Email = "anna.g@example.at" } } },
        { "customer id", Order with { Customer = Order.Customer with { ChannelCustomerId = "89" } } },
        { "guest flag", Order with { Customer = Order.Customer with { IsGuest = true } } },
        { "shipping amount", Order with { ShippingAmount = 4.14m } },
        { "shipping tax", Order with { ShippingTax = 0.88m } },
        { "total paid", Order with { TotalPaid = 99.40m } },
        { "shipping method", Order with { ShippingMethod = "express" } },
        { "location", Order with { Location = "STORE" } },
        { "line sku", Order with { Lines = [Order.Lines[0] with { Sku = "ITM00002" }, Order.Lines[1]] } },
        { "line quantity", Order with { Lines = [Order.Lines[0] with { Quantity = 3 }, Order.Lines[1]] } },
        { "line unit price", Order with { Lines = [Order.Lines[0] with { UnitPrice = 24.78m }, Order.Lines[1]] } },
        { "line tax", Order with { Lines = [Order.Lines[0] with { TaxAmount = 10.42m }, Order.Lines[1]] } },
        { "line rate", Order with { Lines = [Order.Lines[0] with { TaxRate = 20m }, Order.Lines[1]] } },
        { "line warehouse", Order with { Lines = [Order.Lines[0], Order.Lines[1] with { Warehouse = "01" }] } },
        { "a line less", Order with { Lines = [Order.Lines[0]] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_content_moves_the_fingerprint(string what, ChannelOrder changed)
    {
        Assert.True(changed.Fingerprint() != Order.Fingerprint(), $"{what} did not move the fingerprint");
    }

    [Fact]
    public void Payments_names_and_addresses_are_not_content_so_they_leave_the_fingerprint_alone()
    {
        var withMore = Order with
        {
            Customer = Order.Customer with { Name = "Anna M. Gruber" },
            Payments = [new OrderPayment("checkmo", 99.39m, PaymentState.Captured)],
            Addresses = Addresses,
        };

        Assert.Equal(Order.Fingerprint(), withMore.Fingerprint());
    }

    [Fact]
    public void The_address_digest_is_stable_and_null_without_addresses()
    {
        Assert.Null(Order.AddressFingerprint());
        Assert.Equal("6F28BD5907E44A902C2DA5CF9D0BF1C4", (Order with { Addresses = Addresses }).AddressFingerprint());
    }

    public static TheoryData<string, OrderAddresses> AddressChanges => new()
    {
        { "buyer name", Addresses with { Buyer = Addresses.Buyer with { Name = "A. Gruber" } } },
        { "buyer company", Addresses with { Buyer = Addresses.Buyer with { Company = null } } },
        { "buyer email", Addresses with { Buyer = Addresses.Buyer with { Email = "office@gruber.at" } } },
        { "buyer phone", Addresses with { Buyer = Addresses.Buyer with { Phone = "+43 1 523 4412" } } },
        { "no billing address", Addresses with { BillTo = null } },
        { "billing street", Addresses with { BillTo = Addresses.BillTo! with { Street = "Mariahilfer Straße 89" } } },
        { "billing second line", Addresses with { BillTo = Addresses.BillTo! with { Street2 = "Stiege 2, Top 15" } } },
        { "billing city", Addresses with { BillTo = Addresses.BillTo! with { City = "Graz" } } },
        { "billing postcode", Addresses with { BillTo = Addresses.BillTo! with { PostalCode = "1071" } } },
        { "billing region", Addresses with { BillTo = Addresses.BillTo! with { Region = "W" } } },
        { "billing country", Addresses with { BillTo = Addresses.BillTo! with { Country = "DE" } } },
        { "billing name", Addresses with { BillTo = Addresses.BillTo! with { Name = "Anna" } } },
        { "billing company", Addresses with { BillTo = Addresses.BillTo! with { Company = "Gruber GmbH" } } },
        { "billing phone", Addresses with { BillTo = Addresses.BillTo! with { Phone = null } } },
        { "ship-to id", Addresses with { ShipTo = [Addresses.ShipTo[0] with { Id = "ship-2" }] } },
        { "ship-to street", Addresses with { ShipTo = [Addresses.ShipTo[0] with { Address = Addresses.ShipTo[0].Address with { Street = "Jungfernstieg 2" } }] } },
        { "no ship-to", Addresses with { ShipTo = [] } },
        // The length prefix keeps the fields apart: moving a word from one field to the next is a different address.
        { "text moved between fields", Addresses with { BillTo = Addresses.BillTo! with { Street = "Mariahilfer", Street2 = "Straße 88Stiege 2, Top 14" } } },
    };

    [Theory]
    [MemberData(nameof(AddressChanges))]
    public void Any_change_of_buyer_or_address_moves_the_address_digest(string what, OrderAddresses changed)
    {
        Assert.True((Order with { Addresses = changed }).AddressFingerprint() != (Order with { Addresses = Addresses }).AddressFingerprint(), $"{what} did not move the digest");
    }

    [Fact]
    public void Which_line_ships_where_is_part_of_the_address_digest()
    {
        var both = Order with { Addresses = Addresses };
        var routed = both with { Lines = [both.Lines[0] with { ShipToId = "ship-1" }, both.Lines[1]] };

        Assert.NotEqual(both.AddressFingerprint(), routed.AddressFingerprint());
    }

    private static OrderState Journaled(OrderStatus status, ChannelOrder order, int? docEntry = null) =>
        OrderState.Empty(order.Key.EntityId) with { Status = status, Order = order, Fingerprint = order.Fingerprint(), DocEntry = docEntry };

    [Fact]
    public void Redelivery_is_judged_by_content_first_then_by_addresses_and_whether_the_order_reached_sap()
    {
        var withAddresses = Order with { Addresses = Addresses };
        var moved = Order with { Addresses = Addresses with { ShipTo = [Addresses.ShipTo[0] with { Id = "ship-9" }] } };

        // Different content: a conflict, whatever the state.
        Assert.Equal(Redelivery.Conflict, OrderRedelivery.Judge(Journaled(OrderStatus.Quarantined, Order), Order with { TotalPaid = 99.40m }, (Order with { TotalPaid = 99.40m }).Fingerprint()));
        Assert.Equal(Redelivery.Conflict, OrderRedelivery.Judge(Journaled(OrderStatus.Validated, Order) with { Order = null }, Order, Order.Fingerprint()));
        // Same content: addresses missing on either side or equal are a duplicate.
        Assert.Equal(Redelivery.Duplicate, OrderRedelivery.Judge(Journaled(OrderStatus.Posted, Order), withAddresses, withAddresses.Fingerprint()));
        Assert.Equal(Redelivery.Duplicate, OrderRedelivery.Judge(Journaled(OrderStatus.Posted, withAddresses), Order, Order.Fingerprint()));
        Assert.Equal(Redelivery.Duplicate, OrderRedelivery.Judge(Journaled(OrderStatus.Posted, withAddresses), withAddresses, withAddresses.Fingerprint()));
        // Changed addresses: a correction only while parked and never posted.
        Assert.Equal(Redelivery.Correction, OrderRedelivery.Judge(Journaled(OrderStatus.Quarantined, withAddresses), moved, moved.Fingerprint()));
        Assert.Equal(Redelivery.Conflict, OrderRedelivery.Judge(Journaled(OrderStatus.Quarantined, withAddresses, docEntry: 4711), moved, moved.Fingerprint()));
        Assert.Equal(Redelivery.Conflict, OrderRedelivery.Judge(Journaled(OrderStatus.Validated, withAddresses), moved, moved.Fingerprint()));
    }

    [Fact]
    public void The_address_digest_of_an_order_without_a_billing_address_is_stable_too()
    {
        Assert.Equal("8FACF36C66EB80CDB7D476A0704C2002", (Order with { Addresses = Addresses with { BillTo = null } }).AddressFingerprint());
    }

    [Theory]
    [InlineData("magento:000000412", "magento", "000000412")]
    [InlineData("sitoo:a:b", "sitoo", "a:b")]
    public void An_entity_id_splits_at_its_first_colon(string entityId, string channel, string externalId)
    {
        Assert.Equal(new OrderKey(channel, externalId), OrderKey.Parse(entityId));
        Assert.Equal(entityId, OrderKey.Parse(entityId).EntityId);
    }

    [Theory]
    [InlineData(":000000412")]
    [InlineData("magento:")]
    [InlineData("magento")]
    public void An_entity_id_without_both_parts_is_refused_naming_the_form(string entityId)
    {
        var error = Assert.Throws<FormatException>(() => OrderKey.Parse(entityId));

        Assert.Equal($"Order entity id '{entityId}' is not of the form <channel>:<external id>.", error.Message);
    }

    [Fact]
    public void A_buyer_is_shown_by_name_else_by_company_else_not_at_all()
    {
        Assert.Equal("Anna Gruber", new OrderBuyer(" Anna Gruber ", "Gruber KG").DisplayName);
        Assert.Equal("Gruber KG", new OrderBuyer(" ", " Gruber KG").DisplayName);
        Assert.Null(new OrderBuyer(null, " ").DisplayName);
    }

    [Fact]
    public void A_line_ships_to_its_named_destination_else_the_first_and_nowhere_without_any()
    {
        var two = Addresses with { ShipTo = [Addresses.ShipTo[0], new ShipToAddress("ship-2", Addresses.BillTo!)] };

        Assert.Equal("ship-2", two.DestinationOf(Order.Lines[0] with { ShipToId = "ship-2" })!.Id);
        Assert.Equal("ship-1", two.DestinationOf(Order.Lines[0] with { ShipToId = "gone" })!.Id);
        Assert.Equal("ship-1", two.DestinationOf(Order.Lines[0])!.Id);
        Assert.Null((Addresses with { ShipTo = [] }).DestinationOf(Order.Lines[0]));
    }

    [Fact]
    public void The_same_place_ignores_case_spaces_punctuation_names_and_phones_but_not_the_place()
    {
        var place = Addresses.BillTo!;

        Assert.True(place.SamePlaceAs("mariahilfer straße 88.", "Stiege 2 Top 14", "WIEN", "1070", "at"));
        Assert.False(place.SamePlaceAs("Mariahilfer Straße 88", "Stiege 3, Top 14", "Wien", "1070", "AT"));
        Assert.False(place.SamePlaceAs("Mariahilfer Straße 8", "Stiege 2, Top 14", "Wien", "1070", "AT"));
        Assert.False(place.SamePlaceAs("Mariahilfer Straße 88", "Stiege 2, Top 14", "Graz", "1070", "AT"));
        Assert.False(place.SamePlaceAs("Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1071", "AT"));
        Assert.False(place.SamePlaceAs("Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", "DE"));
        Assert.True((place with { Street2 = null }).SamePlaceAs("Mariahilfer Straße 88", "", "Wien", "1070", "AT"));
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Tests.Boundary;

public class RecordChecksSpecs
{
    private static ChannelOrder AnOrder() => new("magento", "100000451", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
        [new OrderLine("ITM00017", 3, 10.15m, 6.09m, 20m), new OrderLine("ITM00021", 2, 19.99m, 2.80m, 7m)], 4.95m, 0.99m, 85.25m, "flatrate_flatrate");

    private static IEnumerable<string> Paths(IEnumerable<FieldProblem> problems) => problems.Select(p => p.Path);

    [Fact]
    public void A_sound_order_passes() => Assert.Empty(RecordChecks.Check(AnOrder()));

    [Fact]
    public void Addresses_of_a_broken_shape_are_refused_at_the_door_but_what_is_wrong_inside_an_address_is_not()
    {
        var broken = AnOrder() with { Addresses = new OrderAddresses(null!) { ShipTo = [null!, new ShipToAddress("", null!)] } };
        var nullList = AnOrder() with { Addresses = new OrderAddresses(new OrderBuyer("Ann")) { ShipTo = null! } };
        var odd = AnOrder() with
        {
            Addresses = new OrderAddresses(new OrderBuyer("Ann\u0007")) { ShipTo = [new ShipToAddress("1", new PostalAddress(Street: "Jungfernstieg\u00001", Country: "XX"))] },
        };

        Assert.Equal(["$.addresses.buyer", "$.addresses.shipTo[0]", "$.addresses.shipTo[1].id", "$.addresses.shipTo[1].address"], Paths(RecordChecks.Check(broken)));
        Assert.Equal(["$.addresses.shipTo"], Paths(RecordChecks.Check(nullList)));
        Assert.Empty(RecordChecks.Check(odd));
    }

    [Fact]
    public void An_order_missing_everything_reports_every_missing_field_at_once()
    {
        var empty = new ChannelOrder(null!, null!, default, null!, null!, null!, 0, 0, 0);

        var problems = RecordChecks.Check(empty);

        Assert.Equal(["$.channel", "$.externalId", "$.orderDate", "$.currency", "$.customer", "$.lines"], Paths(problems));
        Assert.All(problems, p => Assert.True(p.Problem is "is required" or "needs at least one line", p.Problem));
    }

    [Fact]
    public void Line_problems_are_reported_at_their_index_together_with_the_header_problems()
    {
        var order = AnOrder() with
        {
            Currency = "eur",
            Lines = [new OrderLine("", 1, 10m, 2m, 20m), new OrderLine("ITM00021", -2, -19.99m, 2.80m, 107m), null!],
        };

        var problems = RecordChecks.Check(order);

        Assert.Equal(["$.currency", "$.lines[0].sku", "$.lines[1].quantity", "$.lines[1].unitPrice", "$.lines[1].taxRate", "$.lines[2]"], Paths(problems));
        Assert.Contains("was -2", problems.Single(p => p.Path == "$.lines[1].quantity").Problem);
    }

    [Theory]
    [InlineData("MAGENTO-\0-1", "control character")]
    [InlineData("100000451\u202E", "direction mark")]
    [InlineData("order/451", "'/'")]
    [InlineData("order%2F451", "'%'")]
    [InlineData(" 451", "spaces")]
    public void An_external_id_that_cannot_be_an_address_or_a_num_at_card_is_refused(string id, string expected)
    {
        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { ExternalId = id }));

        Assert.Equal("$.externalId", problem.Path);
        Assert.Contains(expected, problem.Problem);
    }

    [Fact]
    public void An_external_id_too_long_for_sap_is_refused_with_both_lengths()
    {
        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { ExternalId = new string('7', 150) }));

        Assert.Equal("$.externalId", problem.Path);
        Assert.Contains("150 characters", problem.Problem);
        Assert.Contains($"{RecordChecks.MaxExternalIdLength}", problem.Problem);
    }

    [Fact]
    public void A_lone_surrogate_is_broken_text_but_emoji_and_accents_are_fine()
    {
        Assert.Empty(RecordChecks.Check(AnOrder() with { Customer = new CustomerRef("jürgen@example.de", null, true, "Jürgen 🎄 Müller") }));

        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { Customer = new CustomerRef("x@example.de", null, true, "Jürgen \uD83C") }));

        Assert.Equal("$.customer.name", problem.Path);
        Assert.Contains("lone surrogate", problem.Problem);
    }

    [Fact]
    public void More_lines_than_the_limit_are_one_problem_not_thousands()
    {
        var lines = Enumerable.Range(0, 60_000).Select(i => new OrderLine("ITM00017", 1, 0.01m, 0m, 0m)).ToImmutableList();

        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { Lines = lines }, new RecordLimits(MaxLines: 1_000)));

        Assert.Equal("$.lines", problem.Path);
        Assert.Contains("60000 lines", problem.Problem);
    }

    [Fact]
    public void A_registered_customer_without_email_or_channel_id_cannot_be_matched()
    {
        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { Customer = new CustomerRef(null, null, false) }));

        Assert.Equal("$.customer", problem.Path);
    }

    [Fact]
    public void A_date_far_outside_business_years_is_refused()
    {
        var problem = Assert.Single(RecordChecks.Check(AnOrder() with { OrderDate = new DateOnly(1900, 1, 1) }));

        Assert.Equal("$.orderDate", problem.Path);
    }

    [Fact]
    public void A_shipping_only_refund_needs_no_lines_but_a_refund_of_nothing_is_refused()
    {
        var shippingOnly = new RefundRequest("magento", "100000451", "CM-1", [], 4.95m, false, new DateOnly(2026, 11, 28));

        Assert.Empty(RecordChecks.Check(shippingOnly));
        Assert.Equal("$.lines", Assert.Single(RecordChecks.Check(shippingOnly with { ShippingRefund = 0 })).Path);
    }

    [Fact]
    public void A_dispatch_without_its_id_or_with_zero_quantity_is_refused()
    {
        var dispatch = new DispatchConfirmation("magento", "100000451", "", [new DispatchLine("ITM00017", 0)], new DateOnly(2026, 11, 28));

        Assert.Equal(["$.dispatchId", "$.lines[0].quantity"], Paths(RecordChecks.Check(dispatch)));
    }

    [Fact]
    public void A_till_receipt_and_a_warehouse_movement_are_checked_the_same_way()
    {
        var receipt = new PosTransaction("sitoo", "11513", PosTransactionKind.Sale, new DateOnly(2026, 11, 27), "EUR", new CustomerRef(null, null, true), "1",
            [new PosLine("ITM00017", 2, -20.30m, 4.06m, 20m)], [new PosPayment("", 24.36m)], 24.36m);
        var transfer = new WarehouseMovement("wms", "TR-9", MovementKind.Transfer, DateTimeOffset.UnixEpoch.AddYears(56), "MAIN", [new MovementLine("SER-0007", 2)]);

        Assert.Equal(["$.lines[0].netAmount", "$.payments[0].method"], Paths(RecordChecks.Check(receipt)));
        Assert.Equal(["$.toLocation"], Paths(RecordChecks.Check(transfer)));
    }

    [Fact]
    public void A_null_record_is_one_problem_at_the_root()
    {
        Assert.Equal("$", Assert.Single(RecordChecks.Check((ChannelOrder?)null)).Path);
        Assert.Equal("$", Assert.Single(RecordChecks.Check((WarehouseMovement?)null)).Path);
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Tests.Boundary;

/// <summary>
/// Every record the doors take (payment reports, dispatches, refunds, cancellations, till receipts, warehouse movements):
/// each field checked, each problem at its own path with the words the sender reads, the limits honoured at their edge.
/// </summary>
public class RecordChecksEveryRecordSpecs
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static string[] Lines(IEnumerable<FieldProblem> problems) => problems.Select(p => $"{p.Path}: {p.Problem}").ToArray();

    private static PaymentReport APayment() => new("magento", "100000451", "txn-8817", "cashondelivery", 85.25m, Day, "COD 4471");

    private static DispatchConfirmation ADispatch() =>
        new("magento", "100000451", "SH-2231", [new DispatchLine("ITM00017", 3), new DispatchLine("ITM00021", 1.5m)], Day, "DHL", "00340434161094042557", "wms");

    private static RefundRequest ARefund() =>
        new("bigcommerce", "118", "RF-14", [new RefundLine("ITM00017", 1, 12.18m)], 4.95m, true, Day, 17.13m) { Method = "storecredit" };

    private static PosTransaction AReceipt(PosTransactionKind kind = PosTransactionKind.Sale) =>
        new("sitoo", "11513", kind, Day, "SEK", new CustomerRef(null, null, true), "Drottninggatan 12",
            [new PosLine("ITM00017", 2, 162.40m, 40.60m, 25m, "Merino scarf"), new PosLine("ITM00021", 1, 47.17m, 2.83m, 6m)],
            [new PosPayment("card", 200m, "auth 55821"), new PosPayment("cash", 53m)], 253m, 0m);

    private static WarehouseMovement AReceiptOfGoods() =>
        new("wms", "ASN-77", MovementKind.Receipt, new DateTimeOffset(2026, 11, 27, 9, 14, 0, TimeSpan.Zero), "MAIN",
            [new MovementLine("ITM00017", 24, "LOT-2026-11", UnitCost: 7.4125m), new MovementLine("SER-0007", 2)]);

    [Fact]
    public void Sound_records_of_every_kind_pass()
    {
        Assert.Empty(RecordChecks.Check(APayment()));
        Assert.Empty(RecordChecks.Check(ADispatch()));
        Assert.Empty(RecordChecks.Check(ARefund()));
        Assert.Empty(RecordChecks.Check(new OrderCancellation("magento", "100000451", "customer changed their mind")));
        Assert.Empty(RecordChecks.Check(AReceipt()));
        Assert.Empty(RecordChecks.Check(AReceipt(PosTransactionKind.Return) with { OriginalExternalId = "11498" }));
        Assert.Empty(RecordChecks.Check(AReceiptOfGoods()));
    }

    [Fact]
    public void Each_null_record_is_one_problem_at_the_root()
    {
        Assert.Equal(["$: is required"], Lines(RecordChecks.Check((PaymentReport?)null)));
        Assert.Equal(["$: is required"], Lines(RecordChecks.Check((DispatchConfirmation?)null)));
        Assert.Equal(["$: is required"], Lines(RecordChecks.Check((RefundRequest?)null)));
        Assert.Equal(["$: is required"], Lines(RecordChecks.Check((OrderCancellation?)null)));
        Assert.Equal(["$: is required"], Lines(RecordChecks.Check((PosTransaction?)null)));
    }

    [Fact]
    public void A_payment_report_names_every_bad_field()
    {
        var bad = new PaymentReport("Magento Store", "100000451#2", "txn/8817", "", -12.5m, new DateOnly(1999, 12, 31), "COD\t4471");

        Assert.Equal(
        [
            "$.channel: may hold only letters, digits, '-' and '_'",
            "$.orderExternalId: may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)",
            "$.paymentId: may not contain '/', '\\', '?', '#' or '%'",
            "$.method: is required",
            "$.amount: must not be negative (was -12.5)",
            "$.date: is 1999-12-31, outside 2000 to 2100",
            "$.reference: contains a control character",
        ], Lines(RecordChecks.Check(bad)));
    }

    [Fact]
    public void A_payment_of_nothing_is_refused_and_the_callers_limit_is_the_one_applied()
    {
        Assert.Equal(["$.amount: must be more than 0"], Lines(RecordChecks.Check(APayment() with { Amount = 0m })));
        Assert.Equal(["$.amount: is 85.25, more than 85.24"], Lines(RecordChecks.Check(APayment(), new RecordLimits(MaxAmount: 85.24m))));
        Assert.Empty(RecordChecks.Check(APayment(), new RecordLimits(MaxAmount: 85.25m)));
        Assert.Equal(["$.amount: has more than 6 decimals"], Lines(RecordChecks.Check(APayment() with { Amount = 85.2500001m })));
    }

    [Fact]
    public void A_dispatch_names_every_bad_field()
    {
        var bad = new DispatchConfirmation("magento store", " 100000451", "SH?2231", [new DispatchLine("", 2), null!, new DispatchLine("ITM00021", 0.0000001m)],
            default, new string('D', 101), "0034\u000A0434", "wms\u200F");

        Assert.Equal(
        [
            "$.channel: may hold only letters, digits, '-' and '_'",
            "$.orderExternalId: may not start or end with spaces",
            "$.dispatchId: may not contain '/', '\\', '?', '#' or '%'",
            "$.date: is required",
            "$.lines[0].sku: is required",
            "$.lines[1]: is null",
            "$.lines[2].quantity: has more than 6 decimals",
            "$.carrier: is 101 characters long; SAP's field holds 100",
            "$.trackingNumber: contains a control character",
            "$.source: contains an invisible direction mark",
        ], Lines(RecordChecks.Check(bad)));
    }

    [Fact]
    public void A_dispatch_is_held_to_the_callers_quantity_limit_at_its_edge()
    {
        var limits = new RecordLimits(MaxQuantity: 3);

        Assert.Equal(["$.lines[1].quantity: is 4, more than 3"], Lines(RecordChecks.Check(ADispatch() with { Lines = [new("ITM00017", 3), new("ITM00021", 4)] }, limits)));
        Assert.Empty(RecordChecks.Check(ADispatch() with { Lines = [new("ITM00017", 3)] }, limits));
    }

    [Fact]
    public void More_lines_than_the_limit_are_refused_before_any_line_is_read_and_the_limit_itself_is_accepted()
    {
        ImmutableList<DispatchLine> three = [null!, new("", 0), null!];

        Assert.Equal(["$.lines: has 3 lines, more than the 2 accepted"], Lines(RecordChecks.Check(ADispatch() with { Lines = three }, new RecordLimits(MaxLines: 2))));
        Assert.Empty(RecordChecks.Check(ADispatch(), new RecordLimits(MaxLines: 2)));
    }

    [Fact]
    public void A_refund_names_every_bad_field()
    {
        var bad = new RefundRequest("bigcommerce", "", "RF 14/2", [new RefundLine("ITM00017\u202A", -1, -12.18m)], -4.95m, true, new DateOnly(2101, 1, 1), -17.13m)
        {
            Method = "store\u0000credit",
        };

        Assert.Equal(
        [
            "$.orderExternalId: is required",
            "$.refundId: may not contain '/', '\\', '?', '#' or '%'",
            "$.date: is 2101-01-01, outside 2000 to 2100",
            "$.lines[0].sku: contains an invisible direction mark",
            "$.lines[0].quantity: must be more than 0 (was -1)",
            "$.lines[0].amount: must not be negative (was -12.18)",
            "$.shippingRefund: must not be negative (was -4.95)",
            "$.totalRefunded: must not be negative (was -17.13)",
            "$.method: contains a control character",
        ], Lines(RecordChecks.Check(bad)));
    }

    [Fact]
    public void A_refund_is_held_to_the_callers_amount_limit()
    {
        var limits = new RecordLimits(MaxAmount: 12m);

        Assert.Equal(["$.lines[0].amount: is 12.18, more than 12", "$.totalRefunded: is 17.13, more than 12"], Lines(RecordChecks.Check(ARefund(), limits)));
    }

    [Fact]
    public void A_cancellation_names_every_bad_field_and_its_reason_is_optional()
    {
        var bad = new OrderCancellation("sitoo_eu!", "11513%", new string('x', 255));

        Assert.Equal(
        [
            "$.channel: may hold only letters, digits, '-' and '_'",
            "$.orderExternalId: may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)",
            "$.reason: is 255 characters long; SAP's field holds 254",
        ], Lines(RecordChecks.Check(bad)));
        Assert.Empty(RecordChecks.Check(new OrderCancellation("sitoo-eu_2", "11513", null)));
        Assert.Equal(["$.channel: is required", "$.orderExternalId: is required"], Lines(RecordChecks.Check(new OrderCancellation(" ", null!))));
    }

    [Fact]
    public void A_till_receipt_names_every_bad_field()
    {
        var bad = new PosTransaction("sitoo pos", "11513?", (PosTransactionKind)7, new DateOnly(1999, 1, 1), "SEk", null!, "Drottning\u0007gatan",
            [new PosLine("", 0, -162.40m, -40.60m, 125m, new string('S', 101)), null!],
            [new PosPayment("card\u2066", -200m, "auth\u000055821")], -253m);

        Assert.Equal(
        [
            "$.channel: may hold only letters, digits, '-' and '_'",
            "$.externalId: may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)",
            "$.kind: must be Sale or Return",
            "$.date: is 1999-01-01, outside 2000 to 2100",
            "$.currency: must be a three-letter ISO 4217 code such as EUR",
            "$.customer: is required",
            "$.location: contains a control character",
            "$.lines[0].sku: is required",
            "$.lines[0].quantity: must be more than 0 (was 0)",
            "$.lines[0].netAmount: must not be negative (was -162.40)",
            "$.lines[0].taxAmount: must not be negative (was -40.60)",
            "$.lines[0].taxRate: must be a percentage from 0 to 100 (was 125)",
            "$.lines[0].description: is 101 characters long; SAP's field holds 100",
            "$.lines[1]: is null",
            "$.payments[0].method: contains an invisible direction mark",
            "$.payments[0].amount: must not be negative (was -200)",
            "$.payments[0].reference: contains a control character",
            "$.total: must not be negative (was -253)",
        ], Lines(RecordChecks.Check(bad)));
    }

    [Fact]
    public void A_till_receipt_is_held_to_the_callers_limits()
    {
        var limits = new RecordLimits(MaxQuantity: 1, MaxAmount: 199.99m);

        Assert.Equal(
            ["$.lines[0].quantity: is 2, more than 1", "$.payments[0].amount: is 200, more than 199.99", "$.total: is 253, more than 199.99"],
            Lines(RecordChecks.Check(AReceipt(), limits)));
    }

    [Fact]
    public void A_receipt_paid_with_nothing_is_fine_but_the_original_receipt_is_only_checked_on_a_return()
    {
        var tooLong = new string('9', RecordChecks.MaxExternalIdLength + 1);

        Assert.Empty(RecordChecks.Check(AReceipt() with { Payments = [], OriginalExternalId = tooLong }));
        Assert.Equal(
            [$"$.originalExternalId: is {tooLong.Length} characters long; SAP's field holds {RecordChecks.MaxExternalIdLength}"],
            Lines(RecordChecks.Check(AReceipt(PosTransactionKind.Return) with { OriginalExternalId = tooLong })));
        Assert.Empty(RecordChecks.Check(AReceipt(PosTransactionKind.Return) with { OriginalExternalId = null }));
    }

    [Fact]
    public void A_warehouse_movement_names_every_bad_field()
    {
        var bad = new WarehouseMovement("WMS EU", "ASN#77", (MovementKind)9, default, "", [new MovementLine("", -3, new string('L', 37), UnitCost: -7.4125m), null!]);

        Assert.Equal(
        [
            "$.source: may hold only letters, digits, '-' and '_'",
            "$.movementId: may not contain '/', '\\', '?', '#' or '%'",
            "$.kind: must be Receipt, Issue or Transfer",
            "$.occurredAt: is required",
            "$.location: is required",
            "$.lines[0].sku: is required",
            "$.lines[0].quantity: must be more than 0 (was -3)",
            "$.lines[0].unitCost: must not be negative (was -7.4125)",
            "$.lines[0].batchNumber: is 37 characters long; SAP's field holds 36",
            "$.lines[1]: is null",
        ], Lines(RecordChecks.Check(bad)));
        Assert.Equal(["$.lines: needs at least one line"], Lines(RecordChecks.Check(AReceiptOfGoods() with { Lines = [] })));
    }

    [Fact]
    public void A_warehouse_movement_is_held_to_the_callers_limits()
    {
        Assert.Equal(
            ["$.lines[0].quantity: is 24, more than 23", "$.lines[0].unitCost: is 7.4125, more than 7.41"],
            Lines(RecordChecks.Check(AReceiptOfGoods(), new RecordLimits(MaxQuantity: 23, MaxAmount: 7.41m))));
    }

    [Theory]
    [InlineData("\u200E")]
    [InlineData("\u200F")]
    [InlineData("\u202A")]
    [InlineData("\u202B")]
    [InlineData("\u202C")]
    [InlineData("\u202D")]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u2067")]
    [InlineData("\u2068")]
    [InlineData("\u2069")]
    public void Every_invisible_direction_mark_is_refused(string mark)
    {
        Assert.Equal(["$.channel: contains an invisible direction mark"], Lines(RecordChecks.Check(APayment() with { Channel = "mag" + mark + "ento" })));
    }

    [Theory]
    [InlineData("magento store with a long name", 0x73, "$.channel: is 31 characters long; SAP's field holds 20")]
    [InlineData("mag ento", 0x0001, "$.channel: contains a control character")]
    [InlineData("mag ento", 0xD83C, "$.channel: contains broken text (a lone surrogate)")]
    [InlineData("mag ento", 0x202E, "$.channel: contains an invisible direction mark")]
    public void Text_that_is_not_sound_is_not_checked_any_further(string channel, int last, string only)
    {
        // Built here: a lone surrogate does not survive an attribute's metadata.
        var text = channel + (char)last;

        Assert.Equal([only], Lines(RecordChecks.Check(APayment() with { Channel = text })));
    }

    [Theory]
    [InlineData("/100000451", "$.orderExternalId: may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)")]
    [InlineData("\\100000451", "$.orderExternalId: may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)")]
    public void A_forbidden_character_is_found_in_first_place_too(string id, string expected)
    {
        Assert.Equal([expected], Lines(RecordChecks.Check(APayment() with { OrderExternalId = id })));
        Assert.Equal(["$.paymentId: may not contain '/', '\\', '?', '#' or '%'"], Lines(RecordChecks.Check(APayment() with { PaymentId = id })));
    }

    [Theory]
    [InlineData(2000, 1, 1, true)]
    [InlineData(2100, 12, 31, true)]
    [InlineData(1999, 12, 31, false)]
    [InlineData(2101, 1, 1, false)]
    public void Business_years_run_from_2000_to_2100_inclusive(int year, int month, int day, bool accepted)
    {
        var problems = RecordChecks.Check(ADispatch() with { Date = new DateOnly(year, month, day) });

        Assert.Equal(accepted, problems.IsEmpty);
    }

    [Theory]
    [InlineData("EUr")]
    [InlineData("eur")]
    [InlineData("E1R")]
    [InlineData("EU")]
    public void A_currency_must_be_three_upper_case_letters(string currency)
    {
        Assert.Equal(["$.currency: must be a three-letter ISO 4217 code such as EUR"], Lines(RecordChecks.Check(AReceipt() with { Currency = currency })));
    }

    [Fact]
    public void Tax_rates_of_0_and_100_are_percentages_and_quantity_and_amount_limits_are_inclusive()
    {
        var edge = AReceipt() with { Lines = [new PosLine("ITM00017", 5, 250m, 0m, 0m), new PosLine("ITM00021", 1, 3m, 3m, 100m)], Total = 256m };

        Assert.Empty(RecordChecks.Check(edge, new RecordLimits(MaxQuantity: 5, MaxAmount: 256m)));
        Assert.Equal(["$.lines[1].taxRate: must be a percentage from 0 to 100 (was -0.01)"],
            Lines(RecordChecks.Check(edge with { Lines = [edge.Lines[0], edge.Lines[1] with { TaxRate = -0.01m }] })));
        Assert.Equal(["$.lines[0].quantity: has more than 6 decimals"],
            Lines(RecordChecks.Check(edge with { Lines = [edge.Lines[0] with { Quantity = 1.0000005m }, edge.Lines[1]] })));
    }
}

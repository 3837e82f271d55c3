using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Domain.Tests.Reconciliation;

public class OrderReconciliationSpecs
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReconWindow Window = new(Since, new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));

    private static ChannelOrderSeen Order(string id, int day, bool belongs = true, ImmutableList<ChannelEvent>? dispatches = null, ImmutableList<ChannelEvent>? refunds = null) =>
        new("magento", id, Since.AddDays(day).AddHours(10.25), belongs, dispatches ?? [], refunds ?? []);

    private static SapDocumentSeen Doc(string set, int entry, string numAtCard, int day = 2, bool cancelled = false) =>
        new(set, entry, numAtCard, DateOnly.FromDateTime(Since.AddDays(day).UtcDateTime), cancelled);

    [Fact]
    public void Orders_refunds_and_shipments_that_SAP_holds_under_the_order_flows_keys_find_nothing()
    {
        var orders = new[]
        {
            Order("000000451", 1, dispatches: [new ChannelEvent("000000301", Since.AddDays(2))], refunds: [new ChannelEvent("000000077", Since.AddDays(3))]),
            Order("000000452", 2, belongs: false), // held unpaid: rightly not in SAP
        };
        SapDocumentSeen[] sap =
        [
            Doc("Orders", 812, "MAGENTO-000000451", 1), Doc("DeliveryNotes", 90, "MAGENTO-000000451/D000000301"),
            Doc("Invoices", 91, "MAGENTO-000000451/I000000301"), Doc("CreditNotes", 17, "MAGENTO-000000451/R000000077", 3),
        ];

        var results = OrderReconciliation.Compare("magento", Window, orders, sap);

        Assert.All(results, r => Assert.True(r.Checked && r.Findings.IsEmpty, $"{r.Unit}: {string.Join("; ", r.Findings.Select(f => f.Detail))}"));
        Assert.Equal([3, 1, 1], results.Select(r => r.Compared)); // two channel orders and the SAP order claiming the channel
    }

    [Fact]
    public void An_order_missing_in_SAP_is_one_finding_and_its_refunds_and_shipments_are_not_reported_on_top()
    {
        var orders = new[] { Order("000000460", 2, dispatches: [new ChannelEvent("S1", Since.AddDays(3))], refunds: [new ChannelEvent("M1", Since.AddDays(4))]) };

        var findings = OrderReconciliation.Compare("magento", Window, orders, []).SelectMany(r => r.Findings).ToList();

        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.OrderMissingInSap, finding.Kind);
        Assert.Equal("order-missing:magento:000000460", finding.Key);
        Assert.Contains("MAGENTO-000000460", finding.Detail);
        Assert.Equal(OwningTeam.Integration, ReconFindingKinds.Exception(finding).Team);
    }

    [Fact]
    public void A_refund_without_credit_note_a_shipment_without_delivery_and_one_delivered_but_not_invoiced_are_each_found_with_their_owner()
    {
        var orders = new[]
        {
            Order("000000470", 1, dispatches: [new ChannelEvent("S7", Since.AddDays(2)), new ChannelEvent("S8", Since.AddDays(3))],
                refunds: [new ChannelEvent("M3", Since.AddDays(4))]),
        };
        SapDocumentSeen[] sap = [Doc("Orders", 900, "MAGENTO-000000470", 1), Doc("DeliveryNotes", 95, "MAGENTO-000000470/DS7")];

        var findings = OrderReconciliation.Compare("magento", Window, orders, sap).SelectMany(r => r.Findings).ToList();

        Assert.Equal(
            [(FindingKind.RefundWithoutCreditNote, "MAGENTO-000000470/RM3", OwningTeam.Finance), (FindingKind.DispatchWithoutDelivery, "MAGENTO-000000470/DS8", OwningTeam.Operations),
             (FindingKind.DispatchWithoutInvoice, "MAGENTO-000000470/IS7", OwningTeam.Finance)],
            findings.Select(f => (f.Kind, f.Subject, ReconFindingKinds.Exception(f).Team)).OrderBy(f => f.Kind));
    }

    [Fact]
    public void An_SAP_order_naming_a_channel_order_the_channel_lacks_is_found_but_copies_cancelled_orders_and_other_channels_are_not()
    {
        var orders = new[] { Order("000000480", 1) };
        SapDocumentSeen[] sap =
        [
            Doc("Orders", 1, "MAGENTO-000000480", 1), Doc("Orders", 2, "MAGENTO-999999999", 2), Doc("Orders", 3, "MAGENTO-888888888", 2, cancelled: true),
            Doc("Orders", 4, "BIGCOMMERCE-250", 2), Doc("Orders", 5, "MAGENTO-777777777", -3),
        ];

        var finding = Assert.Single(OrderReconciliation.Compare("magento", Window, orders, sap).SelectMany(r => r.Findings));

        Assert.Equal((FindingKind.SapOrderUnknownToChannel, "MAGENTO-999999999"), (finding.Kind, finding.Subject));
    }

    [Fact]
    public void Records_younger_than_the_cutoff_are_still_in_flight_and_not_judged()
    {
        var young = new ChannelOrderSeen("magento", "000000490", Window.Cutoff.AddMinutes(5), true, [], []);
        var oldOrderYoungRefund = Order("000000491", 1, refunds: [new ChannelEvent("M9", Window.Cutoff.AddMinutes(1))]);

        var results = OrderReconciliation.Compare("magento", Window, [young, oldOrderYoungRefund], [Doc("Orders", 1, "MAGENTO-000000491", 1)]);

        Assert.All(results, r => Assert.Empty(r.Findings));
    }
}

public class PosReconciliationSpecs
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReconWindow Window = new(Since, Since.AddDays(6));

    private static readonly OrderMapping Mapping = new()
    {
        PaymentAccounts = ImmutableDictionary<string, PaymentAccount>.Empty
            .Add("Cash", new PaymentAccount("_SYS00000000011", PaymentMeans.Cash))
            .Add("Card", new PaymentAccount("_SYS00000000104", PaymentMeans.Transfer))
            .Add("Swish", new PaymentAccount("_SYS00000000104", PaymentMeans.Transfer)),
    };

    private static PosReceiptSeen Receipt(string id, string store, decimal total, params PosPayment[] payments) =>
        new("sitoo", id, store, new DateOnly(2026, 12, 2), Since.AddDays(1).AddHours(11), total, [.. payments]);

    private static SapPaymentSeen Paid(int entry, string receipt, string label, decimal amount) => new(entry, $"sitoo POS payment {receipt}: {label} (ActorSync)", amount);

    private static SapDocumentSeen Invoice(int entry, string receipt, decimal total) => new("Invoices", entry, $"SITOO-{receipt}", new DateOnly(2026, 12, 2), DocTotal: total);

    [Fact]
    public void A_day_whose_tenders_and_receipts_SAP_holds_as_the_POS_flow_posts_them_finds_nothing()
    {
        PosReceiptSeen[] receipts =
        [
            Receipt("11513", "1", 152.37m, new PosPayment("Card", 100m), new PosPayment("Swish", 40.12m), new PosPayment("Cash", 12.25m)),
            Receipt("11514", "1", 19.99m, new PosPayment("Cash", 19.99m)),
        ];
        SapPaymentSeen[] payments = [Paid(1, "11513", "Card, Swish", 140.12m), Paid(2, "11513", "Cash", 12.25m), Paid(3, "11514", "Cash", 19.99m)];

        var result = PosReconciliation.Compare("sitoo", Window, receipts, [Invoice(10, "11513", 152.37m), Invoice(11, "11514", 19.99m)], payments, Mapping);

        Assert.True(result.Checked);
        Assert.Empty(result.Findings);
        Assert.Equal(2, result.Compared);
    }

    [Fact]
    public void A_store_day_off_by_an_amount_in_one_method_is_found_for_that_method_naming_the_receipt_and_owned_by_finance()
    {
        PosReceiptSeen[] receipts =
        [
            Receipt("11520", "2", 64.90m, new PosPayment("Card", 64.90m)),
            Receipt("11521", "2", 23.45m, new PosPayment("Cash", 23.45m)),
        ];
        SapPaymentSeen[] payments = [Paid(1, "11520", "Card", 46.90m), Paid(2, "11521", "Cash", 23.45m)];

        var result = PosReconciliation.Compare("sitoo", Window, receipts, [Invoice(10, "11520", 64.90m), Invoice(11, "11521", 23.45m)], payments, Mapping);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("pos:sitoo:2:2026-12-02:Card", 64.90m, 46.90m), (finding.Key, finding.ChannelValue, finding.SapValue));
        Assert.Contains("11520", finding.Detail);
        Assert.Contains("18.00", finding.Detail);
        Assert.Equal(OwningTeam.Finance, ReconFindingKinds.Exception(finding).Team);
    }

    [Fact]
    public void A_receipt_SAP_never_invoiced_shows_in_the_days_invoices_and_its_tenders()
    {
        var result = PosReconciliation.Compare("sitoo", Window, [Receipt("11530", "1", 31.06m, new PosPayment("Card", 31.06m))], [], [], Mapping);

        Assert.Equal(["pos:sitoo:1:2026-12-02:Card", "pos:sitoo:1:2026-12-02:invoices"], result.Findings.Select(f => f.Key).Order());
    }
}

public class StockReconciliationSpecs
{
    private static readonly PublishedChannel BigCommerce = new("bigcommerce",
        ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("01", ["01", "03"], 2m)), StockUnits.Whole);

    private static readonly ItemLevels Item = new("ITM00001", [new WarehouseLevel("01", 14.5m, 3m), new WarehouseLevel("03", 4m, 0m), new WarehouseLevel("QC", 40m, 0m)]);

    [Fact]
    public void A_location_showing_what_publishing_would_tell_it_finds_nothing_and_quarantine_never_counts()
    {
        // (14.5 − 3) + 4 − 2 = 13.5, whole units: 13.
        var result = StockReconciliation.Compare(BigCommerce, [Item], [new ShownStock("1", "ITM00001", 13m)], threshold: 0m);

        Assert.Empty(result.Findings);
        Assert.Equal(1, result.Compared);
    }

    [Fact]
    public void A_location_showing_more_than_SAP_allows_beyond_the_threshold_is_found_for_operations_and_one_within_it_is_not()
    {
        ShownStock[] shown = [new("1", "ITM00001", 16m), new("1", "ITM00002", 1m), new("9", "ITM00001", 99m)];

        var strict = StockReconciliation.Compare(BigCommerce, [Item], shown, threshold: 0m);
        var lenient = StockReconciliation.Compare(BigCommerce, [Item], shown, threshold: 3m);

        Assert.Equal([(FindingKind.StockAboveSap, "stock:bigcommerce:1:ITM00001", 16m, 13m), (FindingKind.StockAboveSap, "stock:bigcommerce:1:ITM00002", 1m, 0m)],
            strict.Findings.Select(f => (f.Kind, f.Key, f.ChannelValue!.Value, f.SapValue!.Value)));
        Assert.Equal(OwningTeam.Operations, ReconFindingKinds.Exception(strict.Findings[0]).Team);
        Assert.Empty(lenient.Findings);
        Assert.Equal(2, strict.Compared); // location 9 is not published
    }

    [Fact]
    public void A_location_showing_less_than_SAP_allows_is_lost_sales_for_merchandising()
    {
        var finding = Assert.Single(StockReconciliation.Compare(BigCommerce, [Item], [new ShownStock("1", "ITM00001", 5m)], 1m).Findings);

        Assert.Equal((FindingKind.StockBelowSap, OwningTeam.Merchandising), (finding.Kind, ReconFindingKinds.Exception(finding).Team));
    }
}

public class ReconRunsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static ReconCommands.StartRun Start(params ReconFlow[] flows) =>
        new([.. flows], T0.AddDays(-7), T0.AddMinutes(-30), "schedule", ["magento/orders", "magento/refunds", "sitoo/pos"], T0);

    private static ReconFinding Missing(string id) =>
        new(FindingKind.OrderMissingInSap, $"order-missing:magento:{id}", "magento", $"magento:{id}", $"magento order {id} has no SAP sales order");

    private static (ReconRunsState State, ReconDecision Decision) Apply(ReconRunsState state, ReconCommands.IReconCommand command)
    {
        var decision = state.ProcessCommand(command);
        return (decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e)), decision);
    }

    private static ReconRunsState Run(ReconRunsState state, params SourceResult[] results)
    {
        var (s, d) = Apply(state, Start(ReconFlow.Orders, ReconFlow.Refunds, ReconFlow.Pos));
        return results.Aggregate(s, (st, r) => Apply(st, new ReconCommands.RecordResult(d.RunId!, r, T0.AddSeconds(5))).State);
    }

    [Fact]
    public void A_run_completes_when_every_unit_answered_and_a_flow_no_source_reads_is_not_checked_never_clean()
    {
        var (state, decision) = Apply(ReconRunsState.Empty, Start(ReconFlow.Orders, ReconFlow.Stock));
        Assert.Equal("R-000001", decision.RunId);
        Assert.Equal(["magento/orders"], state.Running!.Waiting);
        Assert.Equal(["none/stock"], state.Running.NotChecked.Select(r => r.Unit));

        (state, _) = Apply(state, new ReconCommands.RecordResult("R-000001", SourceResult.Clean("magento", ReconFlow.Orders, 12, []), T0.AddSeconds(3)));

        Assert.Null(state.Running);
        Assert.True(state.Latest!.Completed);
        Assert.Equal("no source is configured for this flow", Assert.Single(state.Latest.NotChecked).NotChecked);
    }

    [Fact]
    public void Only_one_run_goes_at_a_time()
    {
        var (state, _) = Apply(ReconRunsState.Empty, Start());
        var second = state.ProcessCommand(Start());

        Assert.Empty(second.Events);
        Assert.Equal("R-000001", second.RunId);
        Assert.Contains("still going", second.Refused);
    }

    [Fact]
    public void A_finding_raises_once_stays_open_while_found_or_unchecked_and_is_cleared_when_a_checked_source_no_longer_finds_it()
    {
        var first = Run(ReconRunsState.Empty, SourceResult.Clean("magento", ReconFlow.Orders, 3, [Missing("1"), Missing("2")]),
            SourceResult.Clean("magento", ReconFlow.Refunds, 0, []), SourceResult.Clean("sitoo", ReconFlow.Pos, 4, []));
        Assert.Equal(["order-missing:magento:1", "order-missing:magento:2"], first.Latest!.Raised);

        var again = Run(first, SourceResult.Clean("magento", ReconFlow.Orders, 3, [Missing("2")]),
            SourceResult.Clean("magento", ReconFlow.Refunds, 0, []), SourceResult.Unchecked("sitoo", ReconFlow.Pos, "Sitoo: 503"));
        Assert.Empty(again.Latest!.Raised!);
        Assert.Equal(["order-missing:magento:1"], again.Latest.Cleared);

        var unreachable = Run(again, SourceResult.Unchecked("magento", ReconFlow.Orders, "timeout"), SourceResult.Unchecked("magento", ReconFlow.Refunds, "timeout"),
            SourceResult.Clean("sitoo", ReconFlow.Pos, 4, []));
        Assert.Empty(unreachable.Latest!.Cleared!);
        Assert.Equal(["order-missing:magento:2"], unreachable.Open.Keys);
    }

    [Fact]
    public void A_capped_result_keeps_the_first_findings_counts_the_rest_and_clears_nothing_it_may_have_left_out()
    {
        var first = Run(ReconRunsState.Empty, SourceResult.Clean("magento", ReconFlow.Orders, 3, [Missing("1"), Missing("2")]),
            SourceResult.Clean("magento", ReconFlow.Refunds, 0, []), SourceResult.Clean("sitoo", ReconFlow.Pos, 4, []));

        var capped = SourceResult.Clean("magento", ReconFlow.Orders, 900, [Missing("3"), Missing("4"), Missing("5")]).Capped(2);
        var next = Run(first, capped, SourceResult.Clean("magento", ReconFlow.Refunds, 0, []), SourceResult.Clean("sitoo", ReconFlow.Pos, 4, []));

        Assert.Equal((2, 1), (capped.Findings.Count, capped.Omitted));
        Assert.Empty(next.Latest!.Cleared!);
        Assert.Equal(["order-missing:magento:1", "order-missing:magento:2", "order-missing:magento:3", "order-missing:magento:4"], next.Open.Keys.Order());
    }

    [Fact]
    public void A_result_for_a_unit_the_run_does_not_wait_for_is_refused()
    {
        var (state, decision) = Apply(ReconRunsState.Empty, Start(ReconFlow.Orders));

        Assert.NotNull(state.ProcessCommand(new ReconCommands.RecordResult(decision.RunId!, SourceResult.Clean("sitoo", ReconFlow.Pos, 1, []), T0)).Refused);
        Assert.NotNull(state.ProcessCommand(new ReconCommands.RecordResult("R-000099", SourceResult.Clean("magento", ReconFlow.Orders, 1, []), T0)).Refused);
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Payments;

/// <summary>
/// <c>Mapping:CapturedBeforeInvoice DownPayment</c> through the whole engine into the emulator: what the PSP captured at
/// checkout becomes an A/R down payment invoice, paid at once after the sales order, and every invoice draws its share.
/// </summary>
public class DownPaymentSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private EngineTestHost _engine = null!;
    private string _itemA = "", _itemB = "";

    private static OrderMapping Mapping() => OrderMapping.ForDemoCompany("magento") with
    {
        CapturedBeforeInvoice = CapturedBeforeInvoice.DownPayment,
        ChannelPaymentAccounts = new Dictionary<string, ImmutableDictionary<string, PaymentAccount>>(StringComparer.OrdinalIgnoreCase)
        {
            ["magento"] = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
            {
                ["braintree"] = new(CompanyCatalog.AccountCardClearing, PaymentMeans.Transfer),
                ["cashondelivery"] = new(CompanyCatalog.AccountCash, PaymentMeans.Cash, PaymentCapture.Reported),
            }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
    };

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (_itemA, _itemB) = (items[0].ItemCode, items[1].ItemCode);
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.Orders.Mapping = Mapping();
        _engine = await EngineTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private SyncEngine Engine => _engine.Engine;

    /// <summary>3 × 12.49 at 20 %, 2 × 8.35 at 5 %, shipping 4.16 + 0.83: 67.49 paid; in two parts the invoices are 43.73 and 23.76.</summary>
    private ChannelOrder AnOrder(string id, string method, PaymentState state = PaymentState.Captured) =>
        new ChannelOrder("magento", id, new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine(_itemA, 3, 12.49m, 7.49m, 20m), new OrderLine(_itemB, 2, 8.35m, 0.84m, 5m)],
            ShippingAmount: 4.16m, ShippingTax: 0.83m, TotalPaid: 67.49m, ShippingMethod: "standard")
        {
            Payments = [new OrderPayment(method, 67.49m, state, $"txn-{id}")],
        };

    private DispatchConfirmation Dispatch(string orderId, string dispatchId, decimal a, decimal b) =>
        new("magento", orderId, dispatchId, new[] { (_itemA, a), (_itemB, b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(),
            new DateOnly(2026, 11, 28), "DHL", "JD0001");

    private async Task<OrderState> Until(string orderId, Func<OrderState, bool> condition, string what)
    {
        var state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await Engine.GetOrderAsync(orderId);
            return (condition(state), $"{state.Status}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status} {j.Exception?.Reason}"))}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    private static bool Settled(OrderState s) => s.NextJob is null && s.Jobs.Count > 0 && s.Jobs.All(j => j.Status != JobStatus.Pending);

    private IEnumerable<PaymentDocument> PaymentsOf(string numAtCard) =>
        _sap.Company.IncomingPayments.Where(p => p.Comments?.StartsWith(numAtCard + "/", StringComparison.Ordinal) == true);

    [Fact]
    public async Task Money_captured_at_checkout_is_a_paid_down_payment_before_any_dispatch_and_the_invoice_draws_all_of_it()
    {
        await Engine.SubmitOrderAsync(AnOrder("D-1", "braintree"));
        await Until("magento:D-1", Settled, "the sales order, the down payment and its payment");

        // Recognised when taken: the down payment is in SAP and paid before anything was dispatched.
        var downPayment = Assert.Single(_sap.Company.DownPayments);
        var order = Assert.Single(_sap.Company.Orders);
        Assert.Equal(("MAGENTO-D-1/DP1", 67.49m, 67.49m, "bost_Close"), (downPayment.NumAtCard, downPayment.DocTotal, downPayment.PaidToDate, downPayment.DocumentStatus));
        Assert.All(downPayment.Lines, l => Assert.Equal((17, order.DocEntry), (l.BaseType, l.BaseEntry)));
        var payment = Assert.Single(PaymentsOf("MAGENTO-D-1"));
        Assert.Equal((CompanyCatalog.AccountCardClearing, 67.49m, "txn-D-1", new DateOnly(2026, 11, 27)),
            (payment.TransferAccount, payment.TransferSum, payment.TransferReference, payment.TransferDate));
        Assert.Equal((downPayment.DocEntry, "it_DownPayment"), (payment.PaymentInvoices[0].DocEntry, payment.PaymentInvoices[0].InvoiceType));
        Assert.Empty(_sap.Company.Invoices);

        await Engine.RecordDispatchAsync(Dispatch("D-1", "S1", 3, 2));
        await Until("magento:D-1", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the delivery and the invoice");

        var invoice = Assert.Single(_sap.Company.Invoices);
        Assert.Equal((67.49m, 0m, "bost_Close"), (invoice.DownPaymentAmount, invoice.DocTotal, invoice.DocumentStatus));
        Assert.Equal(downPayment.DocEntry, Assert.Single(invoice.DownPaymentsToDraw).DocEntry);
        Assert.Single(PaymentsOf("MAGENTO-D-1")); // nothing paid twice: the invoice asked for nothing more
    }

    [Fact]
    public async Task Two_partial_dispatches_draw_their_shares_of_the_down_payment_and_both_invoices_close()
    {
        await Engine.SubmitOrderAsync(AnOrder("D-2", "braintree"));
        await Until("magento:D-2", Settled, "the down payment");
        await Engine.RecordDispatchAsync(Dispatch("D-2", "S1", 2, 1));
        await Until("magento:D-2", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the first invoice");
        await Engine.RecordDispatchAsync(Dispatch("D-2", "S2", 1, 1));
        await Until("magento:D-2", s => Settled(s) && s.Jobs.Count(j => j.Kind == JobKind.Invoice && j.Status == JobStatus.Done) == 2, "the second invoice");

        var invoices = _sap.Company.Invoices.OrderBy(i => i.DocEntry).ToList();
        Assert.Equal([43.73m, 23.76m], invoices.Select(i => i.DownPaymentAmount));
        Assert.All(invoices, i => Assert.Equal((0m, "bost_Close"), (i.DocTotal, i.DocumentStatus)));
        Assert.Equal(67.49m, Assert.Single(_sap.Company.DownPayments).DrawnToDate);
        Assert.Equal(67.49m, PaymentsOf("MAGENTO-D-2").Sum(p => p.TransferSum)); // exactly what was captured, once
    }

    [Fact]
    public async Task A_down_payment_whose_answer_is_lost_is_found_again_and_posted_once()
    {
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "DownPayments") });
        await Engine.SubmitOrderAsync(AnOrder("D-3", "braintree"));
        await Until("magento:D-3", Settled, "the down payment and its payment");

        var downPayment = Assert.Single(_sap.Company.DownPayments);
        Assert.Equal((67.49m, "bost_Close"), (downPayment.PaidToDate, downPayment.DocumentStatus));
        Assert.Single(PaymentsOf("MAGENTO-D-3"));
    }

    [Fact]
    public async Task Cash_on_delivery_takes_nothing_at_checkout_so_no_down_payment_and_the_invoice_waits_for_the_report()
    {
        await Engine.SubmitOrderAsync(AnOrder("D-4", "cashondelivery", PaymentState.Pending));
        await Engine.RecordDispatchAsync(Dispatch("D-4", "S1", 3, 2));
        await Until("magento:D-4", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the invoice");
        Assert.Empty(_sap.Company.DownPayments);
        Assert.Equal((67.49m, "bost_Open"), (Assert.Single(_sap.Company.Invoices).DocTotal, _sap.Company.Invoices[0].DocumentStatus));

        await Engine.RecordPaymentAsync(new PaymentReport("magento", "D-4", "cod-1", "cashondelivery", 67.49m, new DateOnly(2026, 11, 30)));
        await Until("magento:D-4", s => s.Jobs.Count(j => j.IsPayment() && j.Status == JobStatus.Done) == 1, "the reported payment");
        Assert.Equal((67.49m, "bost_Close"), (_sap.Company.Invoices[0].PaidToDate, _sap.Company.Invoices[0].DocumentStatus));
    }
}

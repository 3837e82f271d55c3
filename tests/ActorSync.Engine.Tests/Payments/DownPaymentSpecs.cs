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
public class DownPaymentSpecs : WebOrderPaymentHost
{
    protected override OrderMapping Mapping() => OrderMapping.ForDemoCompany("magento") with
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

    [Fact]
    public async Task Money_captured_at_checkout_is_a_paid_down_payment_before_any_dispatch_and_the_invoice_draws_all_of_it()
    {
        await Engine.SubmitOrderAsync(AnOrder("D-1", "braintree"));
        await Until("magento:D-1", Settled, "the sales order, the down payment and its payment");

        // Recognised when taken: the down payment is in SAP and paid before anything was dispatched.
        var downPayment = Assert.Single(Sap.Company.DownPayments);
        var order = Assert.Single(Sap.Company.Orders);
        Assert.Equal(("MAGENTO-D-1/DP1", 67.49m, 67.49m, "bost_Close"), (downPayment.NumAtCard, downPayment.DocTotal, downPayment.PaidToDate, downPayment.DocumentStatus));
        Assert.All(downPayment.Lines, l => Assert.Equal((17, order.DocEntry), (l.BaseType, l.BaseEntry)));
        var payment = Assert.Single(PaymentsOf("IncomingPayments", "MAGENTO-D-1"));
        Assert.Equal((CompanyCatalog.AccountCardClearing, 67.49m, "txn-D-1", new DateOnly(2026, 11, 27)),
            (payment.TransferAccount, payment.TransferSum, payment.TransferReference, payment.TransferDate));
        Assert.Equal((downPayment.DocEntry, "it_DownPayment"), (payment.PaymentInvoices[0].DocEntry, payment.PaymentInvoices[0].InvoiceType));
        Assert.Empty(Sap.Company.Invoices);

        await Engine.RecordDispatchAsync(Dispatch("D-1", "S1", 3, 2));
        await Until("magento:D-1", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the delivery and the invoice");

        var invoice = Assert.Single(Sap.Company.Invoices);
        Assert.Equal((67.49m, 0m, "bost_Close"), (invoice.DownPaymentAmount, invoice.DocTotal, invoice.DocumentStatus));
        Assert.Equal(downPayment.DocEntry, Assert.Single(invoice.DownPaymentsToDraw).DocEntry);
        Assert.Single(PaymentsOf("IncomingPayments", "MAGENTO-D-1")); // nothing paid twice: the invoice asked for nothing more
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

        var invoices = Sap.Company.Invoices.OrderBy(i => i.DocEntry).ToList();
        Assert.Equal([43.73m, 23.76m], invoices.Select(i => i.DownPaymentAmount));
        Assert.All(invoices, i => Assert.Equal((0m, "bost_Close"), (i.DocTotal, i.DocumentStatus)));
        Assert.Equal(67.49m, Assert.Single(Sap.Company.DownPayments).DrawnToDate);
        Assert.Equal(67.49m, PaymentsOf("IncomingPayments", "MAGENTO-D-2").Sum(p => p.TransferSum)); // exactly what was captured, once
    }

    [Fact]
    public async Task A_down_payment_whose_answer_is_lost_is_found_again_and_posted_once()
    {
        Sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "DownPayments") });
        await Engine.SubmitOrderAsync(AnOrder("D-3", "braintree"));
        await Until("magento:D-3", Settled, "the down payment and its payment");

        var downPayment = Assert.Single(Sap.Company.DownPayments);
        Assert.Equal((67.49m, "bost_Close"), (downPayment.PaidToDate, downPayment.DocumentStatus));
        Assert.Single(PaymentsOf("IncomingPayments", "MAGENTO-D-3"));
    }

    [Fact]
    public async Task Cash_on_delivery_takes_nothing_at_checkout_so_no_down_payment_and_the_invoice_waits_for_the_report()
    {
        await Engine.SubmitOrderAsync(AnOrder("D-4", "cashondelivery", PaymentState.Pending));
        await Engine.RecordDispatchAsync(Dispatch("D-4", "S1", 3, 2));
        await Until("magento:D-4", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the invoice");
        Assert.Empty(Sap.Company.DownPayments);
        Assert.Equal((67.49m, "bost_Open"), (Assert.Single(Sap.Company.Invoices).DocTotal, Sap.Company.Invoices[0].DocumentStatus));

        await Engine.RecordPaymentAsync(new PaymentReport("magento", "D-4", "cod-1", "cashondelivery", 67.49m, new DateOnly(2026, 11, 30)));
        await Until("magento:D-4", s => s.Jobs.Count(j => j.IsPayment() && j.Status == JobStatus.Done) == 1, "the reported payment");
        Assert.Equal((67.49m, "bost_Close"), (Sap.Company.Invoices[0].PaidToDate, Sap.Company.Invoices[0].DocumentStatus));
    }
}

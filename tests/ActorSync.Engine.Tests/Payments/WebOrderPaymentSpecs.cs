using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Payments;

/// <summary>
/// A web order's money through the whole engine into the emulator: captured at checkout and paid into each invoice,
/// cash on delivery paid once reported, refunds paid back once, an unmapped method parked alone.
/// </summary>
public class WebOrderPaymentSpecs : WebOrderPaymentHost
{
    /// <summary>Magento's methods as a merchant maps them: cards captured by the PSP at checkout, cash on delivery collected later, store credit on its own account.</summary>
    protected override OrderMapping Mapping() => OrderMapping.ForDemoCompany("magento", "bigcommerce") with
    {
        ChannelPaymentAccounts = new Dictionary<string, ImmutableDictionary<string, PaymentAccount>>(StringComparer.OrdinalIgnoreCase)
        {
            ["magento"] = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
            {
                ["braintree"] = new(CompanyCatalog.AccountCardClearing, PaymentMeans.Transfer),
                ["cashondelivery"] = new(CompanyCatalog.AccountCash, PaymentMeans.Cash, PaymentCapture.Reported),
                ["storecredit"] = new(CompanyCatalog.AccountBank, PaymentMeans.Transfer),
            }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
    };

    [Fact]
    public async Task A_card_order_paid_at_checkout_ends_with_its_invoice_closed_after_a_full_dispatch()
    {
        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(AnOrder("P-1", "braintree"))).Code);
        await Until("magento:P-1", s => s.Status == OrderStatus.Posted, "the sales order");

        await Engine.RecordDispatchAsync(Dispatch("P-1", "S1", 3, 2));
        await Until("magento:P-1", Settled, "the delivery, the invoice and its payment");

        var invoice = Assert.Single(Sap.Company.Invoices);
        Assert.Equal((67.49m, 67.49m, "bost_Close"), (invoice.DocTotal, invoice.PaidToDate, invoice.DocumentStatus));
        var payment = Assert.Single(PaymentsOf("IncomingPayments", "MAGENTO-P-1"));
        Assert.Equal((CompanyCatalog.AccountCardClearing, 67.49m, "txn-P-1", "WEBGUEST"), (payment.TransferAccount, payment.TransferSum, payment.TransferReference, payment.CardCode));
        Assert.Equal((invoice.DocEntry, 67.49m), (Assert.Single(payment.PaymentInvoices).DocEntry, payment.PaymentInvoices[0].SumApplied));
        Assert.Equal(new DateOnly(2026, 11, 27), payment.TransferDate); // the day the PSP captured it
    }

    [Fact]
    public async Task A_card_order_dispatched_in_two_parts_pays_each_invoice_its_share_and_both_close()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-2", "braintree"));
        await Until("magento:P-2", s => s.Status == OrderStatus.Posted, "the sales order");

        await Engine.RecordDispatchAsync(Dispatch("P-2", "S1", 2, 1));
        await Until("magento:P-2", Settled, "the first invoice and its payment");
        await Engine.RecordDispatchAsync(Dispatch("P-2", "S2", 1, 1));
        await Until("magento:P-2", s => Settled(s) && s.Jobs.Count == 6, "the second invoice and its payment");

        var invoices = Sap.Company.Invoices.OrderBy(i => i.DocEntry).ToList();
        Assert.Equal([43.73m, 23.76m], invoices.Select(i => i.DocTotal));
        Assert.All(invoices, i => Assert.Equal((i.DocTotal, "bost_Close"), (i.PaidToDate, i.DocumentStatus)));
        var payments = PaymentsOf("IncomingPayments", "MAGENTO-P-2").OrderBy(p => p.DocEntry).ToList();
        Assert.Equal([43.73m, 23.76m], payments.Select(p => p.TransferSum));
        Assert.Equal(67.49m, payments.Sum(p => p.TransferSum)); // exactly what was captured
        Assert.Equal(invoices.Select(i => i.DocEntry), payments.Select(p => p.PaymentInvoices[0].DocEntry));
    }

    [Fact]
    public async Task A_cash_on_delivery_invoice_stays_open_until_the_payment_is_reported_then_closes_once()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-3", "cashondelivery"));
        await Until("magento:P-3", s => s.Status == OrderStatus.Posted, "the sales order");
        await Engine.RecordDispatchAsync(Dispatch("P-3", "S1", 3, 2));
        await Until("magento:P-3", s => Settled(s) && s.Status == OrderStatus.Invoiced, "the invoice");

        var invoice = Assert.Single(Sap.Company.Invoices);
        Assert.Equal((0m, "bost_Open"), (invoice.PaidToDate, invoice.DocumentStatus));
        Assert.Empty(PaymentsOf("IncomingPayments", "MAGENTO-P-3"));

        var report = new PaymentReport("magento", "P-3", "COD-77120", "cashondelivery", 67.49m, new DateOnly(2026, 11, 29), "DHL-COD");
        var first = await Engine.RecordPaymentAsync(report);
        await Until("magento:P-3", s => Settled(s) && s.Jobs.Any(j => j.IsPayment()), "the payment");
        var again = await Engine.RecordPaymentAsync(report);

        Assert.Equal((CommandResultCode.Accepted, CommandResultCode.Duplicate), (first.Code, again.Code));
        var payment = Assert.Single(PaymentsOf("IncomingPayments", "MAGENTO-P-3"));
        Assert.Equal((CompanyCatalog.AccountCash, 67.49m, 0m), (payment.CashAccount, payment.CashSum, payment.TransferSum));
        Assert.Equal(new DateOnly(2026, 11, 29), payment.DocDate);
        invoice = Assert.Single(Sap.Company.Invoices);
        Assert.Equal((67.49m, "bost_Close"), (invoice.PaidToDate, invoice.DocumentStatus));
    }

    [Fact]
    public async Task A_partial_refund_is_paid_out_exactly_once_even_when_sap_s_answer_is_lost()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-4", "braintree"));
        await Until("magento:P-4", s => s.Status == OrderStatus.Posted, "the sales order");
        await Engine.RecordDispatchAsync(Dispatch("P-4", "S1", 3, 2));
        await Until("magento:P-4", Settled, "the invoice and its payment");

        Sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "VendorPayments") });
        // One of the three at 12.49 + 20 %: 14.99 back to the card.
        var refund = new RefundRequest("magento", "P-4", "CM-1", [new RefundLine(ItemA, 1, 14.99m)], 0m, ReturnToStock: true, new DateOnly(2026, 12, 1));
        var replies = await Task.WhenAll(Engine.RecordRefundAsync(refund), Engine.RecordRefundAsync(refund));
        await Until("magento:P-4", s => Settled(s) && s.Jobs.Count(j => j.IsPayment()) == 2, "the credit note and its refund payment");
        var late = await Engine.RecordRefundAsync(refund);

        Assert.Equal([CommandResultCode.Accepted, CommandResultCode.Duplicate], replies.Select(r => r.Code).Order());
        Assert.Equal(CommandResultCode.Duplicate, late.Code);
        var credit = Assert.Single(Sap.Company.CreditNotes);
        var paidBack = Assert.Single(PaymentsOf("VendorPayments", "MAGENTO-P-4"));
        Assert.Equal(("rCustomer", CompanyCatalog.AccountCardClearing, 14.99m), (paidBack.DocType, paidBack.TransferAccount, paidBack.TransferSum));
        Assert.Equal((credit.DocEntry, "it_CredItnote"), (paidBack.PaymentInvoices[0].DocEntry, paidBack.PaymentInvoices[0].InvoiceType));
        Assert.Equal((14.99m, 14.99m, "bost_Close"), (credit.DocTotal, credit.PaidToDate, credit.DocumentStatus));
    }

    [Fact]
    public async Task A_refund_to_store_credit_is_paid_out_of_the_store_credit_account()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-6", "braintree"));
        await Until("magento:P-6", s => s.Status == OrderStatus.Posted, "the sales order");
        await Engine.RecordDispatchAsync(Dispatch("P-6", "S1", 3, 2));
        await Until("magento:P-6", Settled, "the invoice and its payment");

        // One of the two at 8.35 + 5 %, and the shipping: 8.77 + 4.99 to store credit.
        await Engine.RecordRefundAsync(new RefundRequest("magento", "P-6", "CM-2", [new RefundLine(ItemB, 1, 8.77m)], 4.99m, true, new DateOnly(2026, 12, 1)) { Method = "storecredit" });
        await Until("magento:P-6", s => Settled(s) && s.Jobs.Count(j => j.IsPayment()) == 2, "the refund payment");

        var credit = Assert.Single(Sap.Company.CreditNotes);
        var paidBack = Assert.Single(PaymentsOf("VendorPayments", "MAGENTO-P-6"));
        Assert.Equal((CompanyCatalog.AccountBank, 13.76m), (paidBack.TransferAccount, paidBack.TransferSum));
        Assert.Equal((13.76m, "bost_Close"), (credit.DocTotal, credit.DocumentStatus));
    }

    [Fact]
    public async Task An_unmapped_method_parks_only_the_payment_for_finance_and_holds_back_no_other_document()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-5", "klarna_pay_later"));
        await Until("magento:P-5", s => s.Status == OrderStatus.Posted, "the sales order");

        await Engine.RecordDispatchAsync(Dispatch("P-5", "S1", 2, 1));
        await Until("magento:P-5", s => s.Jobs.Any(j => j.IsPayment() && j.Status == JobStatus.Parked), "the parked payment");
        await Engine.RecordDispatchAsync(Dispatch("P-5", "S2", 1, 1));
        var state = await Until("magento:P-5", s => s.Jobs.Where(j => !j.IsPayment()).All(j => j.Status == JobStatus.Done) && s.Jobs.Count == 6, "the second delivery and invoice");

        Assert.Equal(2, Sap.Company.Invoices.Count);
        Assert.All(state.Jobs.Where(j => j.IsPayment()), j => Assert.Equal(JobStatus.Parked, j.Status));
        Assert.Empty(PaymentsOf("IncomingPayments", "MAGENTO-P-5"));
        var exceptions = EngineHost.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await exceptions.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Order))).FirstOrDefault(e => e.RecordId == "magento:P-5");
            return (parked is not null, "nothing yet");
        }, TimeSpan.FromSeconds(10), "the exception");
        Assert.Equal(("unmapped-payment-method", OwningTeam.Finance), (parked!.Type, parked.Team));
        Assert.Contains("Mapping:Channels:magento:PaymentMethods:klarna_pay_later", parked.Reason);
    }

    [Fact]
    public async Task The_day_s_reconciliation_sets_what_the_channel_captured_against_what_sap_holds_and_lists_the_order_not_yet_invoiced()
    {
        await Engine.SubmitOrderAsync(AnOrder("P-7", "braintree"));
        await Until("magento:P-7", s => s.Status == OrderStatus.Posted, "the sales order");
        await Engine.RecordDispatchAsync(Dispatch("P-7", "S1", 2, 1));
        await Until("magento:P-7", Settled, "the first invoice and its payment");

        var report = await EngineHost.Services.GetRequiredService<Engine.Payments.PaymentReconciliationReader>().ReadAsync("magento", new DateOnly(2026, 11, 27));

        var card = Assert.Single(report.Methods);
        Assert.Equal(("braintree", 67.49m, 43.73m, 23.76m), (card.Method, card.ChannelCaptured, card.SapIncoming, card.CapturedDifference));
        Assert.Equal(new ReconciliationDifference("magento:P-7", "braintree", 67.49m, 43.73m, "captured"), Assert.Single(report.Differences));
        Assert.Empty((await EngineHost.Services.GetRequiredService<Engine.Payments.PaymentReconciliationReader>().ReadAsync("magento", new DateOnly(2026, 11, 26))).Methods);
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Pos;

public class PosDocumentBuilderSpecs
{
    private static readonly CustomerRef Walkin = new(null, null, true);

    private static PosTransaction Sale(ImmutableList<PosLine>? lines = null, ImmutableList<PosPayment>? payments = null, string? location = "1", decimal? total = null, decimal roundOff = 0m)
    {
        lines ??= [new PosLine("ITM00001", 2, 20.00m, 4.00m, 20, "Plain item"), new PosLine("ITM00003", 3, 30.00m, 1.50m, 5)];
        payments ??= [new PosPayment("Cash", 30.00m), new PosPayment("Card", 25.50m, "REF-1", "Visa")];
        return new PosTransaction("sitoo", "90001", PosTransactionKind.Sale, TestCompany.Today, "EUR", Walkin, location, lines, payments,
            total ?? lines.Sum(l => l.NetAmount + l.TaxAmount) + roundOff, roundOff, RegisterId: "R1");
    }

    private static PosTransaction Return(string? reason = null, string? location = "1", string? original = "90001") =>
        new("sitoo", "90002", PosTransactionKind.Return, TestCompany.Today, "EUR", Walkin, location,
            [new PosLine("ITM00001", 1, 10.00m, 2.00m, 20, OriginalLineId: "0")], [new PosPayment("Cash", 12.00m)], 12.00m,
            OriginalExternalId: original, ReasonCode: reason);

    [Fact]
    public void A_sale_is_an_invoice_without_base_whose_rows_carry_the_tills_net_and_tax()
    {
        var plan = PosDocumentBuilder.Build(Sale(), TestCompany.Mapping());

        Assert.True(plan.CanPost);
        var invoice = plan.Postings[0];
        Assert.Equal((SapEntitySets.Invoices, "SITOO-90001"), (invoice.EntitySet, invoice.Key));
        var body = Assert.IsType<SapDocument>(invoice.Body);
        Assert.Equal(("POSGUEST", "SITOO-90001", "2030-01-15", "2030-01-15"), (body.CardCode, body.NumAtCard, body.DocDate, body.DocDueDate));
        Assert.Equal(
            [("ITM00001", 2m, 10m, "02", "O1", 20.00m, 4.00m), ("ITM00003", 3m, 10m, "02", "O2", 30.00m, 1.50m)],
            body.DocumentLines.Select(l => (l.ItemCode, l.Quantity, l.UnitPrice, l.WarehouseCode, l.VatGroup!, l.LineTotal!.Value, l.TaxTotal!.Value)));
        Assert.All(body.DocumentLines, l => Assert.Null(l.BaseType));
        Assert.Null(body.Rounding);
    }

    [Fact]
    public void Cash_and_card_become_one_incoming_payment_each_settling_the_invoice()
    {
        var plan = PosDocumentBuilder.Build(Sale(), TestCompany.Mapping());

        var cash = Assert.IsType<SapPayment>(plan.Postings[1].Body);
        var card = Assert.IsType<SapPayment>(plan.Postings[2].Body);
        Assert.Equal(SapFlowEntitySets.IncomingPayments, plan.Postings[1].EntitySet);
        Assert.Equal(("rCustomer", "POSGUEST", "100000", 30.00m, (string?)null), (cash.DocType, cash.CardCode, cash.CashAccount, cash.CashSum!.Value, cash.TransferAccount));
        Assert.Equal(("161010", 25.50m, "REF-1", "2030-01-15"), (card.TransferAccount, card.TransferSum!.Value, card.TransferReference, card.TransferDate));
        Assert.Equal(new SapPaymentInvoice(null, 30.00m, "it_Invoice"), Assert.Single(cash.PaymentInvoices));
        Assert.Equal(new SapPaymentInvoice(null, 25.50m, "it_Invoice"), Assert.Single(card.PaymentInvoices));
        Assert.All(plan.Postings.Skip(1), p => Assert.Equal(new PostingReference("PaymentInvoices/0/DocEntry", 0), Assert.Single(p.References)));
    }

    [Fact]
    public void Two_tenders_on_the_same_account_make_one_payment()
    {
        var plan = PosDocumentBuilder.Build(Sale(payments: [new PosPayment("Card", 20.00m, "A"), new PosPayment("Card", 35.50m, "B")]), TestCompany.Mapping());

        var payment = Assert.IsType<SapPayment>(Assert.Single(plan.Postings.Skip(1)).Body);
        Assert.Equal((55.50m, "A,B"), (payment.TransferSum!.Value, payment.TransferReference));
    }

    [Fact]
    public void An_unmapped_tender_is_unmapped_payment_method_and_nothing_posts()
    {
        var plan = PosDocumentBuilder.Build(Sale(payments: [new PosPayment("Klarna", 55.50m)]), TestCompany.Mapping());

        Assert.False(plan.CanPost);
        Assert.Equal(["unmapped-payment-method"], plan.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void Tenders_that_do_not_cover_the_receipt_are_a_totals_mismatch()
    {
        var plan = PosDocumentBuilder.Build(Sale(payments: [new PosPayment("Cash", 50.00m)]), TestCompany.Mapping());

        var problem = Assert.Single(plan.Exceptions);
        Assert.Equal("totals-mismatch", problem.Type);
        Assert.Contains("tenders come to 50.00 but the receipt total is 55.50 (difference 5.50)", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_that_do_not_explain_the_receipt_total_are_a_totals_mismatch()
    {
        var plan = PosDocumentBuilder.Build(Sale(total: 60.00m, payments: [new PosPayment("Cash", 60.00m)]), TestCompany.Mapping());

        Assert.Equal(["totals-mismatch"], plan.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void Cash_round_off_becomes_visible_document_rounding()
    {
        var plan = PosDocumentBuilder.Build(Sale(roundOff: 0.50m, payments: [new PosPayment("Cash", 56.00m)]), TestCompany.Mapping());

        Assert.True(plan.CanPost);
        var body = Assert.IsType<SapDocument>(plan.Postings[0].Body);
        Assert.Equal(("tYES", 0.50m), (body.Rounding, body.RoundingDiffAmount!.Value));
    }

    [Fact]
    public void A_till_at_an_unmapped_store_is_unmapped_warehouse()
    {
        var plan = PosDocumentBuilder.Build(Sale(location: "7"), TestCompany.Mapping());

        Assert.Contains("unmapped-warehouse", plan.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void With_master_data_batch_and_serial_rows_get_their_allocation()
    {
        var lines = ImmutableList.Create(new PosLine("ITM00003", 3, 30.00m, 1.50m, 5), new PosLine("ITM00006", 1, 100.00m, 20.00m, 20));
        var plan = PosDocumentBuilder.Build(Sale(lines, [new PosPayment("Card", 151.50m)]), TestCompany.Mapping(), TestCompany.Snapshot());

        Assert.True(plan.CanPost, string.Join("; ", plan.Exceptions.Select(e => e.Reason)));
        var rows = Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines;
        Assert.Equal([new SapBatchNumber("B-0003-C", 3)], rows[0].BatchNumbers!);
        Assert.Equal(["SN-4"], rows[1].SerialNumbers!.Select(s => s.InternalSerialNumber));
    }

    [Fact]
    public void With_master_data_unknown_skus_and_short_batches_stop_the_sale()
    {
        var lines = ImmutableList.Create(new PosLine("121292-4", 1, 14.15m, 0.85m, 5), new PosLine("ITM00003", 6, 60.00m, 3.00m, 5));
        var plan = PosDocumentBuilder.Build(Sale(lines, [new PosPayment("Card", 78.00m)]), TestCompany.Mapping(), TestCompany.Snapshot());

        Assert.Equal(["unknown-sku", "batch-allocation"], plan.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void A_return_with_its_original_invoice_copies_the_rows_and_takes_the_invoices_partner()
    {
        var original = new OriginalInvoice(812, "C00001", ImmutableDictionary<string, int>.Empty.Add("0", 0).Add("ITM00003", 1));

        var plan = PosDocumentBuilder.Build(Return(), TestCompany.Mapping(), original: original);

        Assert.True(plan.CanPost);
        var credit = plan.Postings[0];
        Assert.Equal((SapEntitySets.CreditNotes, "SITOO-90002"), (credit.EntitySet, credit.Key));
        var body = Assert.IsType<SapDocument>(credit.Body);
        Assert.Equal("C00001", body.CardCode);
        var row = Assert.Single(body.DocumentLines);
        Assert.Equal((13, 812, 0, "02"), (row.BaseType!.Value, row.BaseEntry!.Value, row.BaseLine!.Value, row.WarehouseCode));
        var refund = Assert.IsType<SapPayment>(plan.Postings[1].Body);
        Assert.Equal(SapFlowEntitySets.VendorPayments, plan.Postings[1].EntitySet);
        Assert.Equal(("C00001", "100000", 12.00m), (refund.CardCode, refund.CashAccount, refund.CashSum!.Value));
        Assert.Equal(new SapPaymentInvoice(null, 12.00m, "it_CredItnote"), Assert.Single(refund.PaymentInvoices));
    }

    [Fact]
    public void A_returned_row_goes_back_into_the_batches_its_sale_took()
    {
        var original = new OriginalInvoice(812, "C00001", ImmutableDictionary<string, int>.Empty.Add("0", 0))
        {
            Picks = [new LinePick(0, [new SapBatchNumber("B-EARLY", 1), new SapBatchNumber("B-LATE", 2)], null)],
        };

        var row = Assert.IsType<SapDocument>(PosDocumentBuilder.Build(Return(), TestCompany.Mapping(), original: original).Postings[0].Body).DocumentLines[0];

        Assert.Equal([new SapBatchNumber("B-EARLY", 1)], row.BatchNumbers);
    }

    [Fact]
    public void A_return_whose_invoice_is_not_known_stands_alone_and_says_how_it_will_be_found()
    {
        var plan = PosDocumentBuilder.Build(Return(), TestCompany.Mapping());

        Assert.Null(Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines[0].BaseType);
        Assert.Contains(plan.Notes, n => n.Contains("NumAtCard SITOO-90001", StringComparison.Ordinal));
    }

    [Fact]
    public void A_return_with_a_write_off_reason_goes_to_the_write_off_warehouse()
    {
        var plan = PosDocumentBuilder.Build(Return(reason: "damaged"), TestCompany.Mapping());

        Assert.Equal("DMG", Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines[0].WarehouseCode);
    }

    [Fact]
    public void A_return_from_no_known_store_goes_back_to_the_restock_warehouse()
    {
        var plan = PosDocumentBuilder.Build(Return(location: null), TestCompany.Mapping());

        Assert.Equal("01", Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines[0].WarehouseCode);
    }

    [Fact]
    public void A_returned_batch_item_cannot_be_taken_back_without_its_batch()
    {
        var tx = Return() with { Lines = [new PosLine("ITM00003", 1, 10.00m, 0.50m, 5)], Total = 10.50m, Payments = [new PosPayment("Cash", 10.50m)] };

        var plan = PosDocumentBuilder.Build(tx, TestCompany.Mapping(), TestCompany.Snapshot());

        Assert.Equal(["batch-allocation"], plan.Exceptions.Select(e => e.Type));
    }
}

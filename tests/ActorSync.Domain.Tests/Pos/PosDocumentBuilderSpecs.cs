using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
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
        Assert.Equal("sitoo POS sale 90001: the tenders come to 50.00 but the receipt total is 55.50 (difference 5.50).", problem.Reason);
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

    // ---- Money, tenders and what the documents say (issue 16: pinned after mutation testing) ----

    /// <summary>
    /// A Swedish till: 3 × 29.97 incl. at 25 % (71.92 + 17.98) and 2 × 19.75 incl. at 5 % (37.62 + 1.88) come to
    /// 129.40; cash is rounded to whole kronor, so the receipt is 129.00 with a round-off of −0.40. Paid 50.00 by Swish,
    /// 100.00 in cash and 21.00 given back in change.
    /// </summary>
    private static PosTransaction SwedishSale() => new("sitoo", "70412", PosTransactionKind.Sale, TestCompany.Today, "sek", Walkin, "1",
        [new PosLine("ITM00001", 3, 71.92m, 17.98m, 25), new PosLine("ITM00003", 2, 37.62m, 1.88m, 5)],
        [new PosPayment("Swish", 50.00m, "SW-778812"), new PosPayment("Cash", 100.00m), new PosPayment("Cash", -21.00m)],
        129.00m, -0.40m, RegisterId: "K2");

    [Fact]
    public void A_kronor_rounded_sale_posts_the_tills_rows_and_the_round_off_as_document_rounding()
    {
        var plan = PosDocumentBuilder.Build(SwedishSale(), TestCompany.Mapping());

        Assert.True(plan.CanPost, string.Join("; ", plan.Exceptions.Select(e => e.Reason)));
        var invoice = Assert.IsType<SapDocument>(plan.Postings[0].Body);
        Assert.Equal([(71.92m, 17.98m, 23.973333m, "O1"), (37.62m, 1.88m, 18.81m, "O2")],
            invoice.DocumentLines.Select(l => (l.LineTotal!.Value, l.TaxTotal!.Value, l.UnitPrice, l.VatGroup!)));
        Assert.Equal(("tYES", -0.40m, "SEK"), (invoice.Rounding, invoice.RoundingDiffAmount!.Value, invoice.DocCurrency));
        Assert.Equal(129.00m, invoice.DocumentLines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + invoice.RoundingDiffAmount!.Value);
        Assert.Equal("sitoo POS sale 70412, register K2 (ActorSync)", invoice.Comments);
        Assert.Contains("Round-off -0.40 posted as SAP document rounding (Rounding tYES, RoundingDiffAmount).", plan.Notes);
    }

    [Fact]
    public void Change_given_back_nets_against_the_cash_tender_and_each_account_gets_one_payment_in_tender_order()
    {
        var plan = PosDocumentBuilder.Build(SwedishSale(), TestCompany.Mapping());

        Assert.Equal(["SITOO-70412", "SITOO-70412/161000", "SITOO-70412/100000"], plan.Postings.Select(p => p.Key));
        var swish = Assert.IsType<SapPayment>(plan.Postings[1].Body);
        var cash = Assert.IsType<SapPayment>(plan.Postings[2].Body);
        Assert.Equal(("161000", 50.00m, "SW-778812", "2030-01-15", "SEK", (string?)null, (decimal?)null),
            (swish.TransferAccount, swish.TransferSum!.Value, swish.TransferReference, swish.TransferDate, swish.DocCurrency, swish.CashAccount, swish.CashSum));
        Assert.Equal(("100000", 79.00m, "SEK", (string?)null, (decimal?)null, (string?)null),
            (cash.CashAccount, cash.CashSum!.Value, cash.DocCurrency, cash.TransferAccount, cash.TransferSum, cash.TransferDate));
        Assert.Equal(("sitoo POS payment 70412: Swish (ActorSync)", "sitoo POS payment 70412: Cash (ActorSync)"), (swish.Remarks, cash.Remarks));
        Assert.Equal(129.00m, swish.TransferSum!.Value + cash.CashSum!.Value);
        Assert.Equal(new SapPaymentInvoice(null, 79.00m, "it_Invoice"), Assert.Single(cash.PaymentInvoices));
        Assert.All([swish, cash], p => Assert.Equal(("rCustomer", "POSGUEST", "2030-01-15"), (p.DocType, p.CardCode, p.DocDate)));
    }

    [Fact]
    public void Tenders_that_cancel_out_on_an_account_post_no_payment_and_say_so()
    {
        var plan = PosDocumentBuilder.Build(Sale(payments: [new PosPayment("Cash", 20.00m), new PosPayment("Card", 55.50m, "R-9"), new PosPayment("Cash", -20.00m)]),
            TestCompany.Mapping());

        Assert.True(plan.CanPost);
        var only = Assert.IsType<SapPayment>(Assert.Single(plan.Postings.Skip(1)).Body);
        Assert.Equal(("161010", 55.50m), (only.TransferAccount, only.TransferSum!.Value));
        Assert.Contains("Tenders on account 100000 (Cash) net to 0.00: no payment posted for them.", plan.Notes);
    }

    [Fact]
    public void Rows_may_miss_the_receipt_by_the_tolerance_per_row_and_not_a_cent_more()
    {
        // Two rows: 0.01 each, so 0.02 is rounding and 0.03 is a real difference.
        var within = PosDocumentBuilder.Build(Sale(total: 55.52m, payments: [new PosPayment("Cash", 55.52m)]), TestCompany.Mapping());
        var beyond = PosDocumentBuilder.Build(Sale(total: 55.53m, payments: [new PosPayment("Cash", 55.53m)]), TestCompany.Mapping());
        var below = PosDocumentBuilder.Build(Sale(total: 55.47m, payments: [new PosPayment("Cash", 55.47m)]), TestCompany.Mapping());

        Assert.True(within.CanPost);
        Assert.Equal(0.02m, Assert.IsType<SapDocument>(within.Postings[0].Body).RoundingDiffAmount);
        var problem = Assert.Single(beyond.Exceptions);
        Assert.Equal(("totals-mismatch", "sitoo POS sale 90001: rows come to 55.50 (+ round-off 0.00) but the receipt total is 55.53."), (problem.Type, problem.Reason));
        Assert.Equal(["totals-mismatch"], below.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void A_single_row_receipt_still_allows_one_cent()
    {
        var lines = ImmutableList.Create(new PosLine("ITM00001", 1, 8.33m, 1.67m, 20));
        var plan = PosDocumentBuilder.Build(Sale(lines, [new PosPayment("Cash", 10.01m)], total: 10.01m), TestCompany.Mapping());
        var two = PosDocumentBuilder.Build(Sale(lines, [new PosPayment("Cash", 10.02m)], total: 10.02m), TestCompany.Mapping());

        Assert.True(plan.CanPost);
        Assert.Equal(["totals-mismatch"], two.Exceptions.Select(e => e.Type));
    }

    [Fact]
    public void A_receipt_without_rows_is_invalid_and_a_row_without_quantity_is_named()
    {
        var empty = PosDocumentBuilder.Build(Sale([], [], total: 0m), TestCompany.Mapping());
        var zero = PosDocumentBuilder.Build(Sale([new PosLine("ITM00001", 0, 0m, 0m, 20)], [], total: 0m), TestCompany.Mapping());

        Assert.Equal([("invalid-order", "sitoo POS sale 90001 has no rows.")], empty.Exceptions.Select(e => (e.Type, e.Reason)));
        Assert.Equal([("invalid-order", "sitoo POS sale 90001, row 1 (ITM00001): quantity 0 is not positive.")], zero.Exceptions.Select(e => (e.Type, e.Reason)));
        Assert.Null(Assert.IsType<SapDocument>(empty.Postings[0].Body).Rounding);
    }

    [Fact]
    public void A_walk_in_sale_names_how_its_customer_was_chosen_and_has_no_return_notes()
    {
        var plan = PosDocumentBuilder.Build(Sale(), TestCompany.Mapping());

        Assert.StartsWith("Customer: ", plan.Notes[0], StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Notes, n => n.Contains("credit note", StringComparison.Ordinal) || n.Contains("Refunds", StringComparison.Ordinal));
        Assert.Equal("sitoo POS sale 90001, register R1 (ActorSync)", Assert.IsType<SapDocument>(plan.Postings[0].Body).Comments);
    }

    [Fact]
    public void A_refund_to_card_is_an_outgoing_payment_settling_the_credit_note_and_the_documents_say_what_they_are()
    {
        var tx = Return(reason: "DAMAGED") with { Payments = [new PosPayment("Card", 12.00m)] };

        var plan = PosDocumentBuilder.Build(tx, TestCompany.Mapping());

        var credit = Assert.IsType<SapDocument>(plan.Postings[0].Body);
        Assert.Equal("sitoo POS return 90002, reason DAMAGED, original 90001 (ActorSync)", credit.Comments);
        var refund = Assert.IsType<SapPayment>(plan.Postings[1].Body);
        Assert.Equal((SapFlowEntitySets.VendorPayments, "SITOO-90002/161010"), (plan.Postings[1].EntitySet, plan.Postings[1].Key));
        Assert.Equal(("161010", 12.00m, (string?)null, "sitoo POS refund 90002: Card (ActorSync)"), (refund.TransferAccount, refund.TransferSum!.Value, refund.TransferReference, refund.Remarks));
        Assert.Equal(new SapPaymentInvoice(null, 12.00m, "it_CredItnote"), Assert.Single(refund.PaymentInvoices));
        Assert.Contains("Refunds post as outgoing payments (VendorPayments, DocType rCustomer) settling the credit note.", plan.Notes);
        Assert.Contains("Reason code DAMAGED is a write-off code: rows go to warehouse DMG.", plan.Notes);
    }

    [Fact]
    public void A_return_that_names_no_sale_stands_alone_and_says_so()
    {
        var plan = PosDocumentBuilder.Build(Return(original: null), TestCompany.Mapping());

        Assert.Contains("The till names no original sale, so the credit note stands alone (no base document).", plan.Notes);
        Assert.Equal("sitoo POS return 90002 (ActorSync)", Assert.IsType<SapDocument>(plan.Postings[0].Body).Comments);
        Assert.Contains("Original sale 90001: the engine looks up the invoice with NumAtCard SITOO-90001 and, when found, bases the rows on it (BaseType 13).",
            PosDocumentBuilder.Build(Return(), TestCompany.Mapping()).Notes);
    }

    [Fact]
    public void Returned_rows_are_matched_to_the_invoice_by_row_id_else_by_sku_and_the_note_counts_them()
    {
        var original = new OriginalInvoice(812, "C00001", ImmutableDictionary<string, int>.Empty.Add("7", 3).Add("ITM00003", 1));
        var tx = Return() with
        {
            Lines =
            [
                new PosLine("ITM00001", 1, 10.00m, 2.00m, 20, OriginalLineId: "7"),
                new PosLine("ITM00003", 1, 9.52m, 0.48m, 5, OriginalLineId: "99"),
                new PosLine("ITM00002", 1, 4.17m, 0.83m, 20),
            ],
            Payments = [new PosPayment("Cash", 27.00m)],
            Total = 27.00m,
        };

        var plan = PosDocumentBuilder.Build(tx, TestCompany.Mapping(), original: original);

        var rows = Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines;
        Assert.Equal([(13, 812, 3), (13, 812, 1), (null, null, null)], rows.Select(r => (r.BaseType, r.BaseEntry, r.BaseLine)));
        Assert.Contains("2 of 3 rows copied from invoice DocEntry 812 (BaseType 13).", plan.Notes);
        Assert.Contains("Customer C00001 taken from the original invoice (DocEntry 812).", plan.Notes);
    }

    [Fact]
    public void Returned_serial_items_go_back_under_the_serials_their_sale_took_as_many_as_come_back()
    {
        var original = new OriginalInvoice(812, "C00001", ImmutableDictionary<string, int>.Empty.Add("0", 2))
        {
            Picks = [new LinePick(1, [new SapBatchNumber("B-OTHER", 5)], null), new LinePick(2, null, [new SapSerialNumber("SN-1"), new SapSerialNumber("SN-2"), new SapSerialNumber("SN-3")])],
        };
        var tx = Return() with { Lines = [new PosLine("ITM00006", 2, 200.00m, 40.00m, 20, OriginalLineId: "0")], Payments = [new PosPayment("Cash", 240.00m)], Total = 240.00m };

        var row = Assert.IsType<SapDocument>(PosDocumentBuilder.Build(tx, TestCompany.Mapping(), original: original).Postings[0].Body).DocumentLines[0];

        Assert.Equal(["SN-1", "SN-2"], row.SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Null(row.BatchNumbers);
    }

    [Fact]
    public void Long_references_and_comments_are_cut_to_what_sap_keeps_and_marked_as_cut()
    {
        var refs = Enumerable.Range(1, 5).Select(i => new PosPayment("Card", 11.10m, $"ADYEN-{i:0000000}")).ToImmutableList();
        var tx = Sale(payments: refs) with { RegisterId = new string('R', 300) };

        var plan = PosDocumentBuilder.Build(tx, TestCompany.Mapping());

        var payment = Assert.IsType<SapPayment>(Assert.Single(plan.Postings.Skip(1)).Body);
        Assert.Equal("ADYEN-0000001,ADYEN-000000…", payment.TransferReference);
        Assert.Equal(27, payment.TransferReference!.Length);
        var comments = Assert.IsType<SapDocument>(plan.Postings[0].Body).Comments!;
        Assert.Equal(254, comments.Length);
        Assert.StartsWith("sitoo POS sale 90001, register RRR", comments, StringComparison.Ordinal);
        Assert.EndsWith("R…", comments, StringComparison.Ordinal);
        var exactly = Sale(payments: [new PosPayment("Card", 55.50m, "ADYEN-0000001,ADYEN-0000002")]);
        Assert.Equal("ADYEN-0000001,ADYEN-0000002", Assert.IsType<SapPayment>(PosDocumentBuilder.Build(exactly, TestCompany.Mapping()).Postings[1].Body).TransferReference);
    }

    [Fact]
    public void With_master_data_each_rows_warehouse_and_vat_group_and_each_tenders_account_are_checked_and_named()
    {
        var lines = ImmutableList.Create(new PosLine("ITM00003", 3, 30.00m, 1.50m, 5), new PosLine("ITM00006", 1, 100.00m, 25.00m, 25));
        var snapshot = TestCompany.Snapshot() with
        {
            Warehouses = TestCompany.Snapshot().Warehouses.Remove("02"),
            GlAccounts = TestCompany.Snapshot().GlAccounts.Remove("161010"),
        };

        var plan = PosDocumentBuilder.Build(Sale(lines, [new PosPayment("Card", 156.50m)]), TestCompany.Mapping(), snapshot);

        Assert.Equal(["unknown-warehouse", "unknown-warehouse", "tax-rate-mismatch", "unknown-gl-account"], plan.Exceptions.Select(e => e.Type));
        Assert.StartsWith("sitoo POS sale 90001, row 2 (ITM00006): warehouse '02' does not exist in SAP.", plan.Exceptions[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("sitoo POS sale 90001, row 2 (ITM00006): ", plan.Exceptions[2].Reason, StringComparison.Ordinal);
        Assert.Equal("sitoo POS sale 90001, payment method Card: G/L account '161010' does not exist in SAP.", plan.Exceptions[3].Reason);
    }

    [Fact]
    public void An_unmapped_row_rate_and_an_unknown_registered_customer_are_named()
    {
        var tx = Sale([new PosLine("ITM00001", 1, 8.93m, 1.07m, 12)], [new PosPayment("Cash", 10.00m)]) with
        {
            Customer = new CustomerRef("nobody@example.com", null, false, "No Body"),
        };

        var plan = PosDocumentBuilder.Build(tx, TestCompany.Mapping(), TestCompany.Snapshot());

        Assert.Equal(["unknown-customer", "unmapped-tax"], plan.Exceptions.Select(e => e.Type).Take(2));
    }

    [Fact]
    public void A_return_s_problems_say_return_and_refund_tenders()
    {
        var plan = PosDocumentBuilder.Build(Return() with { Payments = [new PosPayment("Cash", 10.00m)] }, TestCompany.Mapping());

        Assert.Equal("sitoo POS return 90002: the refund tenders come to 10.00 but the receipt total is 12.00 (difference 2.00).", Assert.Single(plan.Exceptions).Reason);
    }

    [Fact]
    public void A_receipt_that_adds_up_carries_no_document_rounding()
    {
        var body = Assert.IsType<SapDocument>(PosDocumentBuilder.Build(Sale(), TestCompany.Mapping()).Postings[0].Body);

        Assert.Equal((null, null), (body.Rounding, body.RoundingDiffAmount));
        Assert.DoesNotContain(PosDocumentBuilder.Build(Sale(), TestCompany.Mapping()).Notes, n => n.StartsWith("Round-off", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_of_a_till_at_an_unmapped_store_name_no_warehouse()
    {
        var plan = PosDocumentBuilder.Build(Sale(location: "7"), TestCompany.Mapping());

        Assert.All(Assert.IsType<SapDocument>(plan.Postings[0].Body).DocumentLines, l => Assert.Equal("?", l.WarehouseCode));
    }

    [Fact]
    public void Only_a_return_with_a_write_off_reason_goes_to_the_write_off_warehouse()
    {
        var sale = PosDocumentBuilder.Build(Sale() with { ReasonCode = "DAMAGED" }, TestCompany.Mapping());
        var otherReason = PosDocumentBuilder.Build(Return(reason: "WRONG-SIZE"), TestCompany.Mapping());

        Assert.All(Assert.IsType<SapDocument>(sale.Postings[0].Body).DocumentLines, l => Assert.Equal("02", l.WarehouseCode));
        Assert.Equal("02", Assert.IsType<SapDocument>(otherReason.Postings[0].Body).DocumentLines[0].WarehouseCode);
        Assert.DoesNotContain(otherReason.Notes, n => n.Contains("write-off", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_methods_on_one_account_are_one_payment_that_names_both()
    {
        var settings = TestCompany.Settings();
        settings.PaymentMethods["Kontant"] = new() { Account = "100000", Kind = "Cash" };
        var mapping = settings.ToOrderMapping();
        var paid = Sale(payments: [new PosPayment("Cash", 30.00m), new PosPayment("Kontant", 25.50m)]);
        var cancelled = Sale(payments: [new PosPayment("Cash", 5.00m), new PosPayment("Kontant", -5.00m), new PosPayment("Card", 55.50m)]);

        var payment = Assert.IsType<SapPayment>(Assert.Single(PosDocumentBuilder.Build(paid, mapping).Postings.Skip(1)).Body);

        Assert.Equal((55.50m, "sitoo POS payment 90001: Cash, Kontant (ActorSync)"), (payment.CashSum!.Value, payment.Remarks));
        Assert.Contains("Tenders on account 100000 (Cash, Kontant) net to 0.00: no payment posted for them.", PosDocumentBuilder.Build(cancelled, mapping).Notes);
    }

    [Fact]
    public void A_return_without_tenders_has_no_refund_payment_and_says_nothing_of_one()
    {
        var plan = PosDocumentBuilder.Build(Return() with { Payments = [] }, TestCompany.Mapping());

        Assert.Single(plan.Postings);
        Assert.DoesNotContain(plan.Notes, n => n.StartsWith("Refunds post", StringComparison.Ordinal));
    }
}

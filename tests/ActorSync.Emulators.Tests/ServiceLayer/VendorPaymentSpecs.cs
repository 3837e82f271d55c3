using System.Net;
using System.Text;
using ActorSync.Emulators.ServiceLayer.Company;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Outgoing payments (VendorPayments, OVPM): a refund to a customer settles its A/R credit notes.</summary>
public class VendorPaymentSpecs
{
    private readonly RuleHarness _h = new();

    /// <summary>A credit note of 59.90 for the customer (the engine's POS return before its refund).</summary>
    private MarketingDocument CreditNote(string card = "C00001") =>
        _h.PostDocument(DocumentSets.CreditNotes, Doc(card, Line(_h.Plain().ItemCode, 1, "\"PriceAfterVAT\":59.90")));

    /// <summary>The body ActorSync's engine sends for a POS refund (SapPayment, nulls left out).</summary>
    private static string Refund(int creditNote, decimal applied, decimal cash, string card = "C00001") => $$"""
        {"DocType":"rCustomer","CardCode":"{{card}}","DocDate":"2026-11-23","PaymentInvoices":[{"DocEntry":{{creditNote}},"SumApplied":{{Fmt(applied)}},"InvoiceType":"it_CredItnote"}],"CashAccount":"161000","CashSum":{{Fmt(cash)}},"Remarks":"POS refund"}
        """;

    private static string Fmt(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private decimal PaidToDate(int creditNote) => _h.Company.CreditNotes.Single(c => c.DocEntry == creditNote).PaidToDate;

    [Fact]
    public void A_refund_by_transfer_settles_the_credit_note_closes_it_when_paid_in_full_and_cancelling_reopens_it()
    {
        var note = CreditNote();
        var part = (PaymentDocument)_h.Post(DocumentSets.VendorPayments, $$"""
            {"DocType":"rCustomer","CardCode":"C00001","TransferAccount":"161020","TransferSum":20,"TransferDate":"2026-11-23","TransferReference":"PP-1",
             "PaymentInvoices":[{"DocEntry":{{note.DocEntry}},"SumApplied":20,"InvoiceType":"it_CredItnote"}]}
            """);
        Assert.Equal((20m, "bost_Open"), (PaidToDate(note.DocEntry), _h.Company.CreditNotes.Single().DocumentStatus));
        Assert.Equal(("PP-1", "it_CredItnote", part.DocEntry), (part.TransferReference, part.PaymentInvoices[0].InvoiceType, part.DocNum));

        var rest = _h.Post(DocumentSets.VendorPayments, Refund(note.DocEntry, 39.90m, 39.90m));
        Assert.Equal((59.90m, "bost_Close"), (PaidToDate(note.DocEntry), _h.Company.CreditNotes.Single().DocumentStatus));

        _h.Action(DocumentSets.VendorPayments, rest.DocEntry, "Cancel");
        Assert.Equal((20m, "bost_Open"), (PaidToDate(note.DocEntry), _h.Company.CreditNotes.Single().DocumentStatus));
        Assert.Empty(_h.Company.IncomingPayments);
    }

    [Fact]
    public void Applying_more_than_is_still_open_on_the_credit_note_is_refused()
    {
        var note = CreditNote();
        Assert.Equal(-10, _h.Reject(DocumentSets.VendorPayments, Refund(note.DocEntry, 60m, 60m)).Code);
        _h.Post(DocumentSets.VendorPayments, Refund(note.DocEntry, 20m, 20m));
        var error = _h.Reject(DocumentSets.VendorPayments, Refund(note.DocEntry, 40m, 40m));
        Assert.Equal((400, -10), (error.HttpStatus, error.Code));
        Assert.Equal("Amount 40.00 exceeds the open balance 39.90 of credit note 1 [VPM2.SumApplied][line: 1]", error.SapMessage);
        Assert.Equal(20m, PaidToDate(note.DocEntry));
    }

    [Fact]
    public void A_credit_note_of_another_customer_is_refused()
    {
        var note = CreditNote("C00002");
        var error = _h.Reject(DocumentSets.VendorPayments, Refund(note.DocEntry, 59.90m, 59.90m));
        Assert.Equal(-10, error.Code);
        Assert.Equal("The credit note belongs to another business partner [VPM2.DocEntry][line: 1]", error.SapMessage);
        Assert.Equal(0m, PaidToDate(note.DocEntry));
    }

    [Fact]
    public void Means_of_payment_below_the_amount_applied_are_refused()
    {
        var note = CreditNote();
        var error = _h.Reject(DocumentSets.VendorPayments, Refund(note.DocEntry, 59.90m, 50m));
        Assert.Equal(-10, error.Code);
        Assert.Equal("The amount applied to credit notes exceeds the payment amount", error.SapMessage);
        Assert.Equal(0m, PaidToDate(note.DocEntry));
        Assert.Equal(-5002, _h.Reject(DocumentSets.VendorPayments, """{"DocType":"rCustomer","CardCode":"C00001"}""").Code);
    }

    [Fact]
    public void Means_of_payment_above_the_amount_applied_leave_the_surplus_on_account_as_incoming_payments_do()
    {
        var note = CreditNote();
        var payment = (PaymentDocument)_h.Post(DocumentSets.VendorPayments, Refund(note.DocEntry, 59.90m, 70m));
        Assert.Equal((70m, 59.90m), (payment.Total, PaidToDate(note.DocEntry)));
    }

    [Fact]
    public void A_refund_settles_credit_notes_only_and_its_accounts_must_exist()
    {
        var note = CreditNote();
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"PriceAfterVAT\":5")));
        Assert.Equal(-5002, _h.Reject(DocumentSets.VendorPayments, $$"""
            {"DocType":"rCustomer","CardCode":"C00001","CashAccount":"161000","CashSum":5,"PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":5}]}
            """).Code);
        var unknown = _h.Reject(DocumentSets.VendorPayments, Refund(note.DocEntry, 59.90m, 59.90m).Replace("161000", "999999", StringComparison.Ordinal));
        Assert.Equal("G/L account is not valid [OVPM.CashAcct] , '999999'", unknown.SapMessage);
        Assert.Equal(-2028, _h.Reject(DocumentSets.VendorPayments, Refund(99, 1m, 1m)).Code);
    }

    [Fact]
    public void An_outgoing_payment_to_an_account_needs_no_partner()
    {
        var payment = (PaymentDocument)_h.Post(DocumentSets.VendorPayments, """{"DocType":"rAccount","CashAccount":"100000","CashSum":12.5}""");
        Assert.Equal(("rAccount", (string?)null, 12.5m), (payment.DocType, payment.CardCode, payment.Total));
    }

    [Fact]
    public async Task The_engines_refund_body_posts_over_http_and_reads_back_like_an_incoming_payment()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("CreditNotes", Doc("C00001", Line(item, 1, "\"PriceAfterVAT\":59.90")))).StatusCode);

        var posted = await http.PostAsync("VendorPayments", Refund(1, 59.90m, 59.90m));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.EndsWith("/b1s/v1/VendorPayments(1)", posted.Headers.Location!.ToString());

        var payment = await http.GetJsonAsync("VendorPayments(1)");
        Assert.Equal(("rCustomer", "bopot_OutgoingPayments", 59.90m), (payment.GetProperty("DocType").GetString(),
            payment.GetProperty("DocObjectCode").GetString(), payment.GetProperty("CashSum").GetDecimal()));
        Assert.Equal("it_CredItnote", payment.GetProperty("PaymentInvoices")[0].GetProperty("InvoiceType").GetString());
        var page = await http.GetJsonAsync("VendorPayments?$select=DocEntry,Remarks&$filter=" + Uri.EscapeDataString("CardCode eq 'C00001'"));
        Assert.Equal("POS refund", Assert.Single(page.GetProperty("value").EnumerateArray()).GetProperty("Remarks").GetString());
        Assert.Equal("bost_Close", (await http.GetJsonAsync("CreditNotes(1)?$select=DocumentStatus")).GetProperty("DocumentStatus").GetString());
        Assert.Equal((1L, 1L), (emulator.GetStats().DocumentsCreated["VendorPayments"], emulator.GetStats().Requests["POST VendorPayments"]));
    }

    /// <summary>One changeset of POSTs, as the engine's gateway sends a document with its payment.</summary>
    private static string OneChangeset(string boundary, params (string Set, string Body)[] posts)
    {
        var text = new StringBuilder();
        text.Append("--").Append(boundary).Append("\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n");
        for (var i = 0; i < posts.Length; i++)
        {
            text.Append("--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ").Append(i + 1)
                .Append("\r\n\r\nPOST /b1s/v1/").Append(posts[i].Set).Append(" HTTP/1.1\r\nContent-Type: application/json\r\n\r\n")
                .Append(posts[i].Body.Trim()).Append("\r\n");
        }

        text.Append("--changeset_1--\r\n--").Append(boundary).Append("--\r\n");
        return text.ToString();
    }

    [Fact]
    public async Task A_refund_in_a_batch_changeset_commits_with_its_credit_note_and_rolls_back_with_its_changeset()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var creditNote = Doc("C00001", Line(item, 1, "\"PriceAfterVAT\":59.90"));

        var committed = await http.BatchAsync("batch_1", OneChangeset("batch_1", ("CreditNotes", creditNote), ("VendorPayments", Refund(1, 59.90m, 59.90m))));
        Assert.Equal(HttpStatusCode.Accepted, committed.StatusCode);
        var answer = await committed.Content.ReadAsStringAsync();
        Assert.Equal(2, answer.Split("HTTP/1.1 201 Created").Length - 1);
        Assert.Equal(("bost_Close", 1), (emulator.Company.CreditNotes.Single().DocumentStatus, emulator.Company.VendorPayments.Count));

        var stockBefore = emulator.Company.GetStock(item, "01");
        var failed = await http.BatchAsync("batch_2", OneChangeset("batch_2",
            ("CreditNotes", creditNote), ("VendorPayments", Refund(2, 59.90m, 59.90m)), ("Orders", Doc("C00001", Line("NOPE", 1)))));
        Assert.Equal(HttpStatusCode.Accepted, failed.StatusCode);
        var error = await failed.Content.ReadAsStringAsync();
        Assert.Contains("HTTP/1.1 400", error);
        Assert.DoesNotContain("HTTP/1.1 201", error);
        Assert.Equal((1, 1), (emulator.Company.CreditNotes.Count, emulator.Company.VendorPayments.Count));
        Assert.Equal(stockBefore, emulator.Company.GetStock(item, "01"));
        var stats = emulator.GetStats();
        Assert.Equal((1L, 1L, 1L), (stats.DocumentsCreated["CreditNotes"], stats.DocumentsCreated["VendorPayments"], stats.Rejections["-2028"]));
    }
}

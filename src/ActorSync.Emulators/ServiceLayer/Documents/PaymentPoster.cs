using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// <c>IncomingPayments</c> (ORCT) and <c>VendorPayments</c> (OVPM), both SAP's <c>Payment</c> type and posted by the
/// same rules. Every G/L account used (cash, transfer, check, card, account lines) must exist in ChartOfAccounts,
/// else -10 "G/L account is not valid [ORCT.CashAcct] , 'X'" (OVPM/VPM* for outgoing payments).
/// Amounts applied (<c>PaymentInvoices</c>) must not exceed the open balance of the document they settle nor,
/// together, the payment total (a surplus stays on account); a document paid in full closes.
/// An incoming payment settles A/R invoices and A/R down payment invoices (<c>InvoiceType it_DownPayment</c>); an
/// outgoing one to a customer (<c>DocType rCustomer</c>) is a refund and settles A/R credit notes.
/// </summary>
internal sealed class PaymentPoster(CompanyData company, PostingHelpers helpers)
{
    /// <summary>
    /// What a payment set applies amounts to: the <c>InvoiceType</c> (BoRcptInvTypes member and stored value), the
    /// document set it names and how error texts call such a document.
    /// </summary>
    private sealed record Settlement(string InvoiceType, string StoredValue, string DocumentSet, string Noun);

    private static readonly Settlement ArInvoices = new("it_Invoice", "13", DocumentSets.Invoices, "invoice");
    private static readonly Settlement ArCreditNotes = new("it_CredItnote", "14", DocumentSets.CreditNotes, "credit note");
    private static readonly Settlement ArDownPayments = new("it_DownPayment", "203", DocumentSets.DownPayments, "down payment");

    private static Settlement[] SettlementsOf(DocumentSetInfo set) => set.Name == DocumentSets.VendorPayments ? [ArCreditNotes] : [ArInvoices, ArDownPayments];

    private static Settlement? Find(Settlement[] settlements, string type) => Array.Find(settlements, s => type == s.InvoiceType || type == s.StoredValue);

    public PaymentDocument Create(DocumentSetInfo set, Payload body, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        var settlements = SettlementsOf(set);
        // ORCT's rows are RCT1 checks, RCT2 invoices, RCT3 cards, RCT4 accounts; OVPM's are VPM1…VPM4.
        var rowTables = set.HeaderTable[1..];
        var extras = body.CollectExtras(ModelledProperties.Payment);
        var docDate = body.Date("DocDate") ?? uow.Today;
        var doc = new PaymentDocument
        {
            EntitySet = set.Name,
            DocEntry = store.NextDocEntry,
            DocDate = docDate,
            DueDate = body.Date("DueDate") ?? docDate,
            TaxDate = body.Date("TaxDate") ?? docDate,
            CreationDate = uow.Today,
            UpdateStamp = uow.Now,
            Comments = body.String("Remarks"),
            JournalRemarks = body.String("JournalRemarks"),
            Series = body.Int("Series") ?? 1,
            Extras = extras,
        };
        doc.DocNum = doc.DocEntry; // For payments DocEntry equals DocNum (reference §8).

        doc.DocType = body.String("DocType") switch
        {
            null or "rCustomer" or "C" => "rCustomer",
            "rAccount" or "A" => "rAccount",
            var other => throw SapErrors.Validation($"The emulator supports DocType rCustomer and rAccount only, not '{other}'"),
        };

        BusinessPartnerRecord? partner = null;
        if (doc.DocType == "rCustomer")
        {
            partner = helpers.RequireCustomer(body.String("CardCode"), set.HeaderTable);
            doc.CardCode = partner.CardCode;
            doc.CardName = body.String("CardName") ?? partner.CardName;
        }

        // A payment's currency follows the same rules as a document's (ORCT.DocCurr); G/L account currencies are not modelled.
        (doc.DocCurrency, _) = new CurrencyRules(company).ForDocument(set.HeaderTable, "DocCurr", body.String("DocCurrency"), partner, null, docDate);

        doc.CashSum = body.Decimal("CashSum") ?? 0m;
        doc.CashAccount = body.String("CashAccount");
        doc.TransferSum = body.Decimal("TransferSum") ?? 0m;
        doc.TransferAccount = body.String("TransferAccount");
        doc.TransferDate = body.Date("TransferDate");
        doc.TransferReference = body.String("TransferReference");
        doc.CheckAccount = body.String("CheckAccount");
        if (doc.CashSum != 0 || doc.CashAccount is not null)
        {
            helpers.RequireAccount(doc.CashAccount, set.HeaderTable + ".CashAcct");
        }

        if (doc.TransferSum != 0 || doc.TransferAccount is not null)
        {
            helpers.RequireAccount(doc.TransferAccount, set.HeaderTable + ".TrsfrAcct");
        }

        var checks = body.Array("PaymentChecks", "PaymentCheck");
        if (checks.Count > 0 || doc.CheckAccount is not null)
        {
            helpers.RequireAccount(doc.CheckAccount, set.HeaderTable + ".CheckAcct");
        }

        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            var checkExtras = check.CollectExtras(ModelledProperties.PaymentCheck);
            var account = check.String("CheckAccount") ?? doc.CheckAccount;
            helpers.RequireAccount(account, rowTables + "1.CheckAct");
            doc.CheckList.Add(new PaymentCheckLine(i, check.Decimal("CheckSum") ?? 0m, account)
            {
                DueDate = check.Date("DueDate"), CheckNumber = check.Int("CheckNumber") ?? 0, Extras = checkExtras,
            });
        }

        var cards = body.Array("PaymentCreditCards", "PaymentCreditCard");
        for (var i = 0; i < cards.Count; i++)
        {
            var card = cards[i];
            var cardExtras = card.CollectExtras(ModelledProperties.PaymentCreditCard);
            var account = card.String("CreditAcct");
            helpers.RequireAccount(account, rowTables + "3.CreditAcct");
            doc.CreditCardList.Add(new PaymentCreditCardLine(i, card.Int("CreditCard") ?? 1, account!, card.Decimal("CreditSum") ?? 0m)
            {
                CreditCardNumber = card.String("CreditCardNumber"),
                CardValidUntil = card.Date("CardValidUntil"),
                VoucherNum = card.String("VoucherNum"),
                PaymentMethodCode = card.Int("PaymentMethodCode") ?? 1,
                Extras = cardExtras,
            });
        }

        var accountLines = body.Array("PaymentAccounts", "PaymentAccount");
        for (var i = 0; i < accountLines.Count; i++)
        {
            helpers.RequireAccount(accountLines[i].String("AccountCode"), rowTables + "4.AcctCode");
        }

        if (accountLines.Count > 0)
        {
            doc.Extras["PaymentAccounts"] = body.Element.GetProperty("PaymentAccounts").Clone();
        }

        var total = doc.Total + accountLines.Sum(a => a.Decimal("SumPaid") ?? 0m);
        if (total <= 0)
        {
            throw SapErrors.Validation("Payment amount must be greater than zero");
        }

        var invoices = body.Array("PaymentInvoices", "PaymentInvoice");
        var applied = 0m;
        for (var i = 0; i < invoices.Count; i++)
        {
            var entry = invoices[i];
            var lineNo = i + 1;
            var lineExtras = entry.CollectExtras(ModelledProperties.PaymentInvoice);
            // Absent, InvoiceType is the metadata's default 13 (it_Invoice).
            var type = entry.String("InvoiceType") ?? ArInvoices.InvoiceType;
            var settles = Find(settlements, type) ?? throw SapErrors.Validation(
                $"The emulator applies {set.Name} to {string.Join(" and ", settlements.Select(s => s.Noun + "s"))} only (InvoiceType {string.Join(", ", settlements.Select(s => s.InvoiceType))}), not '{type}' [{set.LineTable}.InvType]{PostingHelpers.Line(lineNo)}");
            var settledStore = company.Store(settles.DocumentSet);

            var sum = entry.Decimal("SumApplied") ?? 0m;
            if (entry.Int("DocEntry") is not { } docEntry || settledStore.Find(docEntry) is not MarketingDocument settled)
            {
                throw SapErrors.BadReference($"{set.LineTable}.DocEntry", PostingHelpers.Line(lineNo));
            }

            if (!string.Equals(settled.CardCode, doc.CardCode, StringComparison.Ordinal))
            {
                throw SapErrors.Rule($"The {settles.Noun} belongs to another business partner [{set.LineTable}.DocEntry]{PostingHelpers.Line(lineNo)}");
            }

            // A document closes when paid in full, so "open" and "has an open balance" are the same test here.
            var open = settled.DocTotal - settled.PaidToDate;
            if (settled.Cancelled || sum <= 0 || sum > open)
            {
                throw SapErrors.Rule(
                    $"Amount {PostingHelpers.Money(sum)} exceeds the open balance {PostingHelpers.Money(open)} of {settles.Noun} {settled.DocNum.ToString(CultureInfo.InvariantCulture)} [{set.LineTable}.SumApplied]{PostingHelpers.Line(lineNo)}");
            }

            applied += sum;
            settledStore.Touch(settled, uow);
            settled.PaidToDate += sum;
            MarketingDocumentPoster.RecomputeStatus(settled);
            settled.UpdateStamp = uow.Now;
            doc.InvoiceList.Add(new PaymentInvoiceLine(i, docEntry, sum, settles.InvoiceType) { Extras = lineExtras });
        }

        if (applied > total)
        {
            throw SapErrors.Rule($"The amount applied to {settlements[0].Noun}s exceeds the payment amount");
        }

        var duplicate = store.Add(doc, null, uow);
        uow.Created.Add((doc, duplicate));
        return doc;
    }

    /// <summary>
    /// <c>POST /IncomingPayments(n)/Cancel</c> (or <c>VendorPayments</c>): marks it cancelled and gives the applied
    /// amounts back to the invoices (credit notes) it settled.
    /// </summary>
    public PaymentDocument Cancel(DocumentSetInfo set, int docEntry, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        if (store.Find(docEntry) is not PaymentDocument payment)
        {
            throw SapErrors.NotFound();
        }

        if (payment.Cancelled)
        {
            throw SapErrors.Validation("Document is already cancelled");
        }

        store.Touch(payment, uow);
        foreach (var line in payment.InvoiceList)
        {
            var settledStore = company.Store(Find(SettlementsOf(set), line.InvoiceType)!.DocumentSet);
            if (settledStore.Find(line.DocEntry) is MarketingDocument settled)
            {
                settledStore.Touch(settled, uow);
                settled.PaidToDate -= line.SumApplied;
                MarketingDocumentPoster.RecomputeStatus(settled);
                settled.UpdateStamp = uow.Now;
            }
        }

        payment.Cancelled = true;
        payment.UpdateStamp = uow.Now;
        return payment;
    }
}

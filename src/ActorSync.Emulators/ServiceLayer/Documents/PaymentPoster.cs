using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// <c>IncomingPayments</c> (type <c>Payment</c>). Every G/L account used (cash, transfer, check, card, account
/// lines) must exist in ChartOfAccounts, else -10 "G/L account is not valid [ORCT.CashAcct] , 'X'".
/// Amounts applied to invoices (<c>PaymentInvoices</c>, InvoiceType <c>it_Invoice</c>) must not exceed the
/// invoice's open balance nor, together, the payment total; an invoice paid in full closes.
/// </summary>
internal sealed class PaymentPoster(CompanyData company, PostingHelpers helpers)
{
    public PaymentDocument Create(DocumentSetInfo set, Payload body, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
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
            DocCurrency = body.String("DocCurrency") ?? CompanyCatalog.Currency,
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

        if (doc.DocType == "rCustomer")
        {
            var partner = helpers.RequireCustomer(body.String("CardCode"), set.HeaderTable);
            doc.CardCode = partner.CardCode;
            doc.CardName = body.String("CardName") ?? partner.CardName;
        }

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
            helpers.RequireAccount(account, "RCT1.CheckAct");
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
            helpers.RequireAccount(account, "RCT3.CreditAcct");
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
            helpers.RequireAccount(accountLines[i].String("AccountCode"), "RCT4.AcctCode");
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
        var invoiceStore = company.Store(DocumentSets.Invoices);
        for (var i = 0; i < invoices.Count; i++)
        {
            var entry = invoices[i];
            var lineNo = i + 1;
            var lineExtras = entry.CollectExtras(ModelledProperties.PaymentInvoice);
            var type = entry.String("InvoiceType") ?? "it_Invoice";
            if (type is not ("it_Invoice" or "13"))
            {
                throw SapErrors.Validation($"The emulator applies payments to invoices only (InvoiceType it_Invoice), not '{type}' [RCT2.InvType]{PostingHelpers.Line(lineNo)}");
            }

            var sum = entry.Decimal("SumApplied") ?? 0m;
            if (entry.Int("DocEntry") is not { } docEntry || invoiceStore.Find(docEntry) is not MarketingDocument invoice)
            {
                throw SapErrors.BadReference("RCT2.DocEntry", PostingHelpers.Line(lineNo));
            }

            if (!string.Equals(invoice.CardCode, doc.CardCode, StringComparison.Ordinal))
            {
                throw SapErrors.Rule($"The invoice belongs to another business partner [RCT2.DocEntry]{PostingHelpers.Line(lineNo)}");
            }

            var open = invoice.DocTotal - invoice.PaidToDate;
            if (invoice.Cancelled || sum <= 0 || sum > open)
            {
                throw SapErrors.Rule(
                    $"Amount {sum.ToString("0.00", CultureInfo.InvariantCulture)} exceeds the open balance {open.ToString("0.00", CultureInfo.InvariantCulture)} of invoice {invoice.DocNum.ToString(CultureInfo.InvariantCulture)} [RCT2.SumApplied]{PostingHelpers.Line(lineNo)}");
            }

            applied += sum;
            invoiceStore.Touch(invoice, uow);
            invoice.PaidToDate += sum;
            MarketingDocumentPoster.RecomputeStatus(invoice);
            invoice.UpdateStamp = uow.Now;
            doc.InvoiceList.Add(new PaymentInvoiceLine(i, docEntry, sum, "it_Invoice") { Extras = lineExtras });
        }

        if (applied > total)
        {
            throw SapErrors.Rule("The amount applied to invoices exceeds the payment amount");
        }

        var duplicate = store.Add(doc, null, uow);
        uow.Created.Add((doc, duplicate));
        return doc;
    }

    /// <summary><c>POST /IncomingPayments(n)/Cancel</c>: marks it cancelled and gives the applied amounts back to the invoices.</summary>
    public PaymentDocument Cancel(int docEntry, UnitOfWork uow)
    {
        var store = company.Store(DocumentSets.IncomingPayments);
        if (store.Find(docEntry) is not PaymentDocument payment)
        {
            throw SapErrors.NotFound();
        }

        if (payment.Cancelled)
        {
            throw SapErrors.Validation("Document is already cancelled");
        }

        store.Touch(payment, uow);
        var invoiceStore = company.Store(DocumentSets.Invoices);
        foreach (var line in payment.InvoiceList)
        {
            if (invoiceStore.Find(line.DocEntry) is MarketingDocument invoice)
            {
                invoiceStore.Touch(invoice, uow);
                invoice.PaidToDate -= line.SumApplied;
                MarketingDocumentPoster.RecomputeStatus(invoice);
                invoice.UpdateStamp = uow.Now;
            }
        }

        payment.Cancelled = true;
        payment.UpdateStamp = uow.Now;
        return payment;
    }
}

using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Pos;

/// <summary>
/// Turns a POS receipt into what SAP needs (DESIGN.md "POS sale / return"):
/// <list type="bullet">
/// <item>Sale: an A/R invoice with no base document (the goods left the shop with the customer, so the invoice
///   itself moves the stock) and one incoming payment per mapped account, each settling that invoice.</item>
/// <item>Return: an A/R credit note, its rows based on the original invoice (BaseType 13) when that invoice is known,
///   and one outgoing payment per account refunding it.</item>
/// </list>
/// Rows carry the till's own net (<c>LineTotal</c>) and tax (<c>TaxTotal</c>) so SAP's total is exactly what was
/// paid. Mapping, master-data and totals problems come back as exceptions; a plan with exceptions posts nothing.
/// </summary>
public static class PosDocumentBuilder
{
    public static PostingPlan Build(PosTransaction tx, OrderMapping mapping, MasterDataSnapshot? snapshot = null, OriginalInvoice? original = null)
    {
        var exceptions = ImmutableList.CreateBuilder<ExceptionDetails>();
        var notes = ImmutableList.CreateBuilder<string>();
        var context = $"{tx.Channel} POS {(tx.Kind == PosTransactionKind.Sale ? "sale" : "return")} {tx.ExternalId}";
        var isReturn = tx.Kind == PosTransactionKind.Return;

        if (tx.Lines.IsEmpty)
            exceptions.Add(ExceptionTypes.InvalidOrder($"{context} has no rows."));

        // Customer: a credit note copied from an invoice must carry the invoice's partner (SAP: "Base document card and
        // target document card do not match"), so a known original decides.
        string cardCode;
        string? knownCardCode;
        if (isReturn && original is not null)
        {
            cardCode = knownCardCode = original.CardCode;
            notes.Add($"Customer {cardCode} taken from the original invoice (DocEntry {original.DocEntry}).");
        }
        else
        {
            var customer = MappingResolution.ResolveCustomer(tx.Customer, tx.Channel, mapping, snapshot);
            if (customer.Exception is not null)
                exceptions.Add(customer.Exception);
            cardCode = customer.CardCodeOrPlaceholder;
            knownCardCode = customer.CardCode;
            notes.Add($"Customer: {customer.How}.");
        }

        // The receipt's currency on the invoice or credit note and on every payment, by the same rule as sales orders
        // (a credit note copied from its invoice has the invoice's currency, which this same rule chose).
        var currency = DocumentCurrency.Decide(tx.Currency, knownCardCode, snapshot, context);
        AddIfAny(exceptions, currency.Exception);

        var warehouse = RowWarehouse(tx, mapping, context, exceptions, notes);
        // Stryker disable once Conditional : equivalent, the allocator is only used when there is a snapshot
        var allocator = snapshot is null ? null : new StockAllocator(snapshot, mapping.BatchAllocation);
        var rows = ImmutableList.CreateBuilder<SapDocumentLine>();
        var linked = 0;
        for (var i = 0; i < tx.Lines.Count; i++)
        {
            var line = tx.Lines[i];
            var rowContext = $"{context}, row {i + 1} ({line.Sku})";
            if (line.Quantity <= 0)
                exceptions.Add(ExceptionTypes.InvalidOrder($"{rowContext}: quantity {line.Quantity.ToString(CultureInfo.InvariantCulture)} is not positive."));
            var (vatGroup, taxProblem) = MappingResolution.ResolveVatGroup(mapping, line.TaxRate, rowContext);
            if (taxProblem is not null)
                exceptions.Add(taxProblem);

            ImmutableList<SapBatchNumber>? batches = null;
            ImmutableList<SapSerialNumber>? serials = null;
            if (snapshot is not null && warehouse is not null)
            {
                AddIfAny(exceptions, MasterDataChecks.Item(snapshot, line.Sku, rowContext));
                AddIfAny(exceptions, MasterDataChecks.Warehouse(snapshot, warehouse, rowContext));
                if (vatGroup is not null)
                    AddIfAny(exceptions, MasterDataChecks.VatGroup(snapshot, vatGroup, line.TaxRate, rowContext));
                if (!isReturn)
                {
                    var allocation = allocator!.TakeOut(line.Sku, warehouse, line.Quantity, rowContext);
                    AddIfAny(exceptions, allocation.Exception);
                    (batches, serials) = (allocation.BatchNumbers, allocation.SerialNumbers);
                }
                else
                {
                    // Tills do not say which batch or serial came back; SAP cannot take the goods in without it.
                    AddIfAny(exceptions, MasterDataChecks.Receipt(snapshot, line.Sku, warehouse, line.Quantity, null, null, rowContext));
                }
            }

            int? baseType = null, baseEntry = null, baseLine = null;
            if (isReturn && original is not null &&
                ((line.OriginalLineId is not null && original.LineNums.TryGetValue(line.OriginalLineId, out var lineNum)) ||
                 original.LineNums.TryGetValue(line.Sku, out lineNum)))
            {
                (baseType, baseEntry, baseLine) = (13, original.DocEntry, lineNum);
                linked++;
                // Tills do not say which batch or serial came back; the sale's invoice named what left, so it goes back there.
                if (original.Picks.FirstOrDefault(p => p.Line == lineNum) is { } sold)
                {
                    batches = sold.BatchNumbers is { } soldBatches ? PostingJobPicking.Slice(soldBatches, 0, line.Quantity) : null;
                    serials = sold.SerialNumbers?.Take((int)line.Quantity).ToImmutableList();
                }
            }

            rows.Add(new SapDocumentLine(
                ItemCode: line.Sku,
                Quantity: line.Quantity,
                UnitPrice: line.UnitPrice,
                WarehouseCode: warehouse ?? "?",
                VatGroup: vatGroup,
                BaseType: baseType,
                BaseEntry: baseEntry,
                BaseLine: baseLine,
                BatchNumbers: batches,
                SerialNumbers: serials,
                LineTotal: line.NetAmount,
                TaxTotal: line.TaxAmount));
        }

        if (isReturn)
        {
            if (original is not null)
                notes.Add($"{linked} of {tx.Lines.Count} rows copied from invoice DocEntry {original.DocEntry} (BaseType 13).");
            else if (tx.OriginalExternalId is not null)
                notes.Add($"Original sale {tx.OriginalExternalId}: the engine looks up the invoice with NumAtCard {new Orders.OrderKey(tx.Channel, tx.OriginalExternalId).NumAtCard} and, when found, bases the rows on it (BaseType 13).");
            else
                notes.Add("The till names no original sale, so the credit note stands alone (no base document).");
        }

        // Totals: the rows (the till's own net and tax) plus round-off must be the receipt's total, and the tenders must
        // cover exactly that total. Round-off within tolerance becomes SAP document rounding, visibly.
        var rowsTotal = tx.LinesNet + tx.LinesTax;
        var difference = tx.Total - rowsTotal;
        var tolerance = mapping.TotalsTolerancePerLine * Math.Max(1, tx.Lines.Count);
        if (Math.Abs(difference - tx.RoundOff) > tolerance)
        {
            exceptions.Add(ExceptionTypes.TotalsMismatch(
                $"{context}: rows come to {DocumentTotals.Money(rowsTotal)} (+ round-off {DocumentTotals.Money(tx.RoundOff)}) but the receipt total is {DocumentTotals.Money(tx.Total)}."));
        }

        if (tx.PaymentsTotal != tx.Total)
        {
            exceptions.Add(ExceptionTypes.TotalsMismatch(
                $"{context}: the {(isReturn ? "refund tenders" : "tenders")} come to {DocumentTotals.Money(tx.PaymentsTotal)} but the receipt total is {DocumentTotals.Money(tx.Total)} (difference {DocumentTotals.Money(tx.Total - tx.PaymentsTotal)})."));
        }

        var docDate = tx.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var comments = Truncate($"{tx.Channel} POS {(isReturn ? "return" : "sale")} {tx.ExternalId}"
            + (tx.RegisterId is null ? "" : $", register {tx.RegisterId}")
            + (tx.ReasonCode is null ? "" : $", reason {tx.ReasonCode}")
            + (tx.OriginalExternalId is null ? "" : $", original {tx.OriginalExternalId}")
            + " (ActorSync)", 254);
        var document = new SapDocument(
            CardCode: cardCode,
            NumAtCard: tx.Key.NumAtCard,
            DocDate: docDate,
            DocDueDate: docDate,
            DocumentLines: rows.ToImmutable(),
            DocCurrency: currency.DocCurrency,
            Comments: comments,
            Rounding: difference != 0 ? "tYES" : null,
            RoundingDiffAmount: difference != 0 ? difference : null);
        if (difference != 0)
            notes.Add($"Round-off {DocumentTotals.Money(difference)} posted as SAP document rounding (Rounding tYES, RoundingDiffAmount).");

        var postings = ImmutableList.CreateBuilder<SapPosting>();
        postings.Add(new SapPosting(isReturn ? SapEntitySets.CreditNotes : SapEntitySets.Invoices, document, tx.Key.NumAtCard));
        AddPayments(tx, mapping, snapshot, cardCode, docDate, currency.DocCurrency, context, postings, exceptions, notes);
        return new PostingPlan(postings.ToImmutable(), exceptions.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>
    /// A sale's rows post to the store's warehouse. A return goes back to the store's warehouse too (that is where the
    /// goods physically are) unless its reason code is a write-off code; a return from an unknown store goes to the
    /// configured restock warehouse.
    /// </summary>
    private static string? RowWarehouse(PosTransaction tx, OrderMapping mapping, string context,
        ImmutableList<ExceptionDetails>.Builder exceptions, ImmutableList<string>.Builder notes)
    {
        if (tx.Kind == PosTransactionKind.Return && tx.ReasonCode is not null && mapping.WriteOffReasonCodes.Contains(tx.ReasonCode))
        {
            notes.Add($"Reason code {tx.ReasonCode} is a write-off code: rows go to warehouse {mapping.WriteOffWarehouse}.");
            return mapping.WriteOffWarehouse;
        }

        if (tx.Kind == PosTransactionKind.Return && tx.Location is null)
            return mapping.ReturnsToStockWarehouse;
        var (warehouse, problem) = MappingResolution.ResolveWarehouse(mapping, tx.Channel, tx.Location, context);
        AddIfAny(exceptions, problem);
        return warehouse;
    }

    private static void AddPayments(PosTransaction tx, OrderMapping mapping, MasterDataSnapshot? snapshot, string cardCode, string docDate,
        string? docCurrency, string context, ImmutableList<SapPosting>.Builder postings, ImmutableList<ExceptionDetails>.Builder exceptions, ImmutableList<string>.Builder notes)
    {
        var isReturn = tx.Kind == PosTransactionKind.Return;
        var groups = new List<(PaymentAccount Account, decimal Sum, List<string> Refs, List<string> Methods)>();
        foreach (var payment in tx.Payments)
        {
            var (account, problem) = MappingResolution.ResolvePayment(mapping, payment.Method, context);
            if (problem is not null)
            {
                exceptions.Add(problem);
                continue;
            }

            if (snapshot is not null)
                AddIfAny(exceptions, MasterDataChecks.GlAccount(snapshot, account!.Account, $"{context}, payment method {payment.Method}"));
            var index = groups.FindIndex(g => g.Account == account);
            if (index < 0)
            {
                groups.Add((account!, 0m, [], []));
                index = groups.Count - 1;
            }

            var group = groups[index];
            if (payment.Reference is { Length: > 0 } reference)
                group.Refs.Add(reference);
            if (!group.Methods.Contains(payment.Method))
                group.Methods.Add(payment.Method);
            groups[index] = group with { Sum = group.Sum + payment.Amount };
        }

        foreach (var (account, sum, refs, methods) in groups)
        {
            if (sum <= 0)
            {
                // SAP refuses a payment of zero or less; tenders that cancel out (change given back in cash) leave nothing to post.
                notes.Add($"Tenders on account {account.Account} ({string.Join(", ", methods)}) net to {DocumentTotals.Money(sum)}: no payment posted for them.");
                continue;
            }

            var remarks = Truncate($"{tx.Channel} POS {(isReturn ? "refund" : "payment")} {tx.ExternalId}: {string.Join(", ", methods)} (ActorSync)", 254);
            var settles = ImmutableList.Create(new SapPaymentInvoice(null, sum, isReturn ? "it_CredItnote" : "it_Invoice"));
            var payment = account.Means == PaymentMeans.Cash
                ? new SapPayment("rCustomer", cardCode, docDate, settles, CashAccount: account.Account, CashSum: sum, Remarks: remarks, DocCurrency: docCurrency)
                : new SapPayment("rCustomer", cardCode, docDate, settles, TransferAccount: account.Account, TransferSum: sum, TransferDate: docDate,
                    TransferReference: refs.Count == 0 ? null : Truncate(string.Join(",", refs), 27), Remarks: remarks, DocCurrency: docCurrency);
            postings.Add(new SapPosting(
                isReturn ? SapFlowEntitySets.VendorPayments : SapFlowEntitySets.IncomingPayments,
                payment,
                $"{tx.Key.NumAtCard}/{account.Account}",
                [new PostingReference("PaymentInvoices/0/DocEntry", 0)]));
        }

        if (isReturn && groups.Count > 0)
            notes.Add("Refunds post as outgoing payments (VendorPayments, DocType rCustomer) settling the credit note.");
    }

    private static void AddIfAny(ImmutableList<ExceptionDetails>.Builder list, ExceptionDetails? exception)
    {
        if (exception is not null)
            list.Add(exception);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

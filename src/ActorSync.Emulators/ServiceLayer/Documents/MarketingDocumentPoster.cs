using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Posting rules of the shared <c>Document</c> type: Orders, DeliveryNotes, Invoices, CreditNotes,
/// InventoryGenEntries (goods receipt) and InventoryGenExits (goods issue).
/// <para>Stock effects per line (item × warehouse):</para>
/// <list type="bullet">
/// <item>Order: Committed += qty.</item>
/// <item>Delivery: InStock −= qty; based on an order line also Committed −= qty in the order line's warehouse.</item>
/// <item>Invoice based on a delivery: no stock change. Based on an order: like a delivery. Without base (POS sale): InStock −= qty.</item>
/// <item>Credit note: InStock += qty in the line's warehouse, unless the line has <c>WithoutInventoryMovement=tYES</c>
///   (a real metadata field, NoInvtryMv) — then nothing moves.</item>
/// <item>Goods receipt: InStock += qty. Goods issue: InStock −= qty.</item>
/// </list>
/// Batch/serial quantities move with InStock. Copying from a base line (BaseType/BaseEntry/BaseLine: 17 order,
/// 15 delivery, 13 invoice) consumes its RemainingOpenQuantity and closes lines and documents that reach zero.
/// <para>Invoices and CreditNotes may also be service documents (<c>DocType dDocument_Service</c>): their rows are
/// built by <see cref="ServiceLines"/>, move no stock, and copy only from rows of a document of the same type.</para>
/// </summary>
internal sealed class MarketingDocumentPoster(CompanyData company, StockMovements stock, PostingHelpers helpers)
{
    private readonly ServiceLines _serviceLines = new(helpers);
    private readonly CurrencyRules _currencies = new(company);
    private readonly AddressRules _addresses = new(company);

    /// <summary>Which base object types each target set may copy from (SDK help Document_Lines.BaseType).</summary>
    private static readonly Dictionary<string, int[]> AllowedBaseTypes = new(StringComparer.Ordinal)
    {
        [DocumentSets.DeliveryNotes] = [17],
        [DocumentSets.Invoices] = [17, 15],
        [DocumentSets.CreditNotes] = [13],
        [DocumentSets.DownPayments] = [17],
    };

    private enum StockDirection
    {
        None,
        Issue,
        Receive,
    }

    /// <summary>What a row will do once the whole document has been checked.</summary>
    private sealed class LinePlan
    {
        public required DocumentLine Line { get; init; }

        /// <summary>Null on a service row, which has no item, warehouse or stock movement.</summary>
        public ItemRecord? Item { get; init; }
        public int Warehouse { get; init; }
        public StockDirection Direction { get; init; }
        public MarketingDocument? BaseDocument { get; init; }
        public DocumentLine? BaseLine { get; init; }
        public int LineNo { get; init; }
    }

    /// <summary>The base row a target row copies from (BaseType/BaseEntry/BaseLine).</summary>
    private sealed record BaseLink(int BaseType, MarketingDocument Document, DocumentLine Line);

    public MarketingDocument Create(DocumentSetInfo set, Payload body, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        var extras = body.CollectExtras(ModelledProperties.DocumentHeader);
        var docType = ReadDocType(set, body);
        if (set.Name == DocumentSets.DownPayments)
        {
            RequireDownPaymentInvoice(body);
        }

        if (body.Decimal("DiscountPercent") is { } discount && discount != 0)
        {
            throw SapErrors.Validation("The emulator does not apply a header DiscountPercent; put discounts on the lines");
        }

        var docDate = body.Date("DocDate") ?? uow.Today;
        var doc = new MarketingDocument
        {
            EntitySet = set.Name,
            DocType = docType,
            DocEntry = store.NextDocEntry,
            DocDate = docDate,
            DocDueDate = body.Date("DocDueDate") ?? docDate,
            TaxDate = body.Date("TaxDate") ?? docDate,
            CreationDate = uow.Today,
            UpdateStamp = uow.Now,
            NumAtCard = body.String("NumAtCard"),
            Comments = body.String("Comments"),
            Series = body.Int("Series") ?? 1,
            Extras = extras,
        };
        doc.DocNum = AssignDocNum(store, body, doc.DocEntry);

        var priceList = CompanyCatalog.PriceListRetail;
        BusinessPartnerRecord? partner = null;
        if (set.IsSales)
        {
            partner = helpers.RequireCustomer(body.String("CardCode"), set.HeaderTable);
            doc.CardCode = partner.CardCode;
            doc.CardName = body.String("CardName") ?? partner.CardName;
            priceList = partner.PriceListNum;
        }
        else if (body.String("CardCode") is { } cardCode)
        {
            partner = company.FindBusinessPartner(cardCode)
                ?? throw SapErrors.BadReference($"Invalid BP code [{set.HeaderTable}.CardCode] , '{cardCode}'");
            doc.CardCode = partner.CardCode;
            doc.CardName = partner.CardName;
        }

        if (body.Int("TransportationCode") is { } transport)
        {
            helpers.RequireShippingType(transport, set.HeaderTable);
            doc.TransportationCode = transport;
        }

        var linePayloads = body.Array("DocumentLines", "DocumentLine");
        if (linePayloads.Count == 0)
        {
            throw SapErrors.Validation("Cannot add a document without rows [DocumentLines]");
        }

        var consumed = new Dictionary<DocumentLine, decimal>(ReferenceEqualityComparer.Instance);
        var plans = new List<LinePlan>(linePayloads.Count);
        for (var i = 0; i < linePayloads.Count; i++)
        {
            plans.Add(doc.IsService
                ? BuildServiceLine(set, doc, linePayloads[i], i, consumed)
                : BuildLine(set, doc, linePayloads[i], i, priceList, consumed));
        }

        // The currency: sent, else the base document's (SAP's copy carries it), else the partner's; see CurrencyRules.
        var baseCurrency = plans.Select(p => p.BaseDocument?.DocCurrency).FirstOrDefault(c => c is not null);
        (doc.DocCurrency, doc.DocRate) = _currencies.ForDocument(set.HeaderTable, "DocCur", body.String("DocCurrency"), partner, baseCurrency, docDate);
        foreach (var plan in plans)
        {
            plan.Line.Currency = doc.DocCurrency;
        }

        doc.LineList = plans.Select(p => p.Line).ToList();
        // A copy takes its base's name and addresses (reference §8a) unless it says its own.
        var baseDocument = plans.Select(p => p.BaseDocument).FirstOrDefault(d => d is not null);
        if (baseDocument is not null && body.String("CardName") is null)
        {
            doc.CardName = baseDocument.CardName;
        }

        if (set.IsSales)
        {
            _addresses.ApplyToDocument(set, doc, body, partner, baseDocument);
        }

        doc.ExpenseList = BuildExpenses(set, body);
        RecomputeTotals(doc);
        if (set.Name == DocumentSets.DownPayments)
        {
            AskForShare(doc, body);
        }
        else if (body.Decimal("DocTotal") is { } sentTotal && Math.Abs(sentTotal - doc.DocTotal) > 0.005m)
        {
            // SAP would turn the difference into a header discount; the emulator does not, and says so rather
            // than silently storing another total.
            throw SapErrors.Validation(
                $"The emulator does not derive a header discount from DocTotal: sent {sentTotal.ToString(CultureInfo.InvariantCulture)}, the rows give {doc.DocTotal.ToString(CultureInfo.InvariantCulture)}");
        }

        var draws = set.Name == DocumentSets.Invoices ? ReadDraws(doc, body) : [];
        foreach (var plan in plans)
        {
            ApplyLine(set, plan, uow);
        }

        ApplyDraws(doc, draws, uow);
        CloseExhaustedBases(plans, uow);
        RecomputeStatus(doc);
        var duplicate = store.Add(doc, doc.NumAtCard, uow);
        uow.Created.Add((doc, duplicate));
        return doc;
    }

    /// <summary>
    /// BoDocumentTypes by member name or stored value; items when absent (the metadata's default "I"). Service
    /// documents are modelled for A/R invoices and credit notes, where channels and POS refunds need them.
    /// </summary>
    private static string ReadDocType(DocumentSetInfo set, Payload body)
    {
        var docType = NormalizeDocType(body);
        if (docType == MarketingDocument.ServiceType && set.Name is not (DocumentSets.Invoices or DocumentSets.CreditNotes))
        {
            throw SapErrors.Validation($"The emulator supports service documents (DocType dDocument_Service) on Invoices and CreditNotes only, not on {set.Name}");
        }

        return docType;
    }

    private static string NormalizeDocType(Payload body) => body.String("DocType") switch
    {
        null or MarketingDocument.ItemsType or "I" => MarketingDocument.ItemsType,
        MarketingDocument.ServiceType or "S" => MarketingDocument.ServiceType,
        _ => throw SapErrors.BadQuery("Value of property 'DocType' of 'Document' is invalid"),
    };

    /// <summary>DocNum from the primary series (= DocEntry), or the client's number with HandWritten=tYES.</summary>
    private static int AssignDocNum(DocumentStore store, Payload body, int docEntry)
    {
        if (body.YesNo("HandWritten") == true && body.Int("DocNum") is { } manual)
        {
            if (store.All.Any(d => d.DocNum == manual))
            {
                throw new SapException(400, SapErrors.DuplicateKeyCode, SapErrors.DuplicateKeyText);
            }

            return manual;
        }

        return docEntry;
    }

    private LinePlan BuildLine(DocumentSetInfo set, MarketingDocument doc, Payload payload, int index, int priceList,
        Dictionary<DocumentLine, decimal> consumed)
    {
        var lineNo = index + 1;
        var extras = payload.CollectExtras(ModelledProperties.DocumentLine);
        var line = new DocumentLine { LineNum = index, Extras = extras, Currency = doc.DocCurrency };

        // --- base link ---
        var baseLink = ReadBase(set, doc, payload, lineNo);
        var baseDoc = baseLink?.Document;
        var baseLine = baseLink?.Line;
        var baseType = baseLink?.BaseType ?? -1;
        if (baseLink is not null)
        {
            Link(line, baseLink);
        }

        var itemCode = payload.String("ItemCode") ?? baseLine?.ItemCode;
        if (baseLine is not null && !string.Equals(itemCode, baseLine.ItemCode, StringComparison.Ordinal))
        {
            throw SapErrors.Rule($"Item code does not match the base document row [{set.LineTable}.ItemCode]{PostingHelpers.Line(lineNo)}");
        }

        var item = helpers.RequireItem(itemCode, set.LineTable, lineNo);
        var warehouseCode = payload.String("WarehouseCode") ?? baseLine?.WarehouseCode ?? item.DefaultWarehouse;
        var warehouse = helpers.RequireWarehouse(warehouseCode, set.LineTable + ".WhsCode", lineNo);

        var quantity = payload.Decimal("Quantity") ?? (baseLine is not null ? baseLine.RemainingOpenQuantity - consumed.GetValueOrDefault(baseLine) : 0m);
        PostingHelpers.RequirePositive(quantity, set.LineTable, lineNo);
        if (baseLine is not null)
        {
            var open = baseLine.RemainingOpenQuantity - consumed.GetValueOrDefault(baseLine);
            if (quantity > open)
            {
                throw SapErrors.Rule(
                    $"Quantity {Fmt(quantity)} exceeds the open quantity {Fmt(open)} of the base document row [{set.LineTable}.Quantity]{PostingHelpers.Line(lineNo)}");
            }

            consumed[baseLine] = consumed.GetValueOrDefault(baseLine) + quantity;
        }

        // --- tax ---
        var taxed = set.IsSales;
        string? vatGroupCode = null;
        var rate = 0m;
        if (taxed)
        {
            vatGroupCode = payload.String("VatGroup") ?? baseLine?.VatGroup ?? item.SalesVatGroup;
            rate = helpers.RequireVatGroup(vatGroupCode, set.LineTable + ".VatGroup", lineNo).Rate;
        }

        // --- price: sent fields win; a copied line keeps its base line's prices ---
        var input = new PriceInput(
            UnitPrice: payload.Decimal("UnitPrice"),
            Price: payload.Decimal("Price"),
            PriceAfterVat: payload.Decimal("PriceAfterVAT"),
            DiscountPercent: payload.Decimal("DiscountPercent"),
            LineTotal: payload.Decimal("LineTotal"),
            TaxTotal: taxed ? payload.Decimal("TaxTotal") : null);
        if (baseLine is not null && input is { UnitPrice: null, Price: null, PriceAfterVat: null, LineTotal: null })
        {
            input = input with
            {
                UnitPrice = baseLine.UnitPrice,
                DiscountPercent = input.DiscountPercent ?? baseLine.DiscountPercent,
                PriceAfterVat = baseLine.PricedGross ? baseLine.PriceAfterVat : null,
            };
            if (input.PriceAfterVat is not null)
            {
                input = input with { UnitPrice = null };
            }
        }

        var account = payload.String("AccountCode") ?? baseLine?.AccountCode;
        if (account is not null)
        {
            helpers.RequireAccount(account, set.LineTable + ".AcctCode", lineNo);
        }

        var priced = LinePricing.Price(quantity, input, item.PriceFor(priceList), rate);
        line.ItemCode = item.ItemCode;
        line.AccountCode = account;
        line.ItemDescription = payload.String("ItemDescription") ?? baseLine?.ItemDescription ?? item.ItemName;
        line.Quantity = quantity;
        line.WarehouseCode = CompanyCatalog.WarehouseCodes[warehouse];
        line.VatGroup = vatGroupCode;
        line.TaxPercentagePerRow = rate;
        priced.ApplyTo(line);
        line.PricedGross = input.PriceAfterVat is not null;
        line.RemainingOpenQuantity = quantity;
        line.WithoutInventoryMovement = payload.YesNo("WithoutInventoryMovement") ?? false;
        if (set.IsSales)
        {
            _addresses.ApplyToLine(set, line, payload, company.FindBusinessPartner(doc.CardCode), baseLine, lineNo);
        }

        var direction = DirectionOf(set, baseType, line.WithoutInventoryMovement);
        var (batches, serials) = helpers.ReadAllocations(payload, item, quantity, direction != StockDirection.None, set.LineTable, lineNo);
        line.BatchList = batches;
        line.SerialList = serials;
        return new LinePlan
        {
            Line = line, Item = item, Warehouse = warehouse, Direction = direction,
            BaseDocument = baseDoc, BaseLine = baseLine, LineNo = lineNo,
        };
    }

    /// <summary>A service row: priced by <see cref="ServiceLines"/>; what it copies from a base row is an amount, not a quantity.</summary>
    private LinePlan BuildServiceLine(DocumentSetInfo set, MarketingDocument doc, Payload payload, int index,
        Dictionary<DocumentLine, decimal> consumed)
    {
        var lineNo = index + 1;
        var baseLink = ReadBase(set, doc, payload, lineNo);
        var open = baseLink is null ? 0m : baseLink.Line.OpenAmount - consumed.GetValueOrDefault(baseLink.Line);
        var line = _serviceLines.Build(set, payload, index, baseLink?.Line, open);
        line.Currency = doc.DocCurrency;
        if (baseLink is not null)
        {
            Link(line, baseLink);
            consumed[baseLink.Line] = consumed.GetValueOrDefault(baseLink.Line) + line.LineTotal;
        }

        return new LinePlan { Line = line, BaseDocument = baseLink?.Document, BaseLine = baseLink?.Line, LineNo = lineNo };
    }

    private static void Link(DocumentLine line, BaseLink link)
    {
        line.BaseType = link.BaseType;
        line.BaseEntry = link.Document.DocEntry;
        line.BaseLine = link.Line.LineNum;
    }

    private static StockDirection DirectionOf(DocumentSetInfo set, int baseType, bool withoutInventoryMovement) => set.Name switch
    {
        DocumentSets.Orders => StockDirection.None,
        DocumentSets.DeliveryNotes => StockDirection.Issue,
        DocumentSets.Invoices => baseType == 15 ? StockDirection.None : StockDirection.Issue,
        DocumentSets.CreditNotes => withoutInventoryMovement ? StockDirection.None : StockDirection.Receive,
        DocumentSets.InventoryGenEntries => StockDirection.Receive,
        DocumentSets.InventoryGenExits => StockDirection.Issue,
        _ => StockDirection.None,
    };

    /// <summary>The row's base row, or null when it sends neither BaseType nor BaseEntry.</summary>
    private BaseLink? ReadBase(DocumentSetInfo set, MarketingDocument doc, Payload payload, int lineNo)
    {
        var baseType = payload.Int("BaseType") ?? -1;
        var baseEntry = payload.Int("BaseEntry");
        if (baseEntry is null && baseType == -1)
        {
            return null;
        }

        var (baseDoc, baseLine) = ResolveBase(set, doc, payload, baseType, baseEntry, lineNo);
        return new BaseLink(baseType, baseDoc, baseLine);
    }

    private (MarketingDocument Document, DocumentLine Line) ResolveBase(DocumentSetInfo set, MarketingDocument doc, Payload payload,
        int baseType, int? baseEntry, int lineNo)
    {
        if (!AllowedBaseTypes.TryGetValue(set.Name, out var allowed) || Array.IndexOf(allowed, baseType) < 0)
        {
            throw SapErrors.Validation($"Invalid base document type {baseType.ToString(CultureInfo.InvariantCulture)} [{set.LineTable}.BaseType]{PostingHelpers.Line(lineNo)}");
        }

        var baseSet = DocumentSets.FindByObjectType(baseType)!;
        if (baseEntry is null || company.Store(baseSet.Name).Find(baseEntry.Value) is not MarketingDocument baseDoc)
        {
            throw SapErrors.BadReference($"{set.LineTable}.BaseEntry", PostingHelpers.Line(lineNo));
        }

        // An item row cannot copy a service row nor the other way round: one has a quantity of an item, the other an
        // amount on a G/L account. (The text is the emulator's; no public source quotes SAP's.)
        if (baseDoc.DocType != doc.DocType)
        {
            throw SapErrors.Rule(
                $"Base document type and target document type do not match ({baseDoc.DocType}, {doc.DocType}) [{set.LineTable}.BaseEntry]{PostingHelpers.Line(lineNo)}");
        }

        if (!string.Equals(baseDoc.CardCode, doc.CardCode, StringComparison.Ordinal))
        {
            throw SapErrors.Rule("Base document card and target document card do not match.");
        }

        var baseLineNum = payload.Int("BaseLine") ?? throw SapErrors.BadReference($"{set.LineTable}.BaseLine", PostingHelpers.Line(lineNo));
        var baseLine = baseDoc.LineList.Find(l => l.LineNum == baseLineNum)
            ?? throw SapErrors.BadReference($"{set.LineTable}.BaseLine", PostingHelpers.Line(lineNo));

        // Orders and deliveries close as a whole; an invoice stays copyable to a credit note while its row has
        // open quantity (a paid invoice is closed but may still be credited).
        var closed = baseDoc.Cancelled || !baseLine.Open || (baseSet.Name != DocumentSets.Invoices && !baseDoc.Open);
        if (closed)
        {
            throw SapErrors.Rule("One of the base documents has already been closed");
        }

        return (baseDoc, baseLine);
    }

    private List<DocumentExpense> BuildExpenses(DocumentSetInfo set, Payload body)
    {
        var expenses = new List<DocumentExpense>();
        var payloads = body.Array("DocumentAdditionalExpenses", "DocumentAdditionalExpense");
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            var extras = payload.CollectExtras(ModelledProperties.Expense);
            var code = payload.Int("ExpenseCode") ?? -1;
            var type = company.FindExpenseType(code) ?? throw SapErrors.BadReference($"{set.HeaderTable[1..]}3.ExpnsCode", PostingHelpers.Line(i + 1));
            var vatCode = payload.String("VatGroup") ?? type.OutputVatGroup;
            var rate = set.IsSales ? helpers.RequireVatGroup(vatCode, set.HeaderTable[1..] + "3.VatGroup", i + 1).Rate : 0m;
            var (lineTotal, taxSum, gross) = LinePricing.Expense(payload.Decimal("LineTotal"), payload.Decimal("LineGross"),
                set.IsSales ? payload.Decimal("TaxSum") : null, rate);
            expenses.Add(new DocumentExpense
            {
                LineNum = i, ExpenseCode = code, VatGroup = set.IsSales ? vatCode : null, TaxPercent = rate,
                LineTotal = lineTotal, TaxSum = taxSum, LineGross = gross, Extras = extras,
            });
        }

        return expenses;
    }

    /// <summary>VatSum = Σ line tax + Σ expense tax; DocTotal = Σ LineTotal + Σ expense LineTotal + VatSum.</summary>
    internal static void RecomputeTotals(MarketingDocument doc)
    {
        var vat = doc.LineList.Sum(l => l.TaxTotal) + doc.ExpenseList.Sum(e => e.TaxSum);
        doc.VatSum = vat;
        doc.DocTotal = LinePricing.Round2(doc.LineList.Sum(l => l.LineTotal) + doc.ExpenseList.Sum(e => e.LineTotal) + vat);
    }

    private void ApplyLine(DocumentSetInfo set, LinePlan plan, UnitOfWork uow)
    {
        // A down payment invoice asks for money against the order: it moves no stock and leaves the order's rows open.
        if (set.Name == DocumentSets.DownPayments)
        {
            return;
        }

        var line = plan.Line;
        if (plan.Item is not { } item)
        {
            if (plan.BaseDocument is { } serviceBase && plan.BaseLine is { } serviceBaseLine)
            {
                company.Store(serviceBase.EntitySet).Touch(serviceBase, uow);
                ServiceLines.Consume(serviceBaseLine, line.LineTotal);
                serviceBase.UpdateStamp = uow.Now;
            }

            return;
        }

        switch (plan.Direction)
        {
            case StockDirection.Issue:
                stock.Issue(item, plan.Warehouse, line.Quantity, line.BatchList, line.SerialList, set.LineTable, plan.LineNo, uow);
                break;
            case StockDirection.Receive:
                stock.Receive(item, plan.Warehouse, line.Quantity, line.BatchList, line.SerialList, set.LineTable, plan.LineNo, uow);
                break;
        }

        if (set.Name == DocumentSets.Orders)
        {
            stock.Commit(item, plan.Warehouse, line.Quantity, uow);
        }

        if (plan.BaseDocument is { } baseDoc && plan.BaseLine is { } baseLine)
        {
            company.Store(baseDoc.EntitySet).Touch(baseDoc, uow);
            if (baseDoc.EntitySet == DocumentSets.Orders)
            {
                // Copying from an order releases its commitment in the order row's warehouse.
                stock.Commit(item, CompanyData.WarehouseIndex(baseLine.WarehouseCode), -line.Quantity, uow);
            }

            baseLine.RemainingOpenQuantity -= line.Quantity;
            if (baseLine.RemainingOpenQuantity <= 0)
            {
                baseLine.RemainingOpenQuantity = 0;
                baseLine.Open = false;
            }

            baseDoc.UpdateStamp = uow.Now;
        }
    }

    private static void CloseExhaustedBases(List<LinePlan> plans, UnitOfWork uow)
    {
        foreach (var baseDoc in plans.Select(p => p.BaseDocument).OfType<MarketingDocument>().Distinct())
        {
            RecomputeStatus(baseDoc);
            baseDoc.UpdateStamp = uow.Now;
        }
    }

    /// <summary>
    /// A document is open while any row is open; an invoice also closes once paid in full (B1 closes paid A/R
    /// invoices), and so does a credit note once refunded in full by outgoing payments. Cancelled documents stay closed.
    /// </summary>
    internal static void RecomputeStatus(MarketingDocument doc)
    {
        if (doc.EntitySet is DocumentSets.InventoryGenEntries or DocumentSets.InventoryGenExits)
        {
            doc.Open = false; // goods receipts and issues are closed from the start
            return;
        }

        var anyOpenLine = doc.LineList.Exists(l => l.Open);
        // An invoice whose down payments cover all of it owes nothing (DocTotal 0) and closes at once.
        var paid = doc.EntitySet is DocumentSets.Invoices or DocumentSets.CreditNotes or DocumentSets.DownPayments
            && (doc.DocTotal > 0 || doc.DownPaymentAmount > 0) && doc.PaidToDate >= doc.DocTotal;
        doc.Open = !doc.Cancelled && anyOpenLine && !paid;
    }

    // ---- down payments ---------------------------------------------------------------------------------------

    /// <summary>
    /// <c>DownPayments</c> (ODPI) are modelled as down payment invoices (<c>DownPaymentType dptInvoice</c>, the
    /// metadata's default "Y"); a down payment request ("N") posts nothing to the ledger and is not modelled.
    /// </summary>
    private static void RequireDownPaymentInvoice(Payload body)
    {
        if (body.String("DownPaymentType") is { } type && type is not ("dptInvoice" or "Y"))
        {
            throw SapErrors.Validation($"The emulator models down payment invoices only (DownPaymentType dptInvoice), not '{type}' [ODPI.DownPaymentType]");
        }
    }

    /// <summary>
    /// A down payment invoice asks for a share of its rows: the <c>DocTotal</c> sent (the amount the customer paid),
    /// else <c>DownPaymentPercentage</c> of the rows, else all of them. Its tax is the rows' tax in the same share.
    /// </summary>
    private static void AskForShare(MarketingDocument doc, Payload body)
    {
        var rows = doc.DocTotal;
        decimal share;
        if (body.Decimal("DocTotal") is { } sent)
        {
            if (sent <= 0 || sent > rows)
            {
                throw SapErrors.Rule($"Down payment total {PostingHelpers.Money(sent)} must be above zero and at most the rows' total {PostingHelpers.Money(rows)} [ODPI.DocTotal]");
            }

            share = sent;
        }
        else if (body.Decimal("DownPaymentPercentage") is { } percent)
        {
            if (percent <= 0 || percent > 100)
            {
                throw SapErrors.Validation($"DownPaymentPercentage {percent.ToString(CultureInfo.InvariantCulture)} is outside 0 to 100 [ODPI.DpmPrcnt]");
            }

            share = LinePricing.Round2(rows * percent / 100);
        }
        else
        {
            share = rows;
        }

        doc.DownPaymentPercentage = rows == 0 ? 0 : Math.Round(share / rows * 100, 4, MidpointRounding.AwayFromZero);
        doc.VatSum = rows == 0 ? 0 : LinePricing.Round2(doc.VatSum * share / rows);
        doc.DocTotal = share;
    }

    /// <summary>
    /// An invoice's <c>DownPaymentsToDraw</c>: each row names a down payment invoice of the same customer and the
    /// gross amount taken from it (<c>GrossAmountToDraw</c>; a net <c>AmountToDraw</c> is grossed up at the down
    /// payment's own tax share; neither takes all that is left). Never more than is left of a down payment, and
    /// together never more than the invoice. Checked before anything moves.
    /// </summary>
    private List<(MarketingDocument DownPayment, decimal Gross)> ReadDraws(MarketingDocument invoice, Payload body)
    {
        var rows = body.Array("DownPaymentsToDraw", "DownPaymentToDraw");
        var draws = new List<(MarketingDocument, decimal)>(rows.Count);
        var store = company.Store(DocumentSets.DownPayments);
        for (var i = 0; i < rows.Count; i++)
        {
            var lineNo = i + 1;
            if (rows[i].Int("DocEntry") is not { } entry || store.Find(entry) is not MarketingDocument downPayment)
            {
                throw SapErrors.BadReference("INV9.BaseAbs", PostingHelpers.Line(lineNo));
            }

            if (!string.Equals(downPayment.CardCode, invoice.CardCode, StringComparison.Ordinal) || downPayment.Cancelled)
            {
                throw SapErrors.Rule($"Down payment {downPayment.DocNum.ToString(CultureInfo.InvariantCulture)} is cancelled or belongs to another business partner [INV9.BaseAbs]{PostingHelpers.Line(lineNo)}");
            }

            var left = downPayment.DocTotal - downPayment.DrawnToDate - draws.Where(d => d.Item1 == downPayment).Sum(d => d.Item2);
            var net = downPayment.DocTotal - downPayment.VatSum;
            var gross = rows[i].Decimal("GrossAmountToDraw")
                ?? (rows[i].Decimal("AmountToDraw") is { } amount && net > 0 ? LinePricing.Round2(amount * downPayment.DocTotal / net) : left);
            if (gross <= 0 || gross > left)
            {
                throw SapErrors.Rule(
                    $"Amount {PostingHelpers.Money(gross)} exceeds what is left to draw, {PostingHelpers.Money(left)}, of down payment {downPayment.DocNum.ToString(CultureInfo.InvariantCulture)} [INV9.DrawnSum]{PostingHelpers.Line(lineNo)}");
            }

            draws.Add((downPayment, gross));
        }

        var total = draws.Sum(d => d.Item2);
        if (total > invoice.DocTotal)
        {
            throw SapErrors.Rule($"The down payments drawn, {PostingHelpers.Money(total)}, exceed the invoice's total {PostingHelpers.Money(invoice.DocTotal)} [OINV.DpmAmnt]");
        }

        return draws;
    }

    /// <summary>The draws take their amounts off the invoice's total (what the customer still owes) and off what is left of each down payment.</summary>
    private void ApplyDraws(MarketingDocument invoice, List<(MarketingDocument DownPayment, decimal Gross)> draws, UnitOfWork uow)
    {
        foreach (var (downPayment, gross) in draws)
        {
            company.Store(DocumentSets.DownPayments).Touch(downPayment, uow);
            downPayment.DrawnToDate += gross;
            downPayment.UpdateStamp = uow.Now;
            invoice.DrawnList.Add(new DrawnDownPayment(downPayment.DocEntry, gross));
            invoice.DocTotal -= gross;
        }
    }

    // ---- bound actions --------------------------------------------------------------------------------------

    /// <summary>
    /// <c>POST /Orders(n)/Close</c> and <c>/Cancel</c>: open rows close and their open quantity stops being committed.
    /// Cancel additionally marks the document <c>Cancelled=tYES</c> and is refused once rows were copied to
    /// target documents. DeliveryNotes support Close (no more invoicing); other sets answer -5006.
    /// </summary>
    public MarketingDocument CloseOrCancel(DocumentSetInfo set, int docEntry, bool cancel, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        if (store.Find(docEntry) is not MarketingDocument doc)
        {
            throw SapErrors.NotFound();
        }

        var supported = set.Name == DocumentSets.Orders || (!cancel && set.Name == DocumentSets.DeliveryNotes);
        if (!supported)
        {
            throw SapErrors.NotAllowed($"The emulator supports {(cancel ? "Cancel" : "Close")} on Orders{(cancel ? "" : " and DeliveryNotes")} only");
        }

        if (doc.Cancelled)
        {
            throw SapErrors.Validation("Document is already cancelled");
        }

        if (!doc.Open)
        {
            throw SapErrors.Validation(cancel ? "Cannot cancel a closed document" : "Document is already closed");
        }

        if (cancel && doc.LineList.Exists(l => l.RemainingOpenQuantity < l.Quantity))
        {
            throw SapErrors.Validation("Cannot cancel a document whose rows were copied to a target document");
        }

        store.Touch(doc, uow);
        foreach (var line in doc.LineList.Where(l => l.Open))
        {
            if (set.Name == DocumentSets.Orders && company.FindItem(line.ItemCode) is { } item)
            {
                stock.Commit(item, CompanyData.WarehouseIndex(line.WarehouseCode), -line.RemainingOpenQuantity, uow);
            }

            line.Open = false;
        }

        doc.Cancelled = cancel;
        doc.Open = false;
        doc.UpdateStamp = uow.Now;
        return doc;
    }

    // ---- PATCH ----------------------------------------------------------------------------------------------

    /// <summary>
    /// PATCH changes only the fields sent (reference §6). A line with <c>LineNum</c> updates that row; a line
    /// without one is appended. Rows can change on open Orders only (posted deliveries and invoices are final in B1).
    /// </summary>
    public MarketingDocument Patch(DocumentSetInfo set, int docEntry, Payload body, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        if (store.Find(docEntry) is not MarketingDocument doc)
        {
            throw SapErrors.NotFound();
        }

        var extras = body.CollectExtras(ModelledProperties.DocumentHeader);
        store.Touch(doc, uow);
        if (body.String("CardCode") is { } cardCode && !string.Equals(cardCode, doc.CardCode, StringComparison.Ordinal))
        {
            throw SapErrors.Validation($"Cannot change the business partner of an added document [{set.HeaderTable}.CardCode]");
        }

        // The emulator's choice: an added document keeps its currency (and its rows' currency).
        if (body.String("DocCurrency") is { } currency && !string.Equals(currency, doc.DocCurrency, StringComparison.Ordinal))
        {
            throw SapErrors.Validation($"Cannot change the currency of an added document [{set.HeaderTable}.DocCur]");
        }

        if (body.Has("DocType") && NormalizeDocType(body) != doc.DocType)
        {
            throw SapErrors.Validation($"Cannot change the type of an added document [{set.HeaderTable}.DocType]");
        }

        if (body.Contains("NumAtCard"))
        {
            var numAtCard = body.String("NumAtCard");
            store.ChangeNumAtCard(doc.NumAtCard, numAtCard, uow);
            doc.NumAtCard = numAtCard;
        }

        if (body.Contains("Comments"))
        {
            doc.Comments = body.String("Comments");
        }

        if (body.Date("DocDueDate") is { } due)
        {
            doc.DocDueDate = due;
        }

        if (body.Date("TaxDate") is { } taxDate)
        {
            doc.TaxDate = taxDate;
        }

        if (body.Int("TransportationCode") is { } transport)
        {
            helpers.RequireShippingType(transport, set.HeaderTable);
            doc.TransportationCode = transport;
        }

        foreach (var (name, value) in extras)
        {
            doc.Extras[name] = value;
        }

        var lines = body.Array("DocumentLines", "DocumentLine");
        if (lines.Count > 0)
        {
            if (set.Name != DocumentSets.Orders)
            {
                throw SapErrors.Validation($"Rows of an added {set.Name} document cannot be changed [{set.LineTable}]");
            }

            if (!doc.Open)
            {
                throw SapErrors.Validation("Cannot update rows of a closed document");
            }

            var priceList = company.FindBusinessPartner(doc.CardCode)?.PriceListNum ?? CompanyCatalog.PriceListRetail;
            foreach (var linePayload in lines)
            {
                if (linePayload.Int("LineNum") is { } lineNum)
                {
                    UpdateOrderLine(set, doc, lineNum, linePayload, priceList, uow);
                }
                else
                {
                    AppendOrderLine(set, doc, linePayload, priceList, uow);
                }
            }
        }

        if (body.Has("DocumentAdditionalExpenses"))
        {
            doc.ExpenseList = BuildExpenses(set, body);
        }

        RecomputeTotals(doc);
        RecomputeStatus(doc);
        doc.UpdateStamp = uow.Now;
        return doc;
    }

    private void AppendOrderLine(DocumentSetInfo set, MarketingDocument doc, Payload payload, int priceList, UnitOfWork uow)
    {
        if (payload.Has("BaseEntry"))
        {
            throw SapErrors.Validation($"Rows copied from a base document cannot be appended by PATCH [{set.LineTable}.BaseEntry]");
        }

        var index = doc.LineList.Count == 0 ? 0 : doc.LineList.Max(l => l.LineNum) + 1;
        var plan = BuildLine(set, doc, payload, index, priceList, new Dictionary<DocumentLine, decimal>(ReferenceEqualityComparer.Instance));
        doc.LineList.Add(plan.Line);
        ApplyLine(set, plan, uow);
    }

    private void UpdateOrderLine(DocumentSetInfo set, MarketingDocument doc, int lineNum, Payload payload, int priceList, UnitOfWork uow)
    {
        var line = doc.LineList.Find(l => l.LineNum == lineNum)
            ?? throw SapErrors.BadReference($"{set.LineTable}.LineNum", PostingHelpers.Line(lineNum + 1));
        var lineNo = doc.LineList.IndexOf(line) + 1;
        foreach (var (name, value) in payload.CollectExtras(ModelledProperties.DocumentLine))
        {
            line.Extras[name] = value;
        }

        if (!line.Open && (payload.Has("Quantity") || payload.Has("WarehouseCode") || payload.Has("ItemCode")))
        {
            throw SapErrors.Validation($"Cannot update a closed row [{set.LineTable}]{PostingHelpers.Line(lineNo)}");
        }

        var copied = line.Quantity - line.RemainingOpenQuantity;
        var item = company.FindItem(line.ItemCode)!;
        if (payload.String("ItemCode") is { } newCode && !string.Equals(newCode, line.ItemCode, StringComparison.Ordinal))
        {
            if (copied > 0)
            {
                throw SapErrors.Validation($"Cannot change the item of a row copied to a target document [{set.LineTable}.ItemCode]{PostingHelpers.Line(lineNo)}");
            }

            var newItem = helpers.RequireItem(newCode, set.LineTable, lineNo);
            stock.Commit(item, CompanyData.WarehouseIndex(line.WarehouseCode), -line.RemainingOpenQuantity, uow);
            stock.Commit(newItem, CompanyData.WarehouseIndex(line.WarehouseCode), line.RemainingOpenQuantity, uow);
            item = newItem;
            line.ItemCode = newItem.ItemCode;
            line.ItemDescription = payload.String("ItemDescription") ?? newItem.ItemName;
        }
        else if (payload.String("ItemDescription") is { } description)
        {
            line.ItemDescription = description;
        }

        if (payload.String("AccountCode") is { } account)
        {
            helpers.RequireAccount(account, set.LineTable + ".AcctCode", lineNo);
            line.AccountCode = account;
        }

        if (payload.String("WarehouseCode") is { } warehouseCode && !string.Equals(warehouseCode, line.WarehouseCode, StringComparison.Ordinal))
        {
            var to = helpers.RequireWarehouse(warehouseCode, set.LineTable + ".WhsCode", lineNo);
            stock.Commit(item, CompanyData.WarehouseIndex(line.WarehouseCode), -line.RemainingOpenQuantity, uow);
            stock.Commit(item, to, line.RemainingOpenQuantity, uow);
            line.WarehouseCode = CompanyCatalog.WarehouseCodes[to];
        }

        if (payload.Decimal("Quantity") is { } quantity && quantity != line.Quantity)
        {
            PostingHelpers.RequirePositive(quantity, set.LineTable, lineNo);
            if (quantity < copied)
            {
                throw SapErrors.Rule($"Quantity cannot be less than the quantity already copied to target documents [{set.LineTable}.Quantity]{PostingHelpers.Line(lineNo)}");
            }

            var delta = quantity - line.Quantity;
            stock.Commit(item, CompanyData.WarehouseIndex(line.WarehouseCode), delta, uow);
            line.Quantity = quantity;
            line.RemainingOpenQuantity += delta;
            line.Open = line.RemainingOpenQuantity > 0;
        }

        if (payload.String("VatGroup") is { } vat)
        {
            line.TaxPercentagePerRow = helpers.RequireVatGroup(vat, set.LineTable + ".VatGroup", lineNo).Rate;
            line.VatGroup = vat;
        }

        var priceChanged = payload.Has("UnitPrice") || payload.Has("Price") || payload.Has("PriceAfterVAT") || payload.Has("DiscountPercent") ||
                           payload.Has("LineTotal") || payload.Has("TaxTotal");
        var input = priceChanged
            ? new PriceInput(payload.Decimal("UnitPrice"), payload.Decimal("Price"), payload.Decimal("PriceAfterVAT"),
                payload.Decimal("DiscountPercent") ?? line.DiscountPercent, payload.Decimal("LineTotal"), payload.Decimal("TaxTotal"))
            : line.PricedGross
                ? new PriceInput(PriceAfterVat: line.PriceAfterVat, DiscountPercent: line.DiscountPercent)
                : new PriceInput(UnitPrice: line.UnitPrice, DiscountPercent: line.DiscountPercent);
        if (input is { UnitPrice: null, Price: null, PriceAfterVat: null, LineTotal: null })
        {
            input = line.PricedGross
                ? input with { PriceAfterVat = line.PriceAfterVat }
                : input with { UnitPrice = line.UnitPrice };
        }

        LinePricing.Price(line.Quantity, input, item.PriceFor(priceList), line.TaxPercentagePerRow).ApplyTo(line);
        line.PricedGross = input.PriceAfterVat is not null;
    }

    private static string Fmt(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

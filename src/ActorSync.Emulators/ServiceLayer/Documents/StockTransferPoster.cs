using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// <c>StockTransfers</c>: each line moves quantity from <c>FromWarehouseCode</c> (default: header
/// <c>FromWarehouse</c>) to <c>WarehouseCode</c> (default: header <c>ToWarehouse</c>); batches keep their number
/// and expiry, serials move with the goods.
/// </summary>
internal sealed class StockTransferPoster(CompanyData company, StockMovements stock, PostingHelpers helpers)
{
    public StockTransferDocument Create(DocumentSetInfo set, Payload body, UnitOfWork uow)
    {
        var store = company.Store(set.Name);
        var extras = body.CollectExtras(ModelledProperties.StockTransferHeader);
        var docDate = body.Date("DocDate") ?? uow.Today;
        var doc = new StockTransferDocument
        {
            EntitySet = set.Name,
            DocEntry = store.NextDocEntry,
            DocDate = docDate,
            DueDate = body.Date("DueDate") ?? docDate,
            TaxDate = body.Date("TaxDate") ?? docDate,
            CreationDate = uow.Today,
            UpdateStamp = uow.Now,
            Comments = body.String("Comments"),
            Series = body.Int("Series") ?? 1,
            Extras = extras,
        };
        doc.DocNum = doc.DocEntry;

        if (body.String("CardCode") is { } cardCode)
        {
            doc.CardCode = (company.FindBusinessPartner(cardCode)
                ?? throw SapErrors.BadReference($"Invalid BP code [{set.HeaderTable}.CardCode] , '{cardCode}'")).CardCode;
        }

        if (body.String("FromWarehouse") is { } headerFrom)
        {
            doc.FromWarehouse = CompanyCatalog.WarehouseCodes[helpers.RequireWarehouse(headerFrom, set.HeaderTable + ".Filler", 0)];
        }

        if (body.String("ToWarehouse") is { } headerTo)
        {
            doc.ToWarehouse = CompanyCatalog.WarehouseCodes[helpers.RequireWarehouse(headerTo, set.HeaderTable + ".ToWhsCode", 0)];
        }

        var payloads = body.Array("StockTransferLines", "StockTransferLine");
        if (payloads.Count == 0)
        {
            throw SapErrors.Validation("Cannot add a document without rows [StockTransferLines]");
        }

        var plans = new List<(StockTransferLine Line, ItemRecord Item, int From, int To, int LineNo)>();
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            var lineNo = i + 1;
            var lineExtras = payload.CollectExtras(ModelledProperties.StockTransferLine);
            if (payload.Has("BaseEntry") || payload.Has("BaseType"))
            {
                throw SapErrors.Validation($"The emulator does not model inventory transfer requests [{set.LineTable}.BaseEntry]");
            }

            var item = helpers.RequireItem(payload.String("ItemCode"), set.LineTable, lineNo);
            var from = helpers.RequireWarehouse(payload.String("FromWarehouseCode") ?? doc.FromWarehouse, set.LineTable + ".FromWhsCod", lineNo);
            var to = helpers.RequireWarehouse(payload.String("WarehouseCode") ?? doc.ToWarehouse, set.LineTable + ".WhsCode", lineNo);
            if (from == to)
            {
                throw SapErrors.Rule($"Source and target warehouse must differ [{set.LineTable}.WhsCode]{PostingHelpers.Line(lineNo)}");
            }

            var quantity = payload.Decimal("Quantity") ?? 0m;
            PostingHelpers.RequirePositive(quantity, set.LineTable, lineNo);
            var (batches, serials) = helpers.ReadAllocations(payload, item, quantity, required: true, set.LineTable, lineNo);
            plans.Add((new StockTransferLine
            {
                LineNum = i,
                ItemCode = item.ItemCode,
                ItemDescription = payload.String("ItemDescription") ?? item.ItemName,
                Quantity = quantity,
                Price = payload.Decimal("Price") ?? 0m,
                FromWarehouseCode = CompanyCatalog.WarehouseCodes[from],
                WarehouseCode = CompanyCatalog.WarehouseCodes[to],
                BatchList = batches,
                SerialList = serials,
                Extras = lineExtras,
            }, item, from, to, lineNo));
        }

        foreach (var (line, item, from, to, lineNo) in plans)
        {
            // The batch keeps its expiry and admission date in the target warehouse.
            var lots = company.Stock.ReadLots(item);
            var received = line.BatchList.Select(b =>
            {
                var lot = lots.Batches.Find(l => string.Equals(l.BatchNumber, b.BatchNumber, StringComparison.Ordinal));
                return b with { ExpiryDate = lot?.ExpiryDate, AdmissionDate = lot?.AdmissionDate };
            }).ToList();
            stock.Issue(item, from, line.Quantity, line.BatchList, line.SerialList, set.LineTable, lineNo, uow);
            stock.Receive(item, to, line.Quantity, received, line.SerialList, set.LineTable, lineNo, uow);
        }

        doc.LineList = plans.Select(p => p.Line).ToList();
        var duplicate = store.Add(doc, null, uow);
        uow.Created.Add((doc, duplicate));
        return doc;
    }
}

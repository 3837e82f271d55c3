using ActorSync.Emulators.ServiceLayer.Company;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Stock per item × warehouse moves as each document type says — without HTTP.</summary>
public class StockBookkeepingSpecs
{
    private readonly RuleHarness _h = new();

    [Fact]
    public void Order_commits_stock_without_moving_it()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        _h.Post(DocumentSets.Orders, Doc("C00001", Line(item, 3)));
        Assert.Equal(before with { Committed = before.Committed + 3 }, _h.Stock(item));
    }

    [Fact]
    public void Delivery_of_an_order_issues_stock_and_releases_the_commitment()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 5)));
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 2)));

        Assert.Equal(before with { InStock = before.InStock - 2, Committed = before.Committed + 3 }, _h.Stock(item));
        var reread = _h.Company.Orders.Single();
        Assert.Equal(3m, reread.Lines[0].RemainingOpenQuantity);
        Assert.Equal("bost_Open", reread.Lines[0].LineStatus);
        Assert.Equal("bost_Open", reread.DocumentStatus);

        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0)));
        reread = _h.Company.Orders.Single();
        Assert.Equal((0m, "bost_Close", "bost_Close"), (reread.Lines[0].RemainingOpenQuantity, reread.Lines[0].LineStatus, reread.DocumentStatus));
        Assert.Equal(before with { InStock = before.InStock - 5 }, _h.Stock(item));
    }

    [Fact]
    public void Copied_line_may_omit_the_item_and_takes_it_from_the_base_line()
    {
        var item = _h.Plain(1).ItemCode;
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 1, "\"WarehouseCode\":\"02\"")));
        var delivery = _h.PostDocument(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0)));
        Assert.Equal((item, "02", 1m), (delivery.Lines[0].ItemCode, delivery.Lines[0].WarehouseCode, delivery.Lines[0].Quantity));
    }

    [Fact]
    public void Invoice_of_a_delivery_moves_no_stock_and_closes_the_delivery()
    {
        var item = _h.Plain().ItemCode;
        var delivery = _h.PostDocument(DocumentSets.DeliveryNotes, Doc("C00001", Line(item, 2)));
        var afterDelivery = _h.Stock(item);
        _h.Post(DocumentSets.Invoices, Doc("C00001", Based(15, delivery.DocEntry, 0)));
        Assert.Equal(afterDelivery, _h.Stock(item));
        Assert.Equal("bost_Close", _h.Company.DeliveryNotes.Single().DocumentStatus);
    }

    [Fact]
    public void Invoice_without_base_is_a_pos_sale_and_issues_stock()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item, "02");
        _h.Post(DocumentSets.Invoices, Doc("POSGUEST", Line(item, 4, "\"WarehouseCode\":\"02\"")));
        Assert.Equal(before.InStock - 4, _h.Stock(item, "02").InStock);
    }

    [Fact]
    public void Invoice_of_an_order_issues_stock_and_releases_the_commitment()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 2)));
        _h.Post(DocumentSets.Invoices, Doc("C00001", Based(17, order.DocEntry, 0)));
        Assert.Equal(before with { InStock = before.InStock - 2 }, _h.Stock(item));
    }

    [Fact]
    public void Credit_note_returns_stock_to_the_line_warehouse_unless_it_says_no_movement()
    {
        var item = _h.Plain().ItemCode;
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(item, 3)));
        var afterSale = _h.Stock(item);
        var damaged = _h.Stock(item, "DMG");

        _h.Post(DocumentSets.CreditNotes, Doc("C00001", Based(13, invoice.DocEntry, 0, 1)));
        Assert.Equal(afterSale.InStock + 1, _h.Stock(item).InStock);

        _h.Post(DocumentSets.CreditNotes, Doc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0,"Quantity":1,"WarehouseCode":"DMG"}"""));
        Assert.Equal(damaged.InStock + 1, _h.Stock(item, "DMG").InStock);

        _h.Post(DocumentSets.CreditNotes, Doc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0,"Quantity":1,"WithoutInventoryMovement":"tYES"}"""));
        Assert.Equal(afterSale.InStock + 1, _h.Stock(item).InStock);
        Assert.Equal("bost_Close", _h.Company.Invoices.Single().DocumentStatus);
    }

    [Fact]
    public void Goods_receipt_adds_and_goods_issue_removes()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item, "03").InStock;
        _h.Post(DocumentSets.InventoryGenEntries, $$"""{"DocumentLines":[{{Line(item, 10, "\"WarehouseCode\":\"03\"")}}]}""");
        _h.Post(DocumentSets.InventoryGenExits, $$"""{"DocumentLines":[{{Line(item, 4, "\"WarehouseCode\":\"03\"")}}]}""");
        Assert.Equal(before + 6, _h.Stock(item, "03").InStock);
        Assert.Equal("bost_Close", _h.Company.InventoryGenEntries.Single().DocumentStatus);
        _h.Patch(DocumentSets.InventoryGenEntries, 1, """{"Comments":"counted"}""");
        Assert.Equal(("bost_Close", "counted"), (_h.Company.InventoryGenEntries.Single().DocumentStatus, _h.Company.InventoryGenEntries.Single().Comments));
    }

    [Fact]
    public void Stock_transfer_moves_stock_and_batches_between_warehouses()
    {
        var plain = _h.Plain().ItemCode;
        var batch = _h.Batch().ItemCode;
        var lot = _h.Company.GetBatches(batch, "01")[0];
        var (from, to) = (_h.Stock(plain, "01").InStock, _h.Stock(plain, "QC").InStock);
        _h.Post(DocumentSets.StockTransfers, $$"""
            {"FromWarehouse":"01","ToWarehouse":"QC","StockTransferLines":[
              {"ItemCode":"{{plain}}","Quantity":2},
              {"ItemCode":"{{batch}}","Quantity":1,"BatchNumbers":[{"BatchNumber":"{{lot.BatchNumber}}","Quantity":1}]}]}
            """);
        Assert.Equal((from - 2, to + 2), (_h.Stock(plain, "01").InStock, _h.Stock(plain, "QC").InStock));
        var moved = _h.Company.GetBatches(batch, "QC").Single(b => b.BatchNumber == lot.BatchNumber);
        Assert.Equal((1m, lot.ExpiryDate), (moved.Quantity, moved.ExpiryDate));
        Assert.Equal(lot.Quantity - 1, _h.Company.GetBatches(batch, "01").SingleOrDefault(b => b.BatchNumber == lot.BatchNumber)?.Quantity ?? 0);
    }

    [Fact]
    public void Batches_and_serials_move_with_deliveries_receipts_and_returns()
    {
        var batch = _h.Batch().ItemCode;
        var lot = _h.Company.GetBatches(batch, "01")[0];
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Line(batch, 1, $$"""
            "BatchNumbers":[{"BatchNumber":"{{lot.BatchNumber}}","Quantity":1}]
            """)));
        Assert.Equal(lot.Quantity - 1, _h.Company.GetBatches(batch, "01").SingleOrDefault(b => b.BatchNumber == lot.BatchNumber)?.Quantity ?? 0);

        _h.Post(DocumentSets.InventoryGenEntries, $$"""{"DocumentLines":[{{Line(batch, 7, """
            "BatchNumbers":[{"BatchNumber":"NEW-LOT","Quantity":7,"ExpiryDate":"2027-05-01"}]
            """)}}]}""");
        var created = _h.Company.GetBatches(batch, "01").Single(b => b.BatchNumber == "NEW-LOT");
        Assert.Equal((7m, new DateOnly(2027, 5, 1)), (created.Quantity, created.ExpiryDate));

        var serial = _h.Serial().ItemCode;
        var number = _h.Company.GetSerials(serial, "01")[0];
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(serial, 1, $$"""
            "SerialNumbers":[{"InternalSerialNumber":"{{number}}"}]
            """)));
        Assert.DoesNotContain(number, _h.Company.GetSerials(serial, "01"));
        _h.Post(DocumentSets.CreditNotes, Doc("C00001", $$"""
            {"BaseType":13,"BaseEntry":{{invoice.DocEntry}},"BaseLine":0,"SerialNumbers":[{"InternalSerialNumber":"{{number}}"}]}
            """));
        Assert.Contains(number, _h.Company.GetSerials(serial, "01"));
    }

    [Fact]
    public void Closing_an_order_releases_its_open_commitment()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 6)));
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 2)));
        _h.Action(DocumentSets.Orders, order.DocEntry, "Close");
        Assert.Equal(before with { InStock = before.InStock - 2 }, _h.Stock(item));
        Assert.Equal("bost_Close", _h.Company.Orders.Single().DocumentStatus);
    }

    [Fact]
    public void Cancelling_an_order_releases_its_commitment_and_marks_it_cancelled()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 6)));
        _h.Action(DocumentSets.Orders, order.DocEntry, "Cancel");
        Assert.Equal(before, _h.Stock(item));
        var reread = _h.Company.Orders.Single();
        Assert.True(reread.Cancelled);
        Assert.Equal("bost_Close", reread.DocumentStatus);
    }

    [Fact]
    public void Patch_changes_quantities_commitments_and_appends_lines()
    {
        var (a, b) = (_h.Plain(0).ItemCode, _h.Plain(1).ItemCode);
        var (beforeA, beforeB) = (_h.Stock(a), _h.Stock(b));
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(a, 2, "\"UnitPrice\":10")));
        _h.Patch(DocumentSets.Orders, order.DocEntry, $$"""
            {"Comments":"changed","DocumentLines":[{"LineNum":0,"Quantity":5},{{Line(b, 1, "\"UnitPrice\":3")}}]}
            """);
        var reread = _h.Company.Orders.Single();
        Assert.Equal("changed", reread.Comments);
        Assert.Equal([(0, a, 5m), (1, b, 1m)], reread.Lines.Select(l => (l.LineNum, l.ItemCode, l.Quantity)));
        Assert.Equal(beforeA.Committed + 5, _h.Stock(a).Committed);
        Assert.Equal(beforeB.Committed + 1, _h.Stock(b).Committed);
        Assert.Equal(50m + 3m, reread.Lines.Sum(l => l.LineTotal));
    }

    [Fact]
    public void A_failing_document_leaves_no_trace()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Stock(item);
        _h.Reject(DocumentSets.Orders, Doc("C00001", Line(item, 3), Line("NOPE", 1)));
        Assert.Equal(before, _h.Stock(item));
        Assert.Empty(_h.Company.Orders);
        Assert.Equal(1, _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 1))).DocEntry);
    }

    [Fact]
    public void DocEntry_and_DocNum_increase_per_set()
    {
        var item = _h.Plain().ItemCode;
        var o1 = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 1)));
        var i1 = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(item, 1)));
        var o2 = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 1)));
        Assert.Equal([(1, 1), (1, 1), (2, 2)], new[] { o1, i1, o2 }.Select(d => (d.DocEntry, d.DocNum)));
        Assert.Equal(new DateOnly(2026, 3, 14), o1.DocDate); // defaults to today (the unit's clock)
    }

    [Fact]
    public void Duplicate_NumAtCard_is_accepted_and_flagged()
    {
        var item = _h.Plain().ItemCode;
        var results = _h.Run(uow =>
        {
            foreach (var numAtCard in new[] { "W-1", "W-1", "", "", "W-2" })
            {
                using var json = System.Text.Json.JsonDocument.Parse($$"""{"CardCode":"C00001","NumAtCard":"{{numAtCard}}","DocumentLines":[{{Line(item, 1)}}]}""");
                _h.Rules.CreateDocument(DocumentSets.Orders, json.RootElement, uow);
            }

            return uow.Created.Select(c => c.DuplicateNumAtCard).ToList();
        });
        Assert.Equal([false, true, false, false, false], results);
        Assert.Equal(5, _h.Company.Orders.Count);
    }

    [Fact]
    public void Copying_moves_the_base_documents_update_stamp()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 2)));
        var stamp = _h.Company.Orders.Single().UpdateStamp;
        var later = _h.Company.Write(() =>
        {
            var uow = new UnitOfWork(stamp.AddMinutes(5));
            using var json = System.Text.Json.JsonDocument.Parse(Doc("C00001", Based(17, order.DocEntry, 0, 1)));
            _h.Rules.CreateDocument(DocumentSets.DeliveryNotes, json.RootElement, uow);
            return uow.Now;
        });
        Assert.Equal(later, _h.Company.Orders.Single().UpdateStamp);
    }

    [Fact]
    public void Stock_movement_leaves_the_items_update_stamp_as_SAP_does_but_writes_the_stock_audit()
    {
        var item = _h.Plain().ItemCode;
        var before = _h.Company.FindItem(item)!.UpdateStamp;
        var auditBefore = _h.Company.Stock.Audit.Count;
        _h.Post(DocumentSets.Orders, Doc("C00001", Line(item, 1)));
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Line(item, 2)));
        Assert.Equal(before, _h.Company.FindItem(item)!.UpdateStamp);
        // The order only commits (no audit row); the delivery issues 2 from the warehouse.
        var row = Assert.Single(_h.Company.Stock.Audit.Skip(auditBefore));
        Assert.Equal((item, 0m, 2m, auditBefore + 1L), (row.Item.ItemCode, row.InQty, row.OutQty, row.TransNum));
    }

    [Fact]
    public void Stock_moved_straight_in_the_company_writes_an_audit_row_per_move_leaves_the_stamp_and_never_goes_below_zero()
    {
        var item = _h.Plain().ItemCode;
        var stamp = _h.Company.FindItem(item)!.UpdateStamp;
        var (main, store) = (_h.Company.GetStock(item, "01").InStock, _h.Company.GetStock(item, "02").InStock);
        var auditBefore = _h.Company.Stock.Audit.Count;

        var applied = _h.Company.MoveStock([(item, "01", 7.25m), (item, "02", -(store + 4.5m))]);

        Assert.Equal([7.25m, -store], applied);
        Assert.Equal((main + 7.25m, 0m), (_h.Company.GetStock(item, "01").InStock, _h.Company.GetStock(item, "02").InStock));
        Assert.Equal(stamp, _h.Company.FindItem(item)!.UpdateStamp);
        var rows = _h.Company.Stock.Audit.Skip(auditBefore).ToList();
        Assert.Equal([(auditBefore + 1L, 0, 7.25m, 0m), (auditBefore + 2L, 1, 0m, store)], rows.Select(r => (r.TransNum, r.Warehouse, r.InQty, r.OutQty)));
    }

    [Fact]
    public void Stock_movement_moves_the_items_update_stamp_when_the_company_is_set_so()
    {
        _h.Company.StockMovesItemStamp = true;
        var item = _h.Plain().ItemCode;
        var before = _h.Company.FindItem(item)!.UpdateStamp;
        _h.Post(DocumentSets.Orders, Doc("C00001", Line(item, 1)));
        Assert.True(_h.Company.FindItem(item)!.UpdateStamp > before);
    }

    [Fact]
    public void Payment_closes_the_invoice_it_pays_in_full_and_cancelling_reopens_it()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(_h.Plain().ItemCode, 2, "\"PriceAfterVAT\":9.99")));
        Assert.Equal(19.98m, invoice.DocTotal);
        var partial = _h.Post(DocumentSets.IncomingPayments, $$"""
            {"CardCode":"C00001","TransferSum":10,"TransferAccount":"161020","PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":10}]}
            """);
        Assert.Equal("bost_Open", _h.Company.Invoices.Single().DocumentStatus);
        Assert.Equal(partial.DocEntry, partial.DocNum);
        var rest = _h.Post(DocumentSets.IncomingPayments, $$"""
            {"CardCode":"C00001","PaymentCreditCards":[{"CreditCard":1,"CreditAcct":"161010","CreditSum":9.98}],"PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":9.98,"InvoiceType":"it_Invoice"}]}
            """);
        Assert.Equal(("bost_Close", 19.98m), (_h.Company.Invoices.Single().DocumentStatus, _h.Company.Invoices.Single().PaidToDate));
        _h.Action(DocumentSets.IncomingPayments, rest.DocEntry, "Cancel");
        Assert.Equal("bost_Open", _h.Company.Invoices.Single().DocumentStatus);
    }
}

using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Documents;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Every posting rule rejects with SAP's code (reference §4) — without HTTP.</summary>
public class PostingRuleSpecs
{
    private readonly RuleHarness _h = new();

    [Fact]
    public void Unknown_item_is_a_bad_reference()
    {
        var error = _h.Reject(DocumentSets.Orders, Doc("C00001", Line("NOPE", 1)));
        Assert.Equal((400, -2028), (error.HttpStatus, error.Code));
        Assert.Contains("'NOPE'", error.SapMessage);
    }

    [Fact]
    public void Inactive_item_is_rejected_with_10001069()
    {
        var inactive = _h.Company.FirstItems(ItemKind.Inactive, 1)[0].ItemCode;
        var error = _h.Reject(DocumentSets.Orders, Doc("C00001", Line(inactive, 1)));
        Assert.Equal(-10, error.Code);
        Assert.Equal($"10001069 - Item {inactive} is inactive", error.SapMessage);
    }

    [Fact]
    public void Frozen_item_is_rejected_like_an_inactive_one()
    {
        var frozen = _h.Company.FirstItems(ItemKind.Frozen, 1)[0].ItemCode;
        var error = _h.Reject(DocumentSets.Invoices, Doc("POSGUEST", Line(frozen, 1)));
        Assert.Equal(-10, error.Code);
        Assert.Contains("is inactive", error.SapMessage);
    }

    [Fact]
    public void Unknown_warehouse_is_a_bad_reference()
    {
        var error = _h.Reject(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"WarehouseCode\":\"99\"")));
        Assert.Equal(-2028, error.Code);
        Assert.Contains("WhsCode", error.SapMessage);
    }

    [Fact]
    public void Unknown_business_partner_is_invalid_bp_code()
    {
        var error = _h.Reject(DocumentSets.Orders, Doc("C99999", Line(_h.Plain().ItemCode, 1)));
        Assert.Equal(-2028, error.Code);
        Assert.Equal("Invalid BP code [ORDR.CardCode] , 'C99999'", error.SapMessage);
    }

    [Fact]
    public void Inactive_business_partner_is_rejected_with_10001071()
    {
        var error = _h.Reject(DocumentSets.Orders, Doc(CompanyCatalog.InactiveCustomer, Line(_h.Plain().ItemCode, 1)));
        Assert.Equal(-10, error.Code);
        Assert.Equal($"10001071 - Customer {CompanyCatalog.InactiveCustomer} is inactive", error.SapMessage);
    }

    [Fact]
    public void A_supplier_cannot_receive_a_sales_document()
    {
        Assert.Equal(-2028, _h.Reject(DocumentSets.Invoices, Doc(CompanyCatalog.Supplier, Line(_h.Plain().ItemCode, 1))).Code);
    }

    [Fact]
    public void Unknown_vat_group_is_rejected_with_10000180()
    {
        var error = _h.Reject(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"VatGroup\":\"X9\"")));
        Assert.Equal(-10, error.Code);
        Assert.StartsWith("10000180 - ", error.SapMessage);
    }

    [Fact]
    public void Unknown_shipping_type_is_a_bad_reference()
    {
        var error = _h.Reject(DocumentSets.Orders,
            $$"""{"CardCode":"C00001","TransportationCode":42,"DocumentLines":[{{Line(_h.Plain().ItemCode, 1)}}]}""");
        Assert.Equal(-2028, error.Code);
        Assert.Equal("[ORDR.TrnspCode] , 'No matching records found (ODBC -2028)'", error.SapMessage);
    }

    [Fact]
    public void Unknown_property_is_invalid_but_known_unmodelled_ones_are_kept()
    {
        var error = _h.Reject(DocumentSets.Orders, $$"""{"CardCode":"C00001","Nonsense":1,"DocumentLines":[{{Line(_h.Plain().ItemCode, 1)}}]}""");
        Assert.Equal((-1000, "Property 'Nonsense' of 'Document' is invalid"), (error.Code, error.SapMessage));

        var order = _h.PostDocument(DocumentSets.Orders,
            $$"""{"CardCode":"C00001","Reference1":"Home","U_ChannelOrder":"W-1","DocumentLines":[{{Line(_h.Plain().ItemCode, 1, "\"FreeText\":\"gift\"")}}]}""");
        Assert.Equal("Home", order.GetExtra("Reference1")!.Value.GetString());
        Assert.Equal("W-1", order.GetExtra("U_ChannelOrder")!.Value.GetString());
    }

    [Fact]
    public void Unknown_gl_account_on_a_payment_is_rejected()
    {
        var error = _h.Reject(DocumentSets.IncomingPayments, """{"CardCode":"C00001","TransferSum":10,"TransferAccount":"999999"}""");
        Assert.Equal(-10, error.Code);
        Assert.Equal("G/L account is not valid [ORCT.TrsfrAcct] , '999999'", error.SapMessage);
        Assert.Equal(-10, _h.Reject(DocumentSets.IncomingPayments,
            """{"CardCode":"C00001","PaymentCreditCards":[{"CreditCard":1,"CreditAcct":"123","CreditSum":5}]}""").Code);
    }

    [Fact]
    public void Batch_item_line_without_batches_rejects_the_whole_document_with_4014()
    {
        var plain = _h.Plain().ItemCode;
        var batch = _h.Batch().ItemCode;
        var before = _h.Stock(plain);
        var error = _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Line(plain, 1), Line(batch, 1)));
        Assert.Equal((-4014, "Cannot add row without complete selection of batch/serial numbers"), (error.Code, error.SapMessage));
        Assert.Equal(before, _h.Stock(plain)); // line 1 rolled back with the document
    }

    [Fact]
    public void Serial_item_needs_one_serial_per_unit()
    {
        var serial = _h.Serial().ItemCode;
        var number = _h.Company.GetSerials(serial, "01")[0];
        Assert.Equal(-4014, _h.Reject(DocumentSets.InventoryGenExits, $$"""{"DocumentLines":[{{Line(serial, 2, $$"""
            "SerialNumbers":[{"InternalSerialNumber":"{{number}}"}]
            """)}}]}""").Code);
    }

    [Fact]
    public void Batch_quantities_must_add_up_to_the_line()
    {
        var batch = _h.Batch().ItemCode;
        var lot = _h.Company.GetBatches(batch, "01")[0];
        Assert.Equal(-4014, _h.Reject(DocumentSets.InventoryGenExits, $$"""{"DocumentLines":[{{Line(batch, 2, $$"""
            "BatchNumbers":[{"BatchNumber":"{{lot.BatchNumber}}","Quantity":1}]
            """)}}]}""").Code);
    }

    [Fact]
    public void Orders_do_not_need_batches()
    {
        var batch = _h.Batch().ItemCode;
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(batch, 1)));
        Assert.Empty(order.Lines[0].BatchNumbers);
    }

    [Fact]
    public void Issuing_more_than_a_batch_holds_is_rejected()
    {
        var batch = _h.Batch().ItemCode;
        var lot = _h.Company.GetBatches(batch, "01")[0];
        var error = _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Line(batch, lot.Quantity + 1, $$"""
            "BatchNumbers":[{"BatchNumber":"{{lot.BatchNumber}}","Quantity":{{lot.Quantity + 1}}}]
            """)));
        Assert.Equal(-10, error.Code);
        Assert.Contains(lot.BatchNumber, error.SapMessage);
    }

    [Fact]
    public void A_batch_from_another_warehouse_cannot_be_issued()
    {
        var batch = _h.Batch().ItemCode;
        var lot = _h.Company.GetBatches(batch, "02")[0];
        Assert.Equal(-10, _h.Reject(DocumentSets.InventoryGenExits, $$"""{"DocumentLines":[{{Line(batch, 1, $$"""
            "WarehouseCode":"01","BatchNumbers":[{"BatchNumber":"{{lot.BatchNumber}}","Quantity":1}]
            """)}}]}""").Code);
    }

    [Fact]
    public void Issuing_below_zero_falls_into_negative_inventory()
    {
        var item = _h.Plain().ItemCode;
        var stock = _h.Stock(item).InStock;
        var error = _h.Reject(DocumentSets.Invoices, Doc("POSGUEST", Line(item, stock + 1)));
        Assert.Equal((-10, "Quantity falls into negative inventory [INV1.ItemCode][line:1]"), (error.Code, error.SapMessage));
    }

    [Fact]
    public void Negative_inventory_is_allowed_when_the_company_does_not_block_it()
    {
        var h = new RuleHarness(options: new PostingOptions { BlockNegativeInventory = false });
        var item = h.Plain().ItemCode;
        var stock = h.Stock(item).InStock;
        h.Post(DocumentSets.Invoices, Doc("POSGUEST", Line(item, stock + 3)));
        Assert.Equal(-3m, h.Stock(item).InStock);
    }

    [Fact]
    public void Base_document_must_exist()
    {
        Assert.Equal(-2028, _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, 999, 0))).Code);
    }

    [Fact]
    public void Base_and_target_card_must_match()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 2)));
        var error = _h.Reject(DocumentSets.DeliveryNotes, Doc("C00002", Based(17, order.DocEntry, 0)));
        Assert.Equal((-10, "Base document card and target document card do not match."), (error.Code, error.SapMessage));
    }

    [Fact]
    public void A_closed_base_document_cannot_be_copied()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 2)));
        _h.Action(DocumentSets.Orders, order.DocEntry, "Close");
        Assert.Equal(-10, _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0))).Code);
    }

    [Fact]
    public void No_delivering_more_than_remains_open_on_the_order()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 5)));
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 3)));
        Assert.Equal(-10, _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 3))).Code);
        // Two lines on the same base row count together.
        Assert.Equal(-10, _h.Reject(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 1), Based(17, order.DocEntry, 0, 2))).Code);
    }

    [Fact]
    public void No_invoicing_more_than_delivered_and_no_crediting_more_than_invoiced()
    {
        var item = _h.Plain().ItemCode;
        var delivery = _h.PostDocument(DocumentSets.DeliveryNotes, Doc("C00001", Line(item, 2)));
        Assert.Equal(-10, _h.Reject(DocumentSets.Invoices, Doc("C00001", Based(15, delivery.DocEntry, 0, 3))).Code);
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Based(15, delivery.DocEntry, 0, 2)));
        _h.Post(DocumentSets.CreditNotes, Doc("C00001", Based(13, invoice.DocEntry, 0, 1)));
        Assert.Equal(-10, _h.Reject(DocumentSets.CreditNotes, Doc("C00001", Based(13, invoice.DocEntry, 0, 2))).Code);
    }

    [Fact]
    public void Base_type_must_fit_the_target_set()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 2)));
        Assert.Equal(-5002, _h.Reject(DocumentSets.CreditNotes, Doc("C00001", Based(17, order.DocEntry, 0))).Code);
    }

    [Fact]
    public void Quantity_must_be_positive_and_an_item_must_be_named()
    {
        Assert.Equal(-10, _h.Reject(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 0))).Code);
        var error = _h.Reject(DocumentSets.Orders, Doc("C00001", """{"Quantity":1}"""));
        Assert.Equal("Item number is missing; specify an item number [DocumentLines.ItemCode][line: 1]", error.SapMessage);
    }

    [Fact]
    public void Cancelling_an_order_with_deliveries_is_refused()
    {
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 4)));
        _h.Post(DocumentSets.DeliveryNotes, Doc("C00001", Based(17, order.DocEntry, 0, 1)));
        Assert.Equal(-5002, Assert.Throws<ActorSync.Emulators.ServiceLayer.Protocol.SapException>(() => _h.Action(DocumentSets.Orders, order.DocEntry, "Cancel")).Code);
    }

    [Fact]
    public void Payments_cannot_apply_more_than_the_invoice_owes()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"PriceAfterVAT\":12")));
        var error = _h.Reject(DocumentSets.IncomingPayments, $$"""
            {"CardCode":"C00001","TransferSum":13,"TransferAccount":"161000","PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":13}]}
            """);
        Assert.Equal(-10, error.Code);
        Assert.Equal(-10, _h.Reject(DocumentSets.IncomingPayments, $$"""
            {"CardCode":"C00001","TransferSum":5,"TransferAccount":"161000","PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":12}]}
            """).Code);
    }
}

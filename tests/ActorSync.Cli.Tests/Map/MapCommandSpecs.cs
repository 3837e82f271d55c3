using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Cli.Tests.Map;

public class MapCommandSpecs
{
    public static IEnumerable<object[]> Fixtures() => TestFiles.AllFixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_maps_to_valid_json_exiting_0_with_no_exceptions_or_3_with_some(string channel, string fixture)
    {
        var run = CliRun.Of("map", channel, TestFiles.Fixture(fixture));

        Assert.True(run.ExitCode is 0 or 3, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("", run.Stderr);
        var json = run.Json;
        Assert.Equal("map", json.GetProperty("command").GetString());
        Assert.NotEmpty(json.GetProperty("results").EnumerateArray());
        Assert.StartsWith("skipped", json.GetProperty("masterData").GetString(), StringComparison.Ordinal);
        var exceptions = json.GetProperty("summary").GetProperty("exceptions").GetInt32();
        Assert.Equal(exceptions > 0 ? 3 : 0, run.ExitCode);
    }

    [Fact]
    public void The_magento_fixture_shows_its_sales_order_and_parks_on_the_rows_the_docs_left_out()
    {
        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["totals-mismatch"], run.ExceptionTypes);
        var document = Assert.Single(run.Documents);
        Assert.Equal(("Orders", "MAGENTO-000000003"), (document.GetProperty("entitySet").GetString(), document.GetProperty("key").GetString()));
        var body = document.GetProperty("body");
        Assert.Equal(1, body.GetProperty("TransportationCode").GetInt32());
        Assert.Equal("<business partner with EmailAddress jdoe@example.com, matched at post time>", body.GetProperty("CardCode").GetString());
        Assert.Equal("O0", body.GetProperty("DocumentLines")[0].GetProperty("VatGroup").GetString());
        Assert.Equal(138m, run.Results.Single().GetProperty("totals").GetProperty("roundingDifference").GetDecimal());
        var exception = run.Results.Single().GetProperty("exceptions")[0];
        Assert.Equal("finance", exception.GetProperty("owningTeam").GetString());
        Assert.False(string.IsNullOrEmpty(exception.GetProperty("suggestedAction").GetString()));
    }

    [Fact]
    public void The_sitoo_list_becomes_an_invoice_with_its_payment_and_a_credit_note_whose_short_refund_is_flagged()
    {
        var run = CliRun.Of("map", "sitoo", TestFiles.Fixture("sitoo/orders_list.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["Invoices", "IncomingPayments", "CreditNotes", "VendorPayments"], run.EntitySets);
        Assert.Equal(["totals-mismatch"], run.ExceptionTypes);
        var payment = run.Documents.ElementAt(1);
        Assert.Equal("161010", payment.GetProperty("body").GetProperty("TransferAccount").GetString());
        Assert.Equal(15.00m, payment.GetProperty("body").GetProperty("PaymentInvoices")[0].GetProperty("SumApplied").GetDecimal());
        Assert.Equal("PaymentInvoices/0/DocEntry <- Invoices.DocEntry of document 1", payment.GetProperty("filledAtPostTime")[0].GetString());
    }

    [Fact]
    public void The_sitoo_webshop_order_is_held_for_payment_and_shows_the_sales_order_it_will_become()
    {
        var run = CliRun.Of("map", "sitoo", TestFiles.Fixture("sitoo/order.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hold", run.Results.Single().GetProperty("action").GetString());
        var lines = Assert.Single(run.Documents).GetProperty("body").GetProperty("DocumentLines").EnumerateArray().ToList();
        Assert.Equal(["O1", "O1", "O2"], lines.Select(l => l.GetProperty("VatGroup").GetString()));
        Assert.All(lines, l => Assert.Equal("02", l.GetProperty("WarehouseCode").GetString()));
    }

    [Theory]
    [InlineData("wms")]
    [InlineData("sitoo")]
    public void Sitoo_warehouse_transactions_become_a_goods_receipt_and_a_goods_issue(string channel)
    {
        var run = CliRun.Of("map", channel, TestFiles.Fixture("sitoo/warehousetransactions.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["InventoryGenExits", "InventoryGenEntries"], run.EntitySets);
        var receipt = run.Documents.Last().GetProperty("body").GetProperty("DocumentLines")[0];
        Assert.Equal(("Q100", 13m, "02", 3.45m), (receipt.GetProperty("ItemCode").GetString(), receipt.GetProperty("Quantity").GetDecimal(),
            receipt.GetProperty("WarehouseCode").GetString(), receipt.GetProperty("UnitPrice").GetDecimal()));
    }

    [Fact]
    public void An_id_only_webhook_prints_what_the_engine_would_fetch()
    {
        var run = CliRun.Of("map", "bigcommerce", TestFiles.Fixture("bigcommerce/store_order_created.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Documents);
        var requests = run.Results.Single().GetProperty("fetch").GetProperty("requests").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["GET /v2/orders/250", "GET /v2/orders/250/products", "GET /v2/orders/250/shipping_addresses"], requests);
    }

    [Fact]
    public void A_status_change_to_cancelled_prints_the_cancellation()
    {
        var node = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture("bigcommerce/store_order_statusUpdated.json")))!;
        node["data"]!["status"]!["new_status_id"] = 5;
        using var file = TestFiles.Temp(node.ToJsonString());

        var run = CliRun.Of("map", "bigcommerce", file.Path);

        Assert.Equal(0, run.ExitCode);
        var result = run.Results.Single();
        Assert.Equal("cancel", result.GetProperty("action").GetString());
        Assert.Equal("250", result.GetProperty("parsed").GetProperty("orderExternalId").GetString());
    }

    [Fact]
    public void A_header_with_products_of_another_order_is_an_input_error_naming_the_field()
    {
        var run = CliRun.Of("map", "bigcommerce", TestFiles.Fixture("bigcommerce/v2_order.json"), "--products", TestFiles.Fixture("bigcommerce/v2_order_products.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("products[0].order_id belongs to order 149, not to order 218", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void With_master_data_the_fixtures_foreign_skus_and_customer_are_named()
    {
        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("checked against", run.Json.GetProperty("masterData").GetString(), StringComparison.Ordinal);
        Assert.Contains("unknown-sku", run.ExceptionTypes);
        Assert.Contains("unknown-customer", run.ExceptionTypes);
        Assert.Contains(run.Json.GetProperty("mappingWarnings").EnumerateArray(), w => w.GetString()!.StartsWith("Mapping:VatGroups:25", StringComparison.Ordinal));
    }

    [Fact]
    public void The_usd_fixtures_sales_order_carries_doc_currency_usd_and_the_usd_till_sale_parks_for_the_local_walk_in_partner()
    {
        var bare = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"));
        var checkedRun = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", TestFiles.Config("master-data.example.json"));
        var till = CliRun.Of("map", "sitoo", TestFiles.Fixture("sitoo/orders_list.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal("USD", Assert.Single(bare.Documents).GetProperty("body").GetProperty("DocCurrency").GetString());
        Assert.Equal("USD", Assert.Single(checkedRun.Documents).GetProperty("body").GetProperty("DocCurrency").GetString());
        Assert.DoesNotContain("currency-not-accepted", bare.ExceptionTypes);
        Assert.Contains("currency-not-accepted", till.ExceptionTypes);
    }

    [Fact]
    public void With_master_data_the_swedish_rates_of_the_sitoo_samples_stop_as_tax_rate_mismatch()
    {
        var run = CliRun.Of("map", "sitoo", TestFiles.Fixture("sitoo/orders_list.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("tax-rate-mismatch", run.ExceptionTypes);
    }

    [Fact]
    public void Warehouse_dispatches_are_recognised_and_say_the_channel_gets_the_shipment()
    {
        var run = CliRun.Of("map", "wms", TestFiles.Config("examples/wms-dispatches.json"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("\"recognisedAs\": \"warehouse dispatches\"", run.Stdout);
        Assert.Contains("shipment with tracking UPS 1Z999AA10123456784 created in magento once", run.Stdout);
        Assert.Contains("\"source\": \"mintsoft\"", run.Stdout);
    }

    [Theory]
    [InlineData("sitoo", "sitoo-pos-receipts.json", new[] { "Invoices", "IncomingPayments", "IncomingPayments", "CreditNotes", "VendorPayments" })]
    [InlineData("wms", "wms-movements.json", new[] { "InventoryGenEntries", "InventoryGenExits", "StockTransfers", "InventoryGenEntries", "InventoryGenExits" })]
    [InlineData("bigcommerce", "bigcommerce-order-bundle.json", new[] { "Orders", "IncomingPayments" })] // a card captured at checkout: the payment of its invoice
    [InlineData("magento", "magento-guest-order.json", new[] { "Orders" })]
    public void The_examples_against_the_example_master_data_become_documents(string channel, string example, string[] entitySets)
    {
        var run = CliRun.Of("map", channel, TestFiles.Config($"examples/{example}"), "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(entitySets, run.EntitySets);
    }

    [Fact]
    public void With_down_payments_the_captured_card_becomes_a_down_payment_against_the_order_and_its_payment_applies_to_it()
    {
        var mapping = JsonNode.Parse(File.ReadAllText(TestFiles.Config("mapping.example.json")))!;
        mapping["Mapping"]!["CapturedBeforeInvoice"] = "DownPayment";
        using var file = TestFiles.Temp(mapping.ToJsonString());

        var run = CliRun.Of("map", "bigcommerce", TestFiles.Config("examples/bigcommerce-order-bundle.json"),
            "--master-data", TestFiles.Config("master-data.example.json"), "--mapping", file.Path);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(["Orders", "DownPayments", "IncomingPayments"], run.EntitySets);
        var order = run.Documents.ElementAt(0).GetProperty("body");
        var downPayment = run.Documents.ElementAt(1).GetProperty("body");
        var applied = run.Documents.ElementAt(2).GetProperty("body").GetProperty("PaymentInvoices")[0];
        Assert.Equal(("dptInvoice", order.GetProperty("DocumentLines").GetArrayLength()),
            (downPayment.GetProperty("DownPaymentType").GetString(), downPayment.GetProperty("DocumentLines").GetArrayLength()));
        Assert.Equal(downPayment.GetProperty("DocTotal").GetDecimal(), applied.GetProperty("SumApplied").GetDecimal());
        Assert.Equal("it_DownPayment", applied.GetProperty("InvoiceType").GetString());
        Assert.Contains("DownPaymentsToDraw", run.Stdout);
    }

    [Fact]
    public void The_example_till_sale_gets_its_batch_by_fefo_and_the_wms_issue_too()
    {
        var pos = CliRun.Of("map", "sitoo", TestFiles.Config("examples/sitoo-pos-receipts.json"), "--master-data", TestFiles.Config("master-data.example.json"));
        var wms = CliRun.Of("map", "wms", TestFiles.Config("examples/wms-movements.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        var batch = pos.Documents.First().GetProperty("body").GetProperty("DocumentLines")[1].GetProperty("BatchNumbers")[0];
        Assert.Equal(("B-0003-C", 3m), (batch.GetProperty("BatchNumber").GetString(), batch.GetProperty("Quantity").GetDecimal()));
        var issued = wms.Documents.ElementAt(1).GetProperty("body").GetProperty("DocumentLines")[0].GetProperty("BatchNumbers")[0];
        Assert.Equal("B-0003-B", issued.GetProperty("BatchNumber").GetString());
    }

    [Fact]
    public void A_narrower_window_splits_movements_into_more_documents()
    {
        var wide = CliRun.Of("map", "wms", TestFiles.Config("examples/wms-movements.json"), "--window", "1h");
        var narrow = CliRun.Of("map", "wms", TestFiles.Config("examples/wms-movements.json"), "--window=5m");

        Assert.Equal(5, wide.Documents.Count());
        Assert.Equal(6, narrow.Documents.Count());
    }

    [Fact]
    public void An_order_the_engine_would_refuse_at_its_door_shows_the_refusal_with_its_json_path()
    {
        var order = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture("magento/order.json")))!;
        order["increment_id"] = "000000003/B";
        using var file = TestFiles.Temp(order.ToJsonString());

        var run = CliRun.Of("map", "magento", file.Path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("invalid-order", run.ExceptionTypes);
        var refusal = run.Results.Single().GetProperty("exceptions").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "invalid-order");
        Assert.Contains("$.externalId may not contain '/'", refusal.GetProperty("reason").GetString());
    }
}

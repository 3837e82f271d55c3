using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Cli.Tests.Map;

/// <summary>The dry run shows the addresses that would go to SAP, for every fixture that carries one, and the address exceptions.</summary>
public class AddressMapSpecs
{
    private static string? Ext(JsonElement body, string field) => body.GetProperty("AddressExtension").TryGetProperty(field, out var v) ? v.GetString() : null;

    [Fact]
    public void The_magento_fixtures_billing_and_shipping_addresses_reach_the_sales_order()
    {
        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        var body = run.Documents.Single(d => d.GetProperty("entitySet").GetString() == "Orders").GetProperty("body");
        Assert.Equal(("123 Oak Ave", "Purchase", "10577", "NY", "US"),
            (Ext(body, "ShipToStreet"), Ext(body, "ShipToCity"), Ext(body, "ShipToZipCode"), Ext(body, "ShipToState"), Ext(body, "ShipToCountry")));
        Assert.Equal(("123 Oak Ave", "NY", "US"), (Ext(body, "BillToStreet"), Ext(body, "BillToState"), Ext(body, "BillToCountry")));
        Assert.Equal("Jane Doe\r123 Oak Ave\r10577 Purchase\rNY\rUS", body.GetProperty("Address2").GetString());
        Assert.DoesNotContain("invalid-address", run.ExceptionTypes);
    }

    [Fact]
    public void The_bigcommerce_headers_billing_addresses_are_shown_with_SAPs_state_code()
    {
        var single = CliRun.Of("map", "bigcommerce", TestFiles.Fixture("bigcommerce/v2_order.json"), "--master-data", TestFiles.Config("master-data.example.json"));
        var list = CliRun.Of("map", "bigcommerce", TestFiles.Fixture("bigcommerce/v2_orders.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        var billTo = Assert.Single(single.Results.Single().GetProperty("addressesForSap").EnumerateArray());
        Assert.Equal(("bill-to", "555 East Street", "78108", "TX", "US"),
            (billTo.GetProperty("role").GetString(), billTo.GetProperty("street").GetString(), billTo.GetProperty("zipCode").GetString(),
                billTo.GetProperty("state").GetString(), billTo.GetProperty("country").GetString()));
        Assert.Equal("Jane Doe\r555 East Street\r78108 Austin\rTexas\rUS", billTo.GetProperty("printable").GetString());
        Assert.All(list.Results, r => Assert.Equal("TX", r.GetProperty("addressesForSap")[0].GetProperty("state").GetString()));
    }

    [Fact]
    public void The_bigcommerce_shipping_addresses_are_shown_one_by_one()
    {
        var run = CliRun.Of("map", "bigcommerce", TestFiles.Fixture("bigcommerce/v2_order_shipping_addresses.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        var addresses = run.Results.Single().GetProperty("addressesForSap").EnumerateArray().ToList();
        Assert.Equal([("ship-to 132", "San Antonio"), ("ship-to 133", "Austin")], addresses.Select(a => (a.GetProperty("role").GetString(), a.GetProperty("city").GetString())));
        Assert.StartsWith("Trishy Smith\rAcme Pty Ltd\r666 Sussex St", addresses[0].GetProperty("printable").GetString());
    }

    [Fact]
    public void A_bigcommerce_guests_order_names_the_buyer_and_carries_the_contact_details_in_the_printable_bill_to()
    {
        var run = CliRun.Of("map", "bigcommerce", TestFiles.Config("examples/bigcommerce-order-bundle.json"), "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal(0, run.ExitCode);
        var body = run.Documents.Single(d => d.GetProperty("entitySet").GetString() == "Orders").GetProperty("body");
        Assert.Equal(("WEBGUEST", "Guest Shopper"), (body.GetProperty("CardCode").GetString(), body.GetProperty("CardName").GetString()));
        Assert.Equal("Guest Shopper\r455 Main Street\r78751 Austin\rTexas\rUS\rguest.shopper@example.com\rTel. 555-123-4567", body.GetProperty("Address").GetString());
        Assert.Equal(("TX", "TX"), (Ext(body, "ShipToState"), Ext(body, "BillToState")));
    }

    [Fact]
    public void An_address_SAP_would_refuse_prints_an_invalid_address_exception_for_customer_service_with_the_suggestion()
    {
        var order = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture("magento/order.json")))!;
        var shipping = order["extension_attributes"]!["shipping_assignments"]![0]!["shipping"]!["address"]!;
        shipping["country_id"] = "UK";
        shipping["postcode"] = "";
        using var file = TestFiles.Temp(order.ToJsonString());

        var run = CliRun.Of("map", "magento", file.Path, "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal(3, run.ExitCode);
        var problem = run.Results.Single().GetProperty("exceptions").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "invalid-address");
        Assert.Equal("customerService", problem.GetProperty("owningTeam").GetString());
        Assert.Contains("ship-to address (Jane Doe, 123 Oak Ave, Purchase, NY, UK): ", problem.GetProperty("reason").GetString());
        Assert.Contains("the postcode is missing", problem.GetProperty("reason").GetString());
        Assert.Contains("country 'UK' is not a country code SAP knows; suggested: GB", problem.GetProperty("reason").GetString());
    }
}

using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Tests.Addresses;

/// <summary>Every channel's buyer and addresses, read from the vendors' own payloads.</summary>
public class ChannelAddressSpecs
{
    [Fact]
    public void Magento_reads_the_billing_address_at_the_top_and_the_shipping_address_only_from_the_shipping_assignment()
    {
        var order = MagentoOrderParser.Parse(Fixtures.Read("magento/order.json")).Order;

        var addresses = order.Addresses!;
        Assert.Equal(new OrderBuyer("Jane Doe", null, "jdoe@example.com", "512-555-1111"), addresses.Buyer);
        Assert.Equal(new PostalAddress("Jane Doe", null, "123 Oak Ave", null, "Purchase", "10577", "NY", "US", "512-555-1111"), addresses.BillTo);
        var shipTo = Assert.Single(addresses.ShipTo);
        Assert.Equal("5", shipTo.Id);
        Assert.Equal(addresses.BillTo, shipTo.Address);
    }

    [Fact]
    public void Magento_street_lines_after_the_first_become_the_second_line_and_a_virtual_order_has_no_ship_to()
    {
        var node = Fixtures.Node("magento/order.json").AsObject();
        node["billing_address"]!["street"] = new JsonArray("Großer Burstah 31", "", "3. OG", "Hinterhaus");
        node["billing_address"]!["region_code"] = null;
        node.Remove("extension_attributes");

        var addresses = MagentoOrderParser.Parse(node.ToJsonString()).Order.Addresses!;

        Assert.Equal(("Großer Burstah 31", "3. OG, Hinterhaus", "New York"), (addresses.BillTo!.Street, addresses.BillTo.Street2, addresses.BillTo.Region));
        Assert.Empty(addresses.ShipTo);
    }

    [Fact]
    public void A_magento_guest_without_names_on_the_header_is_named_from_the_billing_address()
    {
        var node = Fixtures.Node("magento/order.json").AsObject();
        node["customer_is_guest"] = 1;
        node.Remove("customer_id");
        node.Remove("customer_firstname");
        node.Remove("customer_lastname");

        var buyer = MagentoOrderParser.Parse(node.ToJsonString()).Order.Addresses!.Buyer;

        Assert.Equal(("Jane Doe", "jdoe@example.com"), (buyer.Name, buyer.Email));
    }

    [Fact]
    public void BigCommerce_reads_the_billing_address_of_the_header_with_its_state_name_and_iso_country()
    {
        var header = BigCommerceOrderParser.ParseOrder(Fixtures.Read("bigcommerce/v2_order.json"));

        Assert.Equal(new PostalAddress("Jane Doe", null, "555 East Street", null, "Austin", "78108", "Texas", "US", "1234567890"), header.BillingAddress);
        Assert.Equal(new OrderBuyer("Jane Doe", null, "janedoe@example.com", "1234567890"), header.Buyer);
    }

    [Fact]
    public void A_bigcommerce_order_to_two_addresses_keeps_both_and_each_line_names_its_own()
    {
        // The docs' samples belong to orders 218, 149 and 229: relabel the header and products as 229, and send the
        // brewer to the second address, as a consignment would.
        var products = Fixtures.Node("bigcommerce/v2_order_products.json").AsArray();
        foreach (var product in products) product!["order_id"] = 229;
        products[0]!["order_address_id"] = 132;
        products[1]!["order_address_id"] = 133;
        var header = BigCommerceOrderParser.ParseOrder(Fixtures.Read("bigcommerce/v2_order.json")) with { Id = "229" };
        var parsed = BigCommerceOrderParser.Compose(header, BigCommerceOrderParser.ParseProducts(products.ToJsonString()),
            BigCommerceOrderParser.ParseShippingAddresses(Fixtures.Read("bigcommerce/v2_order_shipping_addresses.json")));

        var addresses = parsed.Order.Addresses!;
        Assert.Equal(["132", "133"], addresses.ShipTo.Select(s => s.Id));
        Assert.Equal(new PostalAddress("Trishy Smith", "Acme Pty Ltd", "666 Sussex St", null, "San Antonio", "78251", "Texas", "US"), addresses.ShipTo[0].Address);
        Assert.Equal(("Jane Doe", "555 Main Street", "Austin"), (addresses.ShipTo[1].Address.Name, addresses.ShipTo[1].Address.Street, addresses.ShipTo[1].Address.City));
        Assert.Equal(["132", "133"], parsed.Order.Lines.Select(l => l.ShipToId));
        Assert.Contains(parsed.Notes, n => n.StartsWith("The order ships to 2 addresses; each sales order row names its own", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bigcommerce_order_whose_products_name_one_address_ships_there_only()
    {
        var products = Fixtures.Node("bigcommerce/v2_order_products.json").AsArray();
        foreach (var product in products)
        {
            product!["order_id"] = 229;
            product["order_address_id"] = 132;
        }
        var header = BigCommerceOrderParser.ParseOrder(Fixtures.Read("bigcommerce/v2_order.json")) with { Id = "229" };

        var order = BigCommerceOrderParser.Compose(header, BigCommerceOrderParser.ParseProducts(products.ToJsonString()),
            BigCommerceOrderParser.ParseShippingAddresses(Fixtures.Read("bigcommerce/v2_order_shipping_addresses.json"))).Order;

        Assert.Equal("132", Assert.Single(order.Addresses!.ShipTo).Id);
        Assert.Equal("Austin", order.Addresses.BillTo!.City);
    }

    [Fact]
    public void A_sitoo_webshop_order_has_its_buyer_and_no_address_where_the_fields_are_empty()
    {
        var web = Assert.Single(SitooOrderParser.ParseOrders(Fixtures.Read("sitoo/order.json"))).WebOrder!.Order;

        Assert.Equal(new OrderBuyer("John Smith", "Company Inc", "john.smith@example.com", "555-1451"), web.Addresses!.Buyer);
        Assert.Null(web.Addresses.BillTo);
        Assert.Empty(web.Addresses.ShipTo);
    }

    [Fact]
    public void A_sitoo_webshop_orders_flat_invoice_and_delivery_fields_become_its_bill_to_and_ship_to()
    {
        var node = Fixtures.Node("sitoo/order.json").AsObject();
        node["invoice_address"] = "Drottninggatan 53";
        node["invoice_zip"] = "111 21";
        node["invoice_city"] = "Stockholm";
        node["invoice_countryid"] = "SE";
        node["delivery_address"] = "Kungsgatan 7";
        node["delivery_address2"] = "c/o Andersson";
        node["delivery_zip"] = "411 19";
        node["delivery_city"] = "Göteborg";
        node["delivery_countryid"] = "SE";

        var addresses = Assert.Single(SitooOrderParser.ParseOrders(node.ToJsonString())).WebOrder!.Order.Addresses!;

        Assert.Equal(new PostalAddress("John Smith", "Company Inc", "Drottninggatan 53", null, "Stockholm", "111 21", null, "SE", "555-1451"), addresses.BillTo);
        Assert.Equal(("delivery", "Kungsgatan 7", "c/o Andersson", "Göteborg"),
            (addresses.ShipTo[0].Id, addresses.ShipTo[0].Address.Street, addresses.ShipTo[0].Address.Street2, addresses.ShipTo[0].Address.City));
    }
}

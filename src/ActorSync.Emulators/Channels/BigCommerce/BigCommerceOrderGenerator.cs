using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>
/// Orders in the shapes of the v2 fixtures (<c>v2_order.json</c>, <c>v2_order_products.json</c>,
/// <c>v2_order_shipping_addresses.json</c>): money as 4-decimal strings, RFC-2822 dates, guests with
/// <c>customer_id</c> 0, SKUs from the emulated SAP company's plain items (<c>ITM00001…</c>) so they post, each line
/// at its item's VAT rate (20 %, 5 %, 0 %), fractional prices, shipping at 20 %. Deterministic for a seed.
/// </summary>
public sealed class BigCommerceOrderGenerator(int itemCount = 400, int seed = 17)
{
    private readonly Random _random = new(seed);
    private readonly int[] _plain = Enumerable.Range(1, itemCount).Where(n => CompanyCatalog.KindOf(n) == ItemKind.Plain).ToArray();
    private long _nextProductRow = 1, _nextAddress = 1;

    public static string Money(decimal amount) => amount.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The status a generated order gets in a mixed stream: mostly Awaiting Fulfillment, some incomplete (0) and some cancelled (5).</summary>
    public int NextStatus()
    {
        var dice = _random.Next(100);
        return dice < 8 ? 0 : dice < 12 ? 5 : 11;
    }

    /// <summary>One order as a seed <c>{"order","products","shipping_addresses"}</c>.</summary>
    public JsonObject Order(long orderId, int statusId, DateTimeOffset at)
    {
        var addressId = _nextAddress++;
        var products = new JsonArray();
        decimal subEx = 0, subTax = 0;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var number = _plain[_random.Next(_plain.Length)];
            var rate = CompanyCatalog.SalesVatGroupOf(number) switch { CompanyCatalog.VatStandard => 20m, CompanyCatalog.VatReduced => 5m, _ => 0m };
            var quantity = _random.Next(1, 4);
            var price = Math.Round((decimal)(_random.NextDouble() * 80 + 2), 2);
            var totalEx = price * quantity;
            var tax = Math.Round(totalEx * rate / 100m, 2);
            var unitTax = Math.Round(price * rate / 100m, 4);
            subEx += totalEx;
            subTax += tax;
            products.Add(new JsonObject
            {
                ["id"] = _nextProductRow++, ["order_id"] = orderId, ["product_id"] = 1000 + number, ["variant_id"] = 5000 + number, ["order_address_id"] = addressId,
                ["name"] = $"Item {number}", ["sku"] = CompanyCatalog.ItemCode(number, itemCount), ["type"] = "physical",
                ["base_price"] = Money(price), ["price_ex_tax"] = Money(price), ["price_inc_tax"] = Money(price + unitTax), ["price_tax"] = Money(unitTax),
                ["base_total"] = Money(totalEx), ["total_ex_tax"] = Money(totalEx), ["total_inc_tax"] = Money(totalEx + tax), ["total_tax"] = Money(tax),
                ["quantity"] = quantity, ["is_refunded"] = false, ["quantity_refunded"] = 0, ["refund_amount"] = "0.0000", ["quantity_shipped"] = 0,
                ["parent_order_product_id"] = null, ["is_bundled_product"] = false, ["applied_discounts"] = new JsonArray(), ["product_options"] = new JsonArray(),
            });
        }

        var express = _random.Next(4) == 0;
        var shipEx = express ? 9.95m : _random.Next(3) == 0 ? 0m : 4.95m;
        var shipTax = Math.Round(shipEx * 0.2m, 2);
        var date = Rfc2822(at);
        var shopper = $"shopper{orderId}@example.com";
        var order = new JsonObject
        {
            ["id"] = orderId, ["customer_id"] = 0, ["date_created"] = date, ["date_modified"] = date, ["date_shipped"] = "",
            ["status_id"] = statusId, ["status"] = StatusName(statusId), ["custom_status"] = StatusName(statusId),
            ["subtotal_ex_tax"] = Money(subEx), ["subtotal_inc_tax"] = Money(subEx + subTax), ["subtotal_tax"] = Money(subTax),
            ["base_shipping_cost"] = Money(shipEx + shipTax), ["shipping_cost_ex_tax"] = Money(shipEx), ["shipping_cost_inc_tax"] = Money(shipEx + shipTax), ["shipping_cost_tax"] = Money(shipTax),
            ["handling_cost_ex_tax"] = "0.0000", ["handling_cost_inc_tax"] = "0.0000", ["handling_cost_tax"] = "0.0000",
            ["wrapping_cost_ex_tax"] = "0.0000", ["wrapping_cost_inc_tax"] = "0.0000", ["wrapping_cost_tax"] = "0.0000",
            ["total_ex_tax"] = Money(subEx + shipEx), ["total_inc_tax"] = Money(subEx + subTax + shipEx + shipTax), ["total_tax"] = Money(subTax + shipTax),
            ["is_tax_inclusive_pricing"] = false, ["items_total"] = products.Sum(p => p!["quantity"]!.GetValue<int>()), ["items_shipped"] = 0,
            ["payment_method"] = "Credit Card", ["payment_status"] = statusId == 0 ? "" : "captured", ["refunded_amount"] = "0.0000",
            ["currency_code"] = CompanyCatalog.Currency, ["default_currency_code"] = CompanyCatalog.Currency, ["currency_exchange_rate"] = "1.0000000000",
            ["discount_amount"] = "0.0000", ["coupon_discount"] = "0.0000", ["channel_id"] = 1, ["external_order_id"] = "", ["staff_notes"] = "", ["customer_message"] = "",
            ["billing_address"] = new JsonObject
            {
                ["first_name"] = "Jane", ["last_name"] = $"Shopper {orderId}", ["company"] = "", ["street_1"] = "555 Main Street", ["street_2"] = "", ["city"] = "Austin",
                ["state"] = "Texas", ["zip"] = "78751", ["country"] = "United States", ["country_iso2"] = "US", ["phone"] = "", ["email"] = shopper,
            },
            ["products"] = new JsonObject { ["url"] = $"https://api.bigcommerce.com/stores/{{store_hash}}/v2/orders/{orderId}/products", ["resource"] = $"/orders/{orderId}/products" },
            ["shipping_addresses"] = new JsonObject { ["url"] = $"https://api.bigcommerce.com/stores/{{store_hash}}/v2/orders/{orderId}/shippingaddresses", ["resource"] = $"/orders/{orderId}/shippingaddresses" },
        };
        var address = new JsonObject
        {
            ["id"] = addressId, ["order_id"] = orderId, ["first_name"] = "Jane", ["last_name"] = $"Shopper {orderId}", ["company"] = "", ["street_1"] = "555 Main Street",
            ["street_2"] = "", ["city"] = "Austin", ["zip"] = "78751", ["country"] = "United States", ["country_iso2"] = "US", ["state"] = "Texas", ["email"] = shopper,
            ["phone"] = "", ["items_total"] = order["items_total"]!.GetValue<int>(), ["items_shipped"] = 0, ["shipping_method"] = express ? "express" : "standard",
            ["base_cost"] = Money(shipEx + shipTax), ["cost_ex_tax"] = Money(shipEx), ["cost_inc_tax"] = Money(shipEx + shipTax), ["cost_tax"] = Money(shipTax),
            ["form_fields"] = new JsonArray(),
        };
        return new JsonObject { ["order"] = order, ["products"] = products, ["shipping_addresses"] = new JsonArray(address) };
    }

    public static string StatusName(int statusId) => statusId switch
    {
        0 => "Incomplete", 1 => "Pending", 2 => "Shipped", 3 => "Partially Shipped", 4 => "Refunded", 5 => "Cancelled", 6 => "Declined", 7 => "Awaiting Payment",
        9 => "Awaiting Shipment", 10 => "Completed", 11 => "Awaiting Fulfillment", 14 => "Partially Refunded", _ => "Pending",
    };

    private static string Rfc2822(DateTimeOffset at) => BigCommerceStore.Rfc2822(at);
}

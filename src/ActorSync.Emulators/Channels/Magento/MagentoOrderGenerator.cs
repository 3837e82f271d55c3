using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// Orders in the shape of the fixture (<c>magento/order.json</c>, <c>GET /V1/orders/{id}</c>), with the emulated SAP
/// company's plain items (<c>ITM00001…</c>) so they post: each row at its item's VAT rate (20 %, 5 %, 0 %), fractional
/// prices as JSON numbers, shipping at 20 % (<c>flatrate_flatrate</c> or <c>tablerate_bestway</c>). Some rows are a
/// configurable pair (channels.md §1.3, §5.9): a parent row of type <c>configurable</c> carrying the price and,
/// as Magento shows it, the child's SKU, and a child <c>simple</c> row at price 0 naming it in <c>parent_item_id</c>.
/// Guests (<c>customer_is_guest</c> 1, no <c>customer_id</c>, group 0 or sometimes null, §5.3) and registered customers,
/// who are the emulated company's customers (<c>customer&lt;n&gt;@example.com</c>), so SAP knows them by email.
/// States: mostly <c>processing</c> (invoiced), some <c>new</c>/<c>pending</c>, <c>holded</c> and <c>canceled</c>.
/// Deterministic for a seed.
/// </summary>
/// <param name="guestPercent">The share of guest orders, 0 to 100.</param>
public sealed class MagentoOrderGenerator(int itemCount = 400, int seed = 23, int customerCount = 50, int guestPercent = 40)
{
    private readonly Random _random = new(seed);
    private readonly int[] _plain = Enumerable.Range(1, itemCount).Where(n => CompanyCatalog.KindOf(n) == ItemKind.Plain).ToArray();
    private long _nextItemId = 1, _nextAddressId = 1;

    /// <summary>A state in a mixed stream: 80 % processing, 8 % new, 6 % holded, 6 % canceled.</summary>
    public string NextState()
    {
        var dice = _random.Next(100);
        return dice < 80 ? "processing" : dice < 88 ? "new" : dice < 94 ? "holded" : "canceled";
    }

    /// <summary>The status Magento shows by default for a state (status is merchant-configurable; state is fixed).</summary>
    public static string StatusOf(string state) => state switch
    {
        "new" => "pending",
        "pending_payment" => "pending_payment",
        "payment_review" => "fraud",
        _ => state,
    };

    /// <summary>One order; <paramref name="at"/> is its <c>created_at</c> and <c>updated_at</c> (UTC).</summary>
    public JsonObject Order(long entityId, string state, DateTimeOffset at)
    {
        var stamp = Stamp(at);
        var guest = _random.Next(100) < guestPercent;
        var customer = _random.Next(1, customerCount + 1);
        long? customerId = guest ? null : 1000 + customer;
        var email = guest ? $"guest{entityId}@example.com" : $"customer{customer}@example.com";
        var (first, last) = ("Jane", $"Shopper {entityId}");
        var invoiced = state is "processing" or "complete";
        var canceled = state == "canceled";

        var items = new JsonArray();
        decimal subtotal = 0, tax = 0, qtyOrdered = 0;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var number = _plain[_random.Next(_plain.Length)];
            var sku = CompanyCatalog.ItemCode(number, itemCount);
            var rate = CompanyCatalog.SalesVatGroupOf(number) switch { CompanyCatalog.VatStandard => 20m, CompanyCatalog.VatReduced => 5m, _ => 0m };
            var qty = _random.Next(1, 4);
            var price = Math.Round((decimal)(_random.NextDouble() * 80 + 2), 2);
            var rowTotal = price * qty;
            var rowTax = Math.Round(rowTotal * rate / 100m, 2, MidpointRounding.AwayFromZero);
            subtotal += rowTotal;
            tax += rowTax;
            qtyOrdered += qty;
            var configurable = _random.Next(4) == 0;
            var parent = Row(entityId, sku, $"Item {number}{(configurable ? " (configurable)" : "")}", configurable ? "configurable" : "simple", 1000 + number,
                qty, price, rate, rowTotal, rowTax, stamp, invoiced, canceled);
            items.Add(parent);
            if (configurable)
            {
                // The child is the simple product that is picked; Magento gives it no price (§5.9).
                var child = Row(entityId, sku, $"Item {number}", "simple", 5000 + number, qty, 0m, 0m, 0m, 0m, stamp, invoiced, canceled);
                child["parent_item_id"] = parent["item_id"]!.GetValue<long>();
                items.Add(child);
            }
        }

        var (method, description, shipping) = _random.Next(4) switch
        {
            0 => ("tablerate_bestway", "Best Way - Table Rate", 9.95m),
            1 => ("flatrate_flatrate", "Flat Rate - Fixed", 0m),
            _ => ("flatrate_flatrate", "Flat Rate - Fixed", 4.95m),
        };
        var shippingTax = Math.Round(shipping * 0.2m, 2, MidpointRounding.AwayFromZero);
        var grandTotal = subtotal + tax + shipping + shippingTax;
        var billing = Address("billing", entityId, email, first, last);
        var shippingAddress = Address("shipping", entityId, email, first, last);

        var order = new JsonObject
        {
            ["applied_rule_ids"] = null,
            ["base_currency_code"] = CompanyCatalog.Currency,
            ["base_discount_amount"] = 0,
            ["base_grand_total"] = grandTotal,
            ["base_discount_tax_compensation_amount"] = 0,
            ["base_shipping_amount"] = shipping,
            ["base_shipping_discount_amount"] = 0,
            ["base_shipping_incl_tax"] = shipping + shippingTax,
            ["base_shipping_tax_amount"] = shippingTax,
            ["base_subtotal"] = subtotal,
            ["base_subtotal_incl_tax"] = subtotal + tax,
            ["base_tax_amount"] = tax + shippingTax,
            ["base_total_due"] = invoiced ? 0 : grandTotal,
            ["base_to_global_rate"] = 1,
            ["base_to_order_rate"] = 1,
            ["billing_address_id"] = billing["entity_id"]!.GetValue<long>(),
            ["created_at"] = stamp,
            ["customer_email"] = email,
            ["customer_firstname"] = guest && _random.Next(2) == 0 ? null : first, // guests' headers may lack names (§5.3)
            ["customer_group_id"] = guest ? (_random.Next(3) == 0 ? null : 0) : 1,
            ["customer_id"] = customerId,
            ["customer_is_guest"] = guest ? 1 : 0,
            ["customer_lastname"] = guest && _random.Next(2) == 0 ? null : last,
            ["customer_note_notify"] = 1,
            ["discount_amount"] = 0,
            ["email_sent"] = 1,
            ["entity_id"] = entityId,
            ["global_currency_code"] = CompanyCatalog.Currency,
            ["grand_total"] = grandTotal,
            ["discount_tax_compensation_amount"] = 0,
            ["increment_id"] = entityId.ToString("000000000", CultureInfo.InvariantCulture),
            ["is_virtual"] = 0,
            ["order_currency_code"] = CompanyCatalog.Currency,
            ["protect_code"] = Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()))[..6],
            ["quote_id"] = entityId + 1,
            ["shipping_amount"] = shipping,
            ["shipping_description"] = description,
            ["shipping_discount_amount"] = 0,
            ["shipping_discount_tax_compensation_amount"] = 0,
            ["shipping_incl_tax"] = shipping + shippingTax,
            ["shipping_tax_amount"] = shippingTax,
            ["state"] = state,
            ["status"] = StatusOf(state),
            ["store_currency_code"] = CompanyCatalog.Currency,
            ["store_id"] = 1,
            ["store_name"] = "Main Website\nMain Website Store\nDefault Store View",
            ["store_to_base_rate"] = 0,
            ["store_to_order_rate"] = 0,
            ["subtotal"] = subtotal,
            ["subtotal_incl_tax"] = subtotal + tax,
            ["tax_amount"] = tax + shippingTax,
            ["total_due"] = invoiced ? 0 : grandTotal,
            ["total_item_count"] = items.Count,
            ["total_qty_ordered"] = qtyOrdered,
            ["updated_at"] = stamp,
            ["weight"] = qtyOrdered,
            ["items"] = items,
            ["billing_address"] = billing,
            ["payment"] = new JsonObject
            {
                ["account_status"] = null,
                ["additional_information"] = new JsonArray(invoiced ? "Credit Card" : "Check / Money order", ""),
                ["amount_ordered"] = grandTotal,
                ["amount_paid"] = invoiced ? grandTotal : null,
                ["base_amount_ordered"] = grandTotal,
                ["base_shipping_amount"] = shipping,
                ["cc_last4"] = invoiced ? "1111" : null,
                ["entity_id"] = entityId,
                ["method"] = invoiced ? "braintree" : "checkmo",
                ["parent_id"] = entityId,
                ["shipping_amount"] = shipping,
            },
            ["status_histories"] = new JsonArray(),
            ["extension_attributes"] = new JsonObject
            {
                ["shipping_assignments"] = new JsonArray(new JsonObject
                {
                    ["shipping"] = new JsonObject
                    {
                        ["address"] = shippingAddress,
                        ["method"] = method,
                        ["total"] = new JsonObject
                        {
                            ["base_shipping_amount"] = shipping, ["base_shipping_discount_amount"] = 0, ["base_shipping_incl_tax"] = shipping + shippingTax,
                            ["base_shipping_tax_amount"] = shippingTax, ["shipping_amount"] = shipping, ["shipping_discount_amount"] = 0,
                            ["shipping_discount_tax_compensation_amount"] = 0, ["shipping_incl_tax"] = shipping + shippingTax, ["shipping_tax_amount"] = shippingTax,
                        },
                    },
                    ["items"] = items.DeepClone(),
                }),
            },
        };
        if (invoiced)
        {
            order["total_invoiced"] = grandTotal;
            order["total_paid"] = grandTotal;
            order["base_total_paid"] = grandTotal;
        }

        if (canceled)
            order["total_canceled"] = grandTotal;
        // As a client would read it: every number parsed from the JSON text.
        return (JsonObject)JsonNode.Parse(order.ToJsonString())!;
    }

    private JsonObject Row(long orderId, string sku, string name, string type, int productId, int qty, decimal price, decimal rate, decimal rowTotal, decimal rowTax,
        string stamp, bool invoiced, bool canceled)
    {
        var priceInclTax = Math.Round(price * (1 + rate / 100m), 2, MidpointRounding.AwayFromZero);
        return new JsonObject
        {
            ["amount_refunded"] = 0, ["base_amount_refunded"] = 0, ["base_discount_amount"] = 0, ["base_discount_invoiced"] = 0,
            ["base_discount_tax_compensation_amount"] = 0, ["base_original_price"] = price, ["base_price"] = price, ["base_price_incl_tax"] = priceInclTax,
            ["base_row_invoiced"] = invoiced ? rowTotal : 0, ["base_row_total"] = rowTotal, ["base_row_total_incl_tax"] = rowTotal + rowTax,
            ["base_tax_amount"] = rowTax, ["base_tax_invoiced"] = invoiced ? rowTax : 0, ["created_at"] = stamp,
            ["discount_amount"] = 0, ["discount_invoiced"] = 0, ["discount_percent"] = 0, ["free_shipping"] = 0,
            ["discount_tax_compensation_amount"] = 0, ["is_qty_decimal"] = 0, ["is_virtual"] = 0,
            ["item_id"] = _nextItemId++, ["name"] = name, ["no_discount"] = 0, ["order_id"] = orderId,
            ["original_price"] = price, ["price"] = price, ["price_incl_tax"] = priceInclTax, ["product_id"] = productId, ["product_type"] = type,
            ["qty_canceled"] = canceled ? qty : 0, ["qty_invoiced"] = invoiced ? qty : 0, ["qty_ordered"] = qty, ["qty_refunded"] = 0, ["qty_shipped"] = 0,
            ["quote_item_id"] = _nextItemId + 10_000, ["row_invoiced"] = invoiced ? rowTotal : 0, ["row_total"] = rowTotal,
            ["row_total_incl_tax"] = rowTotal + rowTax, ["row_weight"] = qty, ["sku"] = sku, ["store_id"] = 1,
            ["tax_amount"] = rowTax, ["tax_invoiced"] = invoiced ? rowTax : 0, ["tax_percent"] = rate, ["updated_at"] = stamp, ["weight"] = 1,
        };
    }

    private JsonObject Address(string type, long orderId, string email, string first, string last) => new()
    {
        ["address_type"] = type, ["city"] = "Leeds", ["country_id"] = "GB", ["email"] = email, ["entity_id"] = _nextAddressId++,
        ["firstname"] = first, ["lastname"] = last, ["parent_id"] = orderId, ["postcode"] = "LS1 4AP", ["region"] = "West Yorkshire",
        ["region_code"] = null, ["region_id"] = null, ["street"] = new JsonArray("12 Park Row"), ["telephone"] = "0113 496 0000",
    };

    /// <summary>Magento's timestamp: <c>yyyy-MM-dd HH:mm:ss</c>, UTC (channels.md §1.2).</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.BigCommerce;

/// <summary>
/// What a shipment or refund webhook makes the engine fetch (channels.md §2.5–2.6): a v2 shipment
/// (<c>GET /v2/orders/{id}/shipments/{shipment_id}</c>) and a v3 refund (<c>GET /v3/orders/{id}/payment_actions/refunds</c>).
/// Both name order products by id, never by SKU, so the order's products (<c>GET /v2/orders/{id}/products</c>) are
/// needed to say which items moved. No vendor sample of these reads is among the fixtures; field names follow the
/// reference, and the tests use the fixture products.
/// </summary>
public static class BigCommerceFulfilmentParser
{
    public static DispatchConfirmation ParseShipment(string json, IReadOnlyList<BigCommerceOrderProduct> products)
    {
        var root = PayloadNode.Parse(json, BigCommerceOrderParser.Channel);
        if (root.IsArray)
            root = root.Items().FirstOrDefault() is { IsObject: true } first ? first : throw root.Error("holds no shipment");
        // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
        root.RequireObject();
        var orderId = root.Required("order_id").Id();
        var lines = root.Required("items").Items().Select(i =>
        {
            var product = Product(i.Required("order_product_id"), products, orderId);
            return new DispatchLine(product.Sku, i.RequiredDecimal("quantity"));
        }).ToImmutableList();
        var provider = root.OptionalString("shipping_provider") ?? root.OptionalString("tracking_carrier");
        return new DispatchConfirmation(BigCommerceOrderParser.Channel, orderId, root.Required("id").Id(), lines,
            DateOnly.FromDateTime(ParseDate(root.Required("date_created")).UtcDateTime), provider, root.OptionalString("tracking_number"));
    }

    /// <summary>
    /// One refund out of the order's refund list (<c>{"data":[…]}</c>) or a single refund (<c>{"data":{…}}</c>).
    /// PRODUCT items give SKU and quantity; their amount is <c>requested_amount</c> when present, else the product's
    /// discounted gross per unit times the quantity. SHIPPING and HANDLING amounts are the shipping refund. ORDER and
    /// FEE amounts have no row of their own; they stay in <see cref="RefundRequest.TotalRefunded"/>.
    /// </summary>
    public static RefundRequest ParseRefund(string json, string refundId, IReadOnlyList<BigCommerceOrderProduct> products, bool returnToStock)
    {
        var data = PayloadNode.Parse(json, BigCommerceOrderParser.Channel).RequireObject().Required("data");
        var refund = data.IsArray
            ? data.Items().FirstOrDefault(r => r.IsObject && r.Required("id").Id() == refundId) is { IsObject: true } found
                ? found
                : throw data.Error($"holds no refund with id {refundId}")
            : data.RequireObject();
        var orderId = refund.Required("order_id").Id();
        var lines = ImmutableList.CreateBuilder<RefundLine>();
        var shipping = 0m;
        foreach (var item in refund.Required("items").Items())
        {
            var type = item.RequiredString("item_type");
            var amount = item.Optional("requested_amount")?.Decimal() ?? item.Optional("amount")?.Decimal();
            switch (type)
            {
                case "PRODUCT":
                {
                    var product = Product(item.Required("item_id"), products, orderId);
                    var quantity = item.RequiredDecimal("quantity");
                    var unitGross = (product.DiscountedTotalIncTax ?? product.Total.IncTax) / product.Quantity;
                    lines.Add(new RefundLine(product.Sku, quantity, Money.Cents(amount ?? unitGross * quantity)));
                    break;
                }

                case "SHIPPING":
                case "HANDLING":
                    shipping += amount ?? throw item.Error("has no requested_amount (a shipping refund needs an amount)");
                    break;
                case "ORDER":
                case "FEE":
                    break;
                default:
                    throw item.Required("item_type").Error($"must be PRODUCT, SHIPPING, HANDLING, ORDER or FEE, was \"{type}\"");
            }
        }

        var created = refund.OptionalString("created");
        var date = created is not null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime)
            : throw refund.Required("created").Error($"must be an ISO-8601 date, was \"{created}\"");
        return new RefundRequest(BigCommerceOrderParser.Channel, orderId, refundId, lines.ToImmutable(), Money.Cents(shipping), returnToStock, date,
            refund.Optional("total_amount")?.Decimal());
    }

    private static BigCommerceOrderProduct Product(PayloadNode idNode, IReadOnlyList<BigCommerceOrderProduct> products, string orderId)
    {
        var id = idNode.Id();
        return products.FirstOrDefault(p => p.Id == id && p.OrderId == orderId)
               ?? throw idNode.Error($"names order product {id}, which is not among the products of order {orderId}");
    }

    private static DateTimeOffset ParseDate(PayloadNode node)
    {
        var text = node.String();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        throw node.Error($"must be a date, was \"{text}\"");
    }
}

using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Magento;

/// <summary>
/// Magento shipments (<c>GET /V1/shipment/{id}</c>) and credit memos (<c>GET /V1/creditmemo/{id}</c>), channels.md
/// §1.5–1.6. No vendor sample of these reads is among the fixtures; the field names are the ones the reference
/// quotes from the Adobe tutorials (<c>order-create-shipment.md</c>, <c>order-issue-refund.md</c>), and the tests
/// build payloads from the fixture order in that shape. Both name their order by <c>order_id</c> (the order's
/// <c>entity_id</c>), so the caller passes the order's <c>increment_id</c>, which keys the order everywhere else.
/// </summary>
public static class MagentoFulfilmentParser
{
    /// <summary>
    /// A shipment as a dispatch. Tracks give carrier and number. A configurable product appears as its priced
    /// parent row and a zero-priced child with the same SKU; the duplicate child is dropped, as for orders (§5.9).
    /// </summary>
    public static DispatchConfirmation ParseShipment(string json, string orderIncrementId)
    {
        var root = PayloadNode.Parse(json, MagentoOrderParser.Channel).RequireObject();
        var shipmentId = root.Optional("increment_id")?.Id() ?? root.Required("entity_id").Id();
        var rows = root.Required("items").Items().Select(i =>
        {
            // Stryker disable once Statement : equivalent, RequiredString() checks for an object itself with the same error
            i.RequireObject();
            return (Sku: i.RequiredString("sku"), Quantity: i.RequiredDecimal("qty"), Price: i.OptionalDecimal("price"), Path: i.Path);
        }).Where(r => r.Quantity > 0).ToList();
        var lines = rows
            .Where(r => r.Price != 0 || !rows.Any(o => o.Sku == r.Sku && o.Price != 0))
            .GroupBy(r => r.Sku, StringComparer.Ordinal)
            .Select(g => new DispatchLine(g.Key, g.Sum(r => r.Quantity)))
            .ToImmutableList();
        if (lines.IsEmpty)
            throw new ChannelPayloadException(MagentoOrderParser.Channel, "items", "holds no shipped quantities");
        var track = root.Optional("tracks")?.Items().FirstOrDefault();
        string? carrier = null, number = null;
        if (track is { IsObject: true } t)
        {
            carrier = t.OptionalString("title") ?? t.OptionalString("carrier_code");
            number = t.OptionalString("track_number");
        }

        return new DispatchConfirmation(MagentoOrderParser.Channel, orderIncrementId, shipmentId, lines,
            Date(root.Required("created_at")), carrier, number);
    }

    /// <summary>
    /// A credit memo as a refund. Memos list every order row, refunded or not; rows with <c>qty</c> 0 are left out, and
    /// so is a configurable's zero-priced child row beside its priced parent.
    /// A row's amount is what the customer gets back for it (<c>row_total_incl_tax − discount_amount</c>); shipping
    /// refunded is <c>shipping_incl_tax</c>. The memo does not say whether goods went back to stock (that was the
    /// request's <c>return_to_stock_items</c>), so the caller decides.
    /// </summary>
    public static RefundRequest ParseCreditMemo(string json, string orderIncrementId, bool returnToStock)
    {
        var root = PayloadNode.Parse(json, MagentoOrderParser.Channel).RequireObject();
        var memoId = root.Optional("increment_id")?.Id() ?? root.Required("entity_id").Id();
        var rows = root.Required("items").Items().Select(i =>
            {
                // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
                i.RequireObject();
                var quantity = i.RequiredDecimal("qty");
                var amount = Money.Cents(i.Optional("row_total_incl_tax")?.Decimal() ?? i.OptionalDecimal("price_incl_tax") * quantity) - Money.Cents(i.OptionalDecimal("discount_amount"));
                return (Line: new RefundLine(i.RequiredString("sku"), quantity, amount), Price: i.OptionalDecimal("price"));
            })
            .Where(r => r.Line.Quantity > 0)
            .ToList();
        // A configurable product is refunded as its priced parent row and a zero-priced child with the same SKU: the
        // child is the same goods again and is dropped, as for shipments (§5.9).
        var lines = rows
            .Where(r => r.Price != 0 || !rows.Any(o => o.Line.Sku == r.Line.Sku && o.Price != 0))
            .Select(r => r.Line)
            .ToImmutableList();
        return new RefundRequest(MagentoOrderParser.Channel, orderIncrementId, memoId, lines,
            ShippingRefund: Money.Cents(root.Optional("shipping_incl_tax")?.Decimal() ?? root.OptionalDecimal("shipping_amount")),
            ReturnToStock: returnToStock,
            Date: Date(root.Required("created_at")),
            TotalRefunded: Money.Cents(root.RequiredDecimal("grand_total")));
    }

    private static DateOnly Date(PayloadNode node)
    {
        var text = node.String();
        // Stryker disable once Bitwise : equivalent, the formats carry no offset and the result is read as a date either way
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return DateOnly.FromDateTime(parsed);
        throw node.Error($"must be a timestamp like 2017-08-21 22:22:19, was \"{text}\"");
    }
}

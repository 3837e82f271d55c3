using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;

namespace ActorSync.Channels.Wms;

/// <summary>
/// Reads one canonical warehouse event (the body of <c>POST /webhooks/wms/{source}</c>, channels.md §4.5):
/// <code>
/// {"sourceEventId":"EVT-1001","kind":"DispatchConfirmed","occurredAt":"2030-01-15T09:02:00Z","warehouse":"MAN1",
///  "externalRef":"magento:000000003",
///  "lines":[{"sku":"ITM00001","quantity":2,"quantityAfter":null,"reasonCode":null,"lot":"B-1","lotExpiry":"2031-02-28","serials":["S1"]}],
///  "shipment":{"carrier":"UPS","service":"Express Saver","trackingNumbers":["1Z999AA10123456784"],"trackingUrl":"https://…"}}
/// </code>
/// Kinds: <c>GoodsReceived</c>, <c>DispatchConfirmed</c>, <c>StockAdjusted</c> (signed quantities, not 0),
/// <c>StockSnapshot</c> (<c>quantityAfter</c> per line, the absolute on-hand), <c>ReturnReceived</c>. Every problem
/// is a <see cref="ChannelPayloadException"/> naming its JSON path. <c>sourceEventId</c> becomes a movement's or
/// dispatch's id in SAP's comments and NumAtCard, so it holds at most 50 characters and no <c>/ \ ? # %</c>.
/// </summary>
public static class WmsEventParser
{
    public const string Channel = "wms";
    public const int MaxLines = 1000;

    public static WmsEvent Parse(string json)
    {
        var root = PayloadNode.Parse(json, Channel);
        root.RequireObject();

        var idNode = root.Required("sourceEventId");
        var id = idNode.Id();
        if (id.Length > 50 || id.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 || id.Any(char.IsControl))
            throw idNode.Error("must be at most 50 characters without '/', '\\', '?', '#', '%' or control characters");

        var kindNode = root.Required("kind");
        var kindText = kindNode.String();
        if (!Enum.TryParse<WmsEventKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            throw kindNode.Error($"must be GoodsReceived, DispatchConfirmed, StockAdjusted, StockSnapshot or ReturnReceived, was \"{kindText}\"");

        var occurredAt = Instant(root.Required("occurredAt"));
        var warehouseNode = root.Required("warehouse");
        var warehouse = warehouseNode.Id();
        if (warehouse.Length > 50) throw warehouseNode.Error("must be at most 50 characters");

        var externalRef = root.OptionalString("externalRef");
        if (kind == WmsEventKind.DispatchConfirmed)
        {
            var refNode = root.Required("externalRef");
            var text = refNode.String();
            var colon = text.IndexOf(':');
            if (colon <= 0 || colon == text.Length - 1 || !text[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw refNode.Error($"must name the order as <channel>:<order id> (e.g. magento:000000003), was \"{Short(text)}\"");
        }

        var linesNode = root.Required("lines");
        var lines = linesNode.Items().Select(line => Line(line, kind)).ToImmutableList();
        if (lines.IsEmpty) throw linesNode.Error("is empty (an event moves at least one SKU)");
        if (lines.Count > MaxLines) throw linesNode.Error($"has {lines.Count} lines; at most {MaxLines}");

        WmsShipment? shipment = null;
        if (root.Optional("shipment") is { } s)
        {
            s.RequireObject();
            var tracking = s.Optional("trackingNumbers")?.Items().Select(t => t.String().Trim()).Where(t => t.Length > 0).ToImmutableList() ?? [];
            var url = s.OptionalString("trackingUrl");
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                throw s.Required("trackingUrl").Error("must be an absolute http(s) URL");
            shipment = new WmsShipment(s.OptionalString("carrier"), s.OptionalString("service"), tracking, url);
        }

        return new WmsEvent(id, kind, occurredAt, warehouse, externalRef, lines, shipment);
    }

    private static WmsEventLine Line(PayloadNode line, WmsEventKind kind)
    {
        line.RequireObject();
        var skuNode = line.Required("sku");
        var sku = skuNode.String().Trim();
        if (sku.Length == 0) throw skuNode.Error("is empty");

        decimal quantity = 0;
        decimal? after = line.Optional("quantityAfter")?.Decimal();
        switch (kind)
        {
            case WmsEventKind.StockSnapshot:
                if (after is null) throw new ChannelPayloadException(Channel, line.Path + ".quantityAfter", "is missing (a snapshot line gives the absolute on-hand)");
                if (after < 0) throw line.Required("quantityAfter").Error($"must not be negative, was {Text(after.Value)}");
                quantity = line.Optional("quantity")?.Decimal() ?? 0;
                break;
            case WmsEventKind.StockAdjusted:
                quantity = line.RequiredDecimal("quantity");
                if (quantity == 0) throw line.Required("quantity").Error("must not be 0 (an adjustment adds or takes something)");
                break;
            default:
                quantity = line.RequiredDecimal("quantity");
                if (quantity <= 0) throw line.Required("quantity").Error($"must be positive for {kind}, was {Text(quantity)}");
                break;
        }

        DateOnly? expiry = null;
        if (line.OptionalString("lotExpiry") is { } e)
        {
            if (!DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw line.Required("lotExpiry").Error($"must be a date like 2031-01-01, was \"{Short(e)}\"");
            expiry = parsed;
        }
        var serials = line.Optional("serials")?.Items().Select(n => n.String()).Where(t => t.Length > 0).ToImmutableList();
        if (serials is { Count: > 0 } && serials.Count != Math.Abs(quantity))
            throw line.Required("serials").Error($"has {serials.Count} serial numbers for a quantity of {Text(quantity)}");
        return new WmsEventLine(sku, quantity, after, line.OptionalString("reasonCode"), line.OptionalString("lot"), expiry, serials is { Count: > 0 } ? serials : null);
    }

    private static DateTimeOffset Instant(PayloadNode node)
    {
        if (node.Kind == System.Text.Json.JsonValueKind.Number) return node.UnixTime();
        var text = node.String();
        // An instant needs its offset: a local time would be read in whatever zone this server runs in.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && HasOffset(text))
            return parsed;
        throw node.Error($"must be an ISO-8601 instant with its offset (2030-01-15T09:02:00Z) or unix seconds, was \"{Short(text)}\"");
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;

namespace ActorSync.Channels.Wms;

/// <summary>How Mintsoft's records name things ActorSync needs: the selling channel of an order.</summary>
/// <param name="Channels">Mintsoft <c>ChannelId</c> → ActorSync channel (<c>magento</c>, <c>bigcommerce</c>, …).</param>
/// <param name="DefaultChannel">The channel of an order whose <c>ChannelId</c> is not in <paramref name="Channels"/>.</param>
public sealed record MintsoftOptions(IReadOnlyDictionary<int, string> Channels, string? DefaultChannel);

/// <summary>
/// Mintsoft's webhook bodies into canonical <see cref="WmsEvent"/>s. There is no captured Mintsoft payload in
/// shared/fixtures; the field names come from these public sources:
/// <list type="bullet">
/// <item>Despatch "Connect action" (<c>ExtraCode1</c> URL): Mintsoft POSTs "the same Order JSON found on
///   GET /api/Order/{id}" (support.mintsoft.co.uk article 360028221732; help-mintsoft.theaccessgroup.com "API - Order
///   Webhook notifications"; channels.md §4.1).</item>
/// <item>That Order JSON is Mintsoft's swagger model <c>Toolkit.DataClasses.Orders.Order</c>, as generated into
///   gpl-ajackson/mintsoft-client-php <c>lib/Model/MintsoftOrdersOrder.php</c> (attributeMap, commit 42fa9e40):
///   <c>ID</c>, <c>OrderNumber</c>, <c>ExternalOrderReference</c>, <c>DespatchDate</c>, <c>LastUpdated</c>,
///   <c>WarehouseId</c>, <c>ChannelId</c>, <c>CourierServiceName</c>, <c>TrackingNumber</c>, <c>TrackingURL</c>,
///   <c>OrderItems</c>; its items (<c>Toolkit.DataClasses.Orders.OrderItem</c>, <c>lib/Model/MintsoftOrdersOrderItem.php</c>):
///   <c>SKU</c>, <c>Quantity</c>, <c>ID</c>.</item>
/// <item>ASN booked-in (<c>PUT /api/ASN/{id}/ConnectActions</c>, <c>ExtraCode1</c> URL, <c>ExtraCode4</c> the
///   <c>Authorization</c> value; fires only once fully booked in): the body is the <c>GET ASN</c> JSON
///   (support.mintsoft.co.uk article 360007488438; channels.md §4.1), swagger model <c>Toolkit.DataClasses.Stock.ASN</c>
///   (same repository, <c>docs/Model/ToolkitDataClassesStockASN.md</c> and <c>…StockASNItem.md</c>): <c>ID</c>,
///   <c>POReference</c>, <c>WarehouseId</c>, <c>BookedInDate</c>, <c>LastUpdated</c>, <c>Items</c> with <c>SKU</c>,
///   <c>QuantityExpected</c>, <c>QuantityReceieved</c> (Mintsoft's spelling), <c>QuantityBooked</c>.</item>
/// </list>
/// Dates: the swagger says date-time; a value without an offset is read as UK time (Mintsoft is a UK system, its
/// API runs on Europe/London) — an assumption, said in the README.
/// </summary>
public static class MintsoftParser
{
    public const string Channel = "mintsoft";

    private static readonly TimeZoneInfo UkTime = FindUkTime();

    /// <summary>Whether the body is an ASN (<c>POReference</c> or <c>Items</c> with no <c>OrderItems</c>) rather than an order.</summary>
    public static bool IsAsn(PayloadNode root) => root.IsObject && !root.Has("OrderItems") && (root.Has("POReference") || root.Has("ASNStatusId") || root.Has("Items"));

    /// <summary>The inbox key of a Mintsoft body: one despatch per Mintsoft order id, one booking-in per ASN id.</summary>
    public static (string Key, string Kind) InboxKeyOf(string json)
    {
        var root = PayloadNode.Parse(json, Channel);
        // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
        root.RequireObject();
        var id = root.Required("ID").Id();
        return IsAsn(root) ? ($"asn-booked-in:{id}", "mintsoft.asn-booked-in") : ($"order-despatched:{id}", "mintsoft.order-despatched");
    }

    public static WmsEvent Parse(string json, MintsoftOptions options)
    {
        var root = PayloadNode.Parse(json, Channel);
        // Stryker disable once Statement : equivalent, a non-object is no ASN and the despatch's first Required() refuses it with the same error
        root.RequireObject();
        return IsAsn(root) ? Asn(root) : Despatch(root, options);
    }

    /// <summary>
    /// The despatch webhook: the order becomes a <see cref="WmsEventKind.DispatchConfirmed"/> of its items. The
    /// selling channel's order id is <c>ExternalOrderReference</c> (else <c>OrderNumber</c>), which the merchant's
    /// integration sets when it creates the Mintsoft order; written as <c>magento:000000003</c> it names its channel
    /// itself, otherwise the channel comes from <c>ChannelId</c> (<see cref="MintsoftOptions"/>).
    /// </summary>
    private static WmsEvent Despatch(PayloadNode root, MintsoftOptions options)
    {
        var id = root.Required("ID").Id();
        var reference = root.OptionalString("ExternalOrderReference") ?? root.OptionalString("OrderNumber")
            ?? throw root.Error("has neither ExternalOrderReference nor OrderNumber (the selling channel's order id)");
        string orderRef;
        if (reference.IndexOf(':') is var colon and > 0 && colon < reference.Length - 1)
            orderRef = reference[..colon].ToLowerInvariant() + reference[colon..];
        else
        {
            var channelId = root.Optional("ChannelId")?.Int32();
            var channel = channelId is { } c && options.Channels.TryGetValue(c, out var mapped) ? mapped : options.DefaultChannel;
            if (string.IsNullOrEmpty(channel))
                throw new ChannelPayloadException(Channel, "$.ChannelId", $"is {(channelId?.ToString(CultureInfo.InvariantCulture) ?? "missing")}, which maps to no channel (Connectors:Mintsoft:Channels, or DefaultChannel)");
            orderRef = $"{channel}:{reference}";
        }

        var items = root.Required("OrderItems");
        var lines = items.Items().Select(item =>
        {
            // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
            item.RequireObject();
            var quantity = item.RequiredDecimal("Quantity");
            if (quantity <= 0) throw item.Required("Quantity").Error($"must be positive, was {quantity.ToString(CultureInfo.InvariantCulture)}");
            return new WmsEventLine(item.RequiredString("SKU").Trim(), quantity);
        }).ToImmutableList();
        if (lines.IsEmpty) throw items.Error("is empty (a despatch ships something)");

        var tracking = (root.OptionalString("TrackingNumber") ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableList();
        var url = root.OptionalString("TrackingURL");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _)) url = null;
        var carrier = root.OptionalString("CourierServiceName");
        return new WmsEvent($"MS-ORDER-{id}", WmsEventKind.DispatchConfirmed, When(root, "DespatchDate"), Warehouse(root), orderRef, lines,
            new WmsShipment(carrier, null, tracking, url));
    }

    /// <summary>The ASN booked-in webhook: the booked quantities become a <see cref="WmsEventKind.GoodsReceived"/> against <c>POReference</c>.</summary>
    private static WmsEvent Asn(PayloadNode root)
    {
        var id = root.Required("ID").Id();
        var items = root.Required("Items");
        var lines = ImmutableList.CreateBuilder<WmsEventLine>();
        foreach (var item in items.Items())
        {
            // Stryker disable once Statement : equivalent, the next Optional() checks for an object itself with the same error
            item.RequireObject();
            // What went into stock locations; an older body without it falls back to what was received.
            var booked = item.Optional("QuantityBooked")?.Decimal() ?? item.Optional("QuantityReceieved")?.Decimal()
                ?? throw new ChannelPayloadException(Channel, item.Path + ".QuantityBooked", "is missing (and so is QuantityReceieved)");
            if (booked < 0) throw item.Required(item.Has("QuantityBooked") ? "QuantityBooked" : "QuantityReceieved").Error("must not be negative");
            if (booked > 0) lines.Add(new WmsEventLine(item.RequiredString("SKU").Trim(), booked));
        }
        if (lines.Count == 0) throw items.Error("books nothing in (every QuantityBooked is 0)");
        return new WmsEvent($"MS-ASN-{id}", WmsEventKind.GoodsReceived, When(root, "BookedInDate"), Warehouse(root), root.OptionalString("POReference"), lines.ToImmutable());
    }

    private static string Warehouse(PayloadNode root) => root.Required("WarehouseId").Id();

    private static DateTimeOffset When(PayloadNode root, string field)
    {
        var node = root.Optional(field) ?? root.Optional("LastUpdated")
            ?? throw new ChannelPayloadException(Channel, "$." + field, "is missing (and so is LastUpdated)");
        var text = node.String();
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            // Stryker disable once Equality : equivalent, a text of exactly 40 characters is the same whole or cut to 40
            throw node.Error($"must be a date-time, was \"{(text.Length <= 40 ? text : text[..40])}\"");
        return parsed.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(parsed, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero),
            _ => new DateTimeOffset(parsed, UkTime.GetUtcOffset(parsed)),
        };
    }

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Channels.Json;
using ActorSync.Channels.Magento;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSync.Channels.Outbound;

/// <summary>
/// Creates a dispatch's shipment, with tracking, in Magento 2 (channels.md §1.5), at most once:
/// <list type="number">
/// <item>finds the order by <c>increment_id</c> (<c>GET /V1/orders?searchCriteria…</c>), giving its <c>entity_id</c>;</item>
/// <item>reads the order's shipments (<c>GET /V1/shipments?searchCriteria…order_id</c>); one whose comment carries
///   the <see cref="ShipmentMarker"/> is this dispatch's, created by an earlier attempt → Published(AlreadyThere);</item>
/// <item>maps each SKU to the order row that ships it (a configurable's parent row, never its child, §5.9) and checks
///   the quantity left to ship (ordered − max(shipped, refunded) − canceled);</item>
/// <item><c>POST /V1/order/{entity_id}/ship</c> once, with <c>items</c>, <c>notify</c>, the marker as comment and the
///   track; the answer is the shipment id.</item>
/// </list>
/// Reads are retried on transient failures; the POST never is. A POST without an answer is Failed: the next attempt's
/// step 2 finds the shipment if it was made.
/// </summary>
public sealed class MagentoShipmentPublisher : IShipmentPublisher
{
    private const int ShipmentsPageSize = 100;
    private const int MaxShipmentPages = 50;

    private readonly OutboundHttp _http;

    /// <param name="httpClient">Used as given (its own timeout and handler apply too); it needs no base address.</param>
    /// <param name="options">Validated here: an <see cref="ArgumentException"/> names the bad key.</param>
    public MagentoShipmentPublisher(HttpClient httpClient, MagentoOutboundOptions options, ILogger<MagentoShipmentPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var authorization = options.Authorization();
        _http = new OutboundHttp(Channel, httpClient, options.RestRoot, authorization.Apply, authorization.Secrets,
            options.RequestTimeout, options.ReadAttempts, options.ReadRetryDelay, (ILogger?)logger ?? NullLogger.Instance);
    }

    public string Channel => MagentoOrderParser.Channel;

    public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return _http.RunAsync(notice, () => PublishCoreAsync(notice, ct), ct);
    }

    private const string Unauthorized =
        "check the integration's credentials and its resources (Sales › Operations › Orders › Actions › Ship); with AuthMode OAuth1 all four (consumer key and secret, access token and secret) and the clocks of both sides within minutes; Magento 2.4.4+ accepts an integration token as a bearer token (AuthMode Bearer) only with Stores › Configuration › Services › OAuth › Consumer Settings › \"Allow OAuth Access Tokens to be used as standalone Bearer tokens\" = Yes";

    private async Task<ShipmentPublishOutcome> PublishCoreAsync(ShipmentNotice notice, CancellationToken ct)
    {
        var lines = NoticeChecks.Lines(notice, Channel);
        var order = await FindOrderAsync(notice.OrderExternalId, ct).ConfigureAwait(false);

        if (await FindOurShipmentAsync(order, notice.DispatchId, ct).ConfigureAwait(false) is { } existing)
            return new ShipmentPublishOutcome.Published(existing, AlreadyThere: true);

        var items = Plan(order, lines, notice.DispatchId);
        var reply = await _http.PostOnceAsync($"V1/order/{order.EntityId}/ship", ShipBody(items, notice), ct).ConfigureAwait(false);
        if (!reply.IsSuccess)
            return _http.Classify(reply, mayHaveCreated: true, notFound: $"magento has no order with entity_id {order.EntityId} (increment_id {order.IncrementId}) to ship", unauthorized: Unauthorized);

        // The answer is the shipment id, a bare number (or, on some versions, a quoted one).
        var text = reply.Body.Trim().Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new ShipmentPublishOutcome.Published(id.ToString(CultureInfo.InvariantCulture), AlreadyThere: false)
            : new ShipmentPublishOutcome.Failed(_http.Redact(
                $"magento answered the ship request of order {order.IncrementId} with {reply.Status} but not with a shipment id ({OutboundHttp.ErrorText(reply.Body)}); the shipment may exist, the next attempt looks for it"), null);
    }

    private sealed record Row(long ItemId, string Sku, long? ParentItemId, string? ProductType, bool Virtual, decimal Ordered, decimal Shipped, decimal Refunded, decimal Canceled)
    {
        public decimal ToShip => Math.Max(0, Ordered - Math.Max(Shipped, Refunded) - Canceled);
    }

    private sealed record OrderFound(long EntityId, string IncrementId, IReadOnlyList<Row> Rows);

    private async Task<OrderFound> FindOrderAsync(string incrementId, CancellationToken ct)
    {
        var query = "V1/orders?" + Filter("increment_id", incrementId) + "&searchCriteria[pageSize]=5";
        var reply = await _http.GetAsync(query, ct).ConfigureAwait(false);
        if (!reply.IsSuccess)
            throw new OutcomeException(_http.Classify(reply, mayHaveCreated: false, unauthorized: Unauthorized));
        var found = _http.ReadJson(reply).RequireObject().Required("items").Items().ToList();
        if (found.Count == 0)
            throw new OutcomeException(new ShipmentPublishOutcome.Rejected($"magento has no order with increment_id {incrementId}."));
        if (found.Count > 1)
            throw new OutcomeException(new ShipmentPublishOutcome.Rejected(
                $"magento has {found.Count} orders with increment_id {incrementId} (entity_id {string.Join(", ", found.Select(o => o.Optional("entity_id")?.Id() ?? "?"))}, one per store?); which one shipped cannot be told."));

        var order = found[0].RequireObject();
        var rows = order.Required("items").Items().Select(item =>
        {
            item.RequireObject();
            return new Row(
                item.Required("item_id").Int64(),
                item.RequiredString("sku"),
                item.Optional("parent_item_id")?.Int64(),
                item.OptionalString("product_type"),
                item.Optional("is_virtual")?.Flag() ?? false,
                item.RequiredDecimal("qty_ordered"),
                item.OptionalDecimal("qty_shipped"),
                item.OptionalDecimal("qty_refunded"),
                item.OptionalDecimal("qty_canceled"));
        }).ToList();
        return new OrderFound(order.Required("entity_id").Int64(), incrementId, rows);
    }

    /// <summary>The id of the order's shipment that carries this dispatch's marker, or null. Pages by
    /// <c>total_count</c> (an old Magento repeats the last page past the end, channels.md §1.2).</summary>
    private async Task<string?> FindOurShipmentAsync(OrderFound order, string dispatchId, CancellationToken ct)
    {
        var seen = 0;
        for (var page = 1; page <= MaxShipmentPages; page++)
        {
            var query = "V1/shipments?" + Filter("order_id", order.EntityId.ToString(CultureInfo.InvariantCulture)) +
                        string.Create(CultureInfo.InvariantCulture, $"&searchCriteria[pageSize]={ShipmentsPageSize}&searchCriteria[currentPage]={page}");
            var reply = await _http.GetAsync(query, ct).ConfigureAwait(false);
            if (!reply.IsSuccess)
                throw new OutcomeException(_http.Classify(reply, mayHaveCreated: false, unauthorized: Unauthorized));
            var root = _http.ReadJson(reply).RequireObject();
            var shipments = root.Required("items").Items().ToList();
            foreach (var shipment in shipments)
            {
                shipment.RequireObject();
                var comments = shipment.Optional("comments")?.Items() ?? [];
                if (comments.Any(c => c.IsObject && ShipmentMarker.Marks(c.Optional("comment") is { Kind: JsonValueKind.String } text ? text.String() : null, dispatchId)))
                    return shipment.Required("entity_id").Id();
            }

            seen += shipments.Count;
            var total = root.Optional("total_count")?.Int32() ?? seen;
            if (shipments.Count == 0 || seen >= total)
                return null;
        }

        throw new OutcomeException(new ShipmentPublishOutcome.Rejected(
            $"magento order {order.IncrementId} has more than {MaxShipmentPages * ShipmentsPageSize} shipments; the publisher does not look further."));
    }

    /// <summary>Order rows and quantities to ship, or Rejected naming every SKU that cannot ship.</summary>
    private static List<(long ItemId, decimal Qty)> Plan(OrderFound order, IReadOnlyList<(string Sku, decimal Quantity)> lines, string dispatchId)
    {
        var byId = order.Rows.ToDictionary(r => r.ItemId);
        var planned = new Dictionary<long, decimal>();
        var problems = new List<string>();
        foreach (var (sku, quantity) in lines)
        {
            // A configurable product is two rows with one SKU: the priced parent and a child with parent_item_id.
            // The parent is what ships (its child follows), so a child row stands for its configurable parent.
            var rows = order.Rows
                .Where(r => r.Sku == sku)
                .Select(r => r.ParentItemId is { } parent && byId.TryGetValue(parent, out var p) && p.ProductType == "configurable" ? p : r)
                .DistinctBy(r => r.ItemId)
                .OrderBy(r => r.ParentItemId is null ? 0 : 1)
                .ToList();
            if (rows.Count == 0)
            {
                problems.Add($"SKU {sku} is not on the order");
                continue;
            }

            if (rows.All(r => r.Virtual || r.ProductType is "virtual" or "downloadable"))
            {
                problems.Add($"SKU {sku} is virtual on the order and does not ship");
                continue;
            }

            var left = quantity;
            foreach (var row in rows.Where(r => !r.Virtual && r.ProductType is not ("virtual" or "downloadable")))
            {
                var take = Math.Min(left, row.ToShip - planned.GetValueOrDefault(row.ItemId));
                if (take <= 0)
                    continue;
                planned[row.ItemId] = planned.GetValueOrDefault(row.ItemId) + take;
                left -= take;
                if (left == 0)
                    break;
            }

            if (left > 0)
            {
                var first = rows[0];
                problems.Add(rows.Count == 1
                    ? $"SKU {sku}: {Qty(quantity)} dispatched but only {Qty(first.ToShip)} left to ship (ordered {Qty(first.Ordered)}, shipped {Qty(first.Shipped)}, refunded {Qty(first.Refunded)}, canceled {Qty(first.Canceled)})"
                    : $"SKU {sku}: {Qty(quantity)} dispatched but only {Qty(rows.Sum(r => r.ToShip))} left to ship over its {rows.Count} rows");
            }
        }

        if (problems.Count > 0)
            throw new OutcomeException(new ShipmentPublishOutcome.Rejected(
                $"magento order {order.IncrementId} cannot take dispatch {dispatchId}: {string.Join("; ", problems)}."));
        return planned.Select(p => (p.Key, p.Value)).ToList();
    }

    private static string ShipBody(List<(long ItemId, decimal Qty)> items, ShipmentNotice notice)
    {
        var body = new JsonObject
        {
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["order_item_id"] = i.ItemId, ["qty"] = i.Qty }).ToArray()),
            ["notify"] = true,
            // Not shown to the customer: it is how the next attempt recognises this dispatch's shipment.
            ["comment"] = new JsonObject { ["comment"] = ShipmentMarker.For(notice.DispatchId), ["is_visible_on_front"] = 0 },
        };
        if (!string.IsNullOrWhiteSpace(notice.TrackingNumber))
        {
            var carrier = string.IsNullOrWhiteSpace(notice.Carrier) ? null : notice.Carrier.Trim();
            body["tracks"] = new JsonArray(new JsonObject
            {
                ["track_number"] = notice.TrackingNumber.Trim(),
                ["title"] = carrier ?? "Carrier",
                ["carrier_code"] = CarrierNames.MagentoCarrierCode(carrier),
            });
        }

        return body.ToJsonString();
    }

    private static string Filter(string field, string value) =>
        $"searchCriteria[filter_groups][0][filters][0][field]={field}" +
        $"&searchCriteria[filter_groups][0][filters][0][value]={Uri.EscapeDataString(value)}" +
        "&searchCriteria[filter_groups][0][filters][0][condition_type]=eq";

    private static string Qty(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

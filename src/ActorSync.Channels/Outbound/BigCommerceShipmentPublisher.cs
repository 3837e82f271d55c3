using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSync.Channels.Outbound;

/// <summary>
/// Creates a dispatch's shipment, with tracking, in BigCommerce (channels.md §2.5), at most once:
/// <list type="number">
/// <item>reads the order's shipments (<c>GET /v2/orders/{id}/shipments</c>; 204 = none, 404 = no such order); one
///   whose <c>comments</c> carry the <see cref="ShipmentMarker"/> is this dispatch's → Published(AlreadyThere);</item>
/// <item>reads the order's products (<c>order_product_id</c> by SKU, quantity left = quantity − quantity_shipped)
///   and shipping addresses (<c>order_address_id</c>);</item>
/// <item><c>POST /v2/orders/{id}/shipments</c> once with <c>order_address_id</c>, <c>items</c>,
///   <c>tracking_number</c> (≤ 50 characters), <c>shipping_provider</c> (a documented value, else "" with the carrier
///   as <c>tracking_carrier</c>) and the marker as <c>comments</c>; 201 answers the shipment with its <c>id</c>.</item>
/// </list>
/// 429 is Failed with <c>X-Rate-Limit-Time-Reset-Ms</c> as RetryAfter (§2.2). Reads are retried on other transient
/// failures; the POST never is: without an answer it is Failed, and the next attempt's step 1 finds what it made.
/// </summary>
public sealed class BigCommerceShipmentPublisher : IShipmentPublisher
{
    /// <summary>v2's largest page (channels.md §2.4).</summary>
    private const int PageSize = 250;
    private const int MaxPages = 20;
    public const int MaxTrackingNumberLength = 50;

    private const string Unauthorized = "check the API account's access token, its store hash and its Orders scope (modify)";

    private readonly OutboundHttp _http;

    /// <param name="httpClient">Used as given (its own timeout and handler apply too); it needs no base address.</param>
    /// <param name="options">Validated here: an <see cref="ArgumentException"/> names the bad key.</param>
    public BigCommerceShipmentPublisher(HttpClient httpClient, BigCommerceOutboundOptions options, ILogger<BigCommerceShipmentPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var token = options.AccessToken;
        _http = new OutboundHttp(Channel, httpClient, options.ApiRoot,
            request => request.Headers.TryAddWithoutValidation("X-Auth-Token", token), [token],
            options.RequestTimeout, options.ReadAttempts, options.ReadRetryDelay, (ILogger?)logger ?? NullLogger.Instance);
    }

    public string Channel => BigCommerceOrderParser.Channel;

    public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return _http.RunAsync(notice, () => PublishCoreAsync(notice, ct), ct);
    }

    private async Task<ShipmentPublishOutcome> PublishCoreAsync(ShipmentNotice notice, CancellationToken ct)
    {
        var lines = NoticeChecks.Lines(notice, Channel);
        if (!long.TryParse(notice.OrderExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) || orderId <= 0)
            return new ShipmentPublishOutcome.Rejected($"bigcommerce order ids are whole numbers; '{notice.OrderExternalId}' is not one.");
        var tracking = string.IsNullOrWhiteSpace(notice.TrackingNumber) ? null : notice.TrackingNumber.Trim();
        if (tracking is { Length: > MaxTrackingNumberLength })
            return new ShipmentPublishOutcome.Rejected(
                $"bigcommerce takes tracking numbers of at most {MaxTrackingNumberLength} characters; dispatch {notice.DispatchId} of order {orderId} has one of {tracking.Length} ({tracking[..20]}…).");
        foreach (var (sku, quantity) in lines)
        {
            if (quantity != decimal.Truncate(quantity))
                return new ShipmentPublishOutcome.Rejected($"bigcommerce ships whole units; dispatch {notice.DispatchId} of order {orderId} has {quantity} of SKU {sku}.");
        }

        var notFound = $"bigcommerce has no order {orderId}";
        var shipments = await ListAsync(orderId, "shipments", notFound, ct).ConfigureAwait(false);
        foreach (var shipment in shipments)
        {
            shipment.RequireObject();
            if (ShipmentMarker.Marks(shipment.Optional("comments") is { Kind: JsonValueKind.String } c ? c.String() : null, notice.DispatchId))
                return new ShipmentPublishOutcome.Published(shipment.Required("id").Id(), AlreadyThere: true);
        }

        var products = (await ListAsync(orderId, "products", notFound, ct).ConfigureAwait(false)).Select(p =>
        {
            p.RequireObject();
            var address = p.Optional("order_address_id")?.Int64();
            return new Product(p.Required("id").Int64(), p.RequiredString("sku"), p.Required("quantity").Int64(),
                p.Optional("quantity_shipped")?.Int64() ?? 0, address is 0 ? null : address,
                p.Optional("is_bundled_product")?.Flag() ?? false);
        }).ToList();
        var addresses = (await ListAsync(orderId, "shipping_addresses", notFound, ct).ConfigureAwait(false))
            .Select(a => a.RequireObject().Required("id").Int64()).ToList();

        var (addressId, items) = Plan(orderId, notice.DispatchId, lines, products, addresses);
        var reply = await _http.PostOnceAsync($"orders/{orderId}/shipments", ShipmentBody(addressId, items, notice, tracking), ct).ConfigureAwait(false);
        if (!reply.IsSuccess)
            return _http.Classify(reply, mayHaveCreated: true, notFound, Unauthorized);
        try
        {
            var created = _http.ReadJson(reply);
            if (created.IsArray)
                created = created.Items().First();
            return new ShipmentPublishOutcome.Published(created.RequireObject().Required("id").Id(), AlreadyThere: false);
        }
        catch (Exception unreadable) when (unreadable is OutcomeException or ChannelPayloadException or InvalidOperationException)
        {
            // Created (2xx) but unreadable: say so; the next attempt finds the shipment by its marker.
            return new ShipmentPublishOutcome.Failed(_http.Redact(
                $"bigcommerce answered the shipment POST of order {orderId} with {reply.Status} but without a readable shipment id ({OutboundHttp.ErrorText(reply.Body)}); the shipment may exist, the next attempt looks for it"), null);
        }
    }

    private sealed record Product(long Id, string Sku, long Quantity, long Shipped, long? AddressId, bool Bundled)
    {
        public long Left => Math.Max(0, Quantity - Shipped);
    }

    /// <summary>Every row of a v2 sub-resource list, page by page; 204 (no body) is an empty list (channels.md §2.4).</summary>
    private async Task<List<PayloadNode>> ListAsync(long orderId, string resource, string notFound, CancellationToken ct)
    {
        var rows = new List<PayloadNode>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var reply = await _http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"orders/{orderId}/{resource}?page={page}&limit={PageSize}"), ct).ConfigureAwait(false);
            if (!reply.IsSuccess)
                throw new OutcomeException(_http.Classify(reply, mayHaveCreated: false, notFound, Unauthorized));
            if (reply.Status == (int)HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(reply.Body))
                return rows;
            var batch = _http.ReadJson(reply).Items().ToList();
            rows.AddRange(batch);
            if (batch.Count < PageSize)
                return rows;
        }

        throw new OutcomeException(new ShipmentPublishOutcome.Rejected(
            $"bigcommerce order {orderId} has more than {MaxPages * PageSize} {resource}; the publisher does not look further."));
    }

    private static (long AddressId, List<(long ProductId, long Quantity)> Items) Plan(
        long orderId, string dispatchId, IReadOnlyList<(string Sku, decimal Quantity)> lines, List<Product> products, List<long> addresses)
    {
        var planned = new Dictionary<long, long>();
        var problems = new List<string>();
        foreach (var (sku, quantity) in lines)
        {
            // Top-level products before bundled ones of the same SKU.
            var rows = products.Where(p => p.Sku == sku).OrderBy(p => p.Bundled ? 1 : 0).ToList();
            if (rows.Count == 0)
            {
                problems.Add($"SKU {sku} is not on the order");
                continue;
            }

            var left = (long)quantity;
            foreach (var row in rows)
            {
                var take = Math.Min(left, row.Left - planned.GetValueOrDefault(row.Id));
                if (take <= 0)
                    continue;
                planned[row.Id] = planned.GetValueOrDefault(row.Id) + take;
                left -= take;
                if (left == 0)
                    break;
            }

            if (left > 0)
            {
                problems.Add($"SKU {sku}: {(long)quantity} dispatched but only {rows.Sum(r => r.Left)} left to ship " +
                             $"(ordered {rows.Sum(r => r.Quantity)}, shipped {rows.Sum(r => r.Shipped)})");
            }
        }

        long? addressId = null;
        if (problems.Count == 0)
        {
            var named = planned.Keys.Select(id => products.First(p => p.Id == id).AddressId).OfType<long>().Distinct().ToList();
            if (addresses.Count == 0)
                problems.Add("the order has no shipping address (a digital order?)");
            else if (named.Count > 1)
                problems.Add($"its products ship to {named.Count} addresses ({string.Join(", ", named)}); BigCommerce takes one shipment per address");
            else if (named.Count == 1 && !addresses.Contains(named[0]))
                problems.Add($"its products name shipping address {named[0]}, which is not among the order's ({string.Join(", ", addresses)})");
            else if (named.Count == 0 && addresses.Count > 1)
                problems.Add($"the order has {addresses.Count} shipping addresses and its products name none");
            else
                addressId = named.Count == 1 ? named[0] : addresses[0];
        }

        if (problems.Count > 0 || addressId is null)
            throw new OutcomeException(new ShipmentPublishOutcome.Rejected(
                $"bigcommerce order {orderId} cannot take dispatch {dispatchId}: {string.Join("; ", problems)}."));
        return (addressId.Value, planned.Select(p => (p.Key, p.Value)).ToList());
    }

    private static string ShipmentBody(long addressId, List<(long ProductId, long Quantity)> items, ShipmentNotice notice, string? tracking)
    {
        var body = new JsonObject
        {
            ["order_address_id"] = addressId,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["order_product_id"] = i.ProductId, ["quantity"] = i.Quantity }).ToArray()),
        };
        if (tracking is not null)
            body["tracking_number"] = tracking;
        var carrier = string.IsNullOrWhiteSpace(notice.Carrier) ? null : notice.Carrier.Trim();
        if (carrier is not null)
        {
            var provider = CarrierNames.BigCommerceProvider(carrier);
            body["shipping_provider"] = provider;
            if (provider.Length == 0 && CarrierNames.AfterShipSlug(carrier) is { Length: > 0 } slug)
                body["tracking_carrier"] = slug;
        }

        body["comments"] = ShipmentMarker.For(notice.DispatchId);
        return body.ToJsonString();
    }
}

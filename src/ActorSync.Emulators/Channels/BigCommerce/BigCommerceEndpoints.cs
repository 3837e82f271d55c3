using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>HTTP wiring of the BigCommerce emulator: <c>/stores/{store_hash}/v2/…</c>, plus the control API.</summary>
public static class BigCommerceEndpoints
{
    /// <summary>
    /// Maps the emulator: <c>GET /v2/orders/{id}</c>, <c>GET …/products</c>, <c>GET …/shipping_addresses</c> (also
    /// <c>…/shippingaddresses</c>, the spelling of the order's link objects), <c>GET</c>/<c>POST …/shipments</c>,
    /// <c>GET …/shipments/{id}</c>; and <c>GET /__emulator/stats</c>, <c>POST /__emulator/faults</c>,
    /// <c>POST /__emulator/reset</c>, <c>POST /__emulator/orders</c> (<c>{"order","products","shipping_addresses"}</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapBigCommerceEmulator(this IEndpointRouteBuilder endpoints, BigCommerceEmulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        endpoints.Map("/stores/{hash}/v2/{**path}", context => HandleAsync(context, state, "v2"));
        endpoints.Map("/stores/{hash}/v3/{**path}", context => HandleAsync(context, state, "v3"));
        MapWebhookControl(endpoints, state);
        ChannelEmulatorHost.MapControl(endpoints, state.GetStats, state.ApplyFaults, state.Reset, json => Seed(state, json));
        ChannelEmulatorHost.MapInventoryControl(endpoints, state.Inventory);
        return endpoints;
    }

    internal static (int Status, string Json) Seed(BigCommerceEmulatorState state, string json) =>
        ChannelEmulatorHost.Seed(json, "an object {\"order\":…,\"products\":[…],\"shipping_addresses\":[…]}", state.Store.Seed,
            seed => new JsonObject { ["id"] = seed["order"]!["id"]!.DeepClone() });

    private static async Task HandleAsync(HttpContext context, BigCommerceEmulatorState state, string version)
    {
        var route = ((string?)context.Request.RouteValues["path"] ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method.ToUpperInvariant();
        var name = version == "v3" ? V3RouteName(method, route) : RouteName(method, route);
        state.Counters.Request($"{method} {name}");

        if (state.Faults.CurrentOutage() is { } outage)
        {
            state.Counters.Outage();
            await ChannelEmulatorHost.WriteAsync(context, outage, ChannelEmulatorHost.OutagePage(outage), "text/html; charset=UTF-8").ConfigureAwait(false);
            return;
        }

        if (state.Faults.LatencyMs is > 0 and var latency)
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);

        if (!string.Equals((string?)context.Request.RouteValues["hash"], state.Options.StoreHash, StringComparison.Ordinal))
        {
            await Reply(context, BigCommerceStore.NotFound).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.Headers["X-Auth-Token"].ToString(), state.Options.AccessToken, StringComparison.Ordinal))
        {
            state.Counters.Unauthorized();
            await Reply(context, BigCommerceStore.Fail(401, "You are not authorized to access this resource: the X-Auth-Token is missing or invalid.")).ConfigureAwait(false);
            return;
        }

        // Every authorised answer carries the quota headers (channels.md §2.2).
        var quota = state.RateLimiter.Take();
        var headers = context.Response.Headers;
        headers["X-Rate-Limit-Time-Window-Ms"] = quota.WindowMs.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Time-Reset-Ms"] = quota.ResetMs.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Requests-Quota"] = quota.Quota.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Requests-Left"] = quota.Left.ToString(CultureInfo.InvariantCulture);
        if (!quota.Allowed)
        {
            state.Counters.RateLimited();
            await Reply(context, BigCommerceStore.Fail(429, "You have exceeded the rate limit for this store. Retry after the time in X-Rate-Limit-Time-Reset-Ms.")).ConfigureAwait(false);
            return;
        }

        if (version == "v3" && BigCommerceCatalogue.Handles(method, route))
        {
            var written = state.Catalogue.Handle(method, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                method == "GET" ? "" : await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
            if (written.Status == 200 && method != "GET" && state.Faults.ConsumeResponseDrop())
            {
                // Applied, but the caller never hears of it.
                state.Counters.Dropped();
                context.Abort();
                return;
            }

            await Reply(context, written).ConfigureAwait(false);
            return;
        }

        var orderId = route.Length >= 2 && route[0] == "orders" ? Id(route[1]) : null;
        BigCommerceReply reply;
        switch (name)
        {
            case "/v2/orders" when method == "GET":
            {
                var (page, limit, error) = Paging(context.Request.Query);
                DateTimeOffset? since = null;
                if (error is null && context.Request.Query.TryGetValue("min_date_modified", out var text))
                    since = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                        ? at
                        : null;
                if (error is null && context.Request.Query.ContainsKey("min_date_modified") && since is null)
                    error = "The field 'min_date_modified' is invalid: use an RFC-2822 or ISO-8601 date.";
                reply = error is not null ? BigCommerceStore.Fail(400, error) : state.Store.ListOrders(since, page, limit);
                break;
            }

            case "/v3/orders/{id}/payment_actions/refunds":
                reply = orderId is { } refunded ? state.Store.GetRefunds(refunded) : BigCommerceStore.NotFound;
                break;
            case "/v3/hooks" when method == "GET":
                reply = new BigCommerceReply(200, state.Webhooks.List());
                break;
            case "/v3/hooks" when method == "POST":
            {
                var (status, json) = state.Webhooks.Create(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
                reply = new BigCommerceReply(status, json);
                break;
            }

            case "/v3/hooks/{id}" when method == "PUT" && Id(route[1]) is { } hookId:
            {
                var (status, json) = state.Webhooks.Update(hookId, await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
                reply = new BigCommerceReply(status, json);
                break;
            }

            case "/v3/inventory/adjustments/absolute":
            {
                reply = BigCommerceInventory.Adjust(state.Inventory, await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
                if (reply.Status == 200 && state.Faults.ConsumeResponseDrop())
                {
                    // Applied, but the caller never hears of it.
                    state.Counters.Dropped();
                    context.Abort();
                    return;
                }

                if (reply.Status is >= 400 and < 500) state.Inventory.Refused();
                break;
            }

            case "/v3/inventory/locations/{id}/items":
                reply = BigCommerceInventory.LocationItems(state.Inventory, route[2], context.Request.Query["sku:in"].ToString() is { Length: > 0 } skus ? skus : null,
                    int.TryParse(context.Request.Query["page"], out var itemsPage) ? itemsPage : 1, int.TryParse(context.Request.Query["limit"], out var itemsLimit) ? itemsLimit : 50);
                break;
            case "/v2/orders/{id}":
                reply = orderId is { } id ? state.Store.GetOrder(id) : BigCommerceStore.NotFound;
                break;
            case "/v2/orders/{id}/products" or "/v2/orders/{id}/shipping_addresses" or "/v2/orders/{id}/shipments" when method == "GET":
            {
                var (page, limit, error) = Paging(context.Request.Query);
                reply = error is not null ? BigCommerceStore.Fail(400, error)
                    : orderId is { } listed ? state.Store.List(listed, name.Split('/')[^1], page, limit)
                    : BigCommerceStore.NotFound;
                break;
            }

            case "/v2/orders/{id}/shipments":
            {
                var body = await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false);
                reply = orderId is { } shipped ? state.Store.CreateShipment(shipped, body) : BigCommerceStore.NotFound;
                if (reply.CreatedShipment)
                {
                    state.Counters.Created();
                    var created = JsonNode.Parse(reply.Json!)!;
                    state.Webhooks.Fire("store/shipment/created", new JsonObject { ["type"] = "shipment", ["id"] = created["id"]!.GetValue<long>(), ["orderId"] = orderId!.Value });
                    if (state.Faults.ConsumeDrop())
                    {
                        // Committed, but the caller never hears of it.
                        state.Counters.Dropped();
                        context.Abort();
                        return;
                    }
                }
                else if (reply.Status is >= 400 and < 500)
                {
                    state.Counters.Refused();
                }

                break;
            }

            case "/v2/orders/{id}/shipments/{shipment_id}":
                reply = orderId is { } oid && Id(route[3]) is { } sid ? state.Store.GetShipment(oid, sid) : BigCommerceStore.NotFound;
                break;
            default:
                reply = BigCommerceStore.NotFound;
                break;
        }

        await Reply(context, reply).ConfigureAwait(false);
    }

    private static string V3RouteName(string method, string[] route) => (method, route) switch
    {
        (_, ["hooks"]) => "/v3/hooks",
        ("PUT", ["inventory", "adjustments", "absolute"]) => "/v3/inventory/adjustments/absolute",
        ("GET", ["inventory", "locations", _, "items"]) => "/v3/inventory/locations/{id}/items",
        (_, ["catalog", "products"]) => "/v3/catalog/products",
        (_, ["hooks", _]) => "/v3/hooks/{id}",
        ("GET", ["orders", _, "payment_actions", "refunds"]) => "/v3/orders/{id}/payment_actions/refunds",
        _ => "/v3/" + string.Join('/', route),
    };

    /// <summary>
    /// Control of the store's events: <c>POST /__emulator/generate</c> <c>{"count":n,"statuses":[11,0,5]}</c> creates orders
    /// and fires their hooks; <c>POST /__emulator/orders/{id}/refund</c> <c>{"items":[{"order_product_id":1,"quantity":1}]}</c>;
    /// <c>POST /__emulator/orders/{id}/status</c> <c>{"status_id":5}</c>; <c>GET /__emulator/webhooks</c> the delivery stats.
    /// </summary>
    private static void MapWebhookControl(IEndpointRouteBuilder endpoints, BigCommerceEmulatorState state)
    {
        endpoints.MapGet("/__emulator/webhooks", () => Results.Json(state.Webhooks.GetStats()));
        endpoints.MapPost("/__emulator/generate", async (HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            var count = body["count"]?.GetValue<int>() ?? 1;
            int[]? statuses = body["statuses"] is JsonArray list ? list.Select(n => n!.GetValue<int>()).ToArray() : null;
            var ids = state.Generate(count, statuses);
            return Results.Json(new { created = ids });
        });
        endpoints.MapPost("/__emulator/orders/{id:long}/refund", async (long id, HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            var items = (body["items"] as JsonArray ?? []).Select(i => (i!["order_product_id"]!.GetValue<long>(), i["quantity"]!.GetValue<int>())).ToList();
            var (refundId, problem) = state.Refund(id, items);
            return problem is null ? Results.Json(new { refund_id = refundId }) : Results.BadRequest(new { error = problem });
        });
        endpoints.MapPost("/__emulator/orders/{id:long}/status", async (long id, HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            return state.SetStatus(id, body["status_id"]?.GetValue<int>() ?? 0) ? Results.Ok() : Results.NotFound();
        });
    }

    private static string RouteName(string method, string[] route) => (method, route) switch
    {
        ("GET", ["orders"]) => "/v2/orders",
        ("GET", ["orders", _]) => "/v2/orders/{id}",
        ("GET", ["orders", _, "products"]) => "/v2/orders/{id}/products",
        ("GET", ["orders", _, "shipping_addresses" or "shippingaddresses"]) => "/v2/orders/{id}/shipping_addresses",
        ("GET" or "POST", ["orders", _, "shipments"]) => "/v2/orders/{id}/shipments",
        ("GET", ["orders", _, "shipments", _]) => "/v2/orders/{id}/shipments/{shipment_id}",
        _ => "/v2/" + string.Join('/', route),
    };

    /// <summary><c>page</c> (from 1) and <c>limit</c> (1–250, default 50), channels.md §2.4.</summary>
    private static (int Page, int Limit, string? Error) Paging(IQueryCollection query)
    {
        var page = 1;
        var limit = 50;
        if (query.TryGetValue("page", out var p) && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            return (0, 0, "The field 'page' is invalid: it must be a whole number of at least 1.");
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 250))
            return (0, 0, "The field 'limit' is invalid: it must be a whole number from 1 to 250.");
        return (page, limit, null);
    }

    private static long? Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static Task Reply(HttpContext context, BigCommerceReply reply) =>
        ChannelEmulatorHost.WriteAsync(context, reply.Status, reply.Json);
}

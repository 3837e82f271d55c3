using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>HTTP wiring of the Magento emulator: <c>/rest/V1/…</c> and <c>/rest/{store_code}/V1/…</c>, plus the control API.</summary>
public static class MagentoEndpoints
{
    /// <summary>
    /// Maps the emulator: <c>GET /V1/orders</c> (search), <c>GET /V1/orders/{id}</c>, <c>GET /V1/shipments</c>
    /// (search), <c>GET /V1/shipment/{id}</c>, <c>POST /V1/order/{id}/ship</c>, <c>GET /V1/creditmemos</c> (search),
    /// <c>GET /V1/creditmemo/{id}</c>, <c>POST /V1/order/{id}/refund</c>, under <c>/rest/</c> with or without a store
    /// code; and <c>GET /__emulator/stats</c>, <c>POST /__emulator/faults</c>, <c>POST /__emulator/reset</c>,
    /// <c>POST /__emulator/orders</c> (an order in the <c>GET /V1/orders/{id}</c> shape), <c>POST /__emulator/generate</c>
    /// (<c>{"count":n,"states":["processing","new"]}</c>), <c>POST /__emulator/orders/{id}/state</c>
    /// (<c>{"state":"holded"}</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapMagentoEmulator(this IEndpointRouteBuilder endpoints, MagentoEmulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        endpoints.Map("/rest/{**path}", context => HandleAsync(context, state));
        ChannelEmulatorHost.MapControl(endpoints, state.GetStats, state.ApplyFaults, state.Reset, json => Seed(state, json));
        ChannelEmulatorHost.MapInventoryControl(endpoints, state.Inventory);
        endpoints.MapPost("/__emulator/generate", async context =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false) is { Length: > 0 } text ? text : "{}") as JsonObject ?? [];
            var count = Math.Clamp(MagentoStore.Long(body["count"]) ?? 1, 1, 10_000);
            var states = (body["states"] as JsonArray)?.Select(n => (string?)n).OfType<string>().ToList();
            var ids = state.Generate((int)count, states);
            await ChannelEmulatorHost.WriteAsync(context, 201, new JsonObject { ["entity_ids"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) }.ToJsonString()).ConfigureAwait(false);
        });
        endpoints.MapPost("/__emulator/orders/{id:long}/state", async (HttpContext context, long id) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject;
            var next = (string?)body?["state"];
            var ok = next is not null && state.SetState(id, next, (string?)body?["status"]);
            await ChannelEmulatorHost.WriteAsync(context, ok ? 204 : 404, ok ? null : ChannelEmulatorHost.ControlError($"No order {id}, or no state given.")).ConfigureAwait(false);
        });
        return endpoints;
    }

    internal static (int Status, string Json) Seed(MagentoEmulatorState state, string json) =>
        ChannelEmulatorHost.Seed(json, "a JSON object in the GET /V1/orders/{id} shape", state.Store.Seed,
            order => new JsonObject { ["entity_id"] = order["entity_id"]!.DeepClone(), ["increment_id"] = order["increment_id"]!.DeepClone() });

    private static async Task HandleAsync(HttpContext context, MagentoEmulatorState state)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        // rest/V1/... or rest/<store_code>/V1/...
        var v1 = segments.Length > 1 && segments[1] == "V1" ? 1 : segments.Length > 2 && segments[2] == "V1" ? 2 : -1;
        var route = v1 < 0 ? [] : segments[(v1 + 1)..];
        var method = context.Request.Method.ToUpperInvariant();
        var (name, resource) = Route(method, route);
        state.Counters.Request($"{method} {name}");

        if (state.Faults.CurrentOutage() is { } outage)
        {
            state.Counters.Outage();
            await ChannelEmulatorHost.WriteAsync(context, outage, ChannelEmulatorHost.OutagePage(outage), "text/html; charset=UTF-8").ConfigureAwait(false);
            return;
        }

        if (state.Faults.LatencyMs is > 0 and var latency)
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);

        if (resource is null)
        {
            await Reply(context, new MagentoReply(404, MagentoStore.Error("Request does not match any route."))).ConfigureAwait(false);
            return;
        }

        if (Refusal(context, state, resource) is { } refusal)
        {
            state.Counters.Unauthorized();
            await Reply(context, new MagentoReply(401, refusal.ToJsonString())).ConfigureAwait(false);
            return;
        }

        if (state.RateLimiter?.Take() is { Allowed: false })
        {
            state.Counters.RateLimited();
            await Reply(context, new MagentoReply(429, "{\"message\":\"Too Many Requests\",\"trace\":null}")).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
        MagentoReply reply;
        switch (name)
        {
            case "/V1/orders" or "/V1/shipments" or "/V1/creditmemos":
            {
                var (criteria, error) = MagentoSearchCriteria.Parse(query);
                reply = criteria is null
                    ? new MagentoReply(400, MagentoStore.Error(error!))
                    : name switch
                    {
                        "/V1/orders" => state.Store.SearchOrders(criteria),
                        "/V1/shipments" => state.Store.SearchShipments(criteria),
                        _ => state.Store.SearchCreditMemos(criteria),
                    };
                break;
            }

            case "/V1/inventory/source-items" when context.Request.Method == "GET":
            {
                var (criteria, error) = MagentoSearchCriteria.Parse(query);
                reply = criteria is null ? new MagentoReply(400, MagentoStore.Error(error!)) : state.Store.SearchSourceItems(state.Inventory, criteria);
                break;
            }

            case "/V1/inventory/source-items":
            {
                reply = MagentoInventory.Save(state.Inventory, await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
                if (reply.Status == 200 && state.Faults.ConsumeResponseDrop())
                {
                    // Saved, but the caller never hears of it.
                    state.Counters.Dropped();
                    context.Abort();
                    return;
                }

                if (reply.Status is >= 400 and < 500) state.Inventory.Refused();
                break;
            }

            case "/V1/products/{sku}":
            {
                var sku = Uri.UnescapeDataString(route[1]);
                reply = method == "GET" ? state.Catalogue.Get(sku) : state.Catalogue.Save(sku, await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false));
                if (method == "PUT" && reply.Status == 200 && state.Faults.ConsumeResponseDrop())
                {
                    // Saved, but the caller never hears of it.
                    state.Counters.Dropped();
                    context.Abort();
                    return;
                }

                break;
            }

            case "/V1/creditmemo/{id}":
                reply = Id(route[1]) is { } memoId ? state.Store.GetCreditMemo(memoId) : new MagentoReply(404, MagentoStore.NotFound);
                break;
            case "/V1/order/{id}/refund":
            {
                var body = await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false);
                reply = Id(route[1]) is { } refunded ? state.Store.Refund(refunded, body) : new MagentoReply(404, MagentoStore.NotFound);
                if (reply.Status is >= 400 and < 500)
                    state.Counters.Refused();
                break;
            }

            case "/V1/orders/{id}":
                reply = Id(route[1]) is { } orderId ? state.Store.GetOrder(orderId) : new MagentoReply(404, MagentoStore.NotFound);
                break;
            case "/V1/shipment/{id}":
                reply = Id(route[1]) is { } shipmentId ? state.Store.GetShipment(shipmentId) : new MagentoReply(404, MagentoStore.NotFound);
                break;
            case "/V1/order/{id}/ship":
            {
                var body = await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false);
                reply = Id(route[1]) is { } shipped ? state.Store.Ship(shipped, body) : new MagentoReply(404, MagentoStore.NotFound);
                if (reply.CreatedShipment)
                {
                    state.Counters.Created();
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

            default:
                reply = new MagentoReply(404, MagentoStore.Error("Request does not match any route."));
                break;
        }

        await Reply(context, reply).ConfigureAwait(false);
    }

    /// <summary>The route's name for stats and the ACL resource Magento names in its 401 (null: no such route).</summary>
    private static (string Name, string? Resource) Route(string method, string[] route) => (method, route) switch
    {
        ("GET", ["orders"]) => ("/V1/orders", "Magento_Sales::actions_view"),
        ("GET", ["orders", _]) => ("/V1/orders/{id}", "Magento_Sales::actions_view"),
        ("GET", ["shipments"]) => ("/V1/shipments", "Magento_Sales::shipment"),
        ("GET", ["shipment", _]) => ("/V1/shipment/{id}", "Magento_Sales::shipment"),
        ("POST", ["order", _, "ship"]) => ("/V1/order/{id}/ship", "Magento_Sales::ship"),
        ("GET", ["creditmemos"]) => ("/V1/creditmemos", "Magento_Sales::sales_creditmemo"),
        ("GET", ["creditmemo", _]) => ("/V1/creditmemo/{id}", "Magento_Sales::sales_creditmemo"),
        ("POST", ["order", _, "refund"]) => ("/V1/order/{id}/refund", "Magento_Sales::creditmemo"),
        ("POST" or "GET", ["inventory", "source-items"]) => ("/V1/inventory/source-items", "Magento_InventoryApi::source_item"),
        ("GET" or "PUT", ["products", _]) => ("/V1/products/{sku}", "Magento_Catalog::products"),
        _ => ("/" + string.Join('/', route), null),
    };

    /// <summary>
    /// Null when the request may go on. An OAuth-signed request is checked (<see cref="MagentoOAuthVerifier"/>); a bearer
    /// token passes only when the store allows integration tokens as bearer tokens (channels.md §1.1), else it is the
    /// 401 Magento gives an unauthorised consumer.
    /// </summary>
    private static JsonObject? Refusal(HttpContext context, MagentoEmulatorState state, string resource)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            var problem = state.OAuth.Verify(context.Request, header);
            if (problem is null)
                return null;
            if (problem != MagentoOAuthVerifier.UnknownIntegration)
                return new JsonObject { ["message"] = problem };
        }
        else if (state.Options.BearerEnabled &&
            header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(header[bearer.Length..].Trim(), state.Options.AccessToken, StringComparison.Ordinal))
            return null;
        return new JsonObject
        {
            ["message"] = "The consumer isn't authorized to access %resources.",
            ["parameters"] = new JsonObject { ["resources"] = resource },
        };
    }

    private static long? Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static Task Reply(HttpContext context, MagentoReply reply) =>
        ChannelEmulatorHost.WriteAsync(context, reply.Status, reply.Json);
}

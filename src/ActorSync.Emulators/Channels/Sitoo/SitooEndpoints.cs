using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>HTTP wiring of the Sitoo emulator: <c>/v2/accounts/{accountid}/sites/{siteid}/….json</c>, plus the control API.</summary>
public static class SitooEndpoints
{
    /// <summary>
    /// Maps the reads the connector uses (channels.md §3.1–3.5): <c>orders.json</c> (filters <c>orderidfrom</c>,
    /// <c>orderidto</c>, <c>orderid</c>, <c>creditorderid</c>, <c>ordertype</c>, <c>orderstate</c>,
    /// <c>paymentstate</c>, <c>registerid</c>, <c>warehouseid</c>), <c>orders/{id}.json</c>, <c>warehouses.json</c>,
    /// <c>warehousetransactions.json</c> (also per warehouse; filters <c>warehousetransactionidfrom</c>/<c>to</c>,
    /// <c>warehouseid</c>, <c>transactiontype</c>, <c>datecreatedfrom</c>/<c>to</c>), <c>products.json</c>,
    /// <c>products/{id}.json</c>; collections with <c>start</c>, <c>num</c>, <c>sort</c>, <c>fields</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSitooEmulator(this IEndpointRouteBuilder endpoints, SitooEmulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        endpoints.Map("/v2/accounts/{account}/{**path}", context => HandleAsync(context, state));
        MapSitooControl(endpoints, state);
        ChannelEmulatorHost.MapControl(endpoints, state.GetStats, state.ApplyFaults, state.Reset, json => Seed(state, json));
        ChannelEmulatorHost.MapInventoryControl(endpoints, state.Inventory);
        return endpoints;
    }

    /// <summary>An order (<c>order.json</c>'s shape) or a list envelope of them (<c>orders_list.json</c>); each gets its SPI <c>add</c> event.</summary>
    internal static (int Status, string Json) Seed(SitooEmulatorState state, string json)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException error)
        {
            return (400, ChannelEmulatorHost.ControlError("The seed is not valid JSON: " + error.Message));
        }
        var orders = body?["items"] is JsonArray items ? items.OfType<JsonObject>().ToList() : body is null ? [] : [body];
        if (orders.Count == 0) return (400, ChannelEmulatorHost.ControlError("The seed must be a Sitoo order or {\"totalcount\":n,\"items\":[orders]}."));
        var ids = new JsonArray();
        foreach (var order in orders)
        {
            if (state.CreateOrder(order) is { } problem)
                return (problem.Contains("already there", StringComparison.Ordinal) ? 409 : 400, ChannelEmulatorHost.ControlError(problem));
            ids.Add(order["orderid"]!.DeepClone());
        }
        return (201, new JsonObject { ["orderids"] = ids }.ToJsonString());
    }

    private static async Task HandleAsync(HttpContext context, SitooEmulatorState state)
    {
        var route = ((string?)context.Request.RouteValues["path"] ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method.ToUpperInvariant();
        var name = RouteName(route);
        state.Counters.Request($"{method} {name}");

        if (state.Faults.CurrentOutage() is { } outage)
        {
            state.Counters.Outage();
            await ChannelEmulatorHost.WriteAsync(context, outage, ChannelEmulatorHost.OutagePage(outage), "text/html; charset=UTF-8").ConfigureAwait(false);
            return;
        }
        if (state.Faults.LatencyMs is > 0 and var latency)
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);

        if (!Authorized(context.Request.Headers.Authorization.ToString(), state.Options))
        {
            state.Counters.Unauthorized();
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Sitoo API\"";
            await Reply(context, SitooStore.Fail(401, "Unauthorized: use HTTP Basic with the API ID and password.")).ConfigureAwait(false);
            return;
        }
        if (!string.Equals((string?)context.Request.RouteValues["account"], state.Options.AccountId, StringComparison.Ordinal))
        {
            await Reply(context, SitooStore.NotFound).ConfigureAwait(false);
            return;
        }
        if (state.RateLimiter?.Take() is { Allowed: false })
        {
            // Sitoo answers 429 without publishing its limits or quota headers (§3.1).
            state.Counters.RateLimited();
            await Reply(context, SitooStore.Fail(429, "Too Many Requests")).ConfigureAwait(false);
            return;
        }
        var onSite = route is ["sites", var siteId, ..] && siteId == state.Options.SiteId.ToString(CultureInfo.InvariantCulture);
        if (method == "POST" && onSite && name == "/sites/{siteid}/warehousetransactions.json")
        {
            var posted = SitooInventory.PostTransactions(state, await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false), state.Options.Clock.GetUtcNow());
            if (posted.Status == 200 && state.Faults.ConsumeResponseDrop())
            {
                // Applied, but the caller never hears of it.
                state.Counters.Dropped();
                context.Abort();
                return;
            }

            if (posted.Status is >= 400 and < 500) state.Inventory.Refused();
            await Reply(context, posted).ConfigureAwait(false);
            return;
        }

        if (onSite && SitooCatalogue.Handles(method, name))
        {
            var written = state.Catalogue.Handle(method, name, route, method == "GET" ? "" : await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false),
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal));
            if (written.Status == 200 && state.Faults.ConsumeResponseDrop())
            {
                // Applied, but the caller never hears of it.
                state.Counters.Dropped();
                context.Abort();
                return;
            }

            await Reply(context, written).ConfigureAwait(false);
            return;
        }

        if (method != "GET")
        {
            await Reply(context, SitooStore.Fail(405, "The emulator serves reads and warehouse transactions only.")).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var reply = route is ["sites", var site, ..] && site == state.Options.SiteId.ToString(CultureInfo.InvariantCulture)
            ? name switch
            {
                "/sites/{siteid}/orders.json" => state.Store.ListOrders(query),
                "/sites/{siteid}/orders/{orderid}.json" => Single(state, "orders", route[3]),
                "/sites/{siteid}/warehouses.json" => state.Store.ListWarehouses(query),
                "/sites/{siteid}/warehousetransactions.json" => state.Store.ListTransactions(query, null),
                "/sites/{siteid}/warehouses/{warehouseid}/warehousetransactions.json" => Id(route[3]) is { } w ? state.Store.ListTransactions(query, w) : SitooStore.NotFound,
                "/sites/{siteid}/warehouses/{warehouseid}/warehouseitems.json" => Id(route[3]) is { } wi && state.Store.WarehouseType(wi) is not null
                    ? SitooInventory.WarehouseItems(state.Inventory, wi, query) : SitooStore.NotFound,
                "/sites/{siteid}/products.json" => state.Store.ListProducts(query),
                "/sites/{siteid}/products/{productid}.json" => Single(state, "products", route[3]),
                _ => SitooStore.NotFound,
            }
            : SitooStore.NotFound;

        if (reply.Status == 200 && state.Faults.ConsumeResponseDrop())
        {
            // Handled, but the caller never hears of it.
            state.Counters.Dropped();
            context.Abort();
            return;
        }
        await Reply(context, reply).ConfigureAwait(false);
    }

    private static SitooReply Single(SitooEmulatorState state, string collection, string file) =>
        file.EndsWith(".json", StringComparison.Ordinal) && Id(file[..^5]) is { } id ? state.Store.Single(collection, id) : SitooStore.NotFound;

    /// <summary>HTTP Basic with <c>{API ID}:{password}</c> (§3.1), compared in full.</summary>
    private static bool Authorized(string header, SitooEmulatorOptions options)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return string.Equals(pair, $"{options.ApiId}:{options.ApiPassword}", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string RouteName(string[] route) => route switch
    {
        ["sites", _, "orders.json"] => "/sites/{siteid}/orders.json",
        ["sites", _, "orders", _] => "/sites/{siteid}/orders/{orderid}.json",
        ["sites", _, "warehouses.json"] => "/sites/{siteid}/warehouses.json",
        ["sites", _, "warehousetransactions.json"] => "/sites/{siteid}/warehousetransactions.json",
        ["sites", _, "warehouses", _, "warehousetransactions.json"] => "/sites/{siteid}/warehouses/{warehouseid}/warehousetransactions.json",
        ["sites", _, "warehouses", _, "warehouseitems.json"] => "/sites/{siteid}/warehouses/{warehouseid}/warehouseitems.json",
        ["sites", _, "products.json"] => "/sites/{siteid}/products.json",
        ["sites", _, "products", _] => "/sites/{siteid}/products/{productid}.json",
        ["sites", _, "pricelists", _, "pricelistitems.json"] => "/sites/{siteid}/pricelists/{pricelistid}/pricelistitems.json",
        _ => "/" + string.Join('/', route),
    };

    /// <summary>
    /// Control of the account's events: <c>POST /__emulator/generate</c> <c>{"count":n,"kinds":["PosCardSale","PosReturn",…]}</c>;
    /// <c>POST /__emulator/orders/{id}/state</c> <c>{"paymentstateid":20}</c> (an SPI <c>update</c> follows);
    /// <c>POST /__emulator/transactions/generate</c> <c>{"count":n,"warehouseid":1}</c>; <c>POST /__emulator/transactions</c>
    /// (a transaction or the fixture's envelope); <c>GET /__emulator/events</c> the SPI delivery stats.
    /// </summary>
    private static void MapSitooControl(IEndpointRouteBuilder endpoints, SitooEmulatorState state)
    {
        endpoints.MapGet("/__emulator/events", () => Results.Json(state.Events.GetStats()));
        endpoints.MapPost("/__emulator/generate", async (HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            var kinds = body["kinds"] is JsonArray list
                ? list.Select(k => Enum.Parse<SitooOrderKind>(k!.GetValue<string>(), ignoreCase: true)).ToList()
                : [SitooOrderKind.PosCardSale, SitooOrderKind.PosCashSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosReturn];
            return Results.Json(new { created = state.Generate(body["count"]?.GetValue<int>() ?? 1, kinds) });
        });
        endpoints.MapPost("/__emulator/orders/{id:long}/state", async (long id, HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            return state.SetState(id, body["orderstateid"]?.GetValue<int>(), body["paymentstateid"]?.GetValue<int>()) ? Results.Ok() : Results.NotFound();
        });
        endpoints.MapPost("/__emulator/transactions/generate", async (HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject ?? [];
            return Results.Json(new { created = state.GenerateTransactions(body["count"]?.GetValue<int>() ?? 1, body["warehouseid"]?.GetValue<long>() ?? 1) });
        });
        endpoints.MapPost("/__emulator/transactions", async (HttpContext context) =>
        {
            var body = JsonNode.Parse(await ChannelEmulatorHost.ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject;
            var txs = body?["items"] is JsonArray items ? items.OfType<JsonObject>().ToList() : body is null ? [] : [body];
            foreach (var tx in txs)
                if (state.Store.SeedTransaction(tx) is { } problem) return Results.BadRequest(new { error = problem });
            return Results.Created((string?)null, new { count = txs.Count });
        });
    }

    private static long? Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static Task Reply(HttpContext context, SitooReply reply) => ChannelEmulatorHost.WriteAsync(context, reply.Status, reply.Json);
}

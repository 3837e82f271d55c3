using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.Channels.Magento;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Engine.StockPublishing.Channels;

/// <summary>
/// Magento MSI (channels.md §1.4): <c>POST /V1/inventory/source-items</c> <c>{"sourceItems":[{sku, source_code,
/// quantity, status}]}</c>, answered <c>[]</c>. The source quantity is what is set, never the salable quantity: open
/// reservations are Magento's own (order placement reserves, shipment deducts the source), so setting SAP's available
/// as the source quantity while Magento still reserves would count those orders twice (§5 item 5). What SAP calls
/// available already takes committed orders off; see the README on reservations. <c>status</c> follows the quantity.
/// </summary>
public sealed class MagentoStockChannel : IStockChannel
{
    private readonly HttpClient _http;
    private readonly MagentoAuthorization _auth;

    public MagentoStockChannel(HttpClient http, MagentoStockSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.RestRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _auth = settings.Authorization();
    }

    public Task<StockCallResult> SendAsync(string location, IReadOnlyList<OwedItem> items, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["sourceItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["sku"] = i.Sku,
                ["source_code"] = location,
                ["quantity"] = i.Quantity,
                ["status"] = i.Quantity > 0 ? 1 : 0,
            }).ToArray()),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_http.BaseAddress!, "V1/inventory/source-items")) { Content = JsonContent.Create(body) };
        _auth.Apply(request);
        return StockHttp.SendAsync(_http, request, $"POST V1/inventory/source-items ({items.Count} items, source {location})", ct);
    }
}

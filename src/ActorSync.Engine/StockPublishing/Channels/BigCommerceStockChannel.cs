using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Engine.StockPublishing.Channels;

/// <summary>
/// BigCommerce inventory (channels.md §2.7): <c>PUT /v3/inventory/adjustments/absolute</c>
/// <c>{reason, items[{location_id, sku, quantity}]}</c>, one location per call (the docs ask bulk items grouped by
/// location), at most 2,000 items. Processing is asynchronous: a 200 means accepted, which is what is journaled.
/// </summary>
public sealed class BigCommerceStockChannel : IStockChannel
{
    private readonly HttpClient _http;
    private readonly string _reason;

    public BigCommerceStockChannel(HttpClient http, BigCommerceStockSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.ApiRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Add("X-Auth-Token", settings.AccessToken);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _reason = settings.Reason;
    }

    public Task<StockCallResult> SendAsync(string location, IReadOnlyList<OwedItem> items, CancellationToken ct)
    {
        var locationId = int.Parse(location, NumberStyles.None, CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["reason"] = _reason,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["location_id"] = locationId,
                ["sku"] = i.Sku,
                ["quantity"] = (long)i.Quantity,
            }).ToArray()),
        };
        var request = new HttpRequestMessage(HttpMethod.Put, "v3/inventory/adjustments/absolute") { Content = JsonContent.Create(body) };
        return StockHttp.SendAsync(_http, request, $"PUT v3/inventory/adjustments/absolute ({items.Count} items, location {location})", ct);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;

namespace ActorSync.Engine.Catalogue.Channels;

/// <summary>
/// BigCommerce catalog products (v3; shapes from the vendor's OpenAPI as published in the api-evangelist BigCommerce
/// catalogue: examples/bigcommerce-updateproducts-example.json, batch update of at most 10; json-schema
/// errorMultiStatus for 207/422 bodies). Each call reads which SKUs the store has (<c>GET v3/catalog/products?sku:in=…
/// &amp;include_fields=sku,name,price,is_visible</c>), creates the missing ones one by one (<c>POST v3/catalog/products</c>
/// <c>{name, type: physical, weight, price, sku, is_visible}</c>: the create takes one product), and updates those that
/// differ in one batch (<c>PUT v3/catalog/products</c> <c>[{id, name, price, is_visible}]</c>; a withdrawn item gets
/// <c>is_visible: false</c>, never a DELETE). Between its requests a call waits for the reset when the store's quota
/// headers say the window is spent. The read first makes a retry after a lost answer harmless. A product
/// without an SAP price keeps its store price.
/// </summary>
public sealed class BigCommerceCatalogueChannel : ICatalogueChannel
{
    private readonly HttpClient _http;
    private readonly decimal _weight;

    public BigCommerceCatalogueChannel(HttpClient http, BigCommerceCatalogueSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.ApiRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Add("X-Auth-Token", settings.AccessToken);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _weight = settings.NewProductWeight;
    }

    public async Task<StockCallResult> SendAsync(IReadOnlyList<ChannelProduct> products, CancellationToken ct)
    {
        var skus = string.Join(',', products.Select(p => Uri.EscapeDataString(p.Sku)));
        var (failure, body, quota) = await CatalogueRead.SendWithQuotaAsync(_http, new HttpRequestMessage(HttpMethod.Get, $"v3/catalog/products?sku:in={skus}&include_fields=sku,name,price,is_visible&limit={products.Count}"),
            $"GET v3/catalog/products ({products.Count} skus)", ct).ConfigureAwait(false);
        if (failure is not null) return failure;
        var existing = new Dictionary<string, (long Id, string? Name, decimal Price, bool Visible)>(StringComparer.Ordinal);
        foreach (var row in body!.Value.GetProperty("data").EnumerateArray())
        {
            existing[row.GetProperty("sku").GetString() ?? ""] = (row.GetProperty("id").GetInt64(), row.TryGetProperty("name", out var n) ? n.GetString() : null,
                row.TryGetProperty("price", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDecimal() : 0m,
                !row.TryGetProperty("is_visible", out var v) || v.ValueKind != JsonValueKind.False);
        }

        // A withdrawn or unpriced item the store does not list stays unlisted: nothing is created only to be hidden.
        foreach (var product in products.Where(p => !existing.ContainsKey(p.Sku) && p.Enabled && p.Price is not null))
        {
            var create = new JsonObject
            {
                ["name"] = product.Title, ["type"] = "physical", ["weight"] = _weight, ["price"] = product.Price, ["sku"] = product.Sku, ["is_visible"] = true,
            };
            await CatalogueRead.PaceAsync(quota, ct).ConfigureAwait(false);
            var result = await StockHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, "v3/catalog/products") { Content = JsonContent.Create(create) },
                $"POST v3/catalog/products ({product.Sku})", ct).ConfigureAwait(false);
            if (result is not StockCallResult.Accepted accepted) return result;
            quota = accepted.Quota;
        }

        var changed = products.Where(p => existing.TryGetValue(p.Sku, out var e) && (e.Name != p.Title || e.Visible != p.Enabled || (p.Price is { } price && price != e.Price))).ToList();
        if (changed.Count == 0) return new StockCallResult.Accepted(quota);
        var rows = new JsonArray(changed.Select(p =>
        {
            var row = new JsonObject { ["id"] = existing[p.Sku].Id, ["name"] = p.Title, ["is_visible"] = p.Enabled };
            if (p.Price is { } price) row["price"] = price;
            return (JsonNode)row;
        }).ToArray());
        await CatalogueRead.PaceAsync(quota, ct).ConfigureAwait(false);
        return await StockHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Put, "v3/catalog/products") { Content = JsonContent.Create(rows) },
            $"PUT v3/catalog/products ({changed.Count} products)", ct).ConfigureAwait(false);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.Channels.Magento;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;

namespace ActorSync.Engine.Catalogue.Channels;

/// <summary>
/// Magento catalog products: <c>PUT /V1/products/{sku}</c> <c>{"product":{sku, name, price, status, type_id,
/// attribute_set_id}}</c> (status 1 enabled, 2 disabled; Magento saves the SKU's product, creating it when new; its
/// errors are <c>{"message", "parameters"}</c>; the body as github.com/magento/magento2/issues/17284 shows it), one
/// request per product, in turn; the first refusal ends the call
/// (the publisher halves it and sends the rest again: a PUT sent twice saves the same product). A withdrawn item is
/// first looked up (<c>GET /V1/products/{sku}</c>) so nothing is created only to be disabled; never a DELETE. A product
/// without an SAP price keeps its Magento price.
/// </summary>
public sealed class MagentoCatalogueChannel : ICatalogueChannel
{
    private readonly HttpClient _http;
    private readonly MagentoAuthorization _auth;
    private readonly int _attributeSet;

    public MagentoCatalogueChannel(HttpClient http, MagentoCatalogueSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.RestRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _auth = settings.Authorization();
        _attributeSet = settings.AttributeSetId;
    }

    public async Task<StockCallResult> SendAsync(IReadOnlyList<ChannelProduct> products, CancellationToken ct)
    {
        QuotaReading? quota = null;
        foreach (var product in products)
        {
            var path = $"V1/products/{Uri.EscapeDataString(product.Sku)}";
            if (!product.Enabled || product.Price is null)
            {
                var get = new HttpRequestMessage(HttpMethod.Get, new Uri(_http.BaseAddress!, path));
                _auth.Apply(get);
                var (failure, _) = await CatalogueRead.SendAsync(_http, get, $"GET {path}", ct).ConfigureAwait(false);
                if (failure is StockCallResult.Refused { Status: 404 }) continue; // not listed: nothing to withdraw
                if (failure is not null) return failure;
            }

            var body = new JsonObject
            {
                ["sku"] = product.Sku, ["name"] = product.Title, ["status"] = product.Enabled ? 1 : 2, ["type_id"] = "simple", ["attribute_set_id"] = _attributeSet,
            };
            if (product.Price is { } price) body["price"] = price;
            var put = new HttpRequestMessage(HttpMethod.Put, new Uri(_http.BaseAddress!, path)) { Content = JsonContent.Create(new JsonObject { ["product"] = body }) };
            _auth.Apply(put);
            var result = await StockHttp.SendAsync(_http, put, $"PUT {path}", ct).ConfigureAwait(false);
            if (result is not StockCallResult.Accepted accepted) return result;
            quota = accepted.Quota;
        }

        return new StockCallResult.Accepted(quota);
    }
}

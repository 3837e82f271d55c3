using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;

namespace ActorSync.Engine.Catalogue.Channels;

/// <summary>
/// Sitoo products and price list (channels.md §3.5). Each call reads which SKUs Sitoo already has
/// (<c>GET products.json?sku=…&amp;includeinactive=1</c>), creates the others (<c>POST products.json</c> <c>[{sku, title,
/// activepos}]</c>), updates the title and <c>activepos</c> of those that differ (<c>PUT products.json</c>, by
/// <c>productid</c>; a withdrawn item gets <c>activepos: false</c>, never a DELETE), then sets the prices of the products Sitoo lists
/// (<c>PUT pricelists/{id}/pricelistitems.json</c> <c>[{sku, moneyprice}]</c>, money as a two-decimal string). The read
/// first makes a retry after a lost answer harmless: the product created then is found and only updated. A product
/// without an SAP price keeps its Sitoo price and is withdrawn.
/// </summary>
public sealed class SitooCatalogueChannel : ICatalogueChannel
{
    /// <summary>SKUs per read: the list goes in the URL, and a request line must stay under 8 KB.</summary>
    private const int ReadChunk = 200;

    private readonly HttpClient _http;
    private readonly int _priceList;

    public SitooCatalogueChannel(HttpClient http, SitooCatalogueSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.SiteRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiId}:{settings.ApiPassword}")));
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _priceList = settings.PriceListId;
    }

    public async Task<StockCallResult> SendAsync(IReadOnlyList<ChannelProduct> products, CancellationToken ct)
    {
        var existing = new Dictionary<string, (long Id, string? Title, bool Active)>(StringComparer.Ordinal);
        foreach (var chunk in products.Chunk(ReadChunk))
        {
            var skus = string.Join(',', chunk.Select(p => Uri.EscapeDataString(p.Sku)));
            var request = new HttpRequestMessage(HttpMethod.Get, $"products.json?sku={skus}&includeinactive=1&num={chunk.Length}&fields=productid,sku,title,activepos");
            var (result, body) = await CatalogueRead.SendAsync(_http, request, $"GET products.json ({chunk.Length} skus)", ct).ConfigureAwait(false);
            if (result is not null) return result;
            foreach (var row in body!.Value.GetProperty("items").EnumerateArray())
            {
                var active = !row.TryGetProperty("activepos", out var a) || a.ValueKind != JsonValueKind.False;
                existing[row.GetProperty("sku").GetString()!] = (row.GetProperty("productid").GetInt64(), row.TryGetProperty("title", out var t) ? t.GetString() : null, active);
            }
        }

        // A withdrawn item Sitoo does not list stays unlisted: nothing is created only to be disabled.
        var created = products.Where(p => !existing.ContainsKey(p.Sku) && p.Enabled).ToList();
        if (created.Count > 0)
        {
            var rows = new JsonArray(created.Select(p => (JsonNode)new JsonObject { ["sku"] = p.Sku, ["title"] = p.Title, ["activepos"] = p.Enabled }).ToArray());
            var result = await StockHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Post, "products.json") { Content = JsonContent.Create(rows) },
                $"POST products.json ({created.Count} products)", ct).ConfigureAwait(false);
            if (result is not StockCallResult.Accepted) return result;
        }

        var changed = products.Where(p => existing.TryGetValue(p.Sku, out var e) && (e.Title != p.Title || e.Active != p.Enabled)).ToList();
        if (changed.Count > 0)
        {
            var rows = new JsonArray(changed.Select(p => (JsonNode)new JsonObject { ["productid"] = existing[p.Sku].Id, ["title"] = p.Title, ["activepos"] = p.Enabled }).ToArray());
            var result = await StockHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Put, "products.json") { Content = JsonContent.Create(rows) },
                $"PUT products.json ({changed.Count} products)", ct).ConfigureAwait(false);
            if (result is not StockCallResult.Accepted) return result;
        }

        var priced = products.Where(p => p.Price is not null && (p.Enabled || existing.ContainsKey(p.Sku))).ToList();
        if (priced.Count == 0) return new StockCallResult.Accepted(null);
        var items = new JsonArray(priced.Select(p => (JsonNode)new JsonObject { ["sku"] = p.Sku, ["moneyprice"] = p.Price!.Value.ToString("0.00", CultureInfo.InvariantCulture) }).ToArray());
        return await StockHttp.SendAsync(_http, new HttpRequestMessage(HttpMethod.Put, $"pricelists/{_priceList}/pricelistitems.json") { Content = JsonContent.Create(items) },
            $"PUT pricelists/{_priceList}/pricelistitems.json ({priced.Count} prices)", ct).ConfigureAwait(false);
    }
}

/// <summary>
/// A read before a write (Sitoo, BigCommerce, Magento): the answer's JSON and quota headers, or how the call failed as
/// the stock clients classify it.
/// </summary>
internal static class CatalogueRead
{
    /// <summary>
    /// When the channel's headers say its window is spent, waits for the reset before the call's next request: a call
    /// is a read and then writes, and a write refused 429 would make the whole call (its read too) start again, which
    /// under a tight quota never ends.
    /// </summary>
    public static Task PaceAsync(QuotaReading? quota, CancellationToken ct) =>
        quota is { Left: <= 0, ResetIn: var reset } && reset > TimeSpan.Zero ? Task.Delay(reset + TimeSpan.FromMilliseconds(50), ct) : Task.CompletedTask;

    public static async Task<(StockCallResult? Failure, JsonElement? Json)> SendAsync(HttpClient http, HttpRequestMessage request, string what, CancellationToken ct)
    {
        var (failure, json, _) = await SendWithQuotaAsync(http, request, what, ct).ConfigureAwait(false);
        return (failure, json);
    }

    public static async Task<(StockCallResult? Failure, JsonElement? Json, QuotaReading? Quota)> SendWithQuotaAsync(HttpClient http, HttpRequestMessage request, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return (new StockCallResult.Unavailable($"{what}: {ex.HttpRequestError} ({ex.Message})", null), null, null);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (new StockCallResult.Unavailable($"{what}: no answer within {http.Timeout.TotalSeconds:0} s", null), null, null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var quota = StockHttp.Quota(response);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                    return (null, document.RootElement.Clone(), quota);
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException)
                {
                    return (new StockCallResult.Unavailable($"{what}: the answer broke off or did not read ({ex.Message})", null), null, null);
                }
            }

            return status switch
            {
                429 => (new StockCallResult.Throttled(quota is { } q && response.Headers.Contains("X-Rate-Limit-Time-Reset-Ms") ? q.ResetIn : response.Headers.RetryAfter?.Delta), null, null),
                >= 500 or 408 => (new StockCallResult.Unavailable($"{what}: {status} {response.ReasonPhrase}", null), null, null),
                401 or 403 => (new StockCallResult.Unavailable($"{what}: {status}: the channel refused the credentials (check the Catalogue section's token or API id and its scopes)", TimeSpan.FromMinutes(1)), null, null),
                _ => (new StockCallResult.Refused(status, $"{what}: {status} {response.ReasonPhrase}", quota), null, null),
            };
        }
    }
}

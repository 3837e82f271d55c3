using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Engine.StockPublishing.Channels;

/// <summary>
/// Sitoo (channels.md §3.4): stock changes only through warehouse transactions. Each call reads the warehouse's
/// current <c>decimaltotal</c> of its SKUs (<c>GET warehouses/{id}/warehouseitems.json?sku=…</c>) and posts the
/// difference as signed <c>decimalquantity</c> (<c>POST warehousetransactions.json</c>: a Move In (10) for rises, a
/// Move Out (20) for falls, ≤ 1,000 items). Why not a stocktaking batch: a stocktaking sets an absolute count and so
/// erases the till sales made since SAP's figure was read (they are in Sitoo, not yet in SAP), selling them twice;
/// the difference against what Sitoo holds at that moment keeps them. And a read before each write makes a retry
/// after a lost answer harmless: the second read sees the first write, so the difference is then zero.
/// </summary>
public sealed class SitooStockChannel : IStockChannel
{
    /// <summary>SKUs per read: the list goes in the URL, and a request line must stay under 8 KB.</summary>
    private const int ReadChunk = 200;

    private readonly HttpClient _http;

    public SitooStockChannel(HttpClient http, SitooStockSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.SiteRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiId}:{settings.ApiPassword}")));
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>A read per <see cref="ReadChunk"/> SKUs, then the write.</summary>
    public int RequestsFor(int items) => (items + ReadChunk - 1) / ReadChunk + 1;

    public async Task<StockCallResult> SendAsync(string location, IReadOnlyList<OwedItem> items, CancellationToken ct)
    {
        var current = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var chunk in items.Chunk(ReadChunk))
        {
            var skus = string.Join(',', chunk.Select(i => Uri.EscapeDataString(i.Sku)));
            var (result, json) = await ReadAsync($"warehouses/{location}/warehouseitems.json?sku={skus}&num={chunk.Length}&fields=sku,decimaltotal", ct).ConfigureAwait(false);
            if (result is not null) return result;
            foreach (var row in json!.Value.GetProperty("items").EnumerateArray())
                current[row.GetProperty("sku").GetString()!] = decimal.Parse(row.GetProperty("decimaltotal").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        var deltas = items.Select(i => (i.Sku, Delta: i.Quantity - current.GetValueOrDefault(i.Sku))).Where(d => d.Delta != 0).ToList();
        if (deltas.Count == 0) return new StockCallResult.Accepted(null);
        var transactions = new JsonArray();
        foreach (var (type, description, rows) in new[] { (10, "Move In", deltas.Where(d => d.Delta > 0).ToList()), (20, "Move Out", deltas.Where(d => d.Delta < 0).ToList()) })
        {
            if (rows.Count == 0) continue;
            transactions.Add(new JsonObject
            {
                ["warehouseid"] = long.Parse(location, CultureInfo.InvariantCulture),
                ["transactiontype"] = type,
                ["description"] = $"ActorSync: SAP available stock ({description})",
                ["items"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    ["sku"] = r.Sku,
                    ["decimalquantity"] = r.Delta.ToString("0.000", CultureInfo.InvariantCulture),
                }).ToArray()),
            });
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "warehousetransactions.json") { Content = JsonContent.Create(transactions) };
        return await StockHttp.SendAsync(_http, request, $"POST warehousetransactions.json ({deltas.Count} items, warehouse {location})", ct).ConfigureAwait(false);
    }

    private async Task<(StockCallResult? Failure, JsonElement? Json)> ReadAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        var shown = $"GET {path.Split('?')[0]}";
        try
        {
            response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return (new StockCallResult.Unavailable($"{shown}: {ex.HttpRequestError} ({ex.Message})", null), null);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (new StockCallResult.Unavailable($"{shown}: no answer within {_http.Timeout.TotalSeconds:0} s", null), null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                    return (null, document.RootElement.Clone());
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException)
                {
                    return (new StockCallResult.Unavailable($"{shown}: the answer broke off or did not read ({ex.Message})", null), null);
                }
            }

            return status switch
            {
                429 => (new StockCallResult.Throttled(response.Headers.RetryAfter?.Delta), null),
                >= 500 or 408 => (new StockCallResult.Unavailable($"{shown}: {status} {response.ReasonPhrase}", null), null),
                401 or 403 => (new StockCallResult.Unavailable($"{shown}: {status}: Sitoo refused the API credentials or this address (StockPublishing:Sitoo:ApiId, ApiPassword, the IP allow-list)", TimeSpan.FromMinutes(1)), null),
                _ => (new StockCallResult.Refused(status, $"{shown}: {status} {response.ReasonPhrase}", null), null),
            };
        }
    }
}

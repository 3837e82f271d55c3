using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.StockPublishing;
using static ActorSync.Engine.Reconciliation.SapReconReads;

namespace ActorSync.Engine.Reconciliation;

/// <summary>
/// Sitoo through the connector's site client, one listing of <c>orders.json</c> newest first, read back to a day before
/// the window: till sales (a register id) against SAP's <c>SITOO-</c> invoices and incoming payments per store, day
/// and method (<see cref="PosReconciliation"/>), and webshop orders (no register id) against SAP's <c>SITOO-</c> sales
/// orders both ways (<see cref="OrderReconciliation"/>), judged by the parser's own rule of which orders post (type 10,
/// payment successful). An order the parser refuses is left out: the connector parks it as an invalid channel record.
/// </summary>
public sealed class SitooPosSource(PacedReader sitoo, SapReconReads sap, OrderMapping mapping, int pageSize) : IReconSource
{
    public string Name => SitooOrderParser.Channel;

    public IReadOnlyList<ReconFlow> Flows { get; } = [ReconFlow.Pos, ReconFlow.Orders];

    public async Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct)
    {
        // One day earlier than judged, so an SAP order of the window's first day finds its channel order.
        var readFrom = window.Since.AddDays(-1);
        var receipts = new List<PosReceiptSeen>();
        var webOrders = new List<ChannelOrderSeen>();
        for (var start = 0; ; start += pageSize)
        {
            var json = await sitoo.GetAsync(string.Create(CultureInfo.InvariantCulture, $"orders.json?sort=-orderid&start={start}&num={pageSize}"), ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
            var older = false;
            foreach (var item in items)
            {
                var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(item.GetProperty("orderdate").GetRawText().Trim('"'), CultureInfo.InvariantCulture));
                if (at < readFrom) { older = true; continue; }
                SitooOrderRecord record;
                try
                {
                    record = SitooOrderParser.ParseOrders(item.GetRawText())[0];
                }
                catch (Exception ex) when (ex is ActorSync.Channels.ChannelPayloadException or FormatException)
                {
                    continue; // the connector parks it as invalid-channel-record; it is not takings the engine could have posted
                }
                if (record.WebOrder is { } web)
                    webOrders.Add(new ChannelOrderSeen(Name, web.Order.ExternalId, at, web.Readiness.Action == ActorSync.Channels.OrderAction.Post, [], []));
                else if (record.Pos is { Transaction: { Kind: PosTransactionKind.Sale } tx, Readiness.Action: ActorSync.Channels.OrderAction.Post })
                    receipts.Add(new PosReceiptSeen(tx.Channel, tx.ExternalId, tx.Location ?? "none", tx.Date, at, tx.Total, tx.Payments));
            }
            if (older || items.Count < pageSize) break;
        }

        var from = window.FirstDay.AddDays(-1);
        var results = new List<SourceResult>();
        if (flows.Contains(ReconFlow.Pos))
        {
            var invoices = await sap.DocumentsAsync(OrderReconciliation.InvoicesSet, "SITOO-", from, ct).ConfigureAwait(false);
            var payments = await sap.IncomingPaymentsAsync(from, ct).ConfigureAwait(false);
            results.Add(PosReconciliation.Compare(Name, window, receipts, invoices, payments, mapping));
        }
        if (flows.Contains(ReconFlow.Orders))
        {
            var salesOrders = await sap.DocumentsAsync(OrderReconciliation.OrdersSet, "SITOO-", from, ct).ConfigureAwait(false);
            results.AddRange(OrderReconciliation.Compare(Name, window, webOrders, salesOrders).Where(r => r.Flow == ReconFlow.Orders));
        }
        return results;
    }
}

/// <summary>
/// What each published location of a channel shows, read from the channel, against SAP's items now
/// (<see cref="SapStockQueries.ItemsAsync"/>) by the publishing rule. The window does not apply: stock is now.
/// </summary>
public sealed class StockReconSource(string channel, PublishedChannel published, Func<string, CancellationToken, Task<IReadOnlyList<ShownStock>>> shown,
    SapStockQueries sap, decimal threshold) : IReconSource
{
    public string Name => channel;

    public IReadOnlyList<ReconFlow> Flows { get; } = [ReconFlow.Stock];

    public async Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct)
    {
        var rows = new List<ShownStock>();
        foreach (var location in published.Locations.Keys.Order(StringComparer.Ordinal))
            rows.AddRange(await shown(location, ct).ConfigureAwait(false));
        var items = await sap.ItemsAsync(StockReconciliation.SkusOf(rows), ct).ConfigureAwait(false);
        return [StockReconciliation.Compare(published, items, rows, threshold)];
    }

    /// <summary>BigCommerce <c>GET v3/inventory/locations/{id}/items</c>, paged: <c>total_inventory_onhand</c> is what the absolute adjustments set.
    /// A page that brings no SKU not already read ends the reading: a store (or proxy) that ignores <c>page</c> would
    /// otherwise answer the first page for ever.</summary>
    public static Func<string, CancellationToken, Task<IReadOnlyList<ShownStock>>> BigCommerce(PacedReader store, int pageSize) => async (location, ct) =>
    {
        var rows = new List<ShownStock>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var json = await store.GetAsync(string.Create(CultureInfo.InvariantCulture, $"v3/inventory/locations/{location}/items?page={page}&limit={pageSize}"), ct).ConfigureAwait(false);
            if (json.Length == 0) break;
            using var document = JsonDocument.Parse(json);
            var data = document.RootElement.GetProperty("data").EnumerateArray()
                .Select(d => new ShownStock(location, d.GetProperty("identity").GetProperty("sku").GetString()!, Number(d, "total_inventory_onhand"))).ToList();
            var fresh = data.Where(d => seen.Add(d.Sku)).ToList();
            if (data.Count > 0 && fresh.Count == 0) break;
            rows.AddRange(fresh);
            var pages = document.RootElement.TryGetProperty("meta", out var meta) && meta.TryGetProperty("pagination", out var p) && p.TryGetProperty("total_pages", out var t)
                ? t.GetInt32() : (int?)null;
            if (data.Count < pageSize || (pages is { } last && page >= last)) break;
        }
        return rows;
    };

    /// <summary>Magento MSI <c>GET V1/inventory/source-items</c> filtered on <c>source_code</c>, paged by
    /// <c>total_count</c> (never trusting a page past the end: older stores answer the last page again): the source
    /// quantity is what the publisher sets.</summary>
    public static Func<string, CancellationToken, Task<IReadOnlyList<ShownStock>>> Magento(PacedReader store, int pageSize) => async (location, ct) =>
    {
        var rows = new List<ShownStock>();
        var source = Uri.EscapeDataString(location);
        for (var page = 1; ; page++)
        {
            var json = await store.GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=source_code&searchCriteria[filter_groups][0][filters][0][value]={source}&searchCriteria[filter_groups][0][filters][0][condition_type]=eq&searchCriteria[sortOrders][0][field]=sku&searchCriteria[sortOrders][0][direction]=ASC&searchCriteria[pageSize]={pageSize}&searchCriteria[currentPage]={page}"), ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
            rows.AddRange(items.Select(i => new ShownStock(location, i.GetProperty("sku").GetString()!, Number(i, "quantity"))));
            var total = document.RootElement.TryGetProperty("total_count", out var t) ? t.GetInt32() : 0;
            if (items.Count < pageSize || page * pageSize >= total) break;
        }
        return rows;
    };

    /// <summary>Sitoo <c>GET warehouses/{id}/warehouseitems.json</c>, paged by <c>totalcount</c>: <c>decimaltotal</c> is what the publisher moves.</summary>
    public static Func<string, CancellationToken, Task<IReadOnlyList<ShownStock>>> Sitoo(PacedReader site, int pageSize) => async (location, ct) =>
    {
        var rows = new List<ShownStock>();
        for (var start = 0; ; start += pageSize)
        {
            var json = await site.GetAsync(string.Create(CultureInfo.InvariantCulture, $"warehouses/{location}/warehouseitems.json?start={start}&num={pageSize}"), ct).ConfigureAwait(false);
            var page = SitooWarehouseParser.ParseWarehouseItems(json, location);
            rows.AddRange(page.Select(l => new ShownStock(location, l.Sku, l.OnHand)));
            using var document = JsonDocument.Parse(json);
            var total = document.RootElement.TryGetProperty("totalcount", out var t) ? t.GetInt32() : 0;
            if (page.Count < pageSize || start + page.Count >= total) break;
        }
        return rows;
    };
}

/// <summary>
/// GETs with HTTP Basic for the Sitoo stock section's site root (its own credentials): answers and failures as the
/// connector's <see cref="SitooApi"/> has them, so <see cref="PacedReader"/> treats both alike. Bodies and credentials are never put in a message.
/// </summary>
public sealed class SitooSiteReader
{
    private readonly HttpClient _http;

    public SitooSiteReader(HttpClient http, SitooStockSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.SiteRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiId}:{settings.ApiPassword}")));
    }

    public async Task<string> GetAsync(string path, CancellationToken ct)
    {
        var shown = path.Split('?')[0];
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SitooUnavailableException($"GET {shown}: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SitooUnavailableException($"GET {shown}: no answer within {_http.Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (status == 429) throw new SitooUnavailableException($"GET {shown}: 429 Too Many Requests", response.Headers.RetryAfter?.Delta);
            if (status >= 500 || status is 408 or 401 or 403) throw new SitooUnavailableException($"GET {shown}: {status} {response.ReasonPhrase}");
            throw new SitooRefusedException(status, $"GET {shown}: {status} {response.ReasonPhrase}");
        }
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.Reconciliation;
using static ActorSync.Engine.Reconciliation.SapReconReads;

namespace ActorSync.Engine.Reconciliation;

/// <summary>What the order sources share: SAP's four document sets of the channel, read once per run.</summary>
public abstract class ChannelOrderSource(string name, SapReconReads sap) : IReconSource
{
    public string Name => name;

    public IReadOnlyList<ReconFlow> Flows { get; } = [ReconFlow.Orders, ReconFlow.Refunds, ReconFlow.Dispatches];

    public async Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct)
    {
        // One day earlier than judged, so an SAP order of the window's first day finds its channel order.
        var orders = await ChannelOrdersAsync(window.Since.AddDays(-1), flows, ct).ConfigureAwait(false);
        var prefix = name.ToUpperInvariant() + "-";
        var documents = new List<SapDocumentSeen>();
        foreach (var set in new[] { OrderReconciliation.OrdersSet, OrderReconciliation.CreditNotesSet, OrderReconciliation.DeliveriesSet, OrderReconciliation.InvoicesSet })
        {
            if (set == OrderReconciliation.CreditNotesSet && !flows.Contains(ReconFlow.Refunds)) continue;
            if (set is OrderReconciliation.DeliveriesSet or OrderReconciliation.InvoicesSet && !flows.Contains(ReconFlow.Dispatches)) continue;
            documents.AddRange(await sap.DocumentsAsync(set, prefix, window.FirstDay.AddDays(-1), ct).ConfigureAwait(false));
        }
        return OrderReconciliation.Compare(name, window, orders, documents).Where(r => flows.Contains(r.Flow)).ToList();
    }

    /// <summary>The channel's orders created from <paramref name="from"/>, with their shipments and refunds when those flows are asked.</summary>
    protected abstract Task<IReadOnlyList<ChannelOrderSeen>> ChannelOrdersAsync(DateTimeOffset from, IReadOnlyList<ReconFlow> flows, CancellationToken ct);

    /// <summary>The dispatch id the engine keys a shipment's delivery by: the one its marker names (a dispatch the engine published), else the channel's own id.</summary>
    protected static string DispatchId(string channelId, IEnumerable<string?> comments)
    {
        foreach (var comment in comments)
        foreach (var line in (comment ?? "").Split('\n'))
            if (line.Trim() is var text && text.StartsWith(ShipmentMarker.Prefix, StringComparison.Ordinal) && text.Length > ShipmentMarker.Prefix.Length)
                return text[ShipmentMarker.Prefix.Length..];
        return channelId;
    }
}

/// <summary>
/// Magento through the connector's client: <c>GET V1/orders</c>, <c>V1/shipments</c> and <c>V1/creditmemos</c> with
/// <c>searchCriteria</c> on <c>created_at</c>, paged until <c>total_count</c> is read (never trusting an empty page,
/// older stores repeat the last one). The order's <c>increment_id</c> is the engine's key; a shipment's
/// <c>increment_id</c> (or the dispatch its marker names) and a memo's <c>increment_id</c> are the dispatch and refund ids,
/// as <see cref="Channels.Magento.MagentoFulfilmentParser"/> reads them.
/// </summary>
public sealed class MagentoReconSource(PacedReader magento, SapReconReads sap, int pageSize) : ChannelOrderSource("magento", sap)
{
    private static readonly string[] PostingStates = ["processing", "complete", "closed"];

    protected override async Task<IReadOnlyList<ChannelOrderSeen>> ChannelOrdersAsync(DateTimeOffset from, IReadOnlyList<ReconFlow> flows, CancellationToken ct)
    {
        var orders = await SearchAsync("V1/orders", from, ct).ConfigureAwait(false);
        var shipments = flows.Contains(ReconFlow.Dispatches) ? await SearchAsync("V1/shipments", from, ct).ConfigureAwait(false) : [];
        var memos = flows.Contains(ReconFlow.Refunds) ? await SearchAsync("V1/creditmemos", from, ct).ConfigureAwait(false) : [];
        ChannelEvent Event(JsonElement row, string? id) => new(id ?? Id(row, "increment_id") ?? Id(row, "entity_id")!, Date(row));
        var shipped = shipments.ToLookup(s => Id(s, "order_id"), s => Event(s, DispatchId(Id(s, "increment_id") ?? Id(s, "entity_id")!,
            s.TryGetProperty("comments", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(x => Text(x, "comment")) : [])));
        var refunded = memos.ToLookup(m => Id(m, "order_id"), m => Event(m, null));
        return orders.Where(o => Id(o, "increment_id") is not null).Select(o =>
        {
            var entity = Id(o, "entity_id");
            return new ChannelOrderSeen("magento", Id(o, "increment_id")!, Date(o), PostingStates.Contains(Text(o, "state")),
                shipped[entity].ToImmutableList(), refunded[entity].ToImmutableList());
        }).ToList();
    }

    private async Task<List<JsonElement>> SearchAsync(string path, DateTimeOffset from, CancellationToken ct)
    {
        var since = Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var rows = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = await magento.GetAsync($"{path}?searchCriteria[filter_groups][0][filters][0][field]=created_at&searchCriteria[filter_groups][0][filters][0][value]={since}" +
                $"&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC" +
                $"&searchCriteria[pageSize]={pageSize}&searchCriteria[currentPage]={page}", ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var total = document.RootElement.TryGetProperty("total_count", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
            var items = document.RootElement.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().Select(x => x.Clone()).ToList() : [];
            rows.AddRange(items);
            if (items.Count == 0 || rows.Count >= total || (long)page * pageSize >= total) return rows.Take(Math.Max(total, 0)).ToList();
        }
    }

    private static DateTimeOffset Date(JsonElement row) =>
        DateTimeOffset.ParseExact(Text(row, "created_at") ?? throw new SourceUnavailableException("a Magento record has no created_at"), "yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Id(JsonElement row, string name) => row.TryGetProperty(name, out var v)
        ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
        : null;
}

/// <summary>
/// BigCommerce through the connector's client: <c>GET v2/orders?min_date_modified=</c> (an order created in the window
/// was modified in it too; 204 is the end), then, only for orders that say so (<c>items_shipped</c>,
/// <c>refunded_amount</c>), their shipments and refunds: two calls per such order at most, within the shared quota.
/// </summary>
public sealed class BigCommerceReconSource(PacedReader store, SapReconReads sap, int pageSize) : ChannelOrderSource("bigcommerce", sap)
{
    protected override async Task<IReadOnlyList<ChannelOrderSeen>> ChannelOrdersAsync(DateTimeOffset from, IReadOnlyList<ReconFlow> flows, CancellationToken ct)
    {
        var since = Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
        var orders = new List<ChannelOrderSeen>();
        var limit = Math.Min(pageSize, 250);
        for (var page = 1; ; page++)
        {
            var json = await store.GetAsync($"v2/orders?min_date_modified={since}&sort=date_modified:asc&page={page}&limit={limit}", ct).ConfigureAwait(false);
            if (json.Length == 0) break;
            using var document = JsonDocument.Parse(json);
            var rows = document.RootElement.EnumerateArray().Select(r => r.Clone()).ToList();
            foreach (var row in rows)
            {
                var created = Date(row, "date_created");
                if (created < from) continue;
                var id = row.GetProperty("id").GetRawText();
                var dispatches = flows.Contains(ReconFlow.Dispatches) && Number(row, "items_shipped") > 0 ? await ShipmentsAsync(id, ct).ConfigureAwait(false) : [];
                var refunds = flows.Contains(ReconFlow.Refunds) && Number(row, "refunded_amount") > 0 ? await RefundsAsync(id, ct).ConfigureAwait(false) : [];
                var status = row.GetProperty("status_id").GetInt32();
                orders.Add(new ChannelOrderSeen("bigcommerce", id, created, BigCommerceStatuses.ReadinessOf(status).Action == Channels.OrderAction.Post, dispatches, refunds));
            }
            if (rows.Count < limit) break;
        }
        return orders;
    }

    private async Task<ImmutableList<ChannelEvent>> ShipmentsAsync(string orderId, CancellationToken ct)
    {
        var json = await store.GetAsync($"v2/orders/{orderId}/shipments?limit=250", ct).ConfigureAwait(false);
        if (json.Length == 0) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(s => new ChannelEvent(DispatchId(s.GetProperty("id").GetRawText(), [Text(s, "comments")]), Date(s, "date_created"))).ToImmutableList();
    }

    private async Task<ImmutableList<ChannelEvent>> RefundsAsync(string orderId, CancellationToken ct)
    {
        var json = await store.GetAsync($"v3/orders/{orderId}/payment_actions/refunds", ct).ConfigureAwait(false);
        if (json.Length == 0) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => new ChannelEvent(r.GetProperty("id").GetRawText(), DateTimeOffset.Parse(Text(r, "created") ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .ToImmutableList();
    }

    /// <summary>v2 dates are RFC-2822, always UTC (channels.md §2.4).</summary>
    private static DateTimeOffset Date(JsonElement row, string name) =>
        DateTimeOffset.TryParse(Text(row, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new SourceUnavailableException($"a BigCommerce record's {name} is not a date");
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorSync.Domain.StockPublishing;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.StockPublishing;

/// <summary>
/// The Service Layer reads behind stock publishing (service-layer.md §8 "Stock per warehouse", "Changed since"):
/// items with their warehouse rows (<c>$select=ItemCode,ItemWarehouseInfoCollection</c>, nothing else), the stock
/// audit view by increasing <c>TransNum</c>, and sales orders changed since a stamp (a new, closed or cancelled order
/// moves <c>Committed</c> without an audit row). Pages are read as they are consumed; nothing holds the whole company.
/// </summary>
public sealed class SapStockQueries(ServiceLayerClient client)
{
    private const string ItemSelect = "$select=ItemCode,ItemWarehouseInfoCollection";

    /// <summary>How many item codes go into one <c>$filter</c> (the URL stays short).</summary>
    private const int CodesPerFilter = 40;

    /// <summary>The next page of a sweep: up to <paramref name="count"/> items after <paramref name="after"/>, by code (keyset paging: items added meanwhile are not skipped twice or read twice).</summary>
    public async Task<ImmutableList<ItemLevels>> SweepPageAsync(string? after, int count, CancellationToken ct)
    {
        var filter = after is null ? "" : "&$filter=" + Uri.EscapeDataString($"ItemCode gt '{Quote(after)}'");
        return await ReadAsync($"Items?{ItemSelect}{filter}&$orderby=ItemCode&$top={count}", ct).ConfigureAwait(false);
    }

    /// <summary>These items as SAP holds them now.</summary>
    public async Task<ImmutableList<ItemLevels>> ItemsAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var result = ImmutableList.CreateBuilder<ItemLevels>();
        foreach (var chunk in codes.Chunk(CodesPerFilter))
        {
            var filter = string.Join(" or ", chunk.Select(c => $"ItemCode eq '{Quote(c)}'"));
            result.AddRange(await ReadAsync($"Items?{ItemSelect}&$filter={Uri.EscapeDataString(filter)}", ct).ConfigureAwait(false));
        }

        return result.ToImmutable();
    }

    /// <summary>The newest audit row's number (0 when the audit is empty); null when the view does not exist.</summary>
    public async Task<long?> LatestAuditAsync(string view, CancellationToken ct)
    {
        try
        {
            await foreach (var row in client.QueryAsync($"view.svc/{view}?$select=TransNum&$orderby=TransNum desc&$top=1", ct).ConfigureAwait(false))
                return row.GetProperty("TransNum").GetInt64();
            return 0;
        }
        catch (ServiceLayerException ex) when (ex.Error.HttpStatus is 404 or 403)
        {
            return null;
        }
    }

    /// <summary>Audit rows after <paramref name="after"/>: the items they name and the last number read.</summary>
    public async Task<(ImmutableHashSet<string> Items, long Last, int Rows)> AuditAsync(string view, long after, int count, CancellationToken ct)
    {
        var items = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var last = after;
        var rows = 0;
        await foreach (var row in client.QueryAsync($"view.svc/{view}?$select=TransNum,ItemCode&$filter={Uri.EscapeDataString($"TransNum gt {after}")}&$orderby=TransNum&$top={count}", ct).ConfigureAwait(false))
        {
            rows++;
            items.Add(row.GetProperty("ItemCode").GetString()!);
            last = Math.Max(last, row.GetProperty("TransNum").GetInt64());
        }

        return (items.ToImmutable(), last, rows);
    }

    /// <summary>The newest sales order's stamp (SAP's date and second), or null when there is none.</summary>
    public async Task<DateTime?> LatestOrderStampAsync(CancellationToken ct)
    {
        await foreach (var row in client.QueryAsync("Orders?$select=DocEntry,UpdateDate,UpdateTime&$orderby=UpdateDate desc,UpdateTime desc&$top=1", ct).ConfigureAwait(false))
            return Stamp(row);
        return null;
    }

    /// <summary>
    /// Items on sales orders changed at or after <paramref name="from"/> (the same second may hold more, so it is read
    /// again; reading an item twice only finds nothing new), and the newest stamp seen.
    /// </summary>
    public async Task<(ImmutableHashSet<string> Items, DateTime Through, int Orders)> OrdersChangedAsync(DateTime from, CancellationToken ct)
    {
        var date = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = from.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var filter = $"UpdateDate gt '{date}' or (UpdateDate eq '{date}' and UpdateTime ge '{time}')";
        var items = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var through = from;
        var orders = 0;
        await foreach (var row in client.QueryAsync($"Orders?$select=DocEntry,UpdateDate,UpdateTime,DocumentLines&$filter={Uri.EscapeDataString(filter)}&$orderby=UpdateDate,UpdateTime", ct).ConfigureAwait(false))
        {
            orders++;
            if (Stamp(row) is { } stamp && stamp > through) through = stamp;
            if (row.TryGetProperty("DocumentLines", out var lines) && lines.ValueKind == JsonValueKind.Array)
            {
                foreach (var line in lines.EnumerateArray())
                {
                    if (line.TryGetProperty("ItemCode", out var code) && code.GetString() is { Length: > 0 } itemCode)
                        items.Add(itemCode);
                }
            }
        }

        return (items.ToImmutable(), through, orders);
    }

    private async Task<ImmutableList<ItemLevels>> ReadAsync(string path, CancellationToken ct)
    {
        var result = ImmutableList.CreateBuilder<ItemLevels>();
        await foreach (var row in client.QueryAsync(path, ct).ConfigureAwait(false))
            result.Add(Levels(row));
        return result.ToImmutable();
    }

    internal static ItemLevels Levels(JsonElement item)
    {
        var levels = ImmutableList.CreateBuilder<WarehouseLevel>();
        if (item.TryGetProperty("ItemWarehouseInfoCollection", out var rows) && rows.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in rows.EnumerateArray())
                levels.Add(new WarehouseLevel(row.GetProperty("WarehouseCode").GetString() ?? "", Number(row, "InStock"), Number(row, "Committed"), Number(row, "Ordered")));
        }

        return new ItemLevels(item.GetProperty("ItemCode").GetString() ?? "", levels.ToImmutable());
    }

    private static decimal Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : 0m;

    /// <summary>v1 dates "2026-05-01" or v2 "2026-05-01T00:00:00Z"; times "10:15:00".</summary>
    private static DateTime? Stamp(JsonElement row)
    {
        if (!row.TryGetProperty("UpdateDate", out var d) || d.GetString() is not { Length: >= 10 } date) return null;
        var day = DateTime.ParseExact(date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return row.TryGetProperty("UpdateTime", out var t) && t.GetString() is { Length: >= 5 } time
               && TimeSpan.TryParse(time, CultureInfo.InvariantCulture, out var at)
            ? day + at
            : day;
    }

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}

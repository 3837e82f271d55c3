using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorSync.Domain.Validation;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.MasterData;

/// <summary>Reads what SAP holds of some items right now (batches and serials included).</summary>
public interface IStockReader
{
    Task<StockReading> ReadAsync(IReadOnlyCollection<StockPlace> places, CancellationToken ct = default);
}

/// <summary>
/// Reads the batches and serials SAP holds of a few items, just before a document that takes them out is built.
/// SAP's Service Layer has no entity set for batch quantities per warehouse, so the company exposes two SQL views
/// (<c>view.svc/…B1SLQuery</c>, see the README's "Batch and serial stock" section): one row per batch and warehouse
/// (OBTQ joined to OBTN) and one per serial in stock (OSRQ joined to OSRN). One query per view and warehouse.
/// </summary>
public sealed class SapStockReader(ServiceLayerClient client, string batchView = SapStockReader.DefaultBatchView, string serialView = SapStockReader.DefaultSerialView) : IStockReader
{
    public const string DefaultBatchView = "BatchStockB1SLQuery";
    public const string DefaultSerialView = "SerialStockB1SLQuery";

    public async Task<StockReading> ReadAsync(IReadOnlyCollection<StockPlace> places, CancellationToken ct = default)
    {
        var stock = places.Distinct().ToDictionary(p => p, _ => (Batches: ImmutableList.CreateBuilder<BatchStock>(), Serials: ImmutableList.CreateBuilder<SerialStock>()));
        foreach (var warehouse in places.GroupBy(p => p.Warehouse))
        {
            var filter = Filter(warehouse.Key, warehouse.Select(p => p.ItemCode));
            await foreach (var row in client.QueryAsync($"view.svc/{batchView}?$filter={filter}", ct).ConfigureAwait(false))
            {
                if (stock.TryGetValue(Place(row), out var at))
                    at.Batches.Add(new BatchStock(Text(row, "DistNumber"), row.GetProperty("Quantity").GetDecimal(), Date(row, "ExpDate"), Date(row, "InDate")));
            }
            await foreach (var row in client.QueryAsync($"view.svc/{serialView}?$filter={filter}", ct).ConfigureAwait(false))
            {
                if (stock.TryGetValue(Place(row), out var at))
                    at.Serials.Add(new SerialStock(Text(row, "DistNumber"), Date(row, "InDate"), Date(row, "ExpDate")));
            }
        }

        var reading = stock.ToImmutableDictionary(s => s.Key, s =>
        {
            var batches = s.Value.Batches.ToImmutable();
            var serials = s.Value.Serials.ToImmutable();
            return new WarehouseStock(batches.Sum(b => b.Quantity) + serials.Count) { Batches = batches, Serials = serials };
        });
        return new StockReading(DateOnly.FromDateTime(DateTime.UtcNow), reading);
    }

    /// <summary><c>WhsCode eq '01' and (ItemCode eq 'A' or ItemCode eq 'B')</c>, escaped.</summary>
    internal static string Filter(string warehouse, IEnumerable<string> itemCodes)
    {
        var items = new StringBuilder();
        foreach (var code in itemCodes.Distinct())
        {
            if (items.Length > 0) items.Append(" or ");
            items.Append("ItemCode eq '").Append(code.Replace("'", "''")).Append('\'');
        }
        return Uri.EscapeDataString($"WhsCode eq '{warehouse.Replace("'", "''")}' and ({items})");
    }

    private static StockPlace Place(JsonElement row) => new(Text(row, "ItemCode"), Text(row, "WhsCode"));

    private static string Text(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    /// <summary>Views return dates as "2026-05-01" or "2026-05-01T00:00:00Z"; the day is what counts.</summary>
    private static DateOnly? Date(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 10 } text
            ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}

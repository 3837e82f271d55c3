using System.Collections.Immutable;

namespace ActorSync.Domain.Validation;

/// <summary>
/// What SAP holds right now of the batch- and serial-managed items a document is about to take out, read just
/// before it posts. The master-data snapshot is minutes old and carries no batches: choosing from it would pick
/// batches another delivery already emptied.
/// </summary>
public sealed record StockReading(DateOnly AsOf, ImmutableDictionary<StockPlace, WarehouseStock> Places)
{
    public static StockReading Empty(DateOnly asOf) => new(asOf, ImmutableDictionary<StockPlace, WarehouseStock>.Empty);
}

/// <summary>One item in one warehouse.</summary>
public sealed record StockPlace(string ItemCode, string Warehouse);

public static class StockReadingExtensions
{
    /// <summary>
    /// The snapshot with the reading's figures in place of its own for the places read, as of the reading's day, so
    /// <see cref="StockAllocator"/> chooses from what SAP holds now. Items unknown to the snapshot stay unknown.
    /// </summary>
    public static MasterDataSnapshot WithStock(this MasterDataSnapshot snapshot, StockReading reading)
    {
        var items = snapshot.Items.ToBuilder();
        foreach (var (place, stock) in reading.Places)
        {
            if (items.TryGetValue(place.ItemCode, out var item))
                items[place.ItemCode] = item with { Stock = item.Stock.SetItem(place.Warehouse, stock) };
        }
        return snapshot with { AsOf = reading.AsOf, Items = items.ToImmutable() };
    }

    /// <summary>Whether rows of this item need batches or serials chosen when they leave a warehouse.</summary>
    public static bool NeedsPicking(this MasterDataSnapshot snapshot, string itemCode) =>
        snapshot.Items.TryGetValue(itemCode, out var item) && (item.BatchManaged || item.SerialManaged);
}

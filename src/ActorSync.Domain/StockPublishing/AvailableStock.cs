using System.Collections.Immutable;
using ActorSync.Domain.Mapping;

namespace ActorSync.Domain.StockPublishing;

/// <summary>SAP's figures for one item in one warehouse (<c>ItemWarehouseInfoCollection</c>: <c>InStock</c>, <c>Committed</c>).</summary>
/// <param name="Ordered">Quantity on open purchase orders: not sellable, kept on the stock position for operators.</param>
public sealed record WarehouseLevel(string Warehouse, decimal InStock, decimal Committed, decimal Ordered = 0);

/// <summary>One item as SAP holds it now, every warehouse of it (one read of <c>Items('X')</c> gives them all).</summary>
public sealed record ItemLevels(string ItemCode, ImmutableList<WarehouseLevel> Warehouses);

/// <summary>What a channel location should show for a SKU.</summary>
public sealed record StockTarget(string Location, string Sku, decimal Quantity);

/// <summary>How a channel counts stock: BigCommerce takes whole units, Magento and Sitoo decimals (Sitoo three places).</summary>
public enum StockUnits { Whole, Decimal }

/// <summary>One channel's published locations (<c>Mapping:Channels:&lt;channel&gt;:Locations</c>) and how it counts.</summary>
public sealed record PublishedChannel(string Channel, ImmutableDictionary<string, ChannelLocation> Locations, StockUnits Units);

/// <summary>
/// What a channel location may sell (issue 11): the sum over its sellable warehouses of <c>InStock − Committed</c>,
/// less its safety buffer, never below zero. A warehouse not listed as sellable (quarantine, damaged) never counts,
/// and a warehouse SAP did not report counts as nothing. Whole-unit channels are told the units below, never above:
/// telling 3 for 3.5 can oversell nothing, telling 4 could.
/// </summary>
public static class AvailableStock
{
    public static decimal For(ChannelLocation location, IReadOnlyList<WarehouseLevel> levels, StockUnits units)
    {
        var sum = 0m;
        foreach (var level in levels)
        {
            if (Sellable(location, level.Warehouse))
                sum += level.InStock - level.Committed;
        }

        var available = Math.Max(0m, sum - location.SafetyBuffer);
        return units == StockUnits.Whole ? Math.Floor(available) : Math.Round(available, 3, MidpointRounding.ToZero);
    }

    /// <summary>What each of the channel's locations should show for the item.</summary>
    public static IEnumerable<StockTarget> Targets(PublishedChannel channel, ItemLevels item)
    {
        foreach (var (code, location) in channel.Locations)
            yield return new StockTarget(code, item.ItemCode, For(location, item.Warehouses, channel.Units));
    }

    /// <summary>Whether a change in <paramref name="warehouse"/> can move what any location of the channel shows.</summary>
    public static bool Concerns(PublishedChannel channel, string warehouse) =>
        channel.Locations.Values.Any(l => Sellable(l, warehouse));

    private static bool Sellable(ChannelLocation location, string warehouse)
    {
        foreach (var sellable in location.SellableWarehouses)
        {
            if (string.Equals(sellable, warehouse, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }
}

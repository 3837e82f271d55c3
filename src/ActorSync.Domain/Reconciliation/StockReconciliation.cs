using System.Collections.Immutable;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Domain.Reconciliation;

/// <summary>What a channel location shows for a SKU, as read from the channel.</summary>
public sealed record ShownStock(string Location, string Sku, decimal Quantity);

/// <summary>
/// What each channel location shows against what SAP says it should show, by the rule stock publishing follows
/// (<see cref="AvailableStock"/>: the sum of the sellable warehouses' <c>InStock − Committed</c>, less the safety buffer,
/// never below zero). Only SKUs the channel lists are compared (channels list part of the catalogue); a SKU SAP does
/// not have should show 0. A difference beyond <paramref name="threshold"/> units either way is a finding: above, the
/// shop can oversell; below, it loses sales.
/// </summary>
public static class StockReconciliation
{
    public static SourceResult Compare(PublishedChannel channel, IReadOnlyList<ItemLevels> sap, IReadOnlyList<ShownStock> shown, decimal threshold)
    {
        var levels = sap.ToDictionary(i => i.ItemCode, i => (IReadOnlyList<WarehouseLevel>)i.Warehouses, StringComparer.OrdinalIgnoreCase);
        var findings = new List<ReconFinding>();
        var compared = 0;
        foreach (var row in shown.OrderBy(s => s.Location, StringComparer.Ordinal).ThenBy(s => s.Sku, StringComparer.Ordinal))
        {
            if (!channel.Locations.TryGetValue(row.Location, out var location)) continue;
            compared++;
            var should = AvailableStock.For(location, levels.GetValueOrDefault(row.Sku) ?? [], channel.Units);
            var difference = row.Quantity - should;
            if (Math.Abs(difference) <= threshold) continue;
            // Stryker disable once Equality : equivalent, a difference of 0 is within any threshold (never negative) and never gets here
            var above = difference > 0;
            findings.Add(new ReconFinding(above ? FindingKind.StockAboveSap : FindingKind.StockBelowSap,
                $"stock:{channel.Channel}:{row.Location}:{row.Sku}", channel.Channel, $"{channel.Channel}/{row.Location}/{row.Sku}",
                $"{channel.Channel} location {row.Location} shows {row.Quantity:0.###} of {row.Sku}; SAP allows {should:0.###} (sellable warehouses {string.Join(", ", location.SellableWarehouses)}, buffer {location.SafetyBuffer:0.###}): {Math.Abs(difference):0.###} {(above ? "too many" : "too few")}.",
                row.Quantity, should));
        }
        return SourceResult.Clean(channel.Channel, ReconFlow.Stock, compared, findings);
    }

    public static ImmutableList<string> SkusOf(IEnumerable<ShownStock> shown) => shown.Select(s => s.Sku).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableList();
}

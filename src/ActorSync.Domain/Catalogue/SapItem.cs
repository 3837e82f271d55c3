using System.Collections.Immutable;

namespace ActorSync.Domain.Catalogue;

/// <summary>
/// SAP's <c>Valid</c> or <c>Frozen</c> flag with its optional <c>From</c>/<c>To</c> dates (service-layer.md §8, Item:
/// <c>Valid</c> [validFor] and <c>Frozen</c> [frozenFor], each with From/To dates). An empty bound is open.
/// </summary>
public sealed record ItemPeriod(bool Flag, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Whether the flag holds on <paramref name="day"/>: set, and the day inside its dates.</summary>
    public bool HoldsOn(DateOnly day) => Flag && (From is not { } from || day >= from) && (To is not { } to || day <= to);
}

/// <summary>
/// One item as SAP holds it, reduced to what a channel's catalogue needs: its code and name, its price per price list
/// (null when the list has no price for it), its sales VAT group, <c>Valid</c>/<c>Frozen</c> and its
/// <c>UpdateDate</c>+<c>UpdateTime</c> stamp (second resolution, the company's clock).
/// </summary>
public sealed record SapItem(
    string ItemCode,
    string ItemName,
    ImmutableDictionary<int, decimal?> Prices,
    string? VatGroup,
    ItemPeriod Valid,
    ItemPeriod Frozen,
    DateTime UpdateStamp)
{
    /// <summary>
    /// Whether the item may be sold on <paramref name="day"/>: valid on that day (a valid item with dates is valid only
    /// between them) and not frozen on it (a frozen item with dates is frozen only between them).
    /// </summary>
    public bool SellableOn(DateOnly day) => Valid.HoldsOn(day) && !Frozen.HoldsOn(day);

    /// <summary>The item's price in <paramref name="priceList"/>; null when the list has none (SAP answers 0 or nothing).</summary>
    public decimal? PriceIn(int priceList) => Prices.TryGetValue(priceList, out var price) && price is > 0 ? price : null;
}

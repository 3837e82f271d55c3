using System.Collections.Immutable;

namespace ActorSync.Domain.Catalogue;

/// <summary>Whether a channel stores prices with VAT included (gross) or without (net).</summary>
public enum PriceBasis { Net, Gross }

/// <summary>
/// One channel's catalogue mapping (<c>Mapping:Channels:&lt;channel&gt;:Catalogue</c>): the SAP price list it sells
/// from, and whether it stores prices gross or net. SAP's price lists hold net prices.
/// </summary>
public sealed record ChannelCatalogue(string Channel, int PriceList, PriceBasis Prices);

/// <summary>
/// What a channel is told about one SKU: its title, its price in the channel's terms (two decimals), and whether it
/// is on sale. <paramref name="Price"/> is null when SAP has no price for it in the channel's list (or no rate for its
/// VAT group on a gross channel): the product is then disabled and its price on the channel left as it is.
/// </summary>
public sealed record ChannelProduct(string Sku, string Title, decimal? Price, bool Enabled);

/// <summary>SAP's VAT rate (percent) per VAT group code (<c>VatGroups</c>, its current <c>VatGroups_Lines</c> rate).</summary>
public sealed record VatRates(ImmutableDictionary<string, decimal> ByGroup)
{
    public static readonly VatRates None = new(ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    public decimal? RateOf(string? group) => group is not null && ByGroup.TryGetValue(group, out var rate) ? rate : null;
}

/// <summary>The catalogue rules: what a channel should show for an SAP item.</summary>
public static class CatalogueRules
{
    /// <summary>
    /// Net to gross: <c>net × (1 + rate / 100)</c>, rounded once, to two decimals, half away from zero (the customer's
    /// shelf price; 19.99 net at 25 % is 24.99, at 19 % 23.79). A net channel gets SAP's price rounded the same way.
    /// </summary>
    public static decimal Gross(decimal net, decimal ratePercent) =>
        Math.Round(net * (1m + ratePercent / 100m), 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The product a channel should show for <paramref name="item"/> on <paramref name="today"/>. It is enabled only when
    /// SAP has it valid and not frozen that day and it has a price in the channel's list; a withdrawn item keeps its
    /// price on the channel (disabled, never deleted: order history and links stay).
    /// </summary>
    public static ChannelProduct ProductFor(ChannelCatalogue channel, SapItem item, VatRates rates, DateOnly today)
    {
        decimal? price = item.PriceIn(channel.PriceList) is not { } net ? null
            : channel.Prices == PriceBasis.Net ? Math.Round(net, 2, MidpointRounding.AwayFromZero)
            : rates.RateOf(item.VatGroup) is { } rate ? Gross(net, rate)
            : null;
        return new ChannelProduct(item.ItemCode, item.ItemName, price, price is not null && item.SellableOn(today));
    }
}

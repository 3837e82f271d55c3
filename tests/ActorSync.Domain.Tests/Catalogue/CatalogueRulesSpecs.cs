using System.Collections.Immutable;
using ActorSync.Domain.Catalogue;

namespace ActorSync.Domain.Tests.Catalogue;

public class CatalogueRulesSpecs
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static readonly VatRates Rates = new(new Dictionary<string, decimal>
    {
        ["S1"] = 25m, ["S2"] = 12m, ["S3"] = 6m, ["DE19"] = 19m, ["DE7"] = 7m,
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));

    private static SapItem Item(string vatGroup, decimal? retail = 19.99m, ItemPeriod? valid = null, ItemPeriod? frozen = null) =>
        new("ITM00042", "Linen shirt, sand", ImmutableDictionary<int, decimal?>.Empty.Add(1, retail).Add(2, 15.99m), vatGroup,
            valid ?? new ItemPeriod(true), frozen ?? new ItemPeriod(false), new DateTime(2026, 12, 7, 9, 14, 3));

    [Theory]
    [InlineData("S1", 24.99)] // 19.99 × 1.25 = 24.9875
    [InlineData("S2", 22.39)] // 19.99 × 1.12 = 22.3888
    [InlineData("S3", 21.19)] // 19.99 × 1.06 = 21.1894
    [InlineData("DE19", 23.79)] // 19.99 × 1.19 = 23.7881
    [InlineData("DE7", 21.39)] // 19.99 × 1.07 = 21.3893
    public void A_gross_channel_is_told_the_net_price_with_the_items_VAT_groups_rate_rounded_once_to_cents(string group, double gross)
    {
        var product = CatalogueRules.ProductFor(new ChannelCatalogue("sitoo", 1, PriceBasis.Gross), Item(group), Rates, Today);

        Assert.Equal(new ChannelProduct("ITM00042", "Linen shirt, sand", (decimal)gross, true), product);
    }

    [Fact]
    public void A_net_channel_is_told_SAPs_price_of_its_own_price_list()
    {
        var product = CatalogueRules.ProductFor(new ChannelCatalogue("bigcommerce", 2, PriceBasis.Net), Item("S1"), Rates, Today);

        Assert.Equal(15.99m, product.Price);
        Assert.True(product.Enabled);
    }

    [Fact]
    public void An_item_frozen_from_to_is_disabled_inside_its_dates_and_sold_outside_them()
    {
        var frozen = Item("S1", frozen: new ItemPeriod(true, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 24)));
        var channel = new ChannelCatalogue("sitoo", 1, PriceBasis.Gross);

        Assert.Equal(new ChannelProduct("ITM00042", "Linen shirt, sand", 24.99m, false), CatalogueRules.ProductFor(channel, frozen, Rates, Today));
        Assert.True(CatalogueRules.ProductFor(channel, frozen, Rates, new DateOnly(2026, 12, 27)).Enabled);
        Assert.True(CatalogueRules.ProductFor(channel, frozen, Rates, new DateOnly(2026, 11, 30)).Enabled);
    }

    [Fact]
    public void An_item_valid_only_from_a_later_date_or_not_valid_at_all_is_not_on_sale()
    {
        var channel = new ChannelCatalogue("sitoo", 1, PriceBasis.Gross);

        Assert.False(CatalogueRules.ProductFor(channel, Item("S1", valid: new ItemPeriod(true, new DateOnly(2027, 1, 1))), Rates, Today).Enabled);
        Assert.False(CatalogueRules.ProductFor(channel, Item("S1", valid: new ItemPeriod(false)), Rates, Today).Enabled);
    }

    [Fact]
    public void An_item_whose_price_list_has_no_price_is_disabled_and_its_channel_price_left_alone()
    {
        var unpriced = CatalogueRules.ProductFor(new ChannelCatalogue("sitoo", 1, PriceBasis.Gross), Item("S1", retail: 0m), Rates, Today);
        var noRate = CatalogueRules.ProductFor(new ChannelCatalogue("sitoo", 1, PriceBasis.Gross), Item("X9"), Rates, Today);
        var noList = CatalogueRules.ProductFor(new ChannelCatalogue("sitoo", 7, PriceBasis.Net), Item("S1"), Rates, Today);

        Assert.All(new[] { unpriced, noRate, noList }, p => Assert.Equal((null, false), (p.Price, p.Enabled)));
    }
}

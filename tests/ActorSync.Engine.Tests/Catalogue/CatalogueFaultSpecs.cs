using System.Globalization;
using ActorSync.Emulators.Channels;

namespace ActorSync.Engine.Tests.Catalogue;

/// <summary>A 429 storm, an outage and a dropped answer delay SAP's latest prices to the channels but never lose them.</summary>
public class CatalogueFaultSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_429_storm_an_outage_and_a_dropped_answer_delay_the_latest_prices_but_never_lose_them()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.SitooEqualsSapAsync(Patience, "Sitoo after the first full read");
        await rig.BigCommerceEqualsSapAsync(Patience, "BigCommerce after the first full read");
        await rig.MagentoEqualsSapAsync(Patience, "Magento after the first full read");
        var items = rig.Sap.Company.FirstPlainActiveItems(3).Select(i => i.ItemCode).ToList();

        rig.BigCommerce.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(1, 1500, RequestsLeft: 0) });
        rig.Magento.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 2500) });
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { DropResponses = 1 });
        // Each item's price changes three times: only the last must arrive.
        foreach (var price in new[] { 15.35m, 17.95m, 16.45m })
        foreach (var item in items)
            await rig.PatchItemAsync(item, $$"""{"ItemPrices":[{"PriceList":1,"Price":{{price.ToString(CultureInfo.InvariantCulture)}}},{"PriceList":2,"Price":{{(price - 3m).ToString(CultureInfo.InvariantCulture)}}}]}""");

        await rig.SitooEqualsSapAsync(Patience, "Sitoo has the last prices");
        await rig.BigCommerceEqualsSapAsync(Patience, "BigCommerce has the last prices");
        await rig.MagentoEqualsSapAsync(Patience, "Magento has the last prices");
        Assert.True(rig.BigCommerce.GetStats().RateLimited > 0, "BigCommerce answered 429");
        Assert.True(rig.Magento.GetStats().OutageAnswers > 0, "Magento was down");
        Assert.True(rig.Sitoo.GetStats().DroppedResponses > 0, "Sitoo dropped an answer");
        var channels = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels;
        Assert.True(channels.Single(c => c.Channel == "bigcommerce").RateLimited > 0);
        Assert.True(channels.Single(c => c.Channel == "magento").Failures > 0);
        Assert.All(channels, c => Assert.Equal(0, c.Owed));
    }
}

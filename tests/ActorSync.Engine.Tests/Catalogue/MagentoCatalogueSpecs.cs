using System.Globalization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Catalogue;

/// <summary>SAP's items out to Magento end to end, from price list 1, net: saved products, a price change, a freeze (disabled, not deleted), a refused SKU, a crash.</summary>
public class MagentoCatalogueSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Magento_gets_new_items_at_their_net_price_follows_a_price_change_and_disables_a_frozen_item_without_deleting_it()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.MagentoEqualsSapAsync(Patience, "the first full read saved every item on sale");
        var plain = rig.Sap.Company.FirstPlainActiveItems(10);
        Assert.Equal((plain[0].ItemName, plain[0].RetailPrice, 1), rig.Magento.State.Catalogue.Product(plain[0].ItemCode));
        Assert.Null(rig.Magento.State.Catalogue.Product(rig.Sap.Company.FirstItems(ItemKind.Frozen, 1)[0].ItemCode)); // never created just to be disabled
        var products = rig.Magento.State.Catalogue.ProductCount;

        var (repriced, frozen) = (plain[1].ItemCode, plain[2].ItemCode);
        await rig.PatchItemAsync(repriced, """{"ItemPrices":[{"PriceList":1,"Price":64.95}]}""");
        await rig.PatchItemAsync(frozen, """{"Frozen":"tYES"}""");

        await rig.MagentoEqualsSapAsync(Patience, "the price change and the freeze reached Magento");
        Assert.Equal(64.95m, rig.Magento.State.Catalogue.Product(repriced)!.Value.Price);
        Assert.Equal(2, rig.Magento.State.Catalogue.Product(frozen)!.Value.Status);
        Assert.Equal(products, rig.Magento.State.Catalogue.ProductCount);
    }

    [Fact]
    public async Task A_SKU_Magento_refuses_parks_for_merchandising_and_the_rest_of_its_call_is_saved()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.MagentoEqualsSapAsync(Patience, "the first full read");
        var plain = rig.Sap.Company.FirstPlainActiveItems(5).Select(i => i.ItemCode).ToList();
        var refused = plain[1];
        rig.Magento.State.Catalogue.RefuseSkus([refused]);

        foreach (var (code, i) in plain.Select((c, i) => (c, i)))
            await rig.PatchItemAsync(code, $$"""{"ItemPrices":[{"PriceList":1,"Price":{{(8.75m + i).ToString(CultureInfo.InvariantCulture)}}}]}""");

        await rig.MagentoEqualsSapAsync(Patience, "every price change but the refused SKU's", except: d => d.StartsWith(refused + ":", StringComparison.Ordinal));
        Assert.Single(rig.MagentoDifferences());
        await Eventually.HoldsAsync(async () =>
        {
            var parked = (await rig.Host.Queue.ListAsync(new ExceptionFilter())).Where(e => e.RecordKind == RecordKinds.CatalogueSku).ToList();
            return (parked.Count == 1 && parked[0].RecordId == $"magento/{refused}" && parked[0].Team == OwningTeam.Merchandising
                    && parked[0].Details.Reason.Contains("parameters", StringComparison.Ordinal), string.Join("; ", parked.Select(p => $"{p.RecordId} {p.Team} {p.Details.Reason}")));
        }, Patience, "the refused SKU parked for merchandising with Magento's message");
    }

    [Fact]
    public async Task After_a_crash_nothing_Magento_already_has_is_sent_again_and_a_change_made_while_down_arrives()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.MagentoEqualsSapAsync(Patience, "the first full read");
        var before = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels.Single(c => c.Channel == "magento");
        var puts = rig.Magento.GetStats().Requests.GetValueOrDefault("PUT /V1/products/{sku}");
        var item = rig.Sap.Company.FirstPlainActiveItems(1)[0].ItemCode;

        await rig.Host.CrashAsync();
        await rig.PatchItemAsync(item, """{"ItemPrices":[{"PriceList":1,"Price":27.45}]}""");
        await rig.StartHostAsync();

        await rig.MagentoEqualsSapAsync(Patience, "the price changed while the service was down");
        var after = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels.Single(c => c.Channel == "magento");
        Assert.Equal((before.ItemsSent + 1, 1L, 0), (after.ItemsSent, after.CallsThisRun, after.Owed));
        Assert.Equal(puts + 1, rig.Magento.GetStats().Requests.GetValueOrDefault("PUT /V1/products/{sku}"));
    }
}

using System.Globalization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Catalogue;

/// <summary>
/// SAP's items out to BigCommerce end to end, from price list 2 (wholesale), net: created products, a price change, a
/// freeze (hidden, not deleted), a SKU the store refuses, and a crash.
/// </summary>
public class BigCommerceCatalogueSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task BigCommerce_gets_new_items_at_their_net_wholesale_price_follows_a_price_change_and_hides_a_frozen_item_without_deleting_it()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.BigCommerceEqualsSapAsync(Patience, "the first full read created every item on sale");
        var plain = rig.Sap.Company.FirstPlainActiveItems(10);
        Assert.Equal((plain[0].ItemName, plain[0].WholesalePrice, true), rig.BigCommerce.State.Catalogue.Product(plain[0].ItemCode));
        var inactive = rig.Sap.Company.FirstItems(ItemKind.Inactive, 1)[0].ItemCode;
        Assert.Null(rig.BigCommerce.State.Catalogue.Product(inactive)); // never created just to be hidden
        var products = rig.BigCommerce.State.Catalogue.ProductCount;

        var (repriced, frozen) = (plain[1].ItemCode, plain[2].ItemCode);
        await rig.PatchItemAsync(repriced, """{"ItemPrices":[{"PriceList":2,"Price":19.99}]}""");
        await rig.PatchItemAsync(frozen, $$"""{"Frozen":"tYES","FrozenFrom":"{{Day(CatalogueRig.Today)}}"}""");

        await rig.BigCommerceEqualsSapAsync(Patience, "the price change and the freeze reached BigCommerce");
        Assert.Equal(19.99m, rig.BigCommerce.State.Catalogue.Product(repriced)!.Value.Price);
        Assert.False(rig.BigCommerce.State.Catalogue.Product(frozen)!.Value.IsVisible);
        Assert.Equal(products, rig.BigCommerce.State.Catalogue.ProductCount);
        Assert.True(rig.BigCommerce.GetStats().Requests.GetValueOrDefault("PUT /v3/catalog/products") > 0);
    }

    [Fact]
    public async Task A_SKU_BigCommerce_refuses_parks_for_merchandising_and_the_rest_of_its_batch_lands()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.BigCommerceEqualsSapAsync(Patience, "the first full read");
        var plain = rig.Sap.Company.FirstPlainActiveItems(6).Select(i => i.ItemCode).ToList();
        var refused = plain[3];
        rig.BigCommerce.State.Catalogue.RefuseSkus([refused]);

        // Six price changes go out in one batch; the store refuses it for one SKU.
        foreach (var (code, i) in plain.Select((c, i) => (c, i)))
            await rig.PatchItemAsync(code, $$"""{"ItemPrices":[{"PriceList":2,"Price":{{(12.49m + i).ToString(CultureInfo.InvariantCulture)}}}]}""");

        await rig.BigCommerceEqualsSapAsync(Patience, "every price change but the refused SKU's", except: d => d.StartsWith(refused + ":", StringComparison.Ordinal));
        Assert.Single(rig.BigCommerceDifferences());
        await Eventually.HoldsAsync(async () =>
        {
            var parked = (await rig.Host.Queue.ListAsync(new ExceptionFilter())).Where(e => e.RecordKind == RecordKinds.CatalogueSku).ToList();
            return (parked.Count == 1 && parked[0].RecordId == $"bigcommerce/{refused}" && parked[0].Team == OwningTeam.Merchandising
                    && parked[0].Type == ExceptionTypes.CatalogueSkuRefusedType && parked[0].Details.Reason.Contains("422", StringComparison.Ordinal),
                string.Join("; ", parked.Select(p => $"{p.RecordId} {p.Type} {p.Team} {p.Details.Reason}")));
        }, Patience, "the refused SKU parked for merchandising");
    }

    [Fact]
    public async Task After_a_crash_nothing_BigCommerce_already_has_is_sent_again_and_a_change_made_while_down_arrives()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.BigCommerceEqualsSapAsync(Patience, "the first full read");
        var before = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels.Single(c => c.Channel == "bigcommerce");
        var item = rig.Sap.Company.FirstPlainActiveItems(1)[0].ItemCode;

        await rig.Host.CrashAsync();
        await rig.PatchItemAsync(item, """{"ItemPrices":[{"PriceList":2,"Price":33.07}]}""");
        await rig.StartHostAsync();

        await rig.BigCommerceEqualsSapAsync(Patience, "the price changed while the service was down");
        var after = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels.Single(c => c.Channel == "bigcommerce");
        Assert.Equal((before.ItemsSent + 1, 1L, 0), (after.ItemsSent, after.CallsThisRun, after.Owed));
    }
}

using System.Globalization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Catalogue;

/// <summary>
/// SAP's items and prices out to Sitoo end to end: the first full read, prices and freezes people change in SAP
/// (found by UpdateDate/UpdateTime), a SKU Sitoo refuses, and a crash.
/// </summary>
public class SitooCatalogueSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Sitoo_has_new_items_at_gross_prices_follows_price_changes_and_withdraws_frozen_and_unpriced_items_without_deleting_them()
    {
        {
            await using var rig = await CatalogueRig.StartAsync();
            await rig.SitooEqualsSapAsync(Patience, "the first full read told Sitoo every item");
            // ITM00003 is batch-managed: Sitoo's seed never listed it, the engine created it at 20 % VAT on its net price.
            var batchItem = rig.Sap.Company.FirstItems(ItemKind.BatchManaged, 1)[0];
            Assert.Equal((batchItem.ItemName, true), rig.Sitoo.State.Catalogue.Product(batchItem.ItemCode));
            Assert.Equal(Math.Round(batchItem.RetailPrice * 1.20m, 2, MidpointRounding.AwayFromZero), rig.Sitoo.State.Catalogue.PriceOf(1, batchItem.ItemCode));
            var products = rig.Sitoo.State.Catalogue.ProductCount;

            var plain = rig.Sap.Company.FirstPlainActiveItems(30).Where(i => i.SalesVatGroup == CompanyCatalog.VatStandard).ToList();
            var (repriced, frozen, unpriced) = (plain[0].ItemCode, plain[1].ItemCode, plain[2].ItemCode);
            var unpricedShown = rig.Sitoo.State.Catalogue.PriceOf(1, unpriced);
            await rig.PatchItemAsync(repriced, """{"ItemPrices":[{"PriceList":1,"Price":19.99}]}""");
            await rig.PatchItemAsync(frozen, $$"""{"Frozen":"tYES","FrozenFrom":"{{Day(CatalogueRig.Today.AddDays(-1))}}","FrozenTo":"{{Day(CatalogueRig.Today.AddDays(30))}}"}""");
            await rig.PatchItemAsync(unpriced, """{"ItemPrices":[{"PriceList":1,"Price":0}]}""");

            await rig.SitooEqualsSapAsync(Patience, "the price change, the freeze and the removed price reached Sitoo");
            Assert.Equal(23.99m, rig.Sitoo.State.Catalogue.PriceOf(1, repriced)); // 19.99 × 1.20 = 23.988
            Assert.Equal(false, rig.Sitoo.State.Catalogue.Product(frozen)?.ActivePos);
            Assert.Equal((false, unpricedShown), (rig.Sitoo.State.Catalogue.Product(unpriced)?.ActivePos, rig.Sitoo.State.Catalogue.PriceOf(1, unpriced)));
            Assert.Equal(products, rig.Sitoo.State.Catalogue.ProductCount); // withdrawn, never deleted, nothing created twice
        }
    }

    [Fact]
    public async Task A_SKU_Sitoo_refuses_parks_for_merchandising_and_the_rest_of_its_call_lands()
    {
        string refused = "";
        await using var rig = await CatalogueRig.StartAsync(beforeStart: r =>
        {
            refused = r.Sap.Company.FirstPlainActiveItems(5)[3].ItemCode;
            r.Sitoo.State.Catalogue.RefuseSkus([refused]);
        });

        await rig.SitooEqualsSapAsync(Patience, "every item but the refused one on Sitoo", except: d => d.StartsWith(refused + ":", StringComparison.Ordinal));
        Assert.Single(rig.Differences());
        await Eventually.HoldsAsync(async () =>
        {
            var parked = (await rig.Host.Queue.ListAsync(new ExceptionFilter())).Where(e => e.RecordKind == RecordKinds.CatalogueSku).ToList();
            return (parked.Count == 1 && parked[0].RecordId == $"sitoo/{refused}" && parked[0].Team == OwningTeam.Merchandising
                    && parked[0].Type == ExceptionTypes.CatalogueSkuRefusedType, string.Join("; ", parked.Select(p => $"{p.RecordId} {p.Type} {p.Team}")));
        }, Patience, "the refused SKU parked for merchandising");

        // Fixed in Sitoo, retried by the operator: it lands and the exception closes.
        rig.Sitoo.State.Catalogue.RefuseSkus([]);
        var parkedId = (await rig.Host.Queue.ListAsync(new ExceptionFilter())).Single(e => e.RecordKind == RecordKinds.CatalogueSku).Id;
        await rig.Host.Queue.RetryAsync(parkedId);
        await rig.SitooEqualsSapAsync(Patience, "the retried SKU on Sitoo");
    }

    [Fact]
    public async Task After_a_crash_nothing_Sitoo_already_has_is_sent_again_and_a_change_made_while_down_arrives()
    {
        await using var rig = await CatalogueRig.StartAsync();
        await rig.SitooEqualsSapAsync(Patience, "the first full read");
        var before = await rig.Catalogue.GetAsync(CancellationToken.None);
        var item = rig.Sap.Company.FirstPlainActiveItems(1)[0].ItemCode;

        await rig.Host.CrashAsync();
        await rig.PatchItemAsync(item, """{"ItemPrices":[{"PriceList":1,"Price":41.15}]}""");
        await rig.StartHostAsync();

        await rig.SitooEqualsSapAsync(Patience, "the price changed while the service was down");
        var after = (await rig.Catalogue.GetAsync(CancellationToken.None)).Channels.Single(c => c.Channel == "sitoo");
        Assert.True(after.Owed == 0, $"still owed: {after.Owed}");
        Assert.Equal((before.Channels.Single(c => c.Channel == "sitoo").ItemsSent + 1, 1L), (after.ItemsSent, after.CallsThisRun));
        // The same figures for operators.
        using var overview = System.Text.Json.JsonDocument.Parse(await rig.Host.Http.GetStringAsync("/api/catalogue"));
        Assert.True(overview.RootElement.GetProperty("reader").GetProperty("fullReadDone").GetBoolean());
        Assert.Equal(3, overview.RootElement.GetProperty("channels").GetArrayLength());
    }
}

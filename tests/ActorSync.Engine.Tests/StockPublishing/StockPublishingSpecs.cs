using ActorSync.Domain.Stock;
using System.Globalization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.StockPublishing;

/// <summary>
/// Stock from SAP to BigCommerce, Magento and Sitoo end to end: the start-up sweep, documents people post straight into
/// SAP (found through the stock audit view and orders changed since, never through the item's UpdateDate, which SAP
/// does not move), a restart, a 429 storm, an outage, dropped answers and a SKU a channel refuses.
/// </summary>
public class StockPublishingSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private static string Q(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Receipt(string item, decimal quantity, string warehouse) =>
        $$"""{"DocumentLines":[{"ItemCode":"{{item}}","Quantity":{{Q(quantity)}},"WarehouseCode":"{{warehouse}}","Price":4.35}]}""";

    private static string Issue(string item, decimal quantity, string warehouse) =>
        $$"""{"DocumentLines":[{"ItemCode":"{{item}}","Quantity":{{Q(quantity)}},"WarehouseCode":"{{warehouse}}"}]}""";

    private static string Order(string item, decimal quantity, string warehouse) =>
        $$"""{"CardCode":"C00001","DocDueDate":"2030-01-20","DocumentLines":[{"ItemCode":"{{item}}","Quantity":{{Q(quantity)}},"WarehouseCode":"{{warehouse}}","UnitPrice":12.49,"VatGroup":"O1"}]}""";

    [Fact]
    public async Task Stock_people_move_in_SAP_reaches_every_channel_location_as_its_sellable_quantity_and_quarantine_never_counts()
    {
        await using var rig = await StockRig.StartAsync();
        await rig.ChannelsEqualSapAsync(Patience, "the start-up sweep told every channel SAP's figures");

        var items = rig.Sap.Company.FirstPlainActiveItemsWithStock(3, 10, CompanyCatalog.MainWarehouse).Select(i => i.ItemCode).ToList();
        var (received, ordered, quarantined) = (items[0], items[1], items[2]);
        var stampBefore = rig.Sap.Company.FindItem(received)!.UpdateStamp;
        var quarantinedShown = (rig.Shown("bigcommerce", "1", quarantined), rig.Shown("magento", "default", quarantined), rig.Shown("sitoo", "1", quarantined));

        await rig.PostInSapAsync("InventoryGenEntries", Receipt(received, 7.25m, "01"));
        await rig.PostInSapAsync("InventoryGenExits", Issue(received, 1.5m, "02"));
        await rig.PostInSapAsync("Orders", Order(ordered, 4, "03"));
        await rig.PostInSapAsync("InventoryGenEntries", Receipt(quarantined, 50, "QC"));

        await rig.ChannelsEqualSapAsync(Patience, "the receipt, the issue and the order reached the channels");
        Assert.Equal(stampBefore, rig.Sap.Company.FindItem(received)!.UpdateStamp); // SAP did not move the item's UpdateDate
        Assert.Equal(quarantinedShown, (rig.Shown("bigcommerce", "1", quarantined), rig.Shown("magento", "default", quarantined), rig.Shown("sitoo", "1", quarantined)));
        var overview = await rig.Publishing.GetAsync(CancellationToken.None);
        Assert.All(overview.Channels, c => Assert.True(c.ItemsSent >= c.Calls && c.Calls > 0, $"{c.Channel}: {c.ItemsSent} items in {c.Calls} calls"));
        Assert.True(overview.Reader!.AuditAvailable);

        // The readings also reach the item's stock position entities, SAP's own figures per warehouse (written off the
        // publishing path, so a moment after the channels).
        var sapLevel = rig.Sap.Company.GetStock(received, "01");
        await Eventually.HoldsAsync(async () =>
        {
            var position = await rig.Host.Engine.GetStockAsync(new StockKey("01", received));
            return ((sapLevel.InStock, sapLevel.Committed, sapLevel.Ordered) == (position.InStock, position.Committed, position.Ordered),
                $"position {position.InStock}/{position.Committed}/{position.Ordered}, SAP {sapLevel.InStock}/{sapLevel.Committed}/{sapLevel.Ordered}");
        }, Patience, "the received item's position holds SAP's figures");

        // The same figures on /metrics, per channel, for Prometheus.
        var metrics = await rig.Host.Http.GetStringAsync("/metrics");
        foreach (var channel in overview.Channels)
        {
            var sent = System.Text.RegularExpressions.Regex.Match(metrics, $"actorsync_stock_items_sent{{channel=\"{channel.Channel}\"}} (\\d+)");
            Assert.True(sent.Success && long.Parse(sent.Groups[1].Value) >= channel.Calls, $"{channel.Channel} on /metrics:\n{metrics}");
            Assert.Contains($"actorsync_stock_publish_lag_seconds{{channel=\"{channel.Channel}\",quantile=\"0.99\"}}", metrics);
        }
    }

    [Fact]
    public async Task A_sweep_feeds_the_publishers_only_and_the_stock_positions_of_an_item_are_written_when_it_moves()
    {
        // At a million SKU × warehouse positions a position entity per swept row was a million journal writes before
        // the first publish (stock-storm); the positions now follow what moved, the sweep goes to the publishers only.
        await using var rig = await StockRig.StartAsync();
        await rig.ChannelsEqualSapAsync(Patience, "the start-up sweep told every channel SAP's figures");
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Publishing.GetAsync(CancellationToken.None);
            return (view.Reader!.Sweeps >= 1 && !view.Reader.Sweeping, $"{view.Reader.Sweeps} sweeps, sweeping {view.Reader.Sweeping}");
        }, Patience, "the start-up sweep finished");
        var items = rig.Sap.Company.FirstPlainActiveItemsWithStock(2, 10, CompanyCatalog.MainWarehouse).Select(i => i.ItemCode).ToList();
        var (moved, swept) = (items[0], items[1]);
        Assert.True((await rig.Host.Engine.GetStockAsync(new StockKey("01", swept))).IsEmpty, "a swept item that never moved has no position written");

        await rig.PostInSapAsync("InventoryGenEntries", Receipt(moved, 2.75m, "01"));

        await rig.ChannelsEqualSapAsync(Patience, "the receipt reached the channels");
        foreach (var warehouse in new[] { "01", "02" })
        {
            // The item is read whole, so every warehouse of it is written, not only the one the receipt moved.
            var sap = rig.Sap.Company.GetStock(moved, warehouse);
            await Eventually.HoldsAsync(async () =>
            {
                var position = await rig.Host.Engine.GetStockAsync(new StockKey(warehouse, moved));
                return ((position.InStock, position.Committed, position.Ordered) == (sap.InStock, sap.Committed, sap.Ordered),
                    $"{moved}@{warehouse}: position {position.InStock}/{position.Committed}/{position.Ordered}, SAP {sap.InStock}/{sap.Committed}/{sap.Ordered}");
            }, Patience, $"the position of {moved}@{warehouse} holds SAP's figures");
        }

        Assert.True((await rig.Host.Engine.GetStockAsync(new StockKey("01", swept))).IsEmpty, "the item that did not move still has none");
    }

    [Fact]
    public async Task After_a_crash_nothing_a_channel_already_has_is_sent_again_and_what_changed_while_down_is_sent()
    {
        await using var rig = await StockRig.StartAsync();
        await rig.ChannelsEqualSapAsync(Patience, "the first sweep");
        var item = rig.Sap.Company.FirstPlainActiveItemsWithStock(1, 10, CompanyCatalog.MainWarehouse)[0].ItemCode;
        var before = (rig.BigCommerce.State.Inventory.Items, rig.Magento.State.Inventory.Items, rig.Sitoo.State.Inventory.Items);

        await rig.Host.CrashAsync();
        await rig.PostInSapAsync("InventoryGenEntries", Receipt(item, 3, "01"));
        await rig.StartHostAsync();

        await rig.ChannelsEqualSapAsync(Patience, "the change made while the service was down");
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Publishing.GetAsync(CancellationToken.None);
            return (view.Reader!.Sweeps >= 2 && !view.Reader.Sweeping, $"{view.Reader.Sweeps} sweeps, sweeping {view.Reader.Sweeping}");
        }, Patience, "the start-up sweep after the restart finished");
        // Warehouse 01 is BigCommerce's and Magento's, not Sitoo's: one SKU each, nothing else, nothing to Sitoo.
        Assert.Equal((before.Item1 + 1, before.Item2 + 1, before.Item3),
            (rig.BigCommerce.State.Inventory.Items, rig.Magento.State.Inventory.Items, rig.Sitoo.State.Inventory.Items));
    }

    [Fact]
    public async Task A_429_storm_an_outage_and_a_dropped_answer_delay_the_last_value_but_never_lose_it()
    {
        await using var rig = await StockRig.StartAsync();
        await rig.ChannelsEqualSapAsync(Patience, "the first sweep");
        var items = rig.Sap.Company.FirstPlainActiveItemsWithStock(2, 10, CompanyCatalog.MainWarehouse).Select(i => i.ItemCode).ToList();

        rig.BigCommerce.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(1, 1500, RequestsLeft: 0) });
        rig.Magento.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 3000) });
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { DropResponses = 1 });
        foreach (var quantity in new[] { 2.5m, 4m, 1.25m })
        {
            await rig.PostInSapAsync("InventoryGenEntries", Receipt(items[0], quantity, "01"));
            await rig.PostInSapAsync("InventoryGenEntries", Receipt(items[1], quantity, "02"));
        }

        await rig.ChannelsEqualSapAsync(Patience, "the last values after the faults");
        Assert.True(rig.BigCommerce.GetStats().RateLimited > 0, "BigCommerce answered 429");
        Assert.True(rig.Magento.GetStats().OutageAnswers > 0, "Magento was down");
        Assert.True(rig.Sitoo.GetStats().DroppedResponses > 0, "Sitoo dropped an answer");
        var overview = await rig.Publishing.GetAsync(CancellationToken.None);
        Assert.True(overview.Channels.Single(c => c.Channel == "bigcommerce").RateLimited > 0);
    }

    [Fact]
    public async Task A_SKU_a_channel_refuses_parks_for_merchandising_and_the_rest_of_its_call_goes_through()
    {
        await using var rig = await StockRig.StartAsync();
        await rig.ChannelsEqualSapAsync(Patience, "the first sweep");
        var items = rig.Sap.Company.FirstPlainActiveItemsWithStock(4, 10, CompanyCatalog.MainWarehouse).Select(i => i.ItemCode).ToList();
        var refused = items[2];
        var refusedShows = rig.Shown("bigcommerce", "1", refused);
        rig.BigCommerce.State.Inventory.SetUnknown([refused]);

        foreach (var item in items)
            await rig.PostInSapAsync("InventoryGenEntries", Receipt(item, 6, "01"));

        await Eventually.HoldsAsync(() =>
        {
            var left = rig.Differences();
            return Task.FromResult((left.Count == 1 && left[0].StartsWith($"bigcommerce/1/{refused}:", StringComparison.Ordinal), string.Join("; ", left)));
        }, Patience, "every change but the refused SKU's on every channel");
        await Eventually.HoldsAsync(async () =>
        {
            var open = await rig.Host.Queue.ListAsync(new ExceptionFilter());
            var parked = open.Where(e => e.RecordKind == RecordKinds.StockSku).ToList();
            return (parked.Count == 1 && parked[0].RecordId == $"bigcommerce/1/{refused}" && parked[0].Team == OwningTeam.Merchandising
                    && parked[0].Type == ExceptionTypes.StockSkuRefusedType, string.Join("; ", parked.Select(p => $"{p.RecordId} {p.Type} {p.Team}")));
        }, Patience, "the refused SKU parked for merchandising");
        Assert.Equal(refusedShows, rig.Shown("bigcommerce", "1", refused));
    }
}

using System.Text.Json.Nodes;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Emulators.Channels.Wms;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The warehouse connector end to end: the WMS emulator's signed deliveries (at least once, duplicated, reordered,
/// answers dropped) into the service's endpoints, the durable inbox, the engine, and SAP's documents counted.
/// </summary>
public class WmsConnectorSpecs
{
    private static readonly WmsDeliveryOptions Unruly = new() { TimeScale = 0.002, DuplicateRate = 0.5, MaxReorderDelay = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Dispatches_delivered_at_least_once_duplicated_and_reordered_become_one_delivery_and_one_invoice_each()
    {
        await using var rig = await WmsRig.StartAsync(Unruly);
        var orders = await rig.PostedOrdersAsync("W-101", "W-102", "W-103", "W-104", "W-105");
        rig.Wms.ApplyFaults(new WmsFaults(DropAnswers: 2)); // two events the WMS will send again although they were taken
        foreach (var order in orders) rig.Wms.Know(rig.Known(order));
        await rig.Wms.GenerateAsync(new WmsGenerateRequest(Dispatches: orders.Count));

        await rig.AllDispatchedAsync(orders, TimeSpan.FromSeconds(30));
        Assert.True(await rig.Wms.Delivery.WhenIdleAsync(TimeSpan.FromSeconds(10)), rig.Wms.GetStats().ToString());
        await Task.Delay(1000); // anything extra would show up now

        Assert.All(orders, o => Assert.Equal((1, 1), (rig.DeliveriesOf(o), rig.InvoicesOf(o))));
        var stats = rig.Wms.GetStats();
        Assert.Equal(2, stats.DroppedAnswers);
        Assert.True(stats.Attempts > orders.Count, $"the engine was sent more than one delivery per event: {stats}");
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("DeliveryNotes"));
        var inbox = await rig.Connector.GetInboxAsync(WmsRig.Source);
        Assert.Equal(orders.Count, inbox.Done);
        Assert.Empty(inbox.ParkedKeys);
        // The tracking number came with the dispatch.
        var state = await rig.Host.Engine.GetOrderAsync(orders[0].Key.EntityId);
        Assert.StartsWith("1ZWMS", Assert.Single(state.Dispatches).Dispatch.TrackingNumber);
    }

    [Fact]
    public async Task Goods_received_in_one_window_become_one_goods_receipt_per_warehouse_with_every_line()
    {
        await using var rig = await WmsRig.StartAsync();
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(3));
        var before = (A: rig.Sap.Company.GetStock(rig.ItemA, "01").InStock, B: rig.Sap.Company.GetStock(rig.ItemB, "01").InStock);
        rig.Wms.Send(Receipt("ASN-1", at, "MAN1", (rig.ItemA, 12)));
        rig.Wms.Send(Receipt("ASN-2", at, "MAN1", (rig.ItemA, 6), (rig.ItemB, 5)));
        rig.Wms.Send(Receipt("ASN-3", at, "MAN1", (rig.ItemB, 1)));

        await Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.InventoryGenEntries.Count >= 1, $"{rig.Sap.Company.InventoryGenEntries.Count} receipts")),
            TimeSpan.FromSeconds(20), "the goods receipt");
        await Task.Delay(500);

        var receipt = Assert.Single(rig.Sap.Company.InventoryGenEntries);
        Assert.All(receipt.Lines, l => Assert.Equal("01", l.WarehouseCode));
        Assert.Equal(18m, receipt.Lines.Where(l => l.ItemCode == rig.ItemA).Sum(l => l.Quantity));
        Assert.Equal(6m, receipt.Lines.Where(l => l.ItemCode == rig.ItemB).Sum(l => l.Quantity));
        Assert.Equal(before.A + 18, rig.Sap.Company.GetStock(rig.ItemA, "01").InStock);
        Assert.Equal(before.B + 6, rig.Sap.Company.GetStock(rig.ItemB, "01").InStock);
    }

    [Fact]
    public async Task A_crash_between_journaling_events_and_finishing_them_loses_nothing_and_posts_once()
    {
        await using var rig = await WmsRig.StartAsync(new WmsDeliveryOptions { TimeScale = 0.002 });
        // The dispatches arrive before their orders: journaled and acknowledged, but they cannot finish yet.
        var orders = new List<ActorSync.Domain.Orders.ChannelOrder> { rig.Order("W-201"), rig.Order("W-202"), rig.Order("W-203") };
        foreach (var order in orders) rig.Wms.Know(rig.Known(order));
        await rig.Wms.GenerateAsync(new WmsGenerateRequest(Dispatches: orders.Count));
        Assert.True(await rig.Wms.Delivery.WhenIdleAsync(TimeSpan.FromSeconds(10)), rig.Wms.GetStats().ToString());
        Assert.Equal(orders.Count, (await rig.Connector.GetInboxAsync(WmsRig.Source)).PendingKeys.Length);

        await rig.RestartAfterCrashAsync();
        Assert.Equal(orders.Count, (await rig.Connector.GetInboxAsync(WmsRig.Source)).PendingKeys.Length);
        await rig.PostedOrdersAsync("W-201", "W-202", "W-203");

        await rig.AllDispatchedAsync(orders, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        Assert.All(orders, o => Assert.Equal((1, 1), (rig.DeliveriesOf(o), rig.InvoicesOf(o))));
        Assert.Equal(orders.Count, rig.Wms.GetStats().Acknowledged); // each event was sent once and acknowledged once
    }

    [Fact]
    public async Task An_event_from_an_unmapped_warehouse_parks_for_operations_with_its_payload_and_the_rest_flow()
    {
        await using var rig = await WmsRig.StartAsync();
        var at = DateTimeOffset.UtcNow;
        rig.Wms.Send(Receipt("ASN-BAD", at, "ZZ9", (rig.ItemA, 4)));
        rig.Wms.Send(Receipt("ASN-GOOD", at, "MAN2", (rig.ItemB, 7)));

        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await rig.Host.Queue.ListAsync(new ExceptionFilter(Type: "unmapped-warehouse"))).FirstOrDefault();
            return (parked is not null && rig.Sap.Company.InventoryGenEntries.Count == 1, $"exception {parked?.Id}, {rig.Sap.Company.InventoryGenEntries.Count} receipts");
        }, TimeSpan.FromSeconds(20), "the bad event parked, the good one posted");

        Assert.Equal(OwningTeam.Operations, parked!.Team);
        Assert.Equal(RecordKinds.ChannelRecord, parked.RecordKind);
        Assert.Equal($"wms-{WmsRig.Source}/ASN-BAD", parked.RecordId);
        Assert.Contains("ZZ9", parked.OriginalPayload);
        Assert.Contains("Connectors:Wms:Sources:0:Warehouses:ZZ9", parked.Details.SuggestedAction);
        Assert.Equal("02", Assert.Single(Assert.Single(rig.Sap.Company.InventoryGenEntries).Lines).WarehouseCode);

        // The operator's retry reaches this source's inbox (not BigCommerce's, not another source's).
        var retry = await rig.Host.Queue.RetryAsync(parked.Id);
        Assert.Contains("goes to work again", retry.Message);
    }

    [Fact]
    public async Task An_unknown_sku_in_a_receipt_parks_for_merchandising_while_its_neighbours_post()
    {
        await using var rig = await WmsRig.StartAsync();
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(3));
        rig.Wms.Send(Receipt("ASN-NOSKU", at, "MAN1", ("NO-SUCH-ITEM", 2)));
        rig.Wms.Send(Receipt("ASN-OK", at, "MAN1", (rig.ItemA, 3)));

        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            var all = await rig.Host.Queue.ListAsync();
            parked = all.FirstOrDefault(x => x.Type == "unknown-sku");
            return (parked is not null && rig.Sap.Company.InventoryGenEntries.Count == 1,
                $"exceptions {string.Join("; ", all.Select(x => $"{x.Type} {x.RecordId}: {x.Details.Reason}"))}, {rig.Sap.Company.InventoryGenEntries.Count} receipts");
        }, TimeSpan.FromSeconds(20), "the unknown SKU parked, the neighbour posted");
        Assert.Equal(OwningTeam.Merchandising, parked!.Team);
        Assert.Contains("NO-SUCH-ITEM", parked.OriginalPayload);
        Assert.Equal(rig.ItemA, Assert.Single(Assert.Single(rig.Sap.Company.InventoryGenEntries).Lines).ItemCode);
    }

    [Fact]
    public async Task An_sap_outage_delays_dispatches_but_loses_none_and_posts_each_once()
    {
        await using var rig = await WmsRig.StartAsync(Unruly);
        var orders = await rig.PostedOrdersAsync("W-301", "W-302", "W-303");
        rig.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });
        foreach (var order in orders) rig.Wms.Know(rig.Known(order));
        await rig.Wms.GenerateAsync(new WmsGenerateRequest(Dispatches: orders.Count));
        Assert.True(await rig.Wms.Delivery.WhenIdleAsync(TimeSpan.FromSeconds(10)), rig.Wms.GetStats().ToString());
        await Eventually.HoldsAsync(async () =>
        {
            var inbox = await rig.Connector.GetInboxAsync(WmsRig.Source);
            return (inbox.Done == orders.Count, $"{inbox.Done} done");
        }, TimeSpan.FromSeconds(15), "the dispatches recorded on their orders");
        Assert.All(orders, o => Assert.Equal(0, rig.DeliveriesOf(o)));

        rig.Sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        await rig.AllDispatchedAsync(orders, TimeSpan.FromSeconds(40));
        await Task.Delay(1000);
        Assert.All(orders, o => Assert.Equal((1, 1), (rig.DeliveriesOf(o), rig.InvoicesOf(o))));
    }

    [Fact]
    public async Task A_mintsoft_despatch_becomes_the_orders_delivery_and_invoice_once()
    {
        await using var rig = await WmsRig.StartAsync(new WmsDeliveryOptions { TimeScale = 0.002, DuplicateRate = 1 });
        var orders = await rig.PostedOrdersAsync("W-401", "W-402");
        foreach (var order in orders) rig.Wms.Know(rig.Known(order));
        await rig.Wms.GenerateAsync(new WmsGenerateRequest(Dispatches: orders.Count, Mintsoft: true));

        await rig.AllDispatchedAsync(orders, TimeSpan.FromSeconds(30));
        Assert.True(await rig.Wms.Delivery.WhenIdleAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(1000);
        Assert.All(orders, o => Assert.Equal((1, 1), (rig.DeliveriesOf(o), rig.InvoicesOf(o))));
        Assert.Equal(orders.Count, rig.Wms.GetStats().Duplicates);
        var state = await rig.Host.Engine.GetOrderAsync(orders[0].Key.EntityId);
        var dispatch = Assert.Single(state.Dispatches).Dispatch;
        Assert.Equal("mintsoft", dispatch.Source);
        Assert.Equal("DPD Next Day", dispatch.Carrier);
        Assert.StartsWith("MS-ORDER-", dispatch.DispatchId);
    }

    private static JsonObject Receipt(string id, DateTimeOffset at, string warehouse, params (string Sku, decimal Quantity)[] lines) => new()
    {
        ["sourceEventId"] = id, ["kind"] = "GoodsReceived", ["occurredAt"] = at.UtcDateTime.ToString("o"), ["warehouse"] = warehouse, ["externalRef"] = "PO-" + id,
        ["lines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity }).ToArray()),
    };

    /// <summary>An instant whose window still has at least <paramref name="left"/> to run, so a test's movements land in one batch.</summary>
    private static async Task<DateTimeOffset> FreshWindowAsync(TimeSpan window, TimeSpan left)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var end = WarehouseWindows.Start(now, window) + window;
            if (end - now >= left) return now;
            await Task.Delay(end - now + TimeSpan.FromMilliseconds(20));
        }
    }
}

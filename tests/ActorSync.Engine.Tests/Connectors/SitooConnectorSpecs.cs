using System.Text.Json.Nodes;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The Sitoo inbound connector end to end: the emulator's Events SPI (duplicated, head-of-line blocked) into the
/// service's endpoint, the order and warehouse polls, the durable inbox, the engine's POS, order and warehouse flows,
/// and SAP's documents counted per NumAtCard.
/// </summary>
public class SitooConnectorSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Pos_sales_a_return_of_a_known_sale_and_a_webshop_order_each_post_once_with_events_duplicated_and_the_poll_overlapping()
    {
        await using var rig = await SitooRig.StartAsync(s => s.PollInterval = TimeSpan.FromSeconds(1), new SitooEventsOptions { TimeScale = 0.001, DuplicateRate = 0.5 });
        var ids = rig.Sitoo.State.Generate(7, [SitooOrderKind.PosCardSale, SitooOrderKind.PosCashSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosCardSale, SitooOrderKind.PosReturn]);

        await rig.AllPostedAsync(ids, Patience);
        await Task.Delay(2500); // more polls and the duplicates: anything extra would show up now

        Assert.All(ids, id => Assert.Equal(1, rig.DocumentsOf(id)));
        var returned = ids.Single(rig.IsReturn);
        var sale = long.Parse(rig.Sitoo.State.GetOrder(returned)!["creditorderid"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var credit = rig.Sap.Company.CreditNotes.Single();
        var invoice = rig.Sap.Company.Invoices.Single(i => i.NumAtCard == SitooRig.ReceiptNumAtCard(sale));
        Assert.All(credit.Lines, l => Assert.Equal((13, invoice.DocEntry), (l.BaseType, l.BaseEntry))); // credited on its sale's invoice
        Assert.Equal(ids.Count(id => rig.IsPos(id) && !rig.IsReturn(id)), rig.Sap.Company.Invoices.Count);
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
        var spi = rig.Sitoo.Events.GetStats();
        Assert.True(spi.Duplicates > 0, $"the SPI sent duplicates: {SitooEvents.Describe(spi)}");
        Assert.Equal((0L, spi.Events), (spi.Dropped, spi.Acknowledged));
        var inbox = await rig.Connectors.GetInboxAsync();
        Assert.Empty(inbox.ParkedKeys);
    }

    [Fact]
    public async Task An_unpaid_webshop_order_is_held_and_posted_once_when_the_poll_sees_it_paid_without_any_event()
    {
        await using var rig = await SitooRig.StartAsync(s => s.PollInterval = TimeSpan.FromSeconds(1), deliverEvents: false);
        var id = rig.Sitoo.State.Generate(1, [SitooOrderKind.WebshopUnpaid]).Single();
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            return (view.Done >= 1, $"{view.Done} done");
        }, Patience, "the unpaid order filed and held");
        await Task.Delay(1500);
        Assert.Equal(0, rig.DocumentsOf(id));

        Assert.True(rig.Sitoo.State.SetState(id, paymentStateId: 20));

        await rig.AllPostedAsync([id], Patience);
        await Task.Delay(2000);
        Assert.Equal(1, rig.DocumentsOf(id));
        Assert.Equal(0L, rig.Sitoo.Events.GetStats().Sent);
    }

    [Fact]
    public async Task A_crash_between_filing_events_and_finishing_them_loses_nothing_and_posts_once()
    {
        await using var rig = await SitooRig.StartAsync();
        // The API is down: every event is journaled and acknowledged, none can be worked (and the poll cannot read).
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        var ids = rig.Sitoo.State.Generate(6, [SitooOrderKind.PosCardSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosCashSale]);
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            var acknowledged = rig.Sitoo.Events.GetStats().Acknowledged;
            return (view.PendingKeys.Length >= 6 && acknowledged == 6, $"{view.PendingKeys.Length} pending, {acknowledged} events acknowledged");
        }, Patience, "the events journaled and acknowledged");

        await rig.RestartAfterCrashAsync();
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { Outage = ChannelOutage.End });

        await rig.AllPostedAsync(ids, Patience);
        await Task.Delay(1000);
        Assert.All(ids, id => Assert.Equal(1, rig.DocumentsOf(id)));
    }

    [Fact]
    public async Task A_poison_event_is_answered_200_and_parked_for_integration_while_the_rest_flow()
    {
        await using var rig = await SitooRig.StartAsync();
        rig.Sitoo.Events.Enqueue(new JsonObject
        {
            ["event_id"] = "9b2e6f1c-0d3a-4c55-8e7f-31a2b4c5d6e7", ["event_type"] = "order", ["event_date"] = 1764667200, ["account_id"] = "90316",
            ["data"] = new JsonObject { ["eshop_id"] = 1, ["order_id"] = "eleven", ["order_event_type"] = "add" },
        });
        var ids = rig.Sitoo.State.Generate(4, [SitooOrderKind.PosCardSale, SitooOrderKind.WebshopPaid]);

        await rig.AllPostedAsync(ids, Patience);
        await Eventually.HoldsAsync(async () =>
        {
            var parked = await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord));
            return (parked.Count >= 1, $"{parked.Count} channel-record exceptions");
        }, Patience, "the poison event parked");

        var exception = Assert.Single(await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord)));
        Assert.Equal((ExceptionTypes.InvalidChannelRecordType, OwningTeam.Integration), (exception.Type, exception.Team));
        Assert.Equal("sitoo-90316/event:9b2e6f1c-0d3a-4c55-8e7f-31a2b4c5d6e7", exception.RecordId);
        Assert.Contains("data.order_id", exception.Reason);
        Assert.Contains("\"order_id\":\"eleven\"", exception.OriginalPayload);
        var spi = rig.Sitoo.Events.GetStats();
        Assert.Equal((0L, spi.Events, 0L), (spi.Dropped, spi.Acknowledged, spi.Retried)); // never blocked Sitoo's queue
        Assert.All(ids, id => Assert.Equal(1, rig.DocumentsOf(id)));
    }

    [Fact]
    public async Task A_sitoo_outage_and_a_sap_outage_delay_the_orders_but_lose_none()
    {
        await using var rig = await SitooRig.StartAsync(s => s.PollInterval = TimeSpan.FromSeconds(1));
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 3_000), DropResponses = 2 });
        rig.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 4_000) });
        var ids = rig.Sitoo.State.Generate(6, [SitooOrderKind.PosCardSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosReturn]);

        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);

        Assert.All(ids, id => Assert.Equal(1, rig.DocumentsOf(id)));
        Assert.True(rig.Sitoo.GetStats().OutageAnswers > 0, rig.Sitoo.GetStats().ToJson());
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task Stock_movements_of_booked_warehouses_reach_sap_and_the_stock_side_of_till_receipts_does_not()
    {
        await using var rig = await SitooRig.StartAsync(s => s.PollInterval = TimeSpan.FromSeconds(1), deliverEvents: false);
        var booked = rig.Sitoo.State.GenerateTransactions(4, warehouseId: 1);
        rig.Sitoo.State.GenerateTransactions(2, warehouseId: 2); // not booked
        var sale = rig.Sitoo.State.Generate(1, [SitooOrderKind.PosCardSale]).Single(); // writes a Sales transaction in warehouse 1

        await rig.AllPostedAsync([sale], Patience);
        await Eventually.HoldsAsync(() =>
        {
            var docs = rig.Sap.Company.InventoryGenEntries.Concat(rig.Sap.Company.InventoryGenExits).ToList();
            return Task.FromResult((docs.Count > 0 && docs.Sum(d => d.Lines.Count) >= booked.Count, $"{docs.Count} inventory documents"));
        }, Patience, "the movements of warehouse 1 in SAP");
        await Task.Delay(1500);

        var all = rig.Sap.Company.InventoryGenEntries.Concat(rig.Sap.Company.InventoryGenExits).ToList();
        Assert.All(all.SelectMany(d => d.Lines), l => Assert.Equal("02", l.WarehouseCode));
        var view = await rig.Connectors.GetInboxAsync();
        Assert.Empty(view.ParkedKeys);
        Assert.Equal(1 + booked.Count, (int)view.Accepted); // the sale and warehouse 1's movements; not warehouse 2's, not the Sales transaction
        Assert.Single(rig.Sap.Company.Invoices);
    }
}

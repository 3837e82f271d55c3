using System.Text.Json.Nodes;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Operations;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The Magento inbound connector end to end: the emulator's store (OAuth 1.0a enforced, last page repeated past the
/// end) polled on updated_at into the durable inbox, gated on state, submitted to the engine, and SAP's documents
/// counted per NumAtCard.
/// </summary>
public class MagentoConnectorSpecs
{
    [Fact]
    public async Task Orders_arrive_through_the_poll_and_post_once_each_through_bursts_of_one_second_repeated_pages_and_repeated_updates()
    {
        await using var rig = await MagentoRig.StartAsync();
        // A burst in one second, fuller than a page of 5: mostly processing, some pending, on hold and cancelled.
        var ids = rig.Store.State.Generate(14, ["processing", "processing", "new", "processing", "holded", "processing", "canceled"]);
        var paid = ids.Where(id => (string)rig.Store.GetOrder(id)!["state"]! == "processing").ToList();
        var pending = ids.Where(id => (string)rig.Store.GetOrder(id)!["state"]! == "new").ToList();

        await rig.AllPostedAsync(paid, TimeSpan.FromSeconds(30));
        // Orders change again and again (comments, a shipment) in later seconds; a pending order gets paid.
        await Task.Delay(1100);
        foreach (var id in paid.Take(3)) rig.Store.State.AddComment(id, "Customer asked for gift wrap");
        rig.Store.State.SetState(pending[0], "processing");
        await Task.Delay(1100);
        foreach (var id in paid.Take(3)) rig.Store.State.AddComment(id, "Gift wrap added");
        Assert.NotNull(rig.Store.Ship(paid[3], """{"comment":{"comment":"Left at the door"}}""").Id);

        await rig.AllPostedAsync([.. paid, pending[0]], TimeSpan.FromSeconds(30));
        await rig.InboxWorkedOffAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(1500); // several more polls read the same seconds again

        Assert.All([.. paid, pending[0]], id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.All(ids.Except(paid).Except([pending[0]]), id => Assert.Equal(0, rig.SalesOrdersOf(id)));
        Assert.Equal(paid.Count + 1, rig.Sap.GetStats().DocumentsCreated["Orders"]);
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
        var inbox = await rig.Connector.GetInboxAsync();
        Assert.Empty(inbox.ParkedKeys);
        Assert.True(rig.Store.GetStats().Unauthorized == 0, "every request was signed right");
    }

    [Fact]
    public async Task A_crash_between_filing_and_finishing_loses_nothing_and_posts_nothing_twice()
    {
        await using var rig = await MagentoRig.StartAsync(s => s.Parallelism = 2);
        var ids = rig.Store.State.Generate(6, ["processing"]);
        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(30));
        await rig.InboxWorkedOffAsync(TimeSpan.FromSeconds(20));

        // The merchant ships four orders; the store then answers slowly, so each filed shipment (it reads its order)
        // is still being worked when the service dies.
        foreach (var id in ids.Take(4)) Assert.NotNull(rig.Store.Ship(id).Id);
        rig.Store.ApplyFaults(new ChannelFaultSettings { LatencyMs = 1500 });
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connector.GetInboxAsync();
            return (view.PendingKeys.Length >= 4, $"{view.PendingKeys.Length} pending");
        }, TimeSpan.FromSeconds(20), "the shipments filed, not finished");

        await rig.RestartAfterCrashAsync();
        rig.Store.ApplyFaults(new ChannelFaultSettings { LatencyMs = 0 });

        await Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.Invoices.Count >= 4, $"{rig.Sap.Company.Invoices.Count} invoices")),
            TimeSpan.FromSeconds(40), "the shipments in SAP");
        await rig.InboxWorkedOffAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(1000);
        Assert.All(ids.Take(4), id => Assert.Equal(1, rig.DocumentsOf(rig.Sap.Company.DeliveryNotes, d => d.NumAtCard, id)));
        Assert.All(ids.Take(4), id => Assert.Equal(1, rig.DocumentsOf(rig.Sap.Company.Invoices, d => d.NumAtCard, id)));
        Assert.Equal(4, rig.Sap.Company.DeliveryNotes.Count);
        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
    }

    [Fact]
    public async Task A_poison_order_parks_for_the_integration_team_with_its_payload_and_path_and_the_rest_flow()
    {
        await using var rig = await MagentoRig.StartAsync();
        var generator = new MagentoOrderGenerator(MagentoRig.Items, seed: 3);
        var badCurrency = generator.Order(90_001, "processing", DateTimeOffset.UtcNow);
        badCurrency["order_currency_code"] = "EURO"; // not a three-letter currency: the boundary check refuses it
        var badDate = generator.Order(90_002, "processing", DateTimeOffset.UtcNow);
        badDate["created_at"] = "yesterday"; // does not parse
        rig.Store.SeedOrder(badCurrency);
        rig.Store.SeedOrder(badDate);
        var good = rig.Store.State.Generate(5, ["processing"]);

        await rig.AllPostedAsync(good, TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () =>
        {
            var parked = await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord));
            return (parked.Count >= 2, $"{parked.Count} channel-record exceptions");
        }, TimeSpan.FromSeconds(30), "the poison orders parked");

        var exceptions = await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord));
        var currency = exceptions.Single(e => e.OriginalPayload!.Contains("\"entity_id\":90001", StringComparison.Ordinal));
        var date = exceptions.Single(e => e.OriginalPayload!.Contains("\"entity_id\":90002", StringComparison.Ordinal));
        Assert.All(exceptions, e => Assert.Equal((ExceptionTypes.InvalidChannelRecordType, OwningTeam.Integration), (e.Type, e.Team)));
        Assert.Contains("$.currency", currency.Reason);
        Assert.Contains("$.created_at", date.Reason);
        Assert.StartsWith("magento-default/order:90001:", currency.RecordId);
        Assert.Equal(0, rig.Sap.Company.Orders.Count(o => o.NumAtCard?.Contains("00009000", StringComparison.Ordinal) == true));
        Assert.All(good, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
    }

    [Fact]
    public async Task A_Magento_outage_delays_the_orders_but_loses_none()
    {
        await using var rig = await MagentoRig.StartAsync();
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 2_500) });
        var ids = rig.Store.State.Generate(8, ["processing"]);

        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(40));

        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.True(rig.Store.GetStats().OutageAnswers > 0, "the poll met the outage");
    }

    [Fact]
    public async Task The_cursor_lag_metric_stays_within_a_poll_interval_grows_while_Magento_is_down_and_falls_once_the_poll_catches_up()
    {
        await using var rig = await MagentoRig.StartAsync();
        const string poll = "poll=\"magento-poll-default\"";
        await Eventually.HoldsAsync(async () =>
        {
            var lag = await CursorLagAsync(rig, poll);
            return (lag is < 1.5, $"lag {lag?.ToString() ?? "not served"}");
        }, TimeSpan.FromSeconds(20), "the poll's cursor lag served and within a poll interval");

        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 3_000) });
        var worst = 0.0;
        for (var i = 0; i < 14; i++)
        {
            await Task.Delay(200);
            worst = Math.Max(worst, await CursorLagAsync(rig, poll) ?? 0);
        }
        Assert.True(worst >= 2, $"the lag reached only {worst:F1} s while Magento answered 503 for 3 s");

        await Eventually.HoldsAsync(async () =>
        {
            var lag = await CursorLagAsync(rig, poll);
            return (lag is < 1.5, $"lag {lag} s after the outage");
        }, TimeSpan.FromSeconds(20), "the cursor lag back within a poll interval once Magento answers");
    }

    private static async Task<double?> CursorLagAsync(MagentoRig rig, string labels)
    {
        using var text = new MemoryStream();
        await rig.Host.Services.GetRequiredService<EngineMetrics>().Registry.CollectAndExportAsTextAsync(text);
        var line = System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .FirstOrDefault(l => l.StartsWith($"actorsync_connector_cursor_lag_seconds{{{labels}}} ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_SAP_outage_delays_the_orders_but_loses_none()
    {
        await using var rig = await MagentoRig.StartAsync();
        rig.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 4000) });
        // Guests only: a registered customer's order accepted during an SAP outage waits on the engine's customer
        // matching well past this spec's minute (seen here; reported, not the connector's part).
        var generator = new MagentoOrderGenerator(MagentoRig.Items, seed: 7, guestPercent: 100);
        var ids = Enumerable.Range(0, 8).Select(i => 80_000L + i).ToList();
        foreach (var id in ids) rig.Store.SeedOrder(generator.Order(id, "processing", DateTimeOffset.UtcNow));

        await rig.InboxWorkedOffAsync(TimeSpan.FromSeconds(20)); // taken by the engine while SAP is down
        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(60));

        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task A_credit_memo_becomes_a_credit_note_and_a_shipment_made_in_Magento_a_delivery_and_invoice_while_the_engines_own_is_skipped()
    {
        await using var rig = await MagentoRig.StartAsync();
        var ids = rig.Store.State.Generate(2, ["processing"]);
        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(30));

        var order = rig.Store.GetOrder(ids[0])!;
        var row = order["items"]!.AsArray().First(r => r!["parent_item_id"] is null)!;
        Assert.NotNull(rig.Store.Ship(ids[0], $$"""{"tracks":[{"track_number":"1Z{{ids[0]}}","title":"UPS","carrier_code":"ups"}]}""").Id);
        // A shipment the engine published from a warehouse dispatch carries its marker: it is not a dispatch again.
        Assert.NotNull(rig.Store.Ship(ids[1], """{"comment":{"comment":"ActorSync dispatch WMS-77","is_visible_on_front":0}}""").Id);
        await Eventually.HoldsAsync(() => Task.FromResult((rig.DocumentsOf(rig.Sap.Company.Invoices, d => d.NumAtCard, ids[0]) == 1, "no invoice yet")),
            TimeSpan.FromSeconds(30), "the delivery and invoice of the shipment");
        var refund = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["order_item_id"] = (long)row["item_id"]!, ["qty"] = 1 }),
            ["arguments"] = new JsonObject { ["shipping_amount"] = 0 },
        };
        var (memoId, problem) = rig.Store.Refund(ids[0], refund.ToJsonString());
        Assert.Null(problem);
        await Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.CreditNotes.Count >= 1, $"{rig.Sap.Company.CreditNotes.Count} credit notes")),
            TimeSpan.FromSeconds(30), $"the credit note of memo {memoId}");
        await rig.InboxWorkedOffAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(1000);

        Assert.Equal(1, rig.DocumentsOf(rig.Sap.Company.DeliveryNotes, d => d.NumAtCard, ids[0]));
        Assert.Equal(0, rig.DocumentsOf(rig.Sap.Company.DeliveryNotes, d => d.NumAtCard, ids[1]));
        var credit = Assert.Single(rig.Sap.Company.CreditNotes);
        Assert.Equal((string)row["sku"]!, credit.Lines[0].ItemCode);
        Assert.Equal(1m, credit.Lines[0].Quantity);
        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
    }
}

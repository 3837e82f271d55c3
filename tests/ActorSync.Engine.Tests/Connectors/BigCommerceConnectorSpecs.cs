using System.Text.Json.Nodes;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The BigCommerce inbound connector end to end: the emulator's webhooks (at least once, duplicated, reordered) into
/// the service's endpoint, the durable inbox, the store reads, the engine, and SAP's documents counted per NumAtCard.
/// </summary>
public class BigCommerceConnectorSpecs
{
    private static readonly BigCommerceWebhookOptions Unruly = new() { DuplicateRate = 0.5, MaxReorderDelay = TimeSpan.FromMilliseconds(400), TimeScale = 0.001 };

    [Fact]
    public async Task Hooks_delivered_at_least_once_duplicated_and_reordered_end_with_each_sales_order_exactly_once()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: Unruly);
        // Mostly Awaiting Fulfillment, some incomplete (0, never posted) and cancelled (5, nothing to post).
        var ids = rig.Store.State.Generate(24, [11, 11, 0, 11, 5, 11]);
        var standing = ids.Where((_, i) => i % 6 is not 2 and not 4).ToList();
        foreach (var id in standing.Take(4)) rig.Store.State.SetStatus(id, 9); // more updated/statusUpdated hooks of orders already taken

        await rig.AllPostedAsync(standing, TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(() => Task.FromResult((rig.Store.Webhooks.GetStats().Pending == 0, rig.Store.Webhooks.GetStats().ToString())), TimeSpan.FromSeconds(30), "every delivery answered");
        // The store's quota (150 per 30 s) is shared by hooks, duplicates and the first poll: 429s pause the inbox until it resets.
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            return (view.PendingKeys.Length == 0, $"{view.PendingKeys.Length} pending, {view.Done} done");
        }, TimeSpan.FromSeconds(90), "the inbox worked off");
        await Task.Delay(1500); // anything extra would show up now

        Assert.All(standing, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.All(ids.Except(standing), id => Assert.Equal(0, rig.SalesOrdersOf(id)));
        Assert.Equal(standing.Count, rig.Sap.GetStats().DocumentsCreated["Orders"]);
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
        var hooks = rig.Store.Webhooks.GetStats();
        Assert.True(hooks.Duplicates > 0, $"the emulator sent duplicates: {hooks}");
        Assert.Equal(hooks.Attempts, hooks.Acknowledged + hooks.Duplicates); // every delivery got a 2xx
        // The reconciling poll's first pass may file its copies late (its reads share the quota): they drain too, posting nothing more.
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            return (view.PendingKeys.Length == 0, $"{view.PendingKeys.Length} pending: {string.Join(", ", view.PendingKeys.Take(3))}");
        }, TimeSpan.FromSeconds(60), "the inbox worked off, the poll's copies included");
        Assert.Empty((await rig.Connectors.GetInboxAsync()).ParkedKeys);
        Assert.All(standing, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
    }

    [Fact]
    public async Task A_crash_between_taking_hooks_and_finishing_them_loses_nothing_and_posts_once()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: new BigCommerceWebhookOptions { TimeScale = 0.001 });
        // The store is down, so every hook is journaled and acknowledged but cannot be worked.
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        var ids = rig.Store.State.Generate(8, [11]);
        await Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            return (view.PendingKeys.Length >= 16, $"{view.PendingKeys.Length} pending"); // created + statusUpdated per order
        }, TimeSpan.FromSeconds(20), "the hooks journaled");

        await rig.RestartAfterCrashAsync();
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = ChannelOutage.End });

        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task A_poison_order_parks_for_the_integration_team_with_its_payload_and_the_rest_flow()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: new BigCommerceWebhookOptions { TimeScale = 0.001 });
        var good = rig.Store.State.Generate(5, [11]);
        var poison = new BigCommerceOrderGenerator(BigCommerceRig.Items, seed: 3).Order(90_001, 11, DateTimeOffset.UtcNow);
        poison["order"]!["currency_code"] = "EURO"; // not a three-letter currency: the boundary check refuses it
        Assert.Null(rig.Store.State.CreateOrder(poison));

        await rig.AllPostedAsync(good, TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () =>
        {
            var parked = await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord));
            return (parked.Count >= 1, $"{parked.Count} channel-record exceptions");
        }, TimeSpan.FromSeconds(30), "the poison order parked");

        var exception = (await rig.Host.Queue.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.ChannelRecord))).First();
        Assert.Equal(ExceptionTypes.InvalidChannelRecordType, exception.Type);
        Assert.Equal(OwningTeam.Integration, exception.Team);
        Assert.Contains("$.currency", exception.Reason);
        Assert.Contains("\"id\":90001", exception.OriginalPayload);
        Assert.StartsWith("bigcommerce-abc123/store/order/", exception.RecordId);
        Assert.Equal(0, rig.SalesOrdersOf(90_001));
        Assert.All(good, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
    }

    [Fact]
    public async Task An_order_whose_hook_never_came_is_found_by_the_reconciling_poll()
    {
        await using var rig = await BigCommerceRig.StartAsync(s => s.ReconcileInterval = TimeSpan.FromSeconds(1), registerHooks: false);
        var ids = rig.Store.State.Generate(6, [11, 11, 0]); // no hook is registered: nothing is delivered

        var standing = ids.Where((_, i) => i % 3 != 2).ToList();
        await rig.AllPostedAsync(standing, TimeSpan.FromSeconds(60));
        await Task.Delay(2500); // a few more polls read the same orders again

        Assert.All(standing, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.Equal(0, rig.SalesOrdersOf(ids[2]));
        Assert.Equal(0, rig.Store.Webhooks.GetStats().Attempts);
    }

    [Fact]
    public async Task A_store_outage_and_its_rate_limit_delay_the_orders_but_lose_none()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: new BigCommerceWebhookOptions { TimeScale = 0.001 });
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 3_000), RateLimit = new ChannelRateLimit(12, 1_000) });
        var ids = rig.Store.State.Generate(10, [11]);

        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(90));

        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        var stats = rig.Store.GetStats();
        Assert.True(stats.OutageAnswers > 0 && stats.RateLimited > 0, $"outage and 429s were seen: {stats.ToJson()}");
    }

    [Fact]
    public async Task A_sap_outage_delays_the_orders_but_loses_none_and_the_hooks_are_acknowledged_meanwhile()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: new BigCommerceWebhookOptions { TimeScale = 0.001 });
        rig.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 4000) });
        var ids = rig.Store.State.Generate(8, [11]);

        await Eventually.HoldsAsync(() => Task.FromResult((rig.Store.Webhooks.GetStats().Acknowledged >= 16, rig.Store.Webhooks.GetStats().ToString())),
            TimeSpan.FromSeconds(10), "every hook acknowledged while SAP is down");
        Assert.Equal(0, rig.Store.Webhooks.GetStats().Failed);
        await rig.AllPostedAsync(ids, TimeSpan.FromSeconds(90));

        Assert.All(ids, id => Assert.Equal(1, rig.SalesOrdersOf(id)));
        Assert.Equal(0, rig.Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task A_shipment_becomes_a_delivery_and_invoice_and_a_refund_a_credit_note_each_once()
    {
        await using var rig = await BigCommerceRig.StartAsync(webhooks: Unruly);
        var id = rig.Store.State.Generate(1, [11]).Single();
        await rig.AllPostedAsync([id], TimeSpan.FromSeconds(30));

        await rig.ShipAllAsync(id);
        await Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.Invoices.Any(d => d.NumAtCard?.StartsWith(BigCommerceRig.NumAtCard(id), StringComparison.Ordinal) == true), "no invoice yet")),
            TimeSpan.FromSeconds(30), "the delivery and invoice of the shipment");
        var product = rig.Store.GetOrder(id)!.Value.Products[0];
        var (refundId, problem) = rig.Store.State.Refund(id, [(product["id"]!.GetValue<long>(), 1)]);
        Assert.Null(problem);
        await Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.CreditNotes.Count >= 1, $"{rig.Sap.Company.CreditNotes.Count} credit notes")),
            TimeSpan.FromSeconds(30), $"the credit note of refund {refundId}");
        await Task.Delay(1500);

        Assert.Single(rig.Sap.Company.DeliveryNotes);
        Assert.Single(rig.Sap.Company.Invoices);
        var credit = Assert.Single(rig.Sap.Company.CreditNotes);
        Assert.Equal(product["sku"]!.GetValue<string>(), credit.Lines[0].ItemCode);
        Assert.Equal(1, rig.SalesOrdersOf(id));
    }
}

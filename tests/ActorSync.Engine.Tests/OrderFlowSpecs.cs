using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>Orders through the whole engine (sharded entities, gateway stream, client) into the Service Layer emulator.</summary>
public class OrderFlowSpecs : IAsyncLifetime
{
    private const int Items = 400;
    private ServiceLayerEmulator _sap = null!;

    public async Task InitializeAsync() =>
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private Task<EngineTestHost> StartEngine(Action<ActorSync.Engine.Hosting.EngineSettings>? configure = null)
    {
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        configure?.Invoke(settings);
        return EngineTestHost.StartAsync(settings);
    }

    private Task AllPosted(int expected, TimeSpan timeout) => Eventually.HoldsAsync(() =>
    {
        var created = _sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders");
        return Task.FromResult((created >= expected, $"{created} sales orders"));
    }, timeout, $"{expected} sales orders in SAP");

    private static async Task SubmitAll(EngineTestHost engine, IEnumerable<ChannelOrder> orders) =>
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, ct) =>
            Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(order, ct)).Code));

    [Fact]
    public async Task Every_accepted_order_is_posted_exactly_once_and_many_share_a_batch()
    {
        await using var engine = await StartEngine();
        var orders = new DemoOrderGenerator(Items).Generate(150).ToList();
        // Each request takes 200 ms, as a busy SAP's would: orders arriving meanwhile wait in the queue and share the next
        // batches, however slowly a loaded runner takes them in.
        _sap.ApplyFaults(new FaultSettings { LatencyMs = 200 });

        await SubmitAll(engine, orders);
        await AllPosted(orders.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(500); // anything extra would show up now

        var stats = _sap.GetStats();
        Assert.Equal(orders.Count, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0, stats.DuplicateNumAtCard.GetValueOrDefault("Orders"));
        Assert.InRange(stats.Batches, 1, orders.Count / 3);
        Assert.InRange(stats.Sessions.Peak, 1, 4); // 3 for batches + 1 for look-ups
        foreach (var order in orders.Take(10))
        {
            var state = await engine.Engine.GetOrderAsync(order.Key.EntityId);
            Assert.Equal(OrderStatus.Posted, state.Status);
            var document = _sap.Company.Orders.Single(d => d.NumAtCard == order.Key.NumAtCard);
            Assert.Equal(document.DocEntry, state.DocEntry);
            Assert.Equal(order.TotalPaid, document.DocTotal); // to the cent: the channel's tax is passed through
        }
    }

    [Fact]
    public async Task The_same_order_delivered_many_times_creates_one_sales_order()
    {
        await using var engine = await StartEngine();
        var order = new DemoOrderGenerator(Items).Generate(1).Single();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.Engine.SubmitOrderAsync(order)));
        await AllPosted(1, TimeSpan.FromSeconds(30));
        var late = await engine.Engine.SubmitOrderAsync(order);
        await Task.Delay(1000);

        Assert.Single(replies, r => r.Code == CommandResultCode.Accepted);
        Assert.Equal(7, replies.Count(r => r.Code == CommandResultCode.Duplicate));
        Assert.Equal(CommandResultCode.Duplicate, late.Code);
        Assert.Equal(1, _sap.GetStats().DocumentsCreated["Orders"]);
    }

    [Fact]
    public async Task Responses_dropped_after_commit_never_create_a_second_document()
    {
        await using var engine = await StartEngine();
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(3, "Orders") });
        var orders = new DemoOrderGenerator(Items).Generate(80).ToList();

        await SubmitAll(engine, orders);
        await AllPosted(orders.Count, TimeSpan.FromSeconds(90));
        await Task.Delay(1000);

        var stats = _sap.GetStats();
        Assert.Equal(orders.Count, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0, stats.DuplicateNumAtCard.GetValueOrDefault("Orders"));
        var gateway = await engine.Engine.GetGatewayStatsAsync();
        Assert.True(gateway.Uncertain > 0, "the dropped responses should have been seen as uncertain outcomes");
        Assert.True(gateway.LookUps > 0, "uncertain orders must be looked up before any new post");
        foreach (var order in orders)
            Assert.Equal(OrderStatus.Posted, (await engine.Engine.GetOrderAsync(order.Key.EntityId)).Status);
    }

    [Fact]
    public async Task A_lock_storm_holds_only_the_orders_on_locked_items_while_the_rest_flow()
    {
        await using var engine = await StartEngine();
        var lockedItems = _sap.Company.FirstPlainActiveItems(3).Select(i => i.ItemCode).ToList();
        var lockFor = TimeSpan.FromSeconds(6);
        _sap.ApplyFaults(new FaultSettings
        {
            UserLocks = lockedItems.Select(code => new UserLockFault(code, "01", (int)lockFor.TotalMilliseconds, "jane")).ToList(),
        });
        var all = new DemoOrderGenerator(Items).Generate(300).ToList();
        bool TouchesLock(ChannelOrder o) => o.Lines.Any(l => lockedItems.Contains(l.Sku));
        var blocked = all.Where(TouchesLock).Take(8).ToList();
        var free = all.Where(o => !TouchesLock(o)).Take(60).ToList();
        Assert.NotEmpty(blocked);
        var started = DateTime.UtcNow;

        await SubmitAll(engine, blocked.Concat(free));
        await AllPosted(free.Count, TimeSpan.FromSeconds(30));
        var freeDoneAfter = DateTime.UtcNow - started;
        var postedWhileLocked = blocked.Count(o => _sap.Company.Orders.Any(d => d.NumAtCard == o.Key.NumAtCard));

        await AllPosted(free.Count + blocked.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        Assert.True(freeDoneAfter < lockFor, $"unlocked orders took {freeDoneAfter.TotalSeconds:F1}s, as long as the locks");
        Assert.Equal(0, postedWhileLocked);
        var stats = _sap.GetStats();
        Assert.True(stats.LockConflicts > 0);
        Assert.Equal(free.Count + blocked.Count, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0, stats.DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task Orders_locked_beyond_the_retry_limit_park_in_quarantine_with_the_cause()
    {
        await using var engine = await StartEngine(s => s.Orders.LockRetryMaxAttempts = 3);
        var order = new DemoOrderGenerator(Items).Generate(1).Single();
        var item = order.Lines[0].Sku;
        _sap.ApplyFaults(new FaultSettings { UserLocks = [new UserLockFault(item, "01", 120_000, "bob")] });

        await engine.Engine.SubmitOrderAsync(order);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await engine.Engine.GetOrderAsync(order.Key.EntityId);
            return (state.Status == OrderStatus.Quarantined, state.Status.ToString());
        }, TimeSpan.FromSeconds(30), "the order to park");

        var parked = await engine.Engine.GetOrderAsync(order.Key.EntityId);
        Assert.Equal("lock-timeout", parked.Exception!.Type);
        Assert.Contains("-2039", parked.Exception.Reason + parked.LastProblem, StringComparison.Ordinal);
        Assert.Equal(0, _sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders"));
    }

    [Fact]
    public async Task During_an_outage_orders_wait_and_post_once_when_sap_returns()
    {
        await using var engine = await StartEngine();
        _sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 3000) });
        var orders = new DemoOrderGenerator(Items).Generate(40).ToList();

        await SubmitAll(engine, orders);
        await AllPosted(orders.Count, TimeSpan.FromSeconds(90));
        await Task.Delay(500);

        var stats = _sap.GetStats();
        Assert.Equal(orders.Count, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0, stats.DuplicateNumAtCard.GetValueOrDefault("Orders"));
        Assert.True((await engine.Engine.GetGatewayStatsAsync()).NotApplied > 0, "the outage should have been seen");
    }

    [Fact]
    public async Task An_order_sap_rejects_parks_with_sap_s_message_and_does_not_hold_its_batch()
    {
        // Without the master-data check SAP itself is the judge: its rejection must park only that order.
        await using var engine = await StartEngine(s => s.MasterData.Enabled = false);
        var inactive = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
        var generator = new DemoOrderGenerator(Items);
        var good = generator.Generate(30).ToList();
        var line = good[0].Lines[0] with { Sku = inactive };
        var bad = good[0] with { ExternalId = "BAD-1", Lines = [line], TotalPaid = line.NetTotal + line.TaxAmount + good[0].ShippingAmount + good[0].ShippingTax };

        await SubmitAll(engine, good.Prepend(bad));
        await AllPosted(good.Count, TimeSpan.FromSeconds(30));
        var parked = await ParkedOrder(engine, bad.Key.EntityId);

        Assert.Equal("sap-rejected", parked.Exception!.Type);
        Assert.Contains("inactive", parked.Exception.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(good.Count, _sap.GetStats().DocumentsCreated["Orders"]);
    }

    [Fact]
    public async Task An_inactive_item_parks_before_sap_and_posts_once_when_retried_after_the_fix()
    {
        await using var engine = await StartEngine();
        var inactive = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
        var order = new DemoOrderGenerator(Items).Generate(1).Single() with { ExternalId = "FIX-1" };
        order = order with { Lines = [order.Lines[0] with { Sku = inactive }], TotalPaid = order.Lines[0].NetTotal + order.Lines[0].TaxAmount + order.ShippingAmount + order.ShippingTax };
        await WaitForMasterData(engine);

        await engine.Engine.SubmitOrderAsync(order);
        var parked = await ParkedOrder(engine, order.Key.EntityId);
        var rejectionsBefore = _sap.GetStats().Rejections.Values.Sum();
        await ReactivateAsync(inactive);
        var retry = await engine.Engine.RetryOrderAsync(order.Key.EntityId);
        await AllPosted(1, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.Equal("inactive-item", parked.Exception!.Type);
        Assert.Equal(0, rejectionsBefore); // SAP never saw the bad order
        Assert.Equal(CommandResultCode.Accepted, retry.Code);
        Assert.Equal(1, _sap.GetStats().DocumentsCreated["Orders"]);
    }

    private static async Task<OrderState> ParkedOrder(EngineTestHost engine, string orderId)
    {
        OrderState state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await engine.Engine.GetOrderAsync(orderId);
            return (state.Status == OrderStatus.Quarantined, state.Status.ToString());
        }, TimeSpan.FromSeconds(30), "the order to park");
        return state;
    }

    private static Task WaitForMasterData(EngineTestHost engine)
    {
        var holder = engine.Services.GetRequiredService<ActorSync.Engine.MasterData.MasterDataSnapshotHolder>();
        return Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
    }

    /// <summary>Someone in SAP makes the item active again, as an operator would after reading the exception.</summary>
    private async Task ReactivateAsync(string itemCode)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_sap.BaseAddress, "b1s/v1/") };
        using var login = await http.PostAsync("Login", new StringContent("""{"CompanyDB":"SBODEMO","UserName":"manager","Password":"manager"}""", System.Text.Encoding.UTF8, "application/json"));
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"Items('{itemCode}')") { Content = new StringContent("""{"Valid":"tYES"}""", System.Text.Encoding.UTF8, "application/json") };
        patch.Headers.Add("Cookie", cookie);
        (await http.SendAsync(patch)).EnsureSuccessStatusCode();
    }
}

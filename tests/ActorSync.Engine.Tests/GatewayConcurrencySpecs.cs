using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;

namespace ActorSync.Engine.Tests;

/// <summary>The gateway's adaptive limit against the emulator's worker pool: it takes the room SAP has and gives it back when SAP queues.</summary>
public class GatewayConcurrencySpecs
{
    private const int Items = 300;

    [Fact]
    public async Task The_limit_grows_while_SAP_has_free_workers_and_falls_once_SAP_queues()
    {
        // Eight workers, each document about 120 ms of real time (so a busy test runner's noise is small beside it):
        // four batches in flight never queue.
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = Items },
            Capacity = CapacityOptions.Calibrated(0.2),
        });
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Gateway.Sessions = 4;
        settings.Gateway.MaxBatchSize = 5;
        await using var engine = await EngineTestHost.StartAsync(settings);
        var generator = new DemoOrderGenerator(Items);

        var start = (await engine.Engine.GetGatewayStatsAsync()).Concurrency!;
        Assert.Equal((true, 2, 1, 4), (start.Adaptive, start.Limit, start.Min, start.Max));
        var free = await DrainWatchingAsync(engine, sap, generator.Generate(200, idPrefix: "free-").ToList());
        Assert.True(free.Max(v => v.Limit) >= 3, Limits(free));
        Assert.Contains(free, v => v.LastChange?.Reason.Contains("SAP has room", StringComparison.Ordinal) == true);
        Assert.True(sap.GetStats().Sessions.Peak <= 5, $"peak sessions {sap.GetStats().Sessions.Peak}");

        // People take seven of the eight workers: the engine's batches now queue behind one another.
        sap.ApplyFaults(new FaultSettings { Capacity = CapacityOptions.Calibrated(0.2) with { Workers = 1 } });
        var busy = await DrainWatchingAsync(engine, sap, generator.Generate(40, idPrefix: "busy-").ToList());
        // It steps back and then probes again (one worker is room for one batch): a saw tooth under the cap.
        Assert.True(busy.Min(v => v.Limit) <= 2, Limits(busy));
        Assert.Contains(busy, v => v.LastChange?.Reason.Contains("SAP is queueing", StringComparison.Ordinal) == true);
        Assert.Equal(0, sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    private static string Limits(IEnumerable<ServiceLayer.Concurrency.ConcurrencyView> seen) => string.Join(" ", seen.Select(v => v.Limit));

    /// <summary>Submits and drains a burst, reading the gateway's concurrency every 50 ms meanwhile.</summary>
    private static async Task<List<ServiceLayer.Concurrency.ConcurrencyView>> DrainWatchingAsync(EngineTestHost engine, ServiceLayerEmulator sap, IReadOnlyList<Domain.Orders.ChannelOrder> orders)
    {
        var seen = new List<ServiceLayer.Concurrency.ConcurrencyView>();
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                seen.Add((await engine.Engine.GetGatewayStatsAsync()).Concurrency!);
                await Task.Delay(50);
            }
        });
        await SubmitAndDrainAsync(engine, sap, orders);
        await watching.CancelAsync();
        await watch;
        seen.Add((await engine.Engine.GetGatewayStatsAsync()).Concurrency!);
        return seen;
    }

    [Fact]
    public async Task A_fixed_gateway_keeps_the_cap_whatever_SAP_answers()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Gateway.Adaptive = false;
        await using var engine = await EngineTestHost.StartAsync(settings);

        await SubmitAndDrainAsync(engine, sap, new DemoOrderGenerator(Items).Generate(40).ToList());
        var view = (await engine.Engine.GetGatewayStatsAsync()).Concurrency!;
        Assert.Equal((false, 3, 3, 3, null), (view.Adaptive, view.Limit, view.Min, view.Max, view.LastChange));
    }

    [Fact]
    public async Task Documents_SAP_skipped_behind_a_held_row_go_again_when_one_batch_is_all_the_gateway_may_send()
    {
        // The lock storm's deadlock, at engine level: under locks the adaptive limit falls to one batch in flight; SAP
        // refuses a document that needs a held row and skips the rest of its batch; the skipped ones queued for a new
        // place behind the next batch, which held the only place waiting for them, and nothing reached SAP again.
        // One session here is that limit from the start.
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Gateway.Sessions = 1;
        settings.Gateway.MaxBatchSize = 10;
        await using var engine = await EngineTestHost.StartAsync(settings);
        var orders = new DemoOrderGenerator(Items, seed: 11).Generate(40, idPrefix: "held-").ToList();
        // People hold the items of every fourth order (warehouse 01, where the demo mapping puts every line) for 15 s.
        var heldItems = orders.Where((_, i) => i % 4 == 0).SelectMany(o => o.Lines.Select(l => l.Sku)).ToHashSet(StringComparer.Ordinal);
        var held = orders.Where(o => o.Lines.Any(l => heldItems.Contains(l.Sku))).Select(o => o.Key.NumAtCard).ToHashSet(StringComparer.Ordinal);
        var free = orders.Select(o => o.Key.NumAtCard).Where(k => !held.Contains(k)).ToList();
        Assert.True(free.Count >= 10, $"only {free.Count} orders touch no held item");
        var lockFor = TimeSpan.FromSeconds(15);
        sap.ApplyFaults(new FaultSettings { UserLocks = [.. heldItems.Select(i => new UserLockFault(i, "01", (int)lockFor.TotalMilliseconds, "stocktaker"))] });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 40 }, async (order, ct) =>
            Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(order, ct)).Code));

        HashSet<string> InSap() => sap.Company.Orders.Select(d => d.NumAtCard).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await Eventually.HoldsAsync(() =>
        {
            var inSap = InSap();
            return Task.FromResult((free.All(inSap.Contains), $"{free.Count(inSap.Contains)} of the {free.Count} orders that touch no held item"));
        }, lockFor - TimeSpan.FromSeconds(3), "the free orders in SAP while the rows are still held");
        Assert.True(clock.Elapsed < lockFor, $"the free orders took {clock.Elapsed.TotalSeconds:F1} s, past the locks' {lockFor.TotalSeconds} s");
        var gateway = await engine.Engine.GetGatewayStatsAsync();
        Assert.True(gateway.Resent > 0, "SAP skipped no document behind a held row: the spec proves nothing");
        Assert.Equal(1, gateway.Concurrency!.Max);

        await Eventually.HoldsAsync(() =>
        {
            var inSap = InSap();
            return Task.FromResult((held.All(inSap.Contains), $"{held.Count(inSap.Contains)} of the {held.Count} held orders"));
        }, TimeSpan.FromSeconds(60), "the held orders in SAP once the rows are free");
        Assert.Equal(0, sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
    }

    private static async Task SubmitAndDrainAsync(EngineTestHost engine, ServiceLayerEmulator sap, IReadOnlyList<Domain.Orders.ChannelOrder> orders)
    {
        var before = sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders");
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (order, ct) =>
            Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(order, ct)).Code));
        await Eventually.HoldsAsync(() =>
        {
            var created = sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders") - before;
            return Task.FromResult((created >= orders.Count, $"{created} of {orders.Count}"));
        }, TimeSpan.FromSeconds(90), "the burst in SAP");
    }
}

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
    public async Task The_limit_grows_to_the_cap_while_SAP_has_free_workers_and_falls_once_SAP_queues()
    {
        // Eight workers, each document about 50 ms: four batches in flight never queue.
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = Items },
            Capacity = CapacityOptions.Calibrated(0.1),
        });
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Gateway.Sessions = 4;
        settings.Gateway.MaxBatchSize = 10;
        await using var engine = await EngineTestHost.StartAsync(settings);
        var generator = new DemoOrderGenerator(Items);

        var start = (await engine.Engine.GetGatewayStatsAsync()).Concurrency!;
        Assert.Equal((true, 2, 1, 4), (start.Adaptive, start.Limit, start.Min, start.Max));
        await SubmitAndDrainAsync(engine, sap, generator.Generate(400, idPrefix: "free-").ToList());
        var grown = (await engine.Engine.GetGatewayStatsAsync()).Concurrency!;
        Assert.True(grown.Limit == 4, $"{grown}");
        Assert.Contains("SAP has room", grown.LastChange!.Reason);
        Assert.True(sap.GetStats().Sessions.Peak <= 5, $"peak sessions {sap.GetStats().Sessions.Peak}");

        // People take seven of the eight workers: the engine's four batches now queue behind one another.
        sap.ApplyFaults(new FaultSettings { Capacity = CapacityOptions.Calibrated(0.1) with { Workers = 1 } });
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
        await SubmitAndDrainAsync(engine, sap, generator.Generate(60, idPrefix: "busy-").ToList());
        await watching.CancelAsync();
        await watch;
        // It steps back and then probes again (one worker is room for one batch): a saw tooth well under the cap.
        Assert.True(seen.Min(v => v.Limit) <= 2, string.Join(" ", seen.Select(v => v.Limit)));
        Assert.Contains(seen, v => v.LastChange?.Reason.Contains("SAP is queueing", StringComparison.Ordinal) == true);
        Assert.True(seen.Average(v => v.Limit) < 3.5, string.Join(" ", seen.Select(v => v.Limit)));
        Assert.Equal(0, sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
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

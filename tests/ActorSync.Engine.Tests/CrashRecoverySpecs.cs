using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;

namespace ActorSync.Engine.Tests;

/// <summary>
/// A node dies mid-burst and a new one starts on the same journal: every accepted order reaches SAP exactly once,
/// and the unfinished ones resume by themselves (nothing new is sent to them after the restart).
/// </summary>
public class CrashRecoverySpecs
{
    private const int Items = 400;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task After_a_crash_and_restart_every_accepted_order_is_posted_exactly_once(string database)
    {
        var persistence = database == "sqlite" ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync();
        // Slow enough that the crash lands mid-burst: 2 workers, each document about 25 ms (under 100 a second).
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = Items },
            Capacity = CapacityOptions.Calibrated(0.05) with { Workers = 2 },
        });
        var orders = new DemoOrderGenerator(Items).Generate(240).ToList();
        var settings = EngineTestHost.DefaultSettings(sap, persistence);

        var first = await EngineTestHost.StartAsync(settings);
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, ct) =>
            Assert.Equal(CommandResultCode.Accepted, (await first.Engine.SubmitOrderAsync(order, ct)).Code));
        // Every order is journaled now. Let some reach SAP, and drop a response or two on the way down.
        await Eventually.HoldsAsync(() => Task.FromResult((sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders") >= 20, "")),
            TimeSpan.FromSeconds(60), "the first sales orders");
        sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(2, "Orders") });
        await first.CrashAsync();
        var postedAtCrash = sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders");

        await using var second = await EngineTestHost.StartAsync(settings);
        await Eventually.HoldsAsync(() =>
        {
            var created = sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders");
            return Task.FromResult((created >= orders.Count, $"{created} of {orders.Count}"));
        }, TimeSpan.FromSeconds(120), "every order in SAP after the restart");
        await Task.Delay(1000);

        var stats = sap.GetStats();
        Assert.True(postedAtCrash < orders.Count, "the crash should have landed mid-burst");
        Assert.Equal(orders.Count, stats.DocumentsCreated["Orders"]);
        Assert.Equal(0, stats.DuplicateNumAtCard.GetValueOrDefault("Orders"));
        foreach (var order in orders)
            Assert.Equal(OrderStatus.Posted, (await second.Engine.GetOrderAsync(order.Key.EntityId)).Status);
        var unfinished = await second.Engine.GetUnfinishedOrdersAsync();
        Assert.True(unfinished.Loaded);
        await Eventually.HoldsAsync(async () =>
        {
            var now = await second.Engine.GetUnfinishedOrdersAsync();
            return (now.EntityIds.Count == 0, $"{now.EntityIds.Count} still listed");
        }, TimeSpan.FromSeconds(15), "the unfinished-entities index to empty");
    }
}

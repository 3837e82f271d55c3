using ActorSync.Domain.Stock;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

public class StockPositionSpecs : TestKit
{
    [Fact]
    public async Task Positions_signal_only_real_changes_in_available_stock_and_survive_a_restart()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync();
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        var at = DateTimeOffset.UtcNow;

        await using (var engine = await EngineTestHost.StartAsync(settings))
        {
            var probe = CreateTestProbe(engine.System);
            engine.System.EventStream.Subscribe(probe.Ref, typeof(StockAvailabilityChanged));

            var first = await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("A", "01", 10, 2), new StockLevel("B", "01", 5, 0)], at);
            var same = await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("A", "01", 10, 2)], at.AddSeconds(1));
            var delivered = await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("A", "01", 8, 0)], at.AddSeconds(2));
            var sold = await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("A", "01", 8, 3)], at.AddSeconds(3));

            Assert.All(first, r => Assert.True(r.AvailableChanged));
            Assert.False(same.Single().AvailableChanged);
            Assert.False(delivered.Single().AvailableChanged);
            Assert.True(sold.Single().AvailableChanged);
            Assert.Equal(5, sold.Single().Available);
            var signals = probe.ReceiveN(3, TimeSpan.FromSeconds(5)).Cast<StockAvailabilityChanged>().ToList();
            Assert.Equal([8m, 5m, 5m], signals.OrderBy(s => s.StockId).ThenBy(s => s.Version).Select(s => s.Available));
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        }

        await using (var restarted = await EngineTestHost.StartAsync(settings))
        {
            var position = await restarted.Engine.GetStockAsync(new StockKey("01", "A"));
            Assert.Equal(8, position.InStock);
            Assert.Equal(3, position.Committed);
            Assert.Equal(3, position.Version);
        }
    }

    [Fact]
    public async Task A_position_with_more_events_than_a_snapshot_interval_recovers_with_what_each_location_was_told()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync();
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        var key = new StockKey("01", "SNAP");
        var at = DateTimeOffset.UtcNow;

        await using (var engine = await EngineTestHost.StartAsync(settings))
        {
            var region = await engine.Services.GetRequiredService<Akka.Hosting.IRequiredActor<ActorSync.Engine.Stock.StockRegion>>().GetAsync();
            for (var i = 1; i <= 120; i++)
                await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("SNAP", "01", i, 0)], at.AddSeconds(i));
            await region.Ask<StockPositionState>(new StockCommands.RecordPublished(key.EntityId, "web", 119), TimeSpan.FromSeconds(5));
            for (var i = 121; i <= 205; i++)
                await engine.Engine.ApplyStockSnapshotAsync([new StockLevel("SNAP", "01", i, 0)], at.AddSeconds(i));
        }

        await using var restarted = await EngineTestHost.StartAsync(settings);
        var position = await restarted.Engine.GetStockAsync(key);
        Assert.Equal(205, position.InStock);
        Assert.Equal(205, position.Version);
        Assert.Equal(119, position.Published["web"]);
    }
}

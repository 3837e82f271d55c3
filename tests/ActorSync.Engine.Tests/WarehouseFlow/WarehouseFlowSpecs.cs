using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.WarehouseFlow;

/// <summary>WMS movements through the whole engine into the emulator: coalesced per warehouse, kind and window, never lost, never doubled.</summary>
public class WarehouseFlowSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceLayerEmulator _sap = null!;
    private string _itemA = "", _itemB = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (_itemA, _itemB) = (items[0].ItemCode, items[1].ItemCode);
    }

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private EngineSettings Settings(TimeSpan? window = null) => FlowTestSettings.For(_sap, TestDatabases.NewSqlite(), window);

    private static WarehouseMovement Move(string id, MovementKind kind, DateTimeOffset at, string location, string? to = null, params MovementLine[] lines) =>
        new("wms", id, kind, at, location, lines.ToImmutableList(), to);

    private static MovementLine Line(string sku, decimal quantity, decimal? cost = null) => new(sku, quantity, UnitCost: cost);

    /// <summary>An instant whose window still has at least <paramref name="left"/> to run, so a test's movements all land in one batch.</summary>
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

    private async Task<WarehouseWindowState> Until(SyncEngine engine, string windowId, Func<WarehouseWindowState, bool> condition, string what)
    {
        var state = WarehouseWindowState.Empty(windowId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await engine.GetWarehouseWindowAsync(windowId);
            return (condition(state), $"{state.Movements.Count} movements, {state.Batches} batches, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.EntitySet}={j.Status}"))}, {state.LastProblem}");
        }, Patience, what);
        return state;
    }

    private static bool Settled(WarehouseWindowState state) => !state.HasPending && state.Jobs.All(j => j.Status == JobStatus.Done);

    private async Task<string> SubmitAll(SyncEngine engine, params WarehouseMovement[] movements)
    {
        var replies = new List<WarehouseCommandResult>();
        foreach (var movement in movements) replies.Add(await engine.SubmitWarehouseMovementAsync(movement));
        Assert.All(replies, r => Assert.Equal(CommandResultCode.Accepted, r.Code));
        return Assert.Single(replies.Select(r => r.WindowId).Distinct());
    }

    [Fact]
    public async Task Receipts_issues_and_transfers_of_one_window_become_one_document_per_warehouse_kind_and_pair_and_stock_moves()
    {
        await using var host = await EngineTestHost.StartAsync(Settings());
        var before = (A01: _sap.Company.GetStock(_itemA, "01").InStock, A02: _sap.Company.GetStock(_itemA, "02").InStock,
            B01: _sap.Company.GetStock(_itemB, "01").InStock, B02: _sap.Company.GetStock(_itemB, "02").InStock);
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2.5));

        var windowId = await SubmitAll(host.Engine,
            Move("ASN-1", MovementKind.Receipt, at, "MAIN", null, Line(_itemA, 5, 2.00m)),
            Move("ASN-2", MovementKind.Receipt, at, "MAIN-B", null, Line(_itemA, 3, 2.00m), Line(_itemB, 2, 1.50m)),
            Move("ASN-3", MovementKind.Receipt, at, "STORE", null, Line(_itemA, 1, 2.00m)),
            Move("SCRAP-1", MovementKind.Issue, at, "MAIN", null, Line(_itemB, 1)),
            Move("SCRAP-2", MovementKind.Issue, at, "MAIN", null, Line(_itemA, 2)),
            Move("T-1", MovementKind.Transfer, at, "MAIN", "STORE", Line(_itemA, 2)),
            Move("T-2", MovementKind.Transfer, at, "MAIN-B", "STORE", Line(_itemB, 1)));
        var state = await Until(host.Engine, windowId, s => Settled(s) && s.Jobs.Count > 0, "the window's documents");

        Assert.Equal(1, state.Batches);
        var receipts = _sap.Company.InventoryGenEntries.OrderBy(d => d.Lines[0].WarehouseCode).ToList();
        Assert.Equal(["01", "02"], receipts.Select(r => Assert.Single(r.Lines.Select(l => l.WarehouseCode).Distinct())));
        Assert.Equal([(_itemA, 8m), (_itemB, 2m)], receipts[0].Lines.Select(l => (l.ItemCode, l.Quantity)));
        var issue = Assert.Single(_sap.Company.InventoryGenExits);
        Assert.Equal(3m, issue.Lines.Sum(l => l.Quantity));
        var transfer = Assert.Single(_sap.Company.StockTransfers);
        Assert.Equal(("01", "02"), (transfer.FromWarehouse, transfer.ToWarehouse));
        Assert.Equal([(_itemA, 2m), (_itemB, 1m)], transfer.Lines.Select(l => (l.ItemCode, l.Quantity)));
        Assert.Contains("wms:T-1:Transfer", transfer.Comments);
        Assert.Equal(before.A01 + 8 - 2 - 2, _sap.Company.GetStock(_itemA, "01").InStock);
        Assert.Equal(before.A02 + 1 + 2, _sap.Company.GetStock(_itemA, "02").InStock);
        Assert.Equal(before.B01 + 2 - 1 - 1, _sap.Company.GetStock(_itemB, "01").InStock);
        Assert.Equal(before.B02 + 1, _sap.Company.GetStock(_itemB, "02").InStock);
    }

    [Fact]
    public async Task A_movement_delivered_twice_counts_once_and_changed_content_is_refused()
    {
        await using var host = await EngineTestHost.StartAsync(Settings());
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2.5));
        var receipt = Move("ASN-9", MovementKind.Receipt, at, "MAIN", null, Line(_itemA, 4));

        var replies = await Task.WhenAll(host.Engine.SubmitWarehouseMovementAsync(receipt), host.Engine.SubmitWarehouseMovementAsync(receipt));
        var changed = await host.Engine.SubmitWarehouseMovementAsync(receipt with { Lines = [Line(_itemA, 40)] });
        await Until(host.Engine, replies[0].WindowId, s => Settled(s) && s.Jobs.Count == 1, "the receipt");
        var late = await host.Engine.SubmitWarehouseMovementAsync(receipt);
        await Task.Delay(1500);

        Assert.Equal([CommandResultCode.Accepted, CommandResultCode.Duplicate], replies.Select(r => r.Code).Order());
        Assert.Equal(CommandResultCode.Conflict, changed.Code);
        Assert.Equal(CommandResultCode.Duplicate, late.Code);
        Assert.Equal(4m, Assert.Single(Assert.Single(_sap.Company.InventoryGenEntries).Lines).Quantity);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_restart_in_the_middle_of_a_window_loses_nothing_and_doubles_nothing(string database)
    {
        var window = TimeSpan.FromSeconds(10);
        var settings = FlowTestSettings.For(_sap, database == "sqlite" ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync(), window);
        var before = _sap.Company.GetStock(_itemA, "01").InStock;
        var at = await FreshWindowAsync(window, TimeSpan.FromSeconds(8));
        var movements = new[]
        {
            Move("R-1", MovementKind.Receipt, at, "MAIN", null, Line(_itemA, 2)),
            Move("R-2", MovementKind.Receipt, at, "MAIN", null, Line(_itemA, 3)),
            Move("R-3", MovementKind.Receipt, at, "MAIN-B", null, Line(_itemA, 4)),
        };

        string windowId;
        await using (var first = await EngineTestHost.StartAsync(settings))
            windowId = await SubmitAll(first.Engine, movements);
        Assert.True(DateTimeOffset.UtcNow < WarehouseWindows.Start(at, window) + window, "the host should have stopped inside the window");
        Assert.Empty(_sap.Company.InventoryGenEntries);

        // Nothing is sent to the window after the restart: the unfinished-windows index wakes it and its timer closes it.
        await using var second = await EngineTestHost.StartAsync(settings);
        await Eventually.HoldsAsync(() => Task.FromResult((_sap.Company.InventoryGenEntries.Count > 0, "no receipt yet")), Patience, "the receipt after the restart");
        var again = await second.Engine.SubmitWarehouseMovementAsync(movements[1]);
        await Until(second.Engine, windowId, Settled, "the window to settle");
        await Task.Delay(1000);

        Assert.Equal(CommandResultCode.Duplicate, again.Code);
        var receipt = Assert.Single(_sap.Company.InventoryGenEntries);
        Assert.Equal((_itemA, 9m), (Assert.Single(receipt.Lines).ItemCode, receipt.Lines[0].Quantity));
        Assert.Equal(before + 9, _sap.Company.GetStock(_itemA, "01").InStock);
    }

    [Fact]
    public async Task An_answer_lost_after_sap_committed_still_leaves_one_document()
    {
        await using var host = await EngineTestHost.StartAsync(Settings());
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "StockTransfers") });
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2.5));
        var before = _sap.Company.GetStock(_itemB, "03").InStock;

        var windowId = await SubmitAll(host.Engine,
            Move("T-7", MovementKind.Transfer, at, "MAIN", "OUTLET", Line(_itemB, 2)),
            Move("T-8", MovementKind.Transfer, at, "MAIN", "OUTLET", Line(_itemB, 1)));
        var state = await Until(host.Engine, windowId, s => Settled(s) && s.Jobs.Count == 1, "the transfer");
        await Task.Delay(500);

        Assert.Single(_sap.Company.StockTransfers);
        Assert.Equal(before + 3, _sap.Company.GetStock(_itemB, "03").InStock);
        Assert.Equal(_sap.Company.StockTransfers[0].DocEntry, state.Jobs[0].DocEntry);
        var gateway = await host.Engine.GetGatewayStatsAsync();
        Assert.True(gateway.Uncertain >= 1 && gateway.LookUps >= 1, "the lost answer should have been looked up before any new post");
    }

    [Fact]
    public async Task A_movement_at_an_unmapped_location_goes_to_operations_in_the_exception_queue_while_the_rest_post()
    {
        await using var host = await EngineTestHost.StartAsync(Settings());
        var at = await FreshWindowAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2.5));

        var windowId = await SubmitAll(host.Engine,
            Move("ASN-20", MovementKind.Receipt, at, "MAIN", null, Line(_itemA, 1)),
            Move("ASN-21", MovementKind.Receipt, at, "ROOF", null, Line(_itemA, 6)));
        await Until(host.Engine, windowId, s => Settled(s) && s.Jobs.Count == 1, "the good receipt");
        var exceptions = host.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await exceptions.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Warehouse))).SingleOrDefault();
            return (parked is not null, "nothing yet");
        }, Patience, "the exception");
        var retry = await exceptions.RetryAsync(parked!.Id);

        Assert.Equal(1m, Assert.Single(Assert.Single(_sap.Company.InventoryGenEntries).Lines).Quantity);
        Assert.Equal((WarehouseWindows.RecordId(windowId, "wms:ASN-21:Receipt"), "unmapped-warehouse", OwningTeam.Operations), (parked.RecordId, parked.Type, parked.Team));
        Assert.Contains("ROOF", parked.OriginalPayload);
        Assert.Equal(ExceptionResultCode.Accepted, retry.Code); // the window took the movement back; with the mapping unchanged it is rejected again
        await Eventually.HoldsAsync(async () =>
        {
            var again = await exceptions.GetAsync(parked.Id);
            return (again!.Attempts >= 2, $"{again.Status}, attempts {again.Attempts}");
        }, Patience, "the second rejection");
        Assert.Single(_sap.Company.InventoryGenEntries);
    }
}

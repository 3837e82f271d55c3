using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.PosFlow;

/// <summary>
/// Till sales and warehouse issues of batch- and serial-managed items: neither a till nor most WMS movements say
/// which batch or serial left, so the engine picks them from SAP's stock just before posting (FEFO by default).
/// </summary>
public class PickedStockSpecs : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private ServiceLayerEmulator _sap = null!;
    private EngineTestHost _engine = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 200 } });
        _engine = await EngineTestHost.StartAsync(FlowTestSettings.For(_sap, TestDatabases.NewSqlite(), TimeSpan.FromSeconds(2)));
        var holder = _engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private IReadOnlyList<BatchStock> LiveBatches(string itemCode, string warehouse) =>
        _sap.Company.GetBatches(itemCode, warehouse).Where(b => b.ExpiryDate is not { } e || e >= Today).ToList();

    [Fact]
    public async Task A_till_sale_of_a_batch_item_posts_an_invoice_that_takes_the_earliest_expiring_batch_of_the_store()
    {
        var item = _sap.Company.FirstItems(ItemKind.BatchManaged, 10).First(i => LiveBatches(i.ItemCode, "02").Count >= 1 && LiveBatches(i.ItemCode, "02")[0].Quantity >= 2).ItemCode;
        var earliest = LiveBatches(item, "02")[0];
        var sale = new PosTransaction("sitoo", "LOT-P1", PosTransactionKind.Sale, new DateOnly(2026, 11, 27), "EUR", new CustomerRef(null, null, true), "1",
            [new PosLine(item, 2, 20.00m, 4.00m, 20)], [new PosPayment("Cash", 24.00m)], 24.00m);

        await _engine.Engine.SubmitPosTransactionAsync(sale);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await _engine.Engine.GetPosTransactionAsync("sitoo:LOT-P1");
            return (state.Status == PosStatus.Posted, $"{state.Status}, {state.LastProblem}");
        }, TimeSpan.FromSeconds(30), "the invoice and its payment");

        var invoice = Assert.Single(_sap.Company.Invoices);
        Assert.Equal([(earliest.BatchNumber, 2m)], invoice.Lines[0].BatchNumbers.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(earliest.Quantity - 2, _sap.Company.GetBatches(item, "02").Single(b => b.BatchNumber == earliest.BatchNumber).Quantity);
        Assert.Equal(0, _sap.GetStats().Rejections.Values.Sum());
    }

    [Fact]
    public async Task A_till_return_of_a_batch_item_goes_back_into_the_batch_its_sale_took()
    {
        var item = _sap.Company.FirstItems(ItemKind.BatchManaged, 10).First(i => LiveBatches(i.ItemCode, "02").Count >= 1 && LiveBatches(i.ItemCode, "02")[0].Quantity >= 2).ItemCode;
        var earliest = LiveBatches(item, "02")[0];
        var sale = new PosTransaction("sitoo", "LOT-P2", PosTransactionKind.Sale, new DateOnly(2026, 11, 27), "EUR", new CustomerRef(null, null, true), "1",
            [new PosLine(item, 2, 20.00m, 4.00m, 20)], [new PosPayment("Cash", 24.00m)], 24.00m);
        var giveBack = new PosTransaction("sitoo", "LOT-P2R", PosTransactionKind.Return, new DateOnly(2026, 11, 28), "EUR", new CustomerRef(null, null, true), "1",
            [new PosLine(item, 1, 10.00m, 2.00m, 20)], [new PosPayment("Cash", 12.00m)], 12.00m, OriginalExternalId: "LOT-P2");

        await _engine.Engine.SubmitPosTransactionAsync(sale);
        await _engine.Engine.SubmitPosTransactionAsync(giveBack);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await _engine.Engine.GetPosTransactionAsync("sitoo:LOT-P2R");
            return (state.Status == PosStatus.Posted, $"{state.Status}, {state.LastProblem}");
        }, TimeSpan.FromSeconds(30), "the credit note and its refund");

        var credit = Assert.Single(_sap.Company.CreditNotes);
        Assert.Equal([(earliest.BatchNumber, 1m)], credit.Lines[0].BatchNumbers.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(earliest.Quantity - 1, _sap.Company.GetBatches(item, "02").Single(b => b.BatchNumber == earliest.BatchNumber).Quantity);
    }

    [Fact]
    public async Task A_warehouse_issue_and_transfer_that_name_no_serials_take_the_serials_sap_holds_and_move_them()
    {
        var item = _sap.Company.FirstItems(ItemKind.SerialManaged, 10).First(i => _sap.Company.GetSerials(i.ItemCode, "01").Count >= 3).ItemCode;
        var before = _sap.Company.GetSerials(item, "01");
        var at = DateTimeOffset.UtcNow;
        var issue = new WarehouseMovement("wms", "SCRAP-SN", MovementKind.Issue, at, "MAIN", [new MovementLine(item, 1)]);
        var transfer = new WarehouseMovement("wms", "MOVE-SN", MovementKind.Transfer, at, "MAIN", [new MovementLine(item, 2)], "STORE");

        var windowId = (await _engine.Engine.SubmitWarehouseMovementAsync(issue)).WindowId;
        await _engine.Engine.SubmitWarehouseMovementAsync(transfer);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await _engine.Engine.GetWarehouseWindowAsync(windowId);
            return (!state.HasPending && state.Jobs.Count == 2 && state.Jobs.All(j => j.Status == JobStatus.Done), $"{state.Jobs.Count} jobs, {state.LastProblem}");
        }, TimeSpan.FromSeconds(30), "the issue and the transfer");

        var issued = Assert.Single(Assert.Single(_sap.Company.InventoryGenExits).Lines).SerialNumbers.Select(s => s.InternalSerialNumber).ToList();
        var moved = Assert.Single(Assert.Single(_sap.Company.StockTransfers).Lines).SerialNumbers.Select(s => s.InternalSerialNumber).ToList();
        Assert.Single(issued);
        Assert.Equal(2, moved.Count);
        Assert.Empty(issued.Intersect(moved));
        Assert.Equal(before.Except(issued).Except(moved).Order(), _sap.Company.GetSerials(item, "01").Order());
        Assert.Subset(_sap.Company.GetSerials(item, "02").ToHashSet(), moved.ToHashSet());
    }
}

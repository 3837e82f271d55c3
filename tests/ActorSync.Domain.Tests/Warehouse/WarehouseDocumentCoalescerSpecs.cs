using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Tests.Validation;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Tests.Warehouse;

public class WarehouseDocumentCoalescerSpecs
{
    private static readonly DateTimeOffset NineOClock = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static WarehouseMovement Move(string id, MovementKind kind, int minute, string location, string? to = null, params MovementLine[] lines) =>
        new("wms", id, kind, NineOClock.AddMinutes(minute), location, lines.ToImmutableList(), to);

    private static MovementLine Line(string sku, decimal quantity, decimal? cost = null, string? location = null, string? batch = null) =>
        new(sku, quantity, batch, UnitCost: cost, Location: location);

    private static WarehousePlan Coalesce(params WarehouseMovement[] movements) =>
        WarehouseDocumentCoalescer.Coalesce(movements, TestCompany.Mapping(), Window);

    [Fact]
    public void Receipts_into_one_warehouse_within_a_window_become_one_goods_receipt_with_merged_rows()
    {
        var plan = Coalesce(
            Move("ASN-1", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 20, 3.20m), Line("ITM00002", 4, 1.00m)),
            Move("ASN-2", MovementKind.Receipt, 9, "MAIN", null, Line("ITM00001", 5, 3.20m)));

        var document = Assert.Single(plan.Documents);
        Assert.Equal(SapFlowEntitySets.InventoryGenEntries, document.Posting.EntitySet);
        Assert.Equal(["wms:ASN-1:Receipt", "wms:ASN-2:Receipt"], document.MovementKeys);
        var body = Assert.IsType<SapInventoryDocument>(document.Posting.Body);
        Assert.Equal([("ITM00001", 25m, "01", (decimal?)3.20m), ("ITM00002", 4m, "01", (decimal?)1.00m)], body.DocumentLines.Select(l => (l.ItemCode, l.Quantity, l.WarehouseCode, l.UnitPrice)));
        Assert.Equal("2030-01-15", body.DocDate);
        Assert.Equal(document.Posting.Key, body.Reference2);
        Assert.Equal(11, body.Reference2!.Length);
    }

    [Fact]
    public void Movements_in_different_windows_or_warehouses_make_different_documents()
    {
        var plan = Coalesce(
            Move("A", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 1)),
            Move("B", MovementKind.Receipt, 16, "MAIN", null, Line("ITM00001", 1)),
            Move("C", MovementKind.Receipt, 3, "STORE", null, Line("ITM00001", 1)));

        Assert.Equal(3, plan.Documents.Count);
        Assert.Equal([NineOClock, NineOClock, NineOClock.AddMinutes(15)], plan.Documents.Select(d => d.WindowStart));
    }

    [Fact]
    public void Receipts_and_issues_of_the_same_warehouse_stay_apart()
    {
        var plan = Coalesce(
            Move("IN", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 3)),
            Move("OUT", MovementKind.Issue, 2, "MAIN", null, Line("ITM00001", 1)));

        Assert.Equal([SapFlowEntitySets.InventoryGenEntries, SapFlowEntitySets.InventoryGenExits], plan.Documents.Select(d => d.Posting.EntitySet));
    }

    [Fact]
    public void Receipt_rows_at_different_costs_are_not_merged()
    {
        var plan = Coalesce(
            Move("A", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 3, 3.00m)),
            Move("B", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 2, 3.50m)));

        Assert.Equal(2, Assert.IsType<SapInventoryDocument>(Assert.Single(plan.Documents).Posting.Body).DocumentLines.Count);
    }

    [Fact]
    public void Transfers_are_kept_per_warehouse_pair_and_merged_within_a_pair()
    {
        var plan = Coalesce(
            Move("T1", MovementKind.Transfer, 1, "MAIN", "STORE", Line("ITM00001", 5)),
            Move("T2", MovementKind.Transfer, 4, "MAIN", "STORE", Line("ITM00001", 2), Line("ITM00002", 1)),
            Move("T3", MovementKind.Transfer, 5, "MAIN", "OUTLET", Line("ITM00001", 1)),
            Move("T4", MovementKind.Transfer, 6, "STORE", "MAIN", Line("ITM00001", 1)));

        var transfers = plan.Documents.Select(d => Assert.IsType<SapStockTransfer>(d.Posting.Body)).ToList();
        Assert.Equal([("01", "02"), ("01", "03"), ("02", "01")], transfers.Select(t => (t.FromWarehouse, t.ToWarehouse)));
        Assert.Equal([("ITM00001", 7m, "01", "02"), ("ITM00002", 1m, "01", "02")],
            transfers[0].StockTransferLines.Select(l => (l.ItemCode, l.Quantity, l.FromWarehouseCode, l.WarehouseCode)));
        Assert.Equal(SapFlowEntitySets.StockTransfers, plan.Documents[0].Posting.EntitySet);
    }

    [Fact]
    public void Each_line_maps_its_own_location_so_one_movement_can_feed_two_documents()
    {
        var plan = Coalesce(Move("CNT", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 1), Line("ITM00002", 2, location: "STORE")));

        Assert.Equal(["01", "02"], plan.Documents.Select(d => Assert.IsType<SapInventoryDocument>(d.Posting.Body).DocumentLines.Single().WarehouseCode));
        Assert.All(plan.Documents, d => Assert.Equal(["wms:CNT:Receipt"], d.MovementKeys));
    }

    [Fact]
    public void A_transfer_between_two_locations_of_one_warehouse_posts_nothing_and_says_so()
    {
        var plan = Coalesce(Move("T", MovementKind.Transfer, 1, "MAIN", "MAIN-B", Line("ITM00001", 1)));

        Assert.Empty(plan.Documents);
        Assert.Contains("both map to warehouse 01", Assert.Single(plan.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_movement_at_an_unmapped_location_is_rejected_alone_and_its_neighbours_still_post()
    {
        var plan = Coalesce(
            Move("GOOD", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 1)),
            Move("BAD", MovementKind.Receipt, 2, "ROOF", null, Line("ITM00001", 1)));

        var rejected = Assert.Single(plan.Rejected);
        Assert.Equal("BAD", rejected.Movement.MovementId);
        Assert.Equal("unmapped-warehouse", Assert.Single(rejected.Exceptions).Type);
        Assert.Equal(["wms:GOOD:Receipt"], Assert.Single(plan.Documents).MovementKeys);
    }

    [Fact]
    public void A_movement_delivered_twice_is_counted_once()
    {
        var move = Move("ASN-1", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 20));

        var plan = Coalesce(move, move);

        Assert.Equal(20m, Assert.IsType<SapInventoryDocument>(Assert.Single(plan.Documents).Posting.Body).DocumentLines.Single().Quantity);
    }

    [Fact]
    public void The_documents_key_depends_only_on_what_it_holds()
    {
        var a = Move("A", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00001", 1));
        var b = Move("B", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00001", 1));

        var first = Coalesce(a, b).Documents.Single().Posting.Key;
        var again = Coalesce(b, a).Documents.Single().Posting.Key;
        var other = Coalesce(a).Documents.Single().Posting.Key;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void With_master_data_issues_and_transfers_get_batches_and_serials_chosen_by_the_strategy()
    {
        var plan = WarehouseDocumentCoalescer.Coalesce(
            [Move("SCRAP", MovementKind.Issue, 1, "MAIN", null, Line("ITM00003", 12)), Move("T", MovementKind.Transfer, 2, "MAIN", "STORE", Line("ITM00006", 1))],
            TestCompany.Mapping(ActorSync.Domain.Mapping.BatchAllocationStrategy.Fifo), Window, TestCompany.Snapshot());

        var issue = Assert.IsType<SapInventoryDocument>(plan.Documents.Single(d => d.Posting.EntitySet == SapFlowEntitySets.InventoryGenExits).Posting.Body);
        Assert.Equal([new SapBatchNumber("B-0003-A", 10), new SapBatchNumber("B-0003-B", 2)], issue.DocumentLines.Single().BatchNumbers!);
        var transfer = Assert.IsType<SapStockTransfer>(plan.Documents.Single(d => d.Posting.EntitySet == SapFlowEntitySets.StockTransfers).Posting.Body);
        Assert.Equal("SN-1", transfer.StockTransferLines.Single().SerialNumbers!.Single().InternalSerialNumber);
    }

    [Fact]
    public void A_rejected_movement_gives_its_batches_back_to_the_next_one()
    {
        var plan = WarehouseDocumentCoalescer.Coalesce(
            [
                // Takes 20 of ITM00003 but also names an unknown SKU: rejected whole, allocation rolled back.
                Move("BAD", MovementKind.Issue, 1, "MAIN", null, Line("ITM00003", 20), Line("NOPE", 1)),
                Move("GOOD", MovementKind.Issue, 2, "MAIN", null, Line("ITM00003", 25)),
            ],
            TestCompany.Mapping(), Window, TestCompany.Snapshot());

        Assert.Equal(["unknown-sku"], Assert.Single(plan.Rejected).Exceptions.Select(e => e.Type));
        Assert.Equal(25m, Assert.IsType<SapInventoryDocument>(Assert.Single(plan.Documents).Posting.Body).DocumentLines.Single().BatchNumbers!.Sum(b => b.Quantity));
    }

    [Fact]
    public void A_batch_receipt_without_its_batch_is_rejected_and_one_with_it_carries_the_batch()
    {
        var plan = WarehouseDocumentCoalescer.Coalesce(
            [
                Move("NO-BATCH", MovementKind.Receipt, 1, "MAIN", null, Line("ITM00003", 5)),
                Move("BATCH", MovementKind.Receipt, 2, "MAIN", null, Line("ITM00003", 5, batch: "B-NEW")),
            ],
            TestCompany.Mapping(), Window, TestCompany.Snapshot());

        Assert.Equal("batch-allocation", Assert.Single(plan.Rejected).Exceptions.Single().Type);
        Assert.Equal([new SapBatchNumber("B-NEW", 5)], Assert.IsType<SapInventoryDocument>(plan.Documents.Single().Posting.Body).DocumentLines.Single().BatchNumbers!);
    }

    [Fact]
    public void An_issue_beyond_the_stock_is_rejected_as_insufficient()
    {
        var plan = WarehouseDocumentCoalescer.Coalesce([Move("OUT", MovementKind.Issue, 1, "MAIN", null, Line("ITM00002", 4))], TestCompany.Mapping(), Window, TestCompany.Snapshot());

        Assert.Equal("insufficient-stock", Assert.Single(plan.Rejected).Exceptions.Single().Type);
    }

    [Fact]
    public void Windows_align_to_utc_multiples_of_their_length()
    {
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 9, 15, 0, TimeSpan.Zero),
            WarehouseDocumentCoalescer.WindowStart(new DateTimeOffset(2030, 1, 15, 10, 29, 59, TimeSpan.FromHours(1)), Window));
    }
}

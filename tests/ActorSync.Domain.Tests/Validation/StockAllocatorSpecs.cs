using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

public class StockAllocatorSpecs
{
    private static StockAllocator Allocator(BatchAllocationStrategy strategy = BatchAllocationStrategy.Fefo) => new(TestCompany.Snapshot(), strategy);

    [Fact]
    public void Fefo_takes_the_batch_that_expires_first()
    {
        var allocation = Allocator(BatchAllocationStrategy.Fefo).TakeOut("ITM00003", "01", 5, "ctx");

        Assert.Equal([new SapBatchNumber("B-0003-B", 5)], allocation.BatchNumbers!);
    }

    [Fact]
    public void Fifo_takes_the_batch_that_arrived_first()
    {
        var allocation = Allocator(BatchAllocationStrategy.Fifo).TakeOut("ITM00003", "01", 5, "ctx");

        Assert.Equal([new SapBatchNumber("B-0003-A", 5)], allocation.BatchNumbers!);
    }

    [Fact]
    public void A_quantity_larger_than_one_batch_spans_batches_in_strategy_order()
    {
        var fefo = Allocator(BatchAllocationStrategy.Fefo).TakeOut("ITM00003", "01", 20, "ctx");
        var fifo = Allocator(BatchAllocationStrategy.Fifo).TakeOut("ITM00003", "01", 20, "ctx");

        Assert.Equal([new SapBatchNumber("B-0003-B", 15), new SapBatchNumber("B-0003-A", 5)], fefo.BatchNumbers!);
        Assert.Equal([new SapBatchNumber("B-0003-A", 10), new SapBatchNumber("B-0003-B", 10)], fifo.BatchNumbers!);
    }

    [Fact]
    public void Two_rows_of_one_document_never_take_the_same_batch_quantity_twice()
    {
        var allocator = Allocator();

        var first = allocator.TakeOut("ITM00003", "01", 12, "row 1");
        var second = allocator.TakeOut("ITM00003", "01", 10, "row 2");
        var third = allocator.TakeOut("ITM00003", "01", 4, "row 3");

        Assert.Equal([new SapBatchNumber("B-0003-B", 12)], first.BatchNumbers!);
        Assert.Equal([new SapBatchNumber("B-0003-B", 3), new SapBatchNumber("B-0003-A", 7)], second.BatchNumbers!);
        Assert.Equal("batch-allocation", third.Exception!.Type);
    }

    [Fact]
    public void Expired_batches_are_skipped_and_the_shortfall_says_how_much_expired()
    {
        var allocator = Allocator();

        var fits = allocator.TakeOut("ITM00023", "01", 4, "ctx");
        var short1 = Allocator().TakeOut("ITM00023", "01", 5, "Sitoo sale 1, row 1 (ITM00023)");

        Assert.Equal([new SapBatchNumber("B-0023-NEW", 4)], fits.BatchNumbers!);
        Assert.Equal(("batch-allocation", ActorSync.Domain.Exceptions.OwningTeam.Operations), (short1.Exception!.Type, short1.Exception.Team));
        Assert.Equal(
            "Sitoo sale 1, row 1 (ITM00023): batch-managed item ITM00023 needs 5 from warehouse 01; unexpired batches there hold 4 (20 more sit in batches that expired before 2030-01-15).",
            short1.Exception.Reason);
    }

    [Fact]
    public void Serials_are_taken_in_admission_order_and_one_per_unit()
    {
        var allocation = Allocator(BatchAllocationStrategy.Fifo).TakeOut("ITM00006", "01", 2, "ctx");

        Assert.Equal(["SN-1", "SN-2"], allocation.SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.All(allocation.SerialNumbers!, s => Assert.Equal(1m, s.Quantity));
    }

    [Fact]
    public void More_serials_than_in_stock_is_a_serial_allocation_exception()
    {
        var allocation = Allocator().TakeOut("ITM00006", "02", 2, "ctx");

        Assert.Equal("serial-allocation", allocation.Exception!.Type);
        Assert.Contains("needs 2 serial numbers in warehouse 02; 1 are in stock there", allocation.Exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_quantity_of_a_serial_item_is_a_serial_allocation_exception()
    {
        Assert.Equal("serial-allocation", Allocator().TakeOut("ITM00006", "01", 1.5m, "ctx").Exception!.Type);
    }

    [Fact]
    public void A_plain_item_takes_no_selection_but_cannot_go_below_zero()
    {
        var allocator = Allocator();

        var ok = allocator.TakeOut("ITM00002", "01", 3, "ctx");
        var over = allocator.TakeOut("ITM00002", "01", 1, "row 2");

        Assert.Equal(StockAllocation.Nothing, ok);
        Assert.Equal("insufficient-stock", over.Exception!.Type);
        Assert.Equal("row 2: 1 x ITM00002 needed from warehouse 01, which holds 0.", over.Exception.Reason);
    }

    [Fact]
    public void Rolling_back_gives_a_rejected_records_allocation_back()
    {
        var allocator = Allocator();
        var checkpoint = allocator.Checkpoint();
        allocator.TakeOut("ITM00003", "01", 25, "rejected record");

        allocator.Rollback(checkpoint);

        Assert.Null(allocator.TakeOut("ITM00003", "01", 25, "next record").Exception);
    }

    // ---- The picking rules at their edges (issue 16) ----

    private static readonly DateOnly AsOf = new(2030, 1, 15);

    /// <summary>A cheese counter: batches by weight (kg, three decimals), some without dates, one expiring today.</summary>
    private static StockAllocator Counter(BatchAllocationStrategy strategy, params BatchStock[] batches) => new(new MasterDataSnapshot
    {
        AsOf = AsOf,
        Items = new Dictionary<string, ItemMasterData>
        {
            ["CHEESE-KG"] = new("CHEESE-KG", BatchManaged: true) { Stock = new Dictionary<string, WarehouseStock> { ["01"] = new(batches.Sum(b => b.Quantity)) { Batches = [.. batches] } }.ToImmutableDictionary() },
            ["SCALE"] = new("SCALE", SerialManaged: true)
            {
                Stock = new Dictionary<string, WarehouseStock>
                {
                    ["01"] = new(4)
                    {
                        Serials =
                        [
                            new SerialStock("S-LATE-NODATE", AdmissionDate: new(2029, 12, 1)),
                            new SerialStock("S-B", AdmissionDate: new(2029, 6, 1), ExpiryDate: new(2031, 1, 1)),
                            new SerialStock("S-A", AdmissionDate: new(2029, 6, 1), ExpiryDate: new(2031, 1, 1)),
                            new SerialStock("S-SOON", AdmissionDate: new(2029, 11, 1), ExpiryDate: new(2030, 2, 1)),
                            new SerialStock("S-EXPIRED", AdmissionDate: new(2029, 1, 1), ExpiryDate: new(2030, 1, 14)),
                        ],
                    },
                }.ToImmutableDictionary(),
            },
            ["BREAD"] = new("BREAD") { Stock = new Dictionary<string, WarehouseStock> { ["01"] = new(2.5m) }.ToImmutableDictionary() },
        }.ToImmutableDictionary(),
    }, strategy);

    [Fact]
    public void Fefo_orders_by_expiry_then_admission_then_batch_number_and_undated_batches_go_last()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo,
            new BatchStock("C-UNDATED", 5m),
            new BatchStock("C-2", 1.25m, new(2030, 3, 1), new(2029, 12, 1)),
            new BatchStock("C-1", 1.25m, new(2030, 3, 1), new(2029, 12, 1)),
            new BatchStock("C-EARLY-IN", 1.25m, new(2030, 3, 1), new(2029, 11, 1)),
            new BatchStock("C-NO-ADMISSION", 1.25m, new(2030, 3, 1)),
            new BatchStock("C-TODAY", 0.4m, AsOf));

        var taken = allocator.TakeOut("CHEESE-KG", "01", 6.15m, "ctx");

        // The batch expiring today is still good today; same expiry: earlier admission, then the number, undated admission last.
        Assert.Equal([new SapBatchNumber("C-TODAY", 0.4m), new SapBatchNumber("C-EARLY-IN", 1.25m), new SapBatchNumber("C-1", 1.25m),
            new SapBatchNumber("C-2", 1.25m), new SapBatchNumber("C-NO-ADMISSION", 1.25m), new SapBatchNumber("C-UNDATED", 0.75m)], taken.BatchNumbers!);
    }

    [Fact]
    public void Fifo_orders_by_admission_then_batch_number_ignoring_expiry_and_undated_batches_go_last()
    {
        var allocator = Counter(BatchAllocationStrategy.Fifo,
            new BatchStock("F-UNDATED", 3m, new(2030, 2, 1)),
            new BatchStock("F-B", 1m, new(2031, 1, 1), new(2029, 10, 1)),
            new BatchStock("F-A", 1m, new(2032, 1, 1), new(2029, 10, 1)),
            new BatchStock("F-NEW", 1m, new(2030, 2, 1), new(2029, 12, 1)));

        var taken = allocator.TakeOut("CHEESE-KG", "01", 4.5m, "ctx");

        Assert.Equal([new SapBatchNumber("F-A", 1m), new SapBatchNumber("F-B", 1m), new SapBatchNumber("F-NEW", 1m), new SapBatchNumber("F-UNDATED", 1.5m)], taken.BatchNumbers!);
    }

    [Fact]
    public void Empty_and_used_up_batches_are_passed_over_and_a_row_stops_at_what_it_needs()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo,
            new BatchStock("E-EMPTY", 0m, new(2030, 1, 20)),
            new BatchStock("E-1", 0.75m, new(2030, 1, 21)),
            new BatchStock("E-2", 2m, new(2030, 1, 22)),
            new BatchStock("E-3", 2m, new(2030, 1, 23)));

        var first = allocator.TakeOut("CHEESE-KG", "01", 0.75m, "row 1");
        var second = allocator.TakeOut("CHEESE-KG", "01", 1.5m, "row 2");
        var third = allocator.TakeOut("CHEESE-KG", "01", 0.5m, "row 3");

        Assert.Equal([new SapBatchNumber("E-1", 0.75m)], first.BatchNumbers!);
        Assert.Equal([new SapBatchNumber("E-2", 1.5m)], second.BatchNumbers!);
        Assert.Equal([new SapBatchNumber("E-2", 0.5m)], third.BatchNumbers!);
    }

    [Fact]
    public void A_shortfall_without_expired_batches_says_only_what_is_there_and_takes_nothing()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo, new BatchStock("S-1", 1.125m, new(2030, 6, 1)));

        var shortfall = allocator.TakeOut("CHEESE-KG", "01", 1.5m, "Sitoo sale 7, row 2 (CHEESE-KG)");
        var after = allocator.TakeOut("CHEESE-KG", "01", 1.125m, "row 3");

        Assert.Equal("Sitoo sale 7, row 2 (CHEESE-KG): batch-managed item CHEESE-KG needs 1.5 from warehouse 01; unexpired batches there hold 1.125.", shortfall.Exception!.Reason);
        Assert.Null(shortfall.BatchNumbers);
        Assert.Equal([new SapBatchNumber("S-1", 1.125m)], after.BatchNumbers!);
    }

    [Fact]
    public void Eligible_batches_leave_out_the_empty_and_the_expired_in_strategy_order()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo,
            new BatchStock("X-EXPIRED", 3m, new(2030, 1, 14)), new BatchStock("X-EMPTY", 0m, new(2030, 2, 1)), new BatchStock("X-OK", 1m, new(2030, 2, 2)));
        var item = new ItemMasterData("CHEESE-KG", BatchManaged: true)
        {
            Stock = new Dictionary<string, WarehouseStock>
            {
                ["01"] = new(4m) { Batches = [new BatchStock("X-EXPIRED", 3m, new(2030, 1, 14)), new BatchStock("X-EMPTY", 0m, new(2030, 2, 1)), new BatchStock("X-OK", 1m, new(2030, 2, 2))] },
            }.ToImmutableDictionary(),
        };

        Assert.Equal(["X-OK"], allocator.EligibleBatches(item, "01").Select(b => b.BatchNumber));
        Assert.Equal(BatchAllocationStrategy.Fefo, allocator.Strategy);
    }

    [Fact]
    public void Fefo_serials_go_by_expiry_then_admission_then_number_skip_the_expired_and_are_never_taken_twice()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo);

        var first = allocator.TakeOut("SCALE", "01", 3, "row 1");
        var second = allocator.TakeOut("SCALE", "01", 1, "row 2");
        var none = allocator.TakeOut("SCALE", "01", 1, "row 3");

        Assert.Equal(["S-SOON", "S-A", "S-B"], first.SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Equal(["S-LATE-NODATE"], second.SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Equal("row 3: serial-managed item SCALE needs 1 serial numbers in warehouse 01; 0 are in stock there.", none.Exception!.Reason);
    }

    [Fact]
    public void Fifo_serials_go_by_admission_then_number_whatever_their_expiry()
    {
        var taken = Counter(BatchAllocationStrategy.Fifo).TakeOut("SCALE", "01", 4, "ctx");

        Assert.Equal(["S-A", "S-B", "S-SOON", "S-LATE-NODATE"], taken.SerialNumbers!.Select(s => s.InternalSerialNumber));
    }

    [Fact]
    public void A_fractional_serial_quantity_is_named_with_the_quantity()
    {
        Assert.Equal("row 1: serial-managed item SCALE cannot move a fractional quantity (1.5).",
            Counter(BatchAllocationStrategy.Fefo).TakeOut("SCALE", "01", 1.5m, "row 1").Exception!.Reason);
    }

    [Fact]
    public void Unknown_items_and_nothing_to_take_allocate_nothing_and_raise_nothing()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo, new BatchStock("Z-1", 1m));

        Assert.Equal(StockAllocation.Nothing, allocator.TakeOut("NOT-IN-SAP", "01", 3, "ctx"));
        Assert.Equal(StockAllocation.Nothing, allocator.TakeOut("CHEESE-KG", "01", 0, "ctx"));
        Assert.Equal(StockAllocation.Nothing, allocator.TakeOut("BREAD", "01", 2.5m, "ctx"));
        Assert.Equal("row 4: 0.001 x BREAD needed from warehouse 01, which holds 0.", allocator.TakeOut("BREAD", "01", 0.001m, "row 4").Exception!.Reason);
        Assert.Equal("row 5: 1 x BREAD needed from warehouse 02, which holds 0.", allocator.TakeOut("BREAD", "02", 1, "row 5").Exception!.Reason);
    }

    [Fact]
    public void Rolling_back_returns_serials_and_plain_stock_too()
    {
        var allocator = Counter(BatchAllocationStrategy.Fifo);
        var checkpoint = allocator.Checkpoint();
        allocator.TakeOut("SCALE", "01", 4, "rejected");
        allocator.TakeOut("BREAD", "01", 2.5m, "rejected");

        allocator.Rollback(checkpoint);

        Assert.Equal(4, allocator.TakeOut("SCALE", "01", 4, "again").SerialNumbers!.Count);
        Assert.Null(allocator.TakeOut("BREAD", "01", 2.5m, "again").Exception);
    }

    private static StockAllocator Serials(BatchAllocationStrategy strategy) => new(new MasterDataSnapshot
    {
        AsOf = AsOf,
        Items = new Dictionary<string, ItemMasterData>
        {
            ["PROBE"] = new("PROBE", SerialManaged: true)
            {
                Stock = new Dictionary<string, WarehouseStock>
                {
                    ["01"] = new(3) { Serials = [new SerialStock("P-UNDATED"), new SerialStock("P-TODAY", new(2029, 5, 1), AsOf), new SerialStock("P-OLD", new(2029, 4, 1))] },
                }.ToImmutableDictionary(),
            },
        }.ToImmutableDictionary(),
    }, strategy);

    [Fact]
    public void A_serial_expiring_today_is_still_sold_today_and_fifo_takes_undated_serials_last()
    {
        var taken = Serials(BatchAllocationStrategy.Fifo).TakeOut("PROBE", "01", 3, "ctx");

        Assert.Equal(["P-OLD", "P-TODAY", "P-UNDATED"], taken.SerialNumbers!.Select(s => s.InternalSerialNumber));
    }

    [Fact]
    public void A_shortfall_counts_as_expired_only_batches_that_expired_before_today()
    {
        var allocator = Counter(BatchAllocationStrategy.Fefo, new BatchStock("T-TODAY", 1m, AsOf));

        Assert.Equal("ctx: batch-managed item CHEESE-KG needs 2 from warehouse 01; unexpired batches there hold 1.",
            allocator.TakeOut("CHEESE-KG", "01", 2, "ctx").Exception!.Reason);
    }

    [Fact]
    public void Rolling_back_keeps_the_serials_taken_before_the_checkpoint()
    {
        var allocator = Counter(BatchAllocationStrategy.Fifo);
        allocator.TakeOut("SCALE", "01", 2, "accepted");
        var checkpoint = allocator.Checkpoint();
        allocator.TakeOut("SCALE", "01", 2, "rejected");

        allocator.Rollback(checkpoint);

        Assert.Equal(["S-SOON", "S-LATE-NODATE"], allocator.TakeOut("SCALE", "01", 2, "next").SerialNumbers!.Select(s => s.InternalSerialNumber));
    }
}

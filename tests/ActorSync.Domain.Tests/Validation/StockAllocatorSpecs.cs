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
}

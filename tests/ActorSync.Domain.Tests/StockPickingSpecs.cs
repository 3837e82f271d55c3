using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

public class StockPickingSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    /// <summary>LOT is batch-managed, SER serial-managed, PLAIN neither; the snapshot knows their flags but no stock.</summary>
    private static readonly MasterDataSnapshot Flags = new()
    {
        AsOf = Today,
        Items = new[] { new ItemMasterData("LOT", BatchManaged: true), new ItemMasterData("SER", SerialManaged: true), new ItemMasterData("PLAIN") }
            .ToImmutableDictionary(i => i.ItemCode),
    };

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    /// <summary>Order 9: PLAIN x1, LOT x12, SER x2, posted as DocEntry 10 and dispatched in full as S1.</summary>
    private static OrderState Dispatched()
    {
        var order = new ChannelOrder("magento", "9", new DateOnly(2026, 11, 23), "EUR", new CustomerRef("a@b.c", null, true),
            [new OrderLine("PLAIN", 1, 10m, 2m, 20m), new OrderLine("LOT", 12, 1m, 2.4m, 20m), new OrderLine("SER", 2, 100m, 40m, 20m)],
            0m, 0m, 266.4m, "standard");
        var state = OrderState.Empty("magento:9");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:9", order), Mapping, Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
        var dispatch = new DispatchConfirmation("magento", "9", "S1", [new DispatchLine("PLAIN", 1), new DispatchLine("LOT", 12), new DispatchLine("SER", 2)], new DateOnly(2026, 11, 24));
        return Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:9", dispatch), Now));
    }

    /// <summary>Warehouse 01: LOT in an expired batch, a late-expiring one and an early-expiring small one; SER in three serials.</summary>
    private static StockReading Reading(decimal earlyBatch = 5) => new(Today, ImmutableDictionary<StockPlace, WarehouseStock>.Empty
        .Add(new StockPlace("LOT", "01"), new WarehouseStock(0)
        {
            Batches =
            [
                new BatchStock("OLD", 50, Today.AddDays(-1), Today.AddDays(-200)),
                new BatchStock("LATE", 40, Today.AddDays(300), Today.AddDays(-100)),
                new BatchStock("EARLY", earlyBatch, Today.AddDays(30), Today.AddDays(-10)),
            ],
        })
        .Add(new StockPlace("SER", "01"), new WarehouseStock(0)
        {
            Serials = [new SerialStock("S-3", Today.AddDays(-5)), new SerialStock("S-1", Today.AddDays(-50)), new SerialStock("S-2", Today.AddDays(-20))],
        }));

    private static SapCopyDocument Sent(OrderState state) => Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);

    [Fact]
    public void Only_the_batch_and_serial_managed_rows_of_the_next_delivery_need_stock_read()
    {
        var state = Dispatched();

        Assert.Equal([new StockPlace("LOT", "01"), new StockPlace("SER", "01")], state.StockToRead(Flags));
        Assert.Empty(state.StockToRead(null));
    }

    [Fact]
    public void Fefo_takes_the_earliest_expiring_unexpired_batches_first_and_fifo_serials_by_admission()
    {
        var state = Dispatched();
        var decision = state.PickStock(Reading(), Flags, BatchAllocationStrategy.Fefo, Now);
        state = Apply(state, decision);

        Assert.IsType<StockPicked>(Assert.Single(decision.Events));
        Assert.Equal(NextStep.PostNow, decision.Next);
        var lines = Sent(state).DocumentLines;
        Assert.Null(lines[0].BatchNumbers);
        Assert.Null(lines[0].SerialNumbers);
        Assert.Equal([("EARLY", 5m), ("LATE", 7m)], lines[1].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(["S-1", "S-2"], lines[2].SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Empty(state.StockToRead(Flags));
    }

    [Fact]
    public void Fifo_takes_the_earliest_admitted_batch_first()
    {
        var state = Apply(Dispatched(), Dispatched().PickStock(Reading(), Flags, BatchAllocationStrategy.Fifo, Now));

        Assert.Equal([("LATE", 12m)], Sent(state).DocumentLines[1].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
    }

    [Fact]
    public void Stock_that_cannot_cover_a_row_parks_the_delivery_for_operations_and_says_what_is_there()
    {
        var state = Dispatched();
        var reading = Reading() with { Places = Reading().Places.SetItem(new StockPlace("LOT", "01"), new WarehouseStock(0) { Batches = [new BatchStock("OLD", 50, Today.AddDays(-1))] }) };
        var decision = state.PickStock(reading, Flags, BatchAllocationStrategy.Fefo, Now);
        state = Apply(state, decision);

        var parked = Assert.IsType<JobParked>(Assert.Single(decision.Events));
        Assert.Equal("batch-allocation", parked.Exception.Type);
        Assert.Equal(OwningTeam.Operations, parked.Exception.Team);
        Assert.Contains("LOT", parked.Exception.Reason);
        Assert.Contains("expired", parked.Exception.Reason);
        Assert.StartsWith("Delivery for dispatch S1 of magento:9, row 2", parked.Exception.Reason); // LOT is the delivery's second row
        Assert.Null(state.NextJob);
    }

    [Fact]
    public void A_refused_pick_is_read_and_picked_again_a_bounded_number_of_times_then_parked()
    {
        var state = Apply(Dispatched(), Dispatched().PickStock(Reading(), Flags, BatchAllocationStrategy.Fefo, Now));
        var refused = new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Batch 'EARLY' of item LOT holds 0 in warehouse 01, 5 requested");

        for (var i = 0; i < PostingJobPicking.MaxPickRejections; i++)
        {
            var decision = state.ProcessOutcome(refused, Policy, Now, 0);
            Assert.IsType<StockPickRejected>(Assert.Single(decision.Events));
            state = Apply(state, decision);
            Assert.NotEmpty(state.StockToRead(Flags));
            state = Apply(state, state.PickStock(Reading(earlyBatch: 0), Flags, BatchAllocationStrategy.Fefo, Now));
            Assert.Equal([("LATE", 12m)], Sent(state).DocumentLines[1].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
        }

        var last = state.ProcessOutcome(refused, Policy, Now, 0);
        Assert.Equal("sap-rejected", Assert.IsType<JobParked>(Assert.Single(last.Events)).Exception.Type);
    }

    [Fact]
    public void A_retry_after_a_fix_reads_stock_afresh()
    {
        var state = Dispatched();
        var empty = StockReading.Empty(Today);
        state = Apply(state, state.PickStock(empty, Flags, BatchAllocationStrategy.Fefo, Now));
        Assert.Null(state.NextJob);

        state = Apply(state, state.ProcessCommand(new OrderCommands.RetryOrder("magento:9"), Mapping, Now));

        Assert.Equal([new StockPlace("LOT", "01"), new StockPlace("SER", "01")], state.StockToRead(Flags));
        state = Apply(state, state.PickStock(Reading(), Flags, BatchAllocationStrategy.Fefo, Now));
        Assert.NotNull(Sent(state).DocumentLines[1].BatchNumbers);
    }

    [Fact]
    public void Items_that_need_no_picking_leave_the_delivery_as_it_was()
    {
        var plainOnly = Flags with { Items = Flags.Items.SetItem("LOT", new ItemMasterData("LOT")).SetItem("SER", new ItemMasterData("SER")) };

        Assert.Empty(Dispatched().StockToRead(plainOnly));
        Assert.All(Sent(Dispatched()).DocumentLines, l => Assert.Null(l.BatchNumbers ?? (object?)l.SerialNumbers));
    }

    [Fact]
    public void Goods_refunded_back_to_stock_return_into_the_batches_and_serials_their_delivery_took()
    {
        var state = Apply(Dispatched(), Dispatched().PickStock(Reading(), Flags, BatchAllocationStrategy.Fefo, Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(20, 120), Policy, Now, 0)); // delivery
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(30, 130), Policy, Now, 0)); // invoice
        RefundRequest Refund(string id, bool toStock, params (string Sku, decimal Qty)[] lines) =>
            new("magento", "9", id, lines.Select(l => new RefundLine(l.Sku, l.Qty, 0)).ToImmutableList(), 0, toStock, new DateOnly(2026, 11, 25));

        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:9", Refund("R1", true, ("LOT", 6), ("SER", 1))), Now));
        var first = Sent(state).DocumentLines;
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(40, 140), Policy, Now, 0));
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:9", Refund("R2", true, ("LOT", 3), ("SER", 1))), Now));
        var second = Sent(state).DocumentLines;
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(50, 150), Policy, Now, 0));
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:9", Refund("R3", false, ("LOT", 1))), Now));
        var writtenOff = Assert.Single(Sent(state).DocumentLines);

        Assert.Equal([("EARLY", 5m), ("LATE", 1m)], first[0].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(["S-1"], first[1].SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Equal([("LATE", 3m)], second[0].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(["S-2"], second[1].SerialNumbers!.Select(s => s.InternalSerialNumber));
        Assert.Equal(("tYES", null), (writtenOff.WithoutInventoryMovement, writtenOff.BatchNumbers));
    }

    private static OrderState Invoiced()
    {
        var state = Apply(Dispatched(), Dispatched().PickStock(Reading(), Flags, BatchAllocationStrategy.Fefo, Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(20, 120), Policy, Now, 0)); // delivery
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(30, 130), Policy, Now, 0)); // invoice
    }

    private static OrderCommands.RecordRefund ToStock(string id, params (string Sku, decimal Qty)[] lines) =>
        new("magento:9", new RefundRequest("magento", "9", id, lines.Select(l => new RefundLine(l.Sku, l.Qty, 0)).ToImmutableList(), 0, true, new DateOnly(2026, 11, 25)));

    [Fact]
    public void A_row_back_to_stock_moves_stock_and_one_whose_item_needed_no_picking_names_no_batch_or_serial()
    {
        var state = Invoiced();

        state = Apply(state, state.ProcessCommand(ToStock("R1", ("PLAIN", 1)), Now));
        var line = Assert.Single(Sent(state).DocumentLines);

        Assert.Equal((30, 0, 1m), (line.BaseEntry, line.BaseLine, line.Quantity)); // the invoice's first row, PLAIN
        Assert.Null(line.WithoutInventoryMovement);
        Assert.Null(line.BatchNumbers ?? (object?)line.SerialNumbers);
    }

    [Fact]
    public void Every_earlier_credit_note_of_a_row_counts_so_a_later_return_goes_into_the_batches_not_yet_returned()
    {
        // The delivery took EARLY 5 then LATE 7; one, one, then four come back.
        var state = Invoiced();
        state = Apply(state, state.ProcessCommand(ToStock("R1", ("LOT", 1)), Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(40, 140), Policy, Now, 0));
        state = Apply(state, state.ProcessCommand(ToStock("R2", ("LOT", 1)), Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(50, 150), Policy, Now, 0));

        state = Apply(state, state.ProcessCommand(ToStock("R3", ("LOT", 4)), Now));

        Assert.Equal([("EARLY", 3m), ("LATE", 1m)], Assert.Single(Sent(state).DocumentLines).BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
    }

    [Fact]
    public void Two_rows_of_one_credit_note_from_the_same_invoice_line_return_different_serials_and_batches()
    {
        var state = Invoiced();

        state = Apply(state, state.ProcessCommand(ToStock("R1", ("SER", 1), ("SER", 1), ("LOT", 4), ("LOT", 3)), Now));
        var lines = Sent(state).DocumentLines;

        Assert.Equal(["S-1", "S-2"], lines.Take(2).Select(l => Assert.Single(l.SerialNumbers!).InternalSerialNumber));
        Assert.Equal([("EARLY", 4m)], lines[2].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal([("EARLY", 1m), ("LATE", 2m)], lines[3].BatchNumbers!.Select(b => (b.BatchNumber, b.Quantity)));
    }
}

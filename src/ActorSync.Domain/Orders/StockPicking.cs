using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Orders;

/// <summary>
/// Batches and serials for deliveries. SAP refuses a delivery row of a batch- or serial-managed item that does not
/// say which batches or serials leave (-4014), and a person would choose them in SAP's selection window. The engine
/// chooses the same way (FEFO or FIFO, never an expired batch), from SAP's stock read just before posting, and
/// journals the choice so a re-send carries the same one. An item SAP cannot cover parks the delivery for operations.
/// </summary>
public static class StockPicking
{
    /// <summary>
    /// The places whose stock must be read before the current piece of work can post: those of the next delivery's
    /// batch- or serial-managed rows, when it has no picks yet. Empty when nothing needs choosing, or when there is no
    /// master data to tell which items are managed (SAP then judges the rows itself).
    /// </summary>
    public static ImmutableList<StockPlace> StockToRead(this OrderState state, MasterDataSnapshot? masterData)
    {
        if (masterData is null || state.NextJob is not { Kind: JobKind.Delivery, Picks: null } job || state.Document is not { } document)
            return [];
        return DeliveryRows(state, job)
            .Select(row => new StockPlace(document.DocumentLines[row.Allocation.OrderLine].ItemCode, document.DocumentLines[row.Allocation.OrderLine].WarehouseCode))
            .Where(place => masterData.NeedsPicking(place.ItemCode))
            .Distinct()
            .ToImmutableList();
    }

    /// <summary>Chooses what the next delivery takes from <paramref name="reading"/>; parks it when SAP's stock cannot cover it.</summary>
    public static OrderDecision PickStock(this OrderState state, StockReading reading, MasterDataSnapshot masterData, BatchAllocationStrategy strategy,
        DateTimeOffset now)
    {
        if (state.NextJob is not { Kind: JobKind.Delivery, Picks: null } job || state.Document is not { } document)
            return OrderDecision.Only(NextStep.PostNow); // picked meanwhile, or nothing to pick for

        return OrderDecision.Of(Pick(state, job, document, reading, masterData, strategy).Decide(job.Key, new OrderJobEvents(state, now)));
    }

    private static JobVerdict Pick(OrderState state, SapJob job, SapDocument document, StockReading reading, MasterDataSnapshot masterData,
        BatchAllocationStrategy strategy)
    {
        var allocator = new StockAllocator(masterData.WithStock(reading), strategy);
        var picks = ImmutableList.CreateBuilder<LinePick>();
        foreach (var (allocation, index) in DeliveryRows(state, job))
        {
            var line = document.DocumentLines[allocation.OrderLine];
            if (!masterData.NeedsPicking(line.ItemCode)) continue;
            var taken = allocator.TakeOut(line.ItemCode, line.WarehouseCode, allocation.Quantity,
                $"Delivery for dispatch {job.Reference} of {state.OrderId}, row {index + 1}");
            if (taken.Exception is not null) return new JobVerdict.Parked(taken.Exception);
            picks.Add(new LinePick(index, taken.BatchNumbers, taken.SerialNumbers));
        }
        return new JobVerdict.Picked(picks.ToImmutable());
    }

    /// <summary>The delivery rows of a dispatch, numbered as they are sent (and as SAP numbers the delivery's lines).</summary>
    private static IEnumerable<(DispatchAllocation Allocation, int Index)> DeliveryRows(OrderState state, SapJob job) =>
        // Stryker disable once Linq : equivalent, the dispatch a delivery job names is always there (the jobs and their references are planned together); a missing one throws either way
        state.Dispatches.Single(d => d.Dispatch.DispatchId == job.Reference).Allocation.Select((a, i) => (a, i));

    /// <summary>
    /// A credit note's copy lines. Goods that go back to stock go back into the batches and serials their delivery
    /// took (SAP needs them named on the row, as on the delivery): each invoice line's picks, skipping what earlier
    /// credit notes and earlier rows already returned. Written-off rows move no stock and name none.
    /// </summary>
    internal static ImmutableList<SapCopyLine> CreditLines(OrderState state, ImmutableList<CreditAllocation> allocation, bool returnToStock)
    {
        var returned = state.Credited.GroupBy(c => (c.DispatchId, c.InvoiceLine)).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));
        var lines = ImmutableList.CreateBuilder<SapCopyLine>();
        foreach (var a in allocation)
        {
            // Stryker disable once Linq : equivalent, the invoice of a credited dispatch is always there (the jobs and their references are planned together); a missing one throws either way
            var invoice = state.Jobs.Single(j => j.Key == SapJob.InvoiceKey(a.DispatchId));
            var line = new SapCopyLine(SapObjectTypes.Invoice, invoice.DocEntry!.Value, a.InvoiceLine, a.Quantity, returnToStock ? null : "tYES");
            // Invoice line i copies delivery line i, so the delivery's pick for row i is what this row sold.
            var pick = state.Jobs.Single(j => j.Key == SapJob.DeliveryKey(a.DispatchId)).Picks?.FirstOrDefault(p => p.Line == a.InvoiceLine);
            if (returnToStock && pick is not null)
            {
                var skip = returned.GetValueOrDefault((a.DispatchId, a.InvoiceLine));
                returned[(a.DispatchId, a.InvoiceLine)] = skip + a.Quantity;
                line = line with
                {
                    BatchNumbers = pick.BatchNumbers is { } batches ? PostingJobPicking.Slice(batches, skip, a.Quantity) : null,
                    SerialNumbers = pick.SerialNumbers?.Skip((int)skip).Take((int)a.Quantity).ToImmutableList(),
                };
            }
            lines.Add(line);
        }
        return lines.ToImmutable();
    }

    /// <summary>The delivery's copy lines, with the batches and serials picked for them.</summary>
    internal static ImmutableList<SapCopyLine> DeliveryLines(OrderState state, SapJob job, RecordedDispatch dispatch) =>
        dispatch.Allocation.Select((a, i) =>
        {
            var pick = job.Picks?.FirstOrDefault(p => p.Line == i);
            return new SapCopyLine(SapObjectTypes.Order, state.DocEntry!.Value, a.OrderLine, a.Quantity,
                BatchNumbers: pick?.BatchNumbers, SerialNumbers: pick?.SerialNumbers);
        }).ToImmutableList();
}

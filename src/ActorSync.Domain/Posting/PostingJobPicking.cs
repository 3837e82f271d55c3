using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;

namespace ActorSync.Domain.Posting;

/// <summary>
/// Batches and serials for the POS and warehouse flows' documents that take stock out: a till sale's invoice (it has
/// no delivery to copy from, so the invoice itself moves the goods), a goods issue, a stock transfer's source side.
/// Rows of batch- or serial-managed items that do not say what leaves are picked from SAP's stock read just before
/// posting, as the order flow's <c>StockPicking</c> does for deliveries; the picks are journaled on the job and laid over its
/// body when it is sent, so the body stays what was planned and a refused pick can be dropped and made again.
/// Rows that already name their batches or serials (a WMS that reported them) are left as they are.
/// </summary>
public static class PostingJobPicking
{
    /// <summary>
    /// How often a job is picked again after SAP refused the batches or serials chosen: twice covers another
    /// document emptying a batch between the read and the post; more means the refusal is about something else.
    /// </summary>
    public const int MaxPickRejections = 2;

    /// <summary>Where a document set keeps its rows and which warehouse a row takes stock from; null when it takes none out.</summary>
    private static (string Lines, string Warehouse)? Outbound(PostingJob job) => job.EntitySet switch
    {
        SapFlowEntitySets.InventoryGenExits => ("DocumentLines", "WarehouseCode"),
        SapFlowEntitySets.StockTransfers => ("StockTransferLines", "FromWarehouseCode"),
        SapEntitySets.Invoices => ("DocumentLines", "WarehouseCode"),
        _ => null,
    };

    /// <summary>The rows of <paramref name="job"/> that need picking, with what they take; empty without master data or once picked.</summary>
    private static IEnumerable<(int Row, StockPlace Place, decimal Quantity)> RowsToPick(PostingJob job, MasterDataSnapshot? masterData)
    {
        if (masterData is null || job.Picks is not null || Outbound(job) is not var (linesField, warehouseField)) yield break;
        if (JsonNode.Parse(job.Body)?[linesField] is not JsonArray rows) yield break;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // A row copied from a base document moves what its base says; a row naming its batches or serials is settled.
            if (row?["BaseType"] is not null || row?["BatchNumbers"] is not null || row?["SerialNumbers"] is not null) continue;
            var item = row?["ItemCode"]?.GetValue<string>();
            var warehouse = row?[warehouseField]?.GetValue<string>();
            if (item is null || warehouse is null || !masterData.NeedsPicking(item)) continue;
            yield return (i, new StockPlace(item, warehouse), row!["Quantity"]!.GetValue<decimal>());
        }
    }

    public static ImmutableList<StockPlace> StockToRead(this PostingJob job, MasterDataSnapshot? masterData) =>
        RowsToPick(job, masterData).Select(r => r.Place).Distinct().ToImmutableList();

    /// <summary>What the job's rows take from <paramref name="reading"/>, or why SAP's stock cannot cover them.</summary>
    public static (ImmutableList<LinePick>? Picks, ExceptionDetails? Problem) Pick(this PostingJob job, StockReading reading, MasterDataSnapshot masterData,
        BatchAllocationStrategy strategy)
    {
        var allocator = new StockAllocator(masterData.WithStock(reading), strategy);
        var picks = ImmutableList.CreateBuilder<LinePick>();
        foreach (var (row, place, quantity) in RowsToPick(job, masterData))
        {
            var taken = allocator.TakeOut(place.ItemCode, place.Warehouse, quantity, $"{job.EntitySet} {job.Key}, row {row + 1}");
            if (taken.Exception is not null) return (null, taken.Exception);
            picks.Add(new LinePick(row, taken.BatchNumbers, taken.SerialNumbers));
        }
        return (picks.ToImmutable(), null);
    }

    /// <summary>
    /// What picking the next job's batches and serials journals, as a verdict like SAP's answers: picked, or parked when
    /// SAP's stock cannot cover a row. When it was picked meanwhile (or there is no next job), it just posts.
    /// </summary>
    public static JobDecision<TEvent> PickStock<TEvent>(this PostingJob? next, StockReading reading, MasterDataSnapshot masterData,
        BatchAllocationStrategy strategy, IJobEvents<TEvent> events)
    {
        if (next is not { Picks: null } job) return new([], NextStep.PostNow);
        var (picks, problem) = job.Pick(reading, masterData, strategy);
        JobVerdict verdict = problem is not null ? new JobVerdict.Parked(problem) : new JobVerdict.Picked(picks!);
        return verdict.Decide(job.Key, events);
    }

    /// <summary>
    /// What goes back of picked batches when part of a row returns (a credit note of a delivery, a till return of a sale):
    /// the batch quantities from <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> along the picked batches.
    /// </summary>
    internal static ImmutableList<SapBatchNumber> Slice(ImmutableList<SapBatchNumber> batches, decimal skip, decimal take)
    {
        var slice = ImmutableList.CreateBuilder<SapBatchNumber>();
        foreach (var batch in batches)
        {
            var skipped = Math.Min(skip, batch.Quantity);
            skip -= skipped;
            var part = Math.Min(batch.Quantity - skipped, take);
            if (part <= 0) continue;
            slice.Add(batch with { Quantity = part });
            take -= part;
            if (take == 0) break;
        }
        return slice.ToImmutable();
    }

    /// <summary>The body with the picks laid over its rows.</summary>
    internal static string WithPicks(PostingJob job, string body)
    {
        if (job.Picks is not { IsEmpty: false } picks || Outbound(job) is not var (linesField, _)) return body;
        var node = JsonNode.Parse(body)!;
        var rows = (JsonArray)node[linesField]!;
        foreach (var pick in picks)
        {
            if (pick.BatchNumbers is { } batches) rows[pick.Line]!["BatchNumbers"] = JsonSerializer.SerializeToNode(batches, PostingJobs.BodyJson);
            if (pick.SerialNumbers is { } serials) rows[pick.Line]!["SerialNumbers"] = JsonSerializer.SerializeToNode(serials, PostingJobs.BodyJson);
        }
        return node.ToJsonString();
    }
}

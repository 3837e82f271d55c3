using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Posting;

public class PostingJobPickingSpecs
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static readonly MasterDataSnapshot Flags = new()
    {
        AsOf = Today,
        Items = new[] { new ItemMasterData("LOT", BatchManaged: true), new ItemMasterData("PLAIN") }.ToImmutableDictionary(i => i.ItemCode),
    };

    private static readonly StockReading Reading = new(Today, ImmutableDictionary<StockPlace, WarehouseStock>.Empty
        .Add(new StockPlace("LOT", "01"), new WarehouseStock(0) { Batches = [new BatchStock("LATE", 9, Today.AddDays(90)), new BatchStock("SOON", 2, Today.AddDays(10))] }));

    private static PostingJob Job(string entitySet, string lines) =>
        new("K1", entitySet, $$"""{"Comments":"K1",{{lines}}}""", new LookUpKey(entitySet, "Comments", "K1"), []);

    private static JsonArray Rows(PostingJob job, string field = "DocumentLines") =>
        (JsonArray)JsonNode.Parse(ImmutableList.Create(job).Work(job).Body as string ?? "")![field]!;

    [Fact]
    public void A_goods_issue_row_of_a_batch_item_gets_its_batches_laid_over_the_planned_body()
    {
        var job = Job("InventoryGenExits", """ "DocumentLines":[{"ItemCode":"PLAIN","Quantity":1,"WarehouseCode":"01"},{"ItemCode":"LOT","Quantity":4,"WarehouseCode":"01"}]""");

        Assert.Equal([new StockPlace("LOT", "01")], job.StockToRead(Flags));
        var (picks, problem) = job.Pick(Reading, Flags, BatchAllocationStrategy.Fefo);
        var picked = ImmutableList.Create(job).Picked("K1", picks!).Single();

        Assert.Null(problem);
        var rows = Rows(picked);
        Assert.Null(rows[0]!["BatchNumbers"]);
        Assert.Equal("""[{"BatchNumber":"SOON","Quantity":2},{"BatchNumber":"LATE","Quantity":2}]""", rows[1]!["BatchNumbers"]!.ToJsonString());
        Assert.Empty(picked.StockToRead(Flags));
        Assert.DoesNotContain("BatchNumbers", picked.Body); // the plan stays as it was journaled
    }

    [Fact]
    public void A_transfer_picks_from_its_source_warehouse_and_receipts_and_rows_that_name_their_batches_are_left_alone()
    {
        var transfer = Job("StockTransfers", """ "StockTransferLines":[{"ItemCode":"LOT","Quantity":1,"FromWarehouseCode":"01","WarehouseCode":"02"}]""");
        var receipt = Job("InventoryGenEntries", """ "DocumentLines":[{"ItemCode":"LOT","Quantity":1,"WarehouseCode":"01"}]""");
        var named = Job("InventoryGenExits", """ "DocumentLines":[{"ItemCode":"LOT","Quantity":1,"WarehouseCode":"01","BatchNumbers":[{"BatchNumber":"LATE","Quantity":1}]}]""");

        Assert.Equal([new StockPlace("LOT", "01")], transfer.StockToRead(Flags));
        Assert.Empty(receipt.StockToRead(Flags));
        Assert.Empty(named.StockToRead(Flags));
        Assert.Empty(transfer.StockToRead(null));
    }

    [Fact]
    public void Too_little_stock_is_a_batch_allocation_problem_and_a_refused_pick_is_picked_again_then_parked()
    {
        var big = Job("InventoryGenExits", """ "DocumentLines":[{"ItemCode":"LOT","Quantity":50,"WarehouseCode":"01"}]""");
        Assert.Equal("batch-allocation", big.Pick(Reading, Flags, BatchAllocationStrategy.Fefo).Problem!.Type);

        var job = Job("InventoryGenExits", """ "DocumentLines":[{"ItemCode":"LOT","Quantity":1,"WarehouseCode":"01"}]""");
        var jobs = ImmutableList.Create(job).Picked("K1", job.Pick(Reading, Flags, BatchAllocationStrategy.Fefo).Picks!);
        var refused = new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Batch 'SOON' holds 0");
        for (var i = 0; i < PostingJobPicking.MaxPickRejections; i++)
        {
            Assert.IsType<JobVerdict.PickAgain>(PostingJobs.Judge(jobs[0], refused, Policy, DateTimeOffset.UtcNow, 0));
            jobs = jobs.PickRefused("K1");
            Assert.NotEmpty(jobs[0].StockToRead(Flags));
            jobs = jobs.Picked("K1", jobs[0].Pick(Reading, Flags, BatchAllocationStrategy.Fefo).Picks!);
        }
        Assert.IsType<JobVerdict.Parked>(PostingJobs.Judge(jobs[0], refused, Policy, DateTimeOffset.UtcNow, 0));
        Assert.Null(jobs.Release("K1")[0].Picks);
    }
}

using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Tests.PosFlow;

public class PostingJobsSpecs
{
    private static SapPosting Invoice(string numAtCard) =>
        new(SapEntitySets.Invoices, new SapDocument("POSGUEST", numAtCard, "2030-01-15", "2030-01-15", [new SapDocumentLine("ITM00001", 1, 10m, "02")]), numAtCard);

    private static SapPosting Payment(string key, string remarks, int from = 0) =>
        new(SapFlowEntitySets.IncomingPayments,
            new SapPayment("rCustomer", "POSGUEST", "2030-01-15", [new SapPaymentInvoice(null, 12m, "it_Invoice")], CashAccount: "100000", CashSum: 12m, Remarks: remarks),
            key, [new PostingReference("PaymentInvoices/0/DocEntry", from)]);

    private static SapPosting Transfer(string key, string comments) =>
        new(SapFlowEntitySets.StockTransfers, new SapStockTransfer("2030-01-15", "01", "02", [new SapStockTransferLine("ITM00001", 1, "01", "02")], key, comments), key);

    [Theory]
    [InlineData(SapEntitySets.Invoices, "NumAtCard")]
    [InlineData(SapEntitySets.CreditNotes, "NumAtCard")]
    [InlineData(SapFlowEntitySets.IncomingPayments, "Remarks")]
    [InlineData(SapFlowEntitySets.VendorPayments, "Remarks")]
    [InlineData(SapFlowEntitySets.InventoryGenEntries, "Comments")]
    [InlineData(SapFlowEntitySets.InventoryGenExits, "Comments")]
    [InlineData(SapFlowEntitySets.StockTransfers, "Comments")]
    public void Each_set_is_found_again_by_a_field_its_entity_type_has(string entitySet, string field) =>
        Assert.Equal(field, PostingJobs.LookUpFieldFor(entitySet));

    [Fact]
    public void Jobs_keep_the_exact_json_sap_gets_without_nulls_and_read_their_look_up_value_from_it()
    {
        var (jobs, problem) = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("SITOO-1/100000", "sitoo POS payment 1: Cash (ActorSync)")]);

        Assert.Null(problem);
        Assert.Equal(new LookUpKey(SapEntitySets.Invoices, "NumAtCard", "SITOO-1"), jobs![0].LookUp);
        Assert.Equal(new LookUpKey(SapFlowEntitySets.IncomingPayments, "Remarks", "sitoo POS payment 1: Cash (ActorSync)"), jobs[1].LookUp);
        Assert.DoesNotContain("null", jobs[1].Body);
        Assert.Equal(new JobReference("PaymentInvoices/0/DocEntry", "SITOO-1"), Assert.Single(jobs[1].References));
    }

    [Fact]
    public void A_job_runs_only_once_the_jobs_it_takes_values_from_are_done()
    {
        var jobs = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("SITOO-1/100000", "a"), Payment("SITOO-1/161010", "b")]).Jobs!;

        Assert.Equal("SITOO-1", jobs.Next()!.Key);
        Assert.Null(jobs.Park("SITOO-1", Exceptions.ExceptionTypes.SapRejected("-10", "no")).Next());
        var done = jobs.Complete("SITOO-1", 40, 40);
        Assert.Equal("SITOO-1/100000", done.Next()!.Key);
        Assert.Equal("SITOO-1/161010", done.Park("SITOO-1/100000", Exceptions.ExceptionTypes.SapRejected("-10", "no")).Next()!.Key);
        Assert.Equal(40, JsonNode.Parse((string)done.Work(done.Next()!).Body!)!["PaymentInvoices"]![0]!["DocEntry"]!.GetValue<int>());
    }

    [Fact]
    public void Independent_documents_never_wait_for_each_other()
    {
        var jobs = PostingJobs.FromPlan([Transfer("WA", "transfers A"), Transfer("WB", "transfers B")]).Jobs!;

        Assert.Equal("WB", jobs.Park("WA", Exceptions.ExceptionTypes.SapRejected("-10", "negative stock")).Next()!.Key);
    }

    [Fact]
    public void Plans_that_could_not_be_told_apart_in_sap_or_lack_a_key_field_are_refused()
    {
        var (twins, twinProblem) = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "same"), Payment("P2", "same")]);
        var (unkeyed, keyProblem) = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", null!)]);
        var (orphan, orphanProblem) = PostingJobs.FromPlan([Invoice("SITOO-1"), Payment("P1", "x")], p => p.EntitySet != SapEntitySets.Invoices);

        Assert.Null(twins);
        Assert.Contains("look-up value", twinProblem);
        Assert.Null(unkeyed);
        Assert.Contains("has no Remarks", keyProblem);
        Assert.Null(orphan);
        Assert.Contains("not part of the plan", orphanProblem);
    }
}

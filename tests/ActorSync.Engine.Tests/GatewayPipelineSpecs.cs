using ActorSync.Engine.Gateway;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Tests;

public class GatewayPipelineSpecs
{
    [Fact]
    public void A_look_up_query_asks_for_all_numbers_at_once_and_escapes_quotes()
    {
        var query = GatewayPipeline.BuildLookUpQuery("Orders", ["MAGENTO-1", "O'BRIEN-2", "MAGENTO-1"]);

        Assert.StartsWith("Orders?$select=DocEntry,DocNum,NumAtCard&$filter=", query);
        var filter = Uri.UnescapeDataString(query[(query.IndexOf("$filter=", StringComparison.Ordinal) + 8)..]);
        Assert.Equal("NumAtCard eq 'MAGENTO-1' or NumAtCard eq 'O''BRIEN-2'", filter);
    }

    [Fact]
    public void Settings_name_the_bad_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GatewaySettings { Sessions = 0 }.Validate());
        Assert.Contains("Gateway:Sessions", ex.Message);
    }

    [Fact]
    public void What_a_document_cost_counts_only_the_documents_SAP_executed_before_it_stopped_at_a_failing_changeset()
    {
        static BatchPartResult Part(int index, WriteOutcome outcome) => new(index, outcome, [outcome]);
        var done = new WriteOutcome.Succeeded(201, null, null);
        var held = new WriteOutcome.Rejected(new ServiceLayerError(400, "-2039", "Another user or another operation modified data", ErrorCategory.LockConflict));
        // Fifty sent; SAP did two, was refused at the third (a held row) and skipped the other 47: 1.2 s over three documents.
        var stopped = new BatchOutcome.Completed([Part(0, done), Part(1, done), Part(2, held), .. Enumerable.Range(3, 47).Select(i => Part(i, new WriteOutcome.NotExecuted()))]);

        Assert.Equal(TimeSpan.FromMilliseconds(400), GatewayPipeline.PerDocument(TimeSpan.FromMilliseconds(1200), stopped, 50));
        Assert.Equal(TimeSpan.FromMilliseconds(24),
            GatewayPipeline.PerDocument(TimeSpan.FromMilliseconds(1200), new BatchOutcome.Completed([.. Enumerable.Range(0, 50).Select(i => Part(i, done))]), 50));
        // Nothing known to be done (a timeout): the whole batch counts, as it occupied SAP; nothing executed at all counts as one.
        Assert.Equal(TimeSpan.FromMilliseconds(24), GatewayPipeline.PerDocument(TimeSpan.FromMilliseconds(1200), new BatchOutcome.Uncertain("timeout"), 50));
        Assert.Equal(TimeSpan.FromMilliseconds(1200),
            GatewayPipeline.PerDocument(TimeSpan.FromMilliseconds(1200), new BatchOutcome.Completed([.. Enumerable.Range(0, 5).Select(i => Part(i, new WriteOutcome.NotExecuted()))]), 5));
    }
}

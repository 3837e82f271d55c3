using ActorSync.Domain.Posting;
using ActorSync.Engine.Gateway;
using Akka.Actor;

namespace ActorSync.Engine.Tests.PosFlow;

/// <summary>The gateway's look-up for documents whose key is not in NumAtCard (payments by Remarks, inventory documents by Comments).</summary>
public class LookUpByOtherFieldsSpecs
{
    [Fact]
    public void A_look_up_by_another_field_selects_and_filters_on_that_field_with_quotes_escaped()
    {
        var query = GatewayPipeline.BuildLookUpQuery("IncomingPayments", "Remarks", ["sitoo POS payment 1: Cash (ActorSync)", "O'Brien's tab"]);

        Assert.StartsWith("IncomingPayments?$select=DocEntry,DocNum,Remarks&$filter=", query);
        var filter = Uri.UnescapeDataString(query[(query.IndexOf("$filter=", StringComparison.Ordinal) + 8)..]);
        Assert.Equal("Remarks eq 'sitoo POS payment 1: Cash (ActorSync)' or Remarks eq 'O''Brien''s tab'", filter);
    }

    [Fact]
    public void Long_keys_are_split_over_several_queries_so_no_url_grows_past_what_sap_accepts_while_short_ones_stay_together()
    {
        LookUpDocument Request(string value, string field) => new("c", 1, new LookUpKey("StockTransfers", field, value), ActorRefs.Nobody);
        var longComments = Enumerable.Range(0, 40).Select(i => Request($"ActorSync transfers 01 -> 02, window {i}: " + new string('x', 200), "Comments")).ToList();
        var numAtCards = Enumerable.Range(0, 40).Select(i => Request($"MAGENTO-{100000 + i}", "NumAtCard")).ToList();

        var longChunks = GatewayPipeline.ChunkByFilterLength(longComments).ToList();
        var shortChunks = GatewayPipeline.ChunkByFilterLength(numAtCards).ToList();

        Assert.True(longChunks.Count > 1);
        Assert.Equal(40, longChunks.Sum(c => c.Count));
        Assert.All(longChunks, c => Assert.True(GatewayPipeline.BuildLookUpQuery("StockTransfers", "Comments", c.Select(r => r.Key.Value)).Length < 4000));
        Assert.Single(shortChunks);
    }
}

using ActorSync.Engine.Gateway;

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
}

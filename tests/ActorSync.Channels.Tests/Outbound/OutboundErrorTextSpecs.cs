using System.Net;
using ActorSync.Channels.Outbound;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;
using Outcome = ActorSync.Channels.Outbound.ShipmentPublishOutcome;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>
/// A refused shipment's reason carries the channel's own message, as the merchant's team reads it: Magento's
/// placeholders filled, BigCommerce's list joined, an HTML page's title, plain text on one line and cut at 300.
/// </summary>
public class OutboundErrorTextSpecs
{
    private const string Prefix = "magento POST /rest/default/V1/order/3/ship answered 400: ";

    private static async Task<string> ReasonFor(string body, string mediaType = "application/json")
    {
        var order = MagentoOrder().ToJsonString();
        var store = new ScriptedStore((request, line) => request.Method == HttpMethod.Post
            ? StubHandler.Answer(HttpStatusCode.BadRequest, body, mediaType)
            : line.Contains("V1/orders?", StringComparison.Ordinal)
                ? StubHandler.Answer(HttpStatusCode.OK, $$"""{"items":[{{order}}],"total_count":1}""")
                : StubHandler.Answer(HttpStatusCode.OK, """{"items":[],"total_count":0}"""));
        var publisher = new MagentoShipmentPublisher(new HttpClient(store),
            new MagentoOutboundOptions { BaseUrl = "http://magento.test/rest/default/", AuthMode = "Bearer", AccessToken = MagentoToken, ReadAttempts = 1 });

        var outcome = await publisher.PublishAsync(Notice("magento", "000000003", "D-1", "UPS", "1Z999AA10123456784", ("WS12-M-Orange", 1)), CancellationToken.None);

        return Assert.IsType<Outcome.Rejected>(outcome).Reason;
    }

    [Fact]
    public async Task Magento_s_numbered_and_named_placeholders_are_filled_in()
    {
        Assert.Equal(Prefix + "Item ITM00017 of order 000000003 cannot be shipped.",
            await ReasonFor("""{"message":"Item %1 of order %2 cannot be shipped.","parameters":["ITM00017","000000003"]}"""));
        Assert.Equal(Prefix + "order_item_id is a required field.",
            await ReasonFor("""{"message":"%fieldName is a required field.","parameters":{"fieldName":"order_item_id"}}"""));
        Assert.Equal(Prefix + "The shipment could not be saved.", await ReasonFor("""{"message":"The shipment could not be saved.","parameters":7}"""));
    }

    [Fact]
    public async Task A_list_of_errors_is_joined_and_a_title_stands_in_for_a_missing_message()
    {
        Assert.Equal(Prefix + "The quantity is too high.; The item is not on the order.",
            await ReasonFor("""[{"status":400,"message":"The quantity is too high."},{"status":400},{"status":400,"message":"The item is not on the order."}]"""));
        Assert.Equal(Prefix + "Invalid shipment", await ReasonFor("""{"title":"Invalid shipment","status":400}"""));
        Assert.Equal(Prefix + """[{"status":400}]""", await ReasonFor("""[{"status":400}]"""));
        Assert.Equal(Prefix + """{"message":42}""", await ReasonFor("""{"message":42}"""));
    }

    [Fact]
    public async Task Text_is_put_on_one_line_and_cut_at_300_characters_and_a_page_is_named_by_its_title()
    {
        var exactly = new string('x', 300);

        Assert.Equal(Prefix + "Bad request: no items", await ReasonFor("Bad request:\r\n\tno   items\n", "text/plain"));
        Assert.Equal(Prefix + exactly, await ReasonFor(exactly, "text/plain"));
        Assert.Equal(Prefix + exactly + "…", await ReasonFor(exactly + "y", "text/plain"));
        Assert.Equal(Prefix + "400 Bad Request (an HTML page)", await ReasonFor("<html><head><TITLE> 400 Bad Request </TITLE></head><body>nginx</body></html>", "text/html"));
        Assert.Equal(Prefix + "(no body)", await ReasonFor(" ", "text/plain"));
    }
}

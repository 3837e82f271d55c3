using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.Channels;
using ActorSync.Host.Api;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary><c>POST /webhooks/sitoo</c> over HTTP: its own Basic auth (not the ops token), its limits, every event journaled before the 200, and never a 5xx for poison.</summary>
public class SitooEventsEndpointSpecs
{
    private static string Event(string id, long orderId) =>
        $$$"""{"event_id":"{{{id}}}","event_type":"order","event_date":1764667200,"account_id":"90316","data":{"eshop_id":1,"order_id":{{{orderId}}},"warehouse_id":1,"order_event_type":"add","order_state_changed":"closed"}}""";

    private static HttpRequestMessage Delivery(string body, string? user = SitooRig.EventsUser, string? password = SitooRig.EventsPassword)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SitooEventsApi.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    [Fact]
    public async Task A_delivery_without_the_events_credentials_is_401_and_nothing_is_journaled()
    {
        await using var rig = await SitooRig.StartAsync(deliverEvents: false);
        var body = $"[{Event("c0ffee00-0000-4000-8000-000000000001", 987_654)}]";

        var missing = await rig.Host.Http.SendAsync(Delivery(body, user: null));
        var wrong = await rig.Host.Http.SendAsync(Delivery(body, password: SitooRig.EventsPassword + "x"));
        var api = await rig.Host.Http.SendAsync(Delivery(body, rig.Connector.ApiId, rig.Connector.ApiPassword));

        Assert.All([missing, wrong, api], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("Basic", missing.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("987654", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(0, (await rig.Connectors.GetInboxAsync()).Accepted);
    }

    [Fact]
    public async Task Every_event_is_journaled_before_the_200_and_a_repeat_is_a_duplicate_answered_200()
    {
        await using var rig = await SitooRig.StartAsync(deliverEvents: false);
        rig.Sitoo.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) }); // nothing is worked off meanwhile
        var body = "[" + string.Join(',', Enumerable.Range(1, 10).Select(i => Event($"c0ffee00-0000-4000-8000-{i:000000000000}", 11_600 + i))) + "]";

        var first = await rig.Host.Http.SendAsync(Delivery(body));
        var view = await rig.Connectors.GetInboxAsync();
        var again = await rig.Host.Http.SendAsync(Delivery(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(10, view.PendingKeys.Length);
        Assert.Contains("event:c0ffee00-0000-4000-8000-000000000001", view.PendingKeys);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(10, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(10, (await rig.Connectors.GetInboxAsync()).Accepted);
    }

    [Fact]
    public async Task A_poison_event_in_a_delivery_is_journaled_and_answered_200_never_5xx()
    {
        await using var rig = await SitooRig.StartAsync(deliverEvents: false);
        var body = """[{"event_type":"order","data":{}}, "garbage", """ + Event("c0ffee00-0000-4000-8000-0000000000aa", 11_700) + "]";

        var response = await rig.Host.Http.SendAsync(Delivery(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await rig.Connectors.GetInboxAsync()).Accepted);
        await Infrastructure.Eventually.HoldsAsync(async () =>
        {
            var view = await rig.Connectors.GetInboxAsync();
            return (view.Parked >= 2, $"{view.Parked} parked");
        }, TimeSpan.FromSeconds(20), "the two poison events parked");
    }

    [Fact]
    public async Task A_body_that_is_too_large_is_413_and_one_that_is_not_an_array_of_events_is_400_naming_the_path()
    {
        await using var rig = await SitooRig.StartAsync(s => s.MaxBodyBytes = 2048, deliverEvents: false);

        var large = await rig.Host.Http.SendAsync(Delivery("[" + new string(' ', 4096) + "]"));
        var notArray = await rig.Host.Http.SendAsync(Delivery("""{"event_id":"e1"}"""));
        var eleven = await rig.Host.Http.SendAsync(Delivery("[" + string.Join(',', Enumerable.Range(0, 11).Select(i => "{}")) + "]"));
        var broken = await rig.Host.Http.SendAsync(Delivery("[{\"event_id\":"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.All([notArray, eleven, broken], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("application/problem+json", notArray.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(await notArray.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("$", out _));
        Assert.Contains("at most 10", await eleven.Content.ReadAsStringAsync());
        Assert.Equal(0, (await rig.Connectors.GetInboxAsync()).Accepted);
    }

    [Fact]
    public void The_basic_check_takes_only_the_configured_pair()
    {
        static string Header(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

        Assert.True(SitooEventsApi.Authorized(Header("spi:pass-0123456789abcdef"), "spi", "pass-0123456789abcdef"));
        Assert.False(SitooEventsApi.Authorized(Header("spi:pass-0123456789abcdeF"), "spi", "pass-0123456789abcdef"));
        Assert.False(SitooEventsApi.Authorized(Header("sp:ipass-0123456789abcdef"), "spi", "pass-0123456789abcdef"));
        Assert.False(SitooEventsApi.Authorized("Basic !!!", "spi", "pass-0123456789abcdef"));
        Assert.False(SitooEventsApi.Authorized(null, "spi", "pass-0123456789abcdef"));
    }
}

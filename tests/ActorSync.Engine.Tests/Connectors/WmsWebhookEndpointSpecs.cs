using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.Channels.Webhooks;
using ActorSync.Engine.Connectors.Wms;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>POST /webhooks/wms/{source} and /webhooks/mintsoft: refused without the body logged, size and shape named, 200 only once journaled.</summary>
public class WmsWebhookEndpointSpecs
{
    private const string Event = """{"sourceEventId":"EVT-77","kind":"GoodsReceived","occurredAt":"2030-01-15T09:02:00Z","warehouse":"MAN1","externalRef":"PO-SECRET-REF","lines":[{"sku":"ITM00001","quantity":12.5}]}""";

    private static HttpRequestMessage Signed(string body, string secret = WmsRig.Secret, DateTimeOffset? at = null, string source = WmsRig.Source)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"webhooks/wms/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampedSignature.TimestampHeader, timestamp);
        request.Headers.Add(TimestampedSignature.SignatureHeader, TimestampedSignature.SignatureOf(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    [Fact]
    public async Task A_signed_event_is_journaled_before_its_200_and_a_repeat_is_a_duplicate()
    {
        await using var rig = await WmsRig.StartAsync();
        var first = await rig.Host.Http.SendAsync(Signed(Event));
        var again = await rig.Host.Http.SendAsync(Signed(Event));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.True(answer.RootElement.GetProperty("duplicate").GetBoolean());
        var inbox = await rig.Connector.GetInboxAsync(WmsRig.Source);
        Assert.Equal(1, inbox.Accepted);
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_stale_and_future_deliveries_are_401_and_never_logged_with_their_body()
    {
        await using var rig = await WmsRig.StartAsync();
        var unsigned = new HttpRequestMessage(HttpMethod.Post, $"webhooks/wms/{WmsRig.Source}") { Content = new StringContent(Event, Encoding.UTF8, "application/json") };
        var answers = new[]
        {
            await rig.Host.Http.SendAsync(unsigned),
            await rig.Host.Http.SendAsync(Signed(Event, secret: "not-the-secret-but-long-enough-0000")),
            await rig.Host.Http.SendAsync(Signed(Event, at: DateTimeOffset.UtcNow.AddMinutes(-6))),
            await rig.Host.Http.SendAsync(Signed(Event, at: DateTimeOffset.UtcNow.AddMinutes(6))),
        };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(0, (await rig.Connector.GetInboxAsync(WmsRig.Source)).Accepted);
        Assert.Contains("refused", rig.Logs.All);
        Assert.DoesNotContain("PO-SECRET-REF", rig.Logs.All);
        Assert.DoesNotContain(WmsRig.Secret, rig.Logs.All);
    }

    [Fact]
    public async Task Too_large_is_413_not_json_415_and_a_bad_field_400_naming_its_json_path()
    {
        await using var rig = await WmsRig.StartAsync();
        var large = await rig.Host.Http.SendAsync(Signed(Event.Replace("PO-SECRET-REF", new string('x', 300_000))));
        var notJson = await rig.Host.Http.SendAsync(WithContentType(Signed(Event), "text/plain"));
        var bad = await rig.Host.Http.SendAsync(Signed(Event.Replace("12.5", "-1")));
        var unknown = await rig.Host.Http.SendAsync(Signed(Event, source: "nobody"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("$.lines[0].quantity", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, (await rig.Connector.GetInboxAsync(WmsRig.Source)).Accepted);
    }

    [Fact]
    public async Task Mintsoft_deliveries_need_the_shared_secret_as_authorization()
    {
        await using var rig = await WmsRig.StartAsync();
        var body = rig.Wms.Generator.MintsoftDespatch(new Emulators.Channels.Wms.WmsKnownOrder("magento", "M-1", [("ITM00001", 1m)]), DateTimeOffset.UtcNow, 90_001).ToJsonString();
        HttpRequestMessage Post(string? authorization)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/mintsoft") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.Host.Http.SendAsync(Post(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.Host.Http.SendAsync(Post("ms-wrong-value-0000000000000000000"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.Host.Http.SendAsync(Post(WmsRig.MintsoftSecret))).StatusCode);
        var inbox = await rig.Connector.GetInboxAsync(MintsoftConnectorSettings.Name);
        Assert.Equal(1, inbox.Accepted);
    }

    private static HttpRequestMessage WithContentType(HttpRequestMessage request, string mediaType)
    {
        request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return request;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary><c>POST /webhooks/bigcommerce</c> over HTTP: its own check (not the ops token), its limits, and journaled before the 200.</summary>
public class BigCommerceWebhookEndpointSpecs
{
    private const string Path = "/webhooks/bigcommerce";
    private static readonly string Whsec = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("the-endpoint-specs-hmac-key-32b!"));

    /// <summary>The vendor callbacks in <c>shared/fixtures/bigcommerce</c> (found above the binaries, else <c>/work/shared</c>), producer set to the rig's store.</summary>
    private static readonly string Fixtures = FindFixtures();

    private static string Fixture(string name) =>
        File.ReadAllText(System.IO.Path.Combine(Fixtures, name)).Replace("stores/{store_hash}", "stores/abc123");

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (File.Exists(System.IO.Path.Combine(candidate, "SOURCES.md"))) return System.IO.Path.Combine(candidate, "bigcommerce");
        }
        return "/work/shared/fixtures/bigcommerce";
    }

    private static HttpRequestMessage Delivery(string body, string? secret = BigCommerceRig.Secret, Action<HttpRequestMessage>? more = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add("X-ActorSync-Secret", secret);
        more?.Invoke(request);
        return request;
    }

    private static Action<HttpRequestMessage> Signed(string body, DateTimeOffset at, string id = "msg_2Kq1", string secret = "")
    {
        var ts = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return r =>
        {
            r.Headers.Add("webhook-id", id);
            r.Headers.Add("webhook-timestamp", ts);
            r.Headers.Add("webhook-signature", BigCommerceWebhooks.Sign(secret.Length > 0 ? secret : Whsec, id, ts, body));
        };
    }

    [Fact]
    public async Task A_delivery_without_the_right_custom_header_is_401_and_its_body_is_not_logged()
    {
        await using var rig = await BigCommerceRig.StartAsync(registerHooks: false);
        var body = Fixture("store_order_created.json").Replace("\"id\": 250", "\"id\": 987654321");

        var missing = await rig.Host.Http.SendAsync(Delivery(body, secret: null));
        var wrong = await rig.Host.Http.SendAsync(Delivery(body, secret: "d2c1f0e9b8a7968574635241302f1e0e"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var detail = await wrong.Content.ReadAsStringAsync();
        Assert.DoesNotContain("d2c1f0e9", detail);
        Assert.Contains("BigCommerce webhook refused", rig.Logs.All);
        Assert.DoesNotContain("987654321", rig.Logs.All);
        Assert.DoesNotContain("dd70c0976e06b67aaf671e73f49dcb79230ebf9d", rig.Logs.All);
        Assert.Empty((await rig.Connectors.GetInboxAsync()).PendingKeys);
    }

    [Fact]
    public async Task With_standard_webhooks_configured_a_missing_wrong_or_stale_signature_is_401_and_a_right_one_is_taken()
    {
        await using var rig = await BigCommerceRig.StartAsync(s => s.StandardWebhooksSecret = Whsec, registerHooks: false);
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        var body = Fixture("store_order_created.json");
        var other = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("some-other-32-byte-key-for-hmac!"));

        var unsigned = await rig.Host.Http.SendAsync(Delivery(body));
        var wrong = await rig.Host.Http.SendAsync(Delivery(body, more: Signed(body, DateTimeOffset.UtcNow, secret: other)));
        var stale = await rig.Host.Http.SendAsync(Delivery(body, more: Signed(body, DateTimeOffset.UtcNow.AddMinutes(-6))));
        var right = await rig.Host.Http.SendAsync(Delivery(body, more: Signed(body, DateTimeOffset.UtcNow)));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { unsigned.StatusCode, wrong.StatusCode, stale.StatusCode, right.StatusCode });
        Assert.Contains("outside", await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_malformed_or_incomplete_json_is_400_problem_details()
    {
        await using var rig = await BigCommerceRig.StartAsync(s => s.MaxBodyBytes = 2048, registerHooks: false);

        var large = await rig.Host.Http.SendAsync(Delivery(Fixture("store_order_created.json").Replace("\"created_at\"", $"\"padding\": \"{new string('x', 3000)}\", \"created_at\"")));
        var malformed = await rig.Host.Http.SendAsync(Delivery("{\"scope\": \"store/order/created\", \"data\": {"));
        var incomplete = await rig.Host.Http.SendAsync(Delivery(Fixture("store_order_created.json").Replace("\"hash\"", "\"no_hash\"")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("line 1", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var problem = JsonDocument.Parse(await incomplete.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("hash", out _), problem.ToString());
    }

    [Fact]
    public async Task A_verified_hook_is_answered_within_a_second_and_journaled_before_the_answer()
    {
        await using var rig = await BigCommerceRig.StartAsync(registerHooks: false);
        // The store is down: the entry cannot be worked, so only the journal can still hold it after a crash.
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 120_000) });

        var clock = Stopwatch.StartNew();
        var answer = await rig.Host.Http.SendAsync(Delivery(Fixture("store_order_created.json")));
        clock.Stop();
        var again = await rig.Host.Http.SendAsync(Delivery(Fixture("store_order_created.json")));
        await rig.RestartAfterCrashAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"answered after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Contains("\"duplicate\":true", await again.Content.ReadAsStringAsync());
        var inbox = await rig.Connectors.GetInboxAsync();
        Assert.Equal(["store/order/created:dd70c0976e06b67aaf671e73f49dcb79230ebf9d:1561479335"], inbox.PendingKeys);
    }

    [Fact]
    public async Task Every_callback_fixture_is_answered_and_only_order_and_shipment_scopes_are_journaled()
    {
        await using var rig = await BigCommerceRig.StartAsync(registerHooks: false);
        rig.Store.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 120_000) });
        var files = Directory.GetFiles(Fixtures, "store_*.json").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        foreach (var file in files)
        {
            var answer = await rig.Host.Http.SendAsync(Delivery(Fixture(file!)));
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{file}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        var inbox = await rig.Connectors.GetInboxAsync();
        Assert.Equal(files.Count(f => f!.StartsWith("store_order", StringComparison.Ordinal) || f.StartsWith("store_shipment", StringComparison.Ordinal)), inbox.PendingKeys.Length);
        Assert.DoesNotContain(inbox.PendingKeys, k => k.Contains("inventory", StringComparison.Ordinal));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Channels.Magento;
using ActorSync.Emulators.Channels.Magento;
using static ActorSync.Emulators.Tests.Channels.ChannelFixtures;

namespace ActorSync.Emulators.Tests.Channels;

/// <summary>Signs every request with the engine's OAuth 1.0a signer, so the emulator's own verifier checks it.</summary>
internal sealed class SigningHandler(MagentoAuthorization authorization) : DelegatingHandler(new HttpClientHandler())
{
    public HttpRequestMessage? Last { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains("Authorization"))
            authorization.Apply(request);
        Last = request;
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// The Magento emulator as the inbound connector's source: OAuth 1.0a enforced (signature, timestamp window, nonce),
/// bearer only when allowed; the last-page quirk of older stores; credit memos read and made; <c>updated_at</c> moving
/// on every change; generated orders in the fixture's shape.
/// </summary>
public class MagentoInboundEmulatorSpecs
{
    private static readonly MagentoOAuthCredentials Integration = new("ck-emul", "cs-emul-secret", "at-emul", "ts-emul-secret");

    private static MagentoEmulatorOptions Options(TimeProvider? clock = null, bool bearer = false, bool repeatLastPage = true) => new()
    {
        ConsumerKey = Integration.ConsumerKey, ConsumerSecret = Integration.ConsumerSecret, AccessToken = Integration.AccessToken,
        AccessTokenSecret = Integration.AccessTokenSecret, BearerEnabled = bearer, RepeatLastPage = repeatLastPage, Clock = clock ?? TimeProvider.System,
    };

    private static HttpClient Signed(MagentoEmulator emulator, MagentoOAuthCredentials? credentials = null, TimeProvider? clock = null) =>
        new(new SigningHandler(MagentoAuthorization.OAuth1(credentials ?? Integration, clock))) { BaseAddress = emulator.RestBaseAddress };

    private static string Page(int size, int page, string? since = null) =>
        "V1/orders?" + (since is null ? "searchCriteria[filter_groups][0][filters][0][field]=increment_id&searchCriteria[filter_groups][0][filters][0][condition_type]=notnull"
            : "searchCriteria[filter_groups][0][filters][0][field]=updated_at&searchCriteria[filter_groups][0][filters][0][value]=" + Uri.EscapeDataString(since) +
              "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq") +
        "&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC" +
        "&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC" +
        $"&searchCriteria[pageSize]={size}&searchCriteria[currentPage]={page}";

    [Fact]
    public async Task A_request_signed_with_the_integrations_four_credentials_is_answered_and_a_bracketed_search_query_is_covered()
    {
        await using var emulator = await MagentoEmulator.StartAsync(Options());
        emulator.SeedOrder(MagentoOrder());
        using var http = Signed(emulator);

        Assert.Equal(200, (await SendAsync(http, HttpMethod.Get, "V1/orders/3")).Status);
        var (status, found) = await SendAsync(http, HttpMethod.Get, Page(10, 1, "2017-08-21 22:22:20"));
        Assert.Equal(200, status);
        Assert.Equal(1, (int)found!["total_count"]!);
        Assert.Equal(0, emulator.GetStats().Unauthorized);
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_stale_and_replayed_requests_are_refused_with_401()
    {
        var clock = new ChannelTestClock(DateTimeOffset.UtcNow);
        await using var emulator = await MagentoEmulator.StartAsync(Options(clock));
        emulator.SeedOrder(MagentoOrder());
        using var anonymous = Client(emulator.RestBaseAddress);
        using var bearer = Client(emulator.RestBaseAddress, ("Authorization", "Bearer " + Integration.AccessToken));
        using var wrongSecret = Signed(emulator, Integration with { ConsumerSecret = "not-the-secret" }, clock);
        using var wrongTokenSecret = Signed(emulator, Integration with { AccessTokenSecret = "not-the-secret" }, clock);
        using var otherIntegration = Signed(emulator, Integration with { ConsumerKey = "ck-other" }, clock);
        var lateClock = new ChannelTestClock(clock.GetUtcNow().AddMinutes(-11));
        using var stale = Signed(emulator, clock: lateClock);

        Assert.Equal(401, (await SendAsync(anonymous, HttpMethod.Get, "V1/orders/3")).Status);
        Assert.Equal(401, (await SendAsync(bearer, HttpMethod.Get, "V1/orders/3")).Status); // 2.4.4+: bearer off by default
        var (status, body) = await SendAsync(wrongSecret, HttpMethod.Get, "V1/orders/3");
        Assert.Equal((401, "The signature is invalid. Verify and try again."), (status, (string?)body!["message"]));
        Assert.Equal(401, (await SendAsync(wrongTokenSecret, HttpMethod.Get, "V1/orders/3")).Status);
        (status, body) = await SendAsync(otherIntegration, HttpMethod.Get, "V1/orders/3");
        Assert.Equal((401, "The consumer isn't authorized to access %resources."), (status, (string?)body!["message"]));
        (status, body) = await SendAsync(stale, HttpMethod.Get, "V1/orders/3");
        Assert.Equal((401, "The oauth_timestamp is outside the accepted window."), (status, (string?)body!["message"]));

        // The same signed request sent twice: the second reuses its nonce.
        using var http = Client(emulator.RestBaseAddress);
        var header = MagentoOAuth1.AuthorizationHeader("GET", new Uri(emulator.RestBaseAddress, "V1/orders/3"), Integration, clock.GetUtcNow(), "n0nce-once");
        using var first = new HttpRequestMessage(HttpMethod.Get, "V1/orders/3");
        first.Headers.TryAddWithoutValidation("Authorization", header);
        Assert.Equal(200, (int)(await http.SendAsync(first)).StatusCode);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "V1/orders/3");
        replay.Headers.TryAddWithoutValidation("Authorization", header);
        using var replayed = await http.SendAsync(replay);
        Assert.Equal(401, (int)replayed.StatusCode);
        Assert.Contains("nonce is already being used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A signature over another path does not pass for this one.
        var forOrder4 = MagentoOAuth1.AuthorizationHeader("GET", new Uri(emulator.RestBaseAddress, "V1/orders/4"), Integration, clock.GetUtcNow(), "n0nce-2");
        using var moved = new HttpRequestMessage(HttpMethod.Get, "V1/orders/3");
        moved.Headers.TryAddWithoutValidation("Authorization", forOrder4);
        Assert.Equal(401, (int)(await http.SendAsync(moved)).StatusCode);
        Assert.Equal(8, emulator.GetStats().Unauthorized);
    }

    [Fact]
    public async Task With_bearer_allowed_the_access_token_alone_is_taken_and_signed_requests_still_are()
    {
        await using var emulator = await MagentoEmulator.StartAsync(Options(bearer: true));
        emulator.SeedOrder(MagentoOrder());
        using var bearer = Client(emulator.RestBaseAddress, ("Authorization", "Bearer " + Integration.AccessToken));
        using var signed = Signed(emulator);

        Assert.Equal(200, (await SendAsync(bearer, HttpMethod.Get, "V1/orders/3")).Status);
        Assert.Equal(200, (await SendAsync(signed, HttpMethod.Get, "V1/orders/3")).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_page_past_the_end_is_the_last_page_again_on_older_stores_or_empty_on_2_4(bool repeatLastPage)
    {
        await using var emulator = await MagentoEmulator.StartAsync(Options(repeatLastPage: repeatLastPage));
        var ids = emulator.State.Generate(5, ["processing"]);
        using var http = Signed(emulator);

        var (_, third) = await SendAsync(http, HttpMethod.Get, Page(2, 3));
        var (_, fourth) = await SendAsync(http, HttpMethod.Get, Page(2, 4));
        var (_, ninth) = await SendAsync(http, HttpMethod.Get, Page(2, 9));

        Assert.Equal(5, (int)third!["total_count"]!);
        Assert.Equal([ids[4]], third["items"]!.AsArray().Select(o => (long)o!["entity_id"]!));
        Assert.Equal(5, (int)fourth!["total_count"]!);
        var expected = repeatLastPage ? [ids[4]] : Array.Empty<long>();
        Assert.Equal(expected, fourth["items"]!.AsArray().Select(o => (long)o!["entity_id"]!));
        Assert.Equal(expected, ninth!["items"]!.AsArray().Select(o => (long)o!["entity_id"]!));
    }

    [Fact]
    public async Task A_refund_makes_a_credit_memo_readable_by_id_and_by_order_and_updated_at_and_moves_the_order()
    {
        var clock = new ChannelTestClock(new DateTimeOffset(2026, 11, 27, 9, 14, 3, TimeSpan.Zero));
        await using var emulator = await MagentoEmulator.StartAsync(Options(clock));
        var id = emulator.State.Generate(1, ["processing"]).Single();
        var order = emulator.GetOrder(id)!;
        var row = order["items"]!.AsArray().First(r => r!["parent_item_id"] is null)!;
        var rowQty = (decimal)row["qty_ordered"]!;
        using var http = Signed(emulator, clock: clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var refund = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["order_item_id"] = (long)row["item_id"]!, ["qty"] = 1 }),
            ["notify"] = false,
            ["arguments"] = new JsonObject { ["shipping_amount"] = 0 },
        };
        var (status, answer) = await SendAsync(http, HttpMethod.Post, $"V1/order/{id}/refund", refund.ToJsonString());
        Assert.Equal(200, status);
        var memoId = (long)answer!;

        var (_, memo) = await SendAsync(http, HttpMethod.Get, $"V1/creditmemo/{memoId}");
        Assert.Equal(id, (long)memo!["order_id"]!);
        Assert.Equal("2026-11-27 09:19:03", (string?)memo["updated_at"]);
        var line = memo["items"]!.AsArray().First(l => (long)l!["order_item_id"]! == (long)row["item_id"]!)!;
        Assert.Equal(1m, (decimal)line["qty"]!);
        Assert.Equal((string?)row["sku"], (string?)line["sku"]);
        var expectedTax = Math.Round((decimal)row["tax_amount"]! / rowQty, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((decimal)row["price"]! + expectedTax, (decimal)line["row_total_incl_tax"]!);
        Assert.Equal((decimal)line["row_total_incl_tax"]!, (decimal)memo["grand_total"]!);

        var byOrder = $"V1/creditmemos?searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]={id}";
        var bySince = "V1/creditmemos?searchCriteria[filter_groups][0][filters][0][field]=updated_at&searchCriteria[filter_groups][0][filters][0][value]=" +
                      Uri.EscapeDataString("2026-11-27 09:19:03") + "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq";
        var tooLate = bySince.Replace("09%3A19%3A03", "09%3A19%3A04", StringComparison.Ordinal);
        Assert.Equal(1, (int)(await SendAsync(http, HttpMethod.Get, byOrder)).Body!["total_count"]!);
        Assert.Equal(1, (int)(await SendAsync(http, HttpMethod.Get, bySince)).Body!["total_count"]!);
        Assert.Equal(0, (int)(await SendAsync(http, HttpMethod.Get, tooLate)).Body!["total_count"]!);

        var after = emulator.GetOrder(id)!;
        Assert.Equal("2026-11-27 09:19:03", (string?)after["updated_at"]);
        Assert.Equal(1m, (decimal)after["items"]!.AsArray().First(r => (long)r!["item_id"]! == (long)row["item_id"]!)!["qty_refunded"]!);

        // More than is left to refund is refused, as Magento words it; nothing is created.
        refund["items"]![0]!["qty"] = rowQty;
        (status, answer) = await SendAsync(http, HttpMethod.Post, $"V1/order/{id}/refund", refund.ToJsonString());
        Assert.Equal(400, status);
        Assert.StartsWith("Creditmemo Document Validation Error(s):\nThe quantity to refund must not be greater than the unrefunded quantity", (string?)answer!["message"]);
        Assert.Single(emulator.GetCreditMemos(id));
    }

    [Fact]
    public async Task An_order_not_yet_paid_cannot_be_refunded()
    {
        await using var emulator = await MagentoEmulator.StartAsync(Options());
        var id = emulator.State.Generate(1, ["new"]).Single();

        var (memoId, problem) = emulator.Refund(id);

        Assert.Null(memoId);
        Assert.Contains("The most money available to refund is 0.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_moves_updated_at_and_a_poll_by_updated_at_sees_the_order_again()
    {
        var clock = new ChannelTestClock(new DateTimeOffset(2026, 11, 27, 9, 14, 3, TimeSpan.Zero));
        await using var emulator = await MagentoEmulator.StartAsync(Options(clock));
        var id = emulator.State.Generate(1, ["new"]).Single();
        string UpdatedAt() => (string)emulator.GetOrder(id)!["updated_at"]!;
        Assert.Equal("2026-11-27 09:14:03", UpdatedAt());

        clock.Advance(TimeSpan.FromSeconds(7));
        Assert.True(emulator.State.SetState(id, "holded"));
        Assert.Equal(("2026-11-27 09:14:10", "holded"), (UpdatedAt(), (string)emulator.GetOrder(id)!["status"]!));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(emulator.State.SetState(id, "processing"));
        Assert.Equal("2026-11-27 09:14:11", UpdatedAt());
        Assert.All(emulator.GetOrder(id)!["items"]!.AsArray(), r => Assert.Equal((decimal)r!["qty_ordered"]!, (decimal)r["qty_invoiced"]!));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(emulator.State.AddComment(id, "Customer called"));
        Assert.Equal("2026-11-27 09:14:12", UpdatedAt());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(emulator.Ship(id).Id);
        Assert.Equal("2026-11-27 09:14:13", UpdatedAt());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(emulator.Refund(id).Id);
        Assert.Equal("2026-11-27 09:14:14", UpdatedAt());

        using var http = Signed(emulator, clock: clock);
        var (_, page) = await SendAsync(http, HttpMethod.Get, Page(10, 1, "2026-11-27 09:14:14"));
        Assert.Equal([id], page!["items"]!.AsArray().Select(o => (long)o!["entity_id"]!));
    }

    [Fact]
    public void Generated_orders_have_the_fixtures_shape_the_companys_items_several_VAT_rates_guests_configurables_and_a_mix_of_states()
    {
        var generator = new MagentoOrderGenerator(400, seed: 5);
        // Read back as a client would (numbers parsed from the JSON text).
        var orders = Enumerable.Range(1, 120).Select(i => JsonNode.Parse(generator.Order(10_000 + i, generator.NextState(), DateTimeOffset.UtcNow).ToJsonString())!).ToList();
        var fixtureKeys = ((JsonObject)Node("magento/order.json")).Select(p => p.Key).ToHashSet();

        Assert.All(orders, o => Assert.Subset(((JsonObject)o).Select(p => p.Key).ToHashSet(), fixtureKeys));
        Assert.All(orders, o =>
        {
            // The header explains its grand total, and the parent rows its subtotal.
            var sum = (decimal)o["subtotal"]! + (decimal)o["shipping_amount"]! + (decimal)o["tax_amount"]! + (decimal)o["discount_amount"]!;
            Assert.Equal((decimal)o["grand_total"]!, sum);
            Assert.Equal((decimal)o["subtotal"]!, o["items"]!.AsArray().Where(r => r!["parent_item_id"] is null).Sum(r => (decimal)r!["row_total"]!));
            Assert.All(o["items"]!.AsArray(), r => Assert.Matches("^ITM\\d{5}$", (string)r!["sku"]!));
        });
        var states = orders.GroupBy(o => (string)o["state"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(states["processing"] > orders.Count / 2 && states.ContainsKey("new") && states.ContainsKey("holded") && states.ContainsKey("canceled"), string.Join(", ", states));
        Assert.Contains(orders, o => (int)o["customer_is_guest"]! == 1 && o["customer_id"] is null);
        Assert.Contains(orders, o => (int)o["customer_is_guest"]! == 0 && o["customer_id"] is not null);
        var rates = orders.SelectMany(o => o["items"]!.AsArray()).Where(r => r!["parent_item_id"] is null).Select(r => (decimal)r!["tax_percent"]!).ToHashSet();
        Assert.Superset(new HashSet<decimal> { 20m, 5m, 0m }, rates);
        Assert.Contains(orders, o => o["items"]!.AsArray().Any(r => (string?)r!["product_type"] == "configurable") &&
                                     o["items"]!.AsArray().Any(r => r!["parent_item_id"] is not null && (decimal)r["price"]! == 0));
        Assert.Contains(orders.SelectMany(o => o["items"]!.AsArray()), r => (decimal)r!["price"]! != decimal.Truncate((decimal)r["price"]!));
        Assert.All(orders.Where(o => (string)o["state"]! == "processing"), o =>
            Assert.All(o["items"]!.AsArray(), r => Assert.Equal((decimal)r!["qty_ordered"]!, (decimal)r["qty_invoiced"]!)));
    }

    [Fact]
    public async Task Generation_through_the_control_API_and_a_state_change_answer_as_documented()
    {
        await using var emulator = await MagentoEmulator.StartAsync(Options());
        using var control = Client(emulator.BaseAddress);

        var (status, created) = await SendAsync(control, HttpMethod.Post, "__emulator/generate", """{"count":3,"states":["processing","holded"]}""");
        Assert.Equal(201, status);
        var ids = created!["entity_ids"]!.AsArray().Select(i => (long)i!).ToList();
        Assert.Equal(["processing", "holded", "processing"], ids.Select(i => (string)emulator.GetOrder(i)!["state"]!));
        Assert.Equal(204, (await SendAsync(control, HttpMethod.Post, $"__emulator/orders/{ids[1]}/state", """{"state":"canceled"}""")).Status);
        Assert.Equal("canceled", (string)emulator.GetOrder(ids[1])!["status"]!);
        Assert.Equal(ids[0].ToString("000000000", CultureInfo.InvariantCulture), (string)emulator.GetOrder(ids[0])!["increment_id"]!);
    }
}

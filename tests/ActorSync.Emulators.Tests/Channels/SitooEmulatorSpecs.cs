using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Sitoo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorSync.Emulators.Tests.Channels;

/// <summary>The Sitoo emulator: Basic auth, the collections' filters and paging, the fixtures' shapes, generated orders, faults, and the Events SPI's delivery and retry rules.</summary>
public class SitooEmulatorSpecs
{
    private static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "shared", "fixtures", "SOURCES.md"))) return Path.Combine(dir.FullName, "shared", "fixtures", name);
        return Path.Combine("/work/shared/fixtures", name);
    }

    private static JsonObject Fixture(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(FixturePath(name)))!;

    private static HttpClient Client(SitooEmulator emulator, string? password = null)
    {
        var options = emulator.State.Options;
        var http = new HttpClient { BaseAddress = new Uri(emulator.ApiBaseAddress, "sites/1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiId}:{password ?? options.ApiPassword}")));
        return http;
    }

    private static async Task<JsonObject> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static long[] Ids(JsonObject list, string field = "orderid") => ((JsonArray)list["items"]!).Select(i => i![field]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Reads_need_basic_auth_with_the_api_id_and_password()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = emulator.ApiBaseAddress };
        using var wrong = Client(emulator, "not-the-password");
        using var right = Client(emulator);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("sites/1/orders.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("orders.json")).StatusCode);
        Assert.Equal(0, (await Get(right, "orders.json"))["totalcount"]!.GetValue<int>());
        Assert.Equal(2, emulator.GetStats().Unauthorized);
    }

    [Fact]
    public async Task The_fixtures_are_served_as_they_are_and_the_order_filters_match_the_reference()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        emulator.SeedOrder(Fixture("sitoo/order.json"));
        foreach (var order in (JsonArray)Fixture("sitoo/orders_list.json")["items"]!) emulator.SeedOrder((JsonObject)order!.DeepClone());
        var sale = emulator.State.Generate(1, [SitooOrderKind.PosCardSale]).Single();
        var returned = emulator.State.Generate(1, [SitooOrderKind.PosReturn]).Single();
        using var http = Client(emulator);

        Assert.True(JsonNode.DeepEquals(Fixture("sitoo/order.json"), await Get(http, "orders/11514.json")));
        var range = Ids(await Get(http, "orders.json?orderidfrom=11512&orderidto=11514"));
        var credits = Ids(await Get(http, $"orders.json?creditorderid={sale}"));
        var listed = Ids(await Get(http, "orders.json?orderid=11514,99"));
        Assert.Equal([11512L, 11513L], range);
        Assert.Equal([returned], credits);
        Assert.Equal([11514L], listed);
        var tills = Ids(await Get(http, "orders.json?registerid={3CCB9848-155A-49E1-7CA8-5F7F78FC3067}"));
        Assert.Equal([11512L, 11513L, sale, returned], tills); // not the webshop order 11514
        Assert.Empty(Ids(await Get(http, "orders.json?ordertype=100")));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("orders.json?orderidfrom=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("orders/424242.json")).StatusCode);
    }

    [Fact]
    public async Task Collections_page_by_start_and_num_with_totalcount_sort_descending_and_trim_to_fields()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        var ids = emulator.State.Generate(7, [SitooOrderKind.PosCardSale, SitooOrderKind.WebshopPaid]);
        using var http = Client(emulator);

        var page = await Get(http, $"orders.json?orderidfrom={ids[1]}&start=2&num=3");
        var newest = await Get(http, "orders.json?sort=-orderid&num=1&fields=orderid,paymentstateid");

        Assert.Equal(6, page["totalcount"]!.GetValue<int>());
        Assert.Equal(ids.Skip(3).Take(3), Ids(page));
        Assert.Equal(10, Ids(await Get(http, "orders.json")).Length + 3); // num defaults to 10
        var only = (JsonObject)newest["items"]![0]!;
        Assert.Equal((ids[^1], 2), (only["orderid"]!.GetValue<long>(), only.Count));
    }

    [Fact]
    public async Task Generated_orders_have_the_fixture_shapes_pos_with_a_register_returns_negative_and_pointing_at_their_sale()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        var ids = emulator.State.Generate(4, [SitooOrderKind.PosCashSale, SitooOrderKind.WebshopUnpaid, SitooOrderKind.PosReturn, SitooOrderKind.WebshopPaid]);
        var (cash, web, back, paid) = (emulator.State.GetOrder(ids[0])!, emulator.State.GetOrder(ids[1])!, emulator.State.GetOrder(ids[2])!, emulator.State.GetOrder(ids[3])!);

        var fixtureFields = Fixture("sitoo/order.json").Select(p => p.Key).Order();
        Assert.Equal(fixtureFields, cash.Select(p => p.Key).Order());
        var row = (JsonObject)cash["orderitems"]![0]!;
        Assert.Equal(Fixture("sitoo/order.json")["orderitems"]![0]!.AsObject().Select(p => p.Key).Order(), row.Select(p => p.Key).Order());
        Assert.Matches(@"^-?\d+\.\d\d$", cash["moneytotal_gross_all"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d\d\d$", row["decimalquantitytotal"]!.GetValue<string>());
        Assert.IsType<long>(cash["orderdate"]!.GetValue<long>());
        Assert.Equal(("Cash", 20, SitooOrderGenerator.Register), (cash["payments"]![0]!["name"]!.GetValue<string>(), cash["paymentstateid"]!.GetValue<int>(), cash["registerid"]!.GetValue<string>()));
        Assert.Equal((0, (JsonNode?)null), (web["paymentstateid"]!.GetValue<int>(), web["registerid"]));
        Assert.Equal(20, paid["paymentstateid"]!.GetValue<int>());
        Assert.Equal((ids[0], ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), (back["creditorderid"]!.GetValue<long>(), back["additionaldata"]!["pos-originalsales-orderid"]!.GetValue<string>()));
        Assert.StartsWith("-", back["moneytotal_gross_all"]!.GetValue<string>());
        Assert.Equal(-1, back["orderitems"]![0]!["quantity"]!.GetValue<int>());
        Assert.StartsWith("ITM", row["sku"]!.GetValue<string>());
        Assert.DoesNotMatch(@"\.00$", row["moneynetpriceperunit"]!.GetValue<string>() + (row["moneyitemtotal_vat"]!.GetValue<string>() == "0.00" ? "1" : ""));
    }

    [Fact]
    public async Task Warehouse_transactions_are_read_from_an_id_sorted_and_paged_with_the_level_after_each_delta()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        var ids = emulator.State.GenerateTransactions(5);
        emulator.State.GenerateTransactions(2, warehouseId: 2);
        using var http = Client(emulator);

        var page = await Get(http, $"warehousetransactions.json?warehousetransactionidfrom={ids[2]}&sort=warehousetransactionid&num=2");
        var perWarehouse = await Get(http, "warehouses/2/warehousetransactions.json");
        var first = (JsonObject)page["items"]![0]!;

        Assert.Equal(5, page["totalcount"]!.GetValue<int>()); // 3 of warehouse 1 and 2 of warehouse 2 from there
        Assert.Equal([ids[2], ids[3]], Ids(page, "warehousetransactionid"));
        Assert.Equal(2, perWarehouse["totalcount"]!.GetValue<int>());
        Assert.Equal(Fixture("sitoo/warehousetransactions.json")["items"]![0]!.AsObject().Select(p => p.Key).Order(), first.Select(p => p.Key).Order());
        Assert.Matches(@"^-?\d+\.\d\d\d$", first["items"]![0]!["decimaltotal"]!.GetValue<string>());
        Assert.Equal(2, (await Get(http, "warehouses.json"))["totalcount"]!.GetValue<int>());
        Assert.True((await Get(http, "products.json?num=3"))["totalcount"]!.GetValue<int>() > 3);
    }

    [Fact]
    public async Task Faults_answer_an_outage_page_429s_and_cut_answers()
    {
        await using var emulator = await SitooEmulator.StartAsync();
        using var http = Client(emulator);

        emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("orders.json")).StatusCode);
        emulator.ApplyFaults(new ChannelFaultSettings { Clear = true, RateLimit = new ChannelRateLimit(1, 60_000) });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("orders.json")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("orders.json")).StatusCode);
        emulator.ApplyFaults(new ChannelFaultSettings { Clear = true, DropResponses = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("orders.json"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("orders.json")).StatusCode);

        var stats = emulator.GetStats();
        Assert.Equal((1L, 1L, 1L), (stats.OutageAnswers, stats.RateLimited, stats.DroppedResponses));
    }

    /// <summary>An SPI destination that answers the statuses it is given in turn (then 200) and records every call.</summary>
    private sealed class Receiver(WebApplication app) : IAsyncDisposable
    {
        public ConcurrentQueue<(string Body, string? Authorization, int Status)> Calls { get; } = new();
        public ConcurrentQueue<int> Statuses { get; } = new();
        public Uri Url => new(app.Urls.First().TrimEnd('/') + "/events");

        public List<string> EventIds(bool acknowledgedOnly = true) => Calls.Where(c => !acknowledgedOnly || c.Status == 200)
            .SelectMany(c => ((JsonArray)JsonNode.Parse(c.Body)!).Select(e => e!["event_id"]!.GetValue<string>())).ToList();

        public static async Task<Receiver> StartAsync(params int[] statuses)
        {
            Receiver? self = null;
            var app = ChannelEmulatorHost.BuildApp("http://127.0.0.1:0", false, a => a.MapPost("/events", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var status = self!.Statuses.TryDequeue(out var s) ? s : 200;
                self.Calls.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers.Authorization.FirstOrDefault(), status));
                return Results.StatusCode(status);
            }));
            self = new Receiver(app);
            foreach (var s in statuses) self.Statuses.Enqueue(s);
            await app.StartAsync();
            return self;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static Task Until(Func<bool> condition, string what) => Task.Run(async () =>
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(20);
        }
    });

    private static async Task<SitooEmulator> WithEvents(Receiver receiver, SitooRetryRule rule = SitooRetryRule.Current, double duplicates = 0) =>
        await SitooEmulator.StartAsync(new SitooEmulatorOptions
        {
            Events = new SitooEventsOptions { Destination = receiver.Url, User = "spi-user", Password = "spi-password-0123456789", TimeScale = 0.001, RetryRule = rule, DuplicateRate = duplicates },
        });

    [Fact]
    public async Task Events_go_in_chronological_order_in_calls_of_at_most_ten_with_the_spis_own_basic_auth()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var emulator = await WithEvents(receiver);
        emulator.Events.Options = emulator.Events.Options with { Destination = null }; // queue first, then send
        var ids = Enumerable.Range(0, 23).Select(i => emulator.Events.OrderEvent(11_600 + i, "add", "closed", 1)).ToList();
        emulator.Events.Options = emulator.Events.Options with { Destination = receiver.Url };

        await Until(() => emulator.Events.GetStats().Acknowledged == 23, "23 events acknowledged");

        Assert.Equal(ids, receiver.EventIds());
        Assert.All(receiver.Calls, c => Assert.InRange(((JsonArray)JsonNode.Parse(c.Body)!).Count, 1, 10));
        Assert.All(receiver.Calls, c => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("spi-user:spi-password-0123456789")), c.Authorization));
        var evt = JsonNode.Parse(receiver.Calls.First().Body)![0]!;
        Assert.Equal(("order", "90316", 11_600L, "add", "closed"), (evt["event_type"]!.GetValue<string>(), evt["account_id"]!.GetValue<string>(),
            evt["data"]!["order_id"]!.GetValue<long>(), evt["data"]!["order_event_type"]!.GetValue<string>(), evt["data"]!["order_state_changed"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_retryable_answer_blocks_the_queue_behind_the_head_until_it_is_acknowledged()
    {
        await using var receiver = await Receiver.StartAsync(503, 429, 504, 503);
        await using var emulator = await WithEvents(receiver);
        var head = emulator.Events.OrderEvent(1, "add", "open", null);
        await Until(() => receiver.Calls.Count >= 1, "the first call");
        var behind = Enumerable.Range(2, 4).Select(i => emulator.Events.OrderEvent(i, "add", "open", null)).ToList();

        await Until(() => emulator.Events.GetStats().Acknowledged == 5, "every event acknowledged");

        var calls = receiver.Calls.ToList();
        Assert.Equal([503, 429, 504, 503, 200], calls.Take(5).Select(c => c.Status));
        Assert.All(calls.Take(5), c => Assert.Equal(head, JsonNode.Parse(c.Body)![0]!["event_id"]!.GetValue<string>())); // nothing behind it went meanwhile
        Assert.Equal([head, .. behind], receiver.EventIds());
        Assert.Equal((4L, 0L), (emulator.Events.GetStats().Retried, emulator.Events.GetStats().Dropped));
    }

    [Fact]
    public async Task Under_the_current_rule_any_other_code_drops_the_call_and_the_queue_moves_on()
    {
        await using var receiver = await Receiver.StartAsync(500);
        await using var emulator = await WithEvents(receiver);
        var dropped = emulator.Events.OrderEvent(1, "add", "open", null);
        await Until(() => receiver.Calls.Count >= 1, "the first call");
        var next = emulator.Events.OrderEvent(2, "add", "open", null);

        await Until(() => emulator.Events.GetStats().Acknowledged == 1, "the next event acknowledged");

        Assert.Equal([next], receiver.EventIds());
        Assert.Equal((1L, 0L), (emulator.Events.GetStats().Dropped, emulator.Events.GetStats().Retried));
        Assert.Contains(dropped, receiver.EventIds(acknowledgedOnly: false));
    }

    [Fact]
    public async Task Under_the_legacy_rule_a_500_is_retried_and_a_4xx_is_dropped()
    {
        await using var receiver = await Receiver.StartAsync(500, 500, 400);
        await using var emulator = await WithEvents(receiver, SitooRetryRule.Legacy);
        emulator.Events.OrderEvent(1, "add", "open", null);
        await Until(() => emulator.Events.GetStats().Dropped == 1, "the event dropped on the 400");
        var next = emulator.Events.OrderEvent(2, "add", "open", null);

        await Until(() => emulator.Events.GetStats().Acknowledged == 1, "the next event acknowledged");

        Assert.Equal([500, 500, 400, 200], receiver.Calls.Select(c => c.Status));
        Assert.Equal(2L, emulator.Events.GetStats().Retried);
        Assert.Equal([next], receiver.EventIds());
    }

    [Fact]
    public async Task Retries_follow_the_schedule_and_the_call_is_dropped_after_about_a_day()
    {
        await using var receiver = await Receiver.StartAsync([.. Enumerable.Repeat(503, 40)]);
        await using var emulator = await SitooEmulator.StartAsync(new SitooEmulatorOptions
        {
            Events = new SitooEventsOptions { Destination = receiver.Url, TimeScale = 0.00005 },
        });
        emulator.Events.OrderEvent(1, "add", "open", null);

        await Until(() => emulator.Events.GetStats().Dropped == 1, "the event dropped after the last retry");

        Assert.Equal(SitooEventsOptions.RetryScheduleSeconds.Length + 1, receiver.Calls.Count);
        Assert.Equal(10, SitooEventsOptions.RetryScheduleSeconds.TakeWhile((_, i) => SitooEventsOptions.RetryScheduleSeconds.Take(i + 1).Sum() <= 3600).Count());
        Assert.InRange(SitooEventsOptions.RetryScheduleSeconds.Sum() / 3600.0, 23, 25);
    }

    [Fact]
    public async Task Duplicates_on_request_send_an_acknowledged_call_again()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var emulator = await WithEvents(receiver, duplicates: 1);
        var id = emulator.Events.OrderEvent(1, "add", "open", null);

        await Until(() => emulator.Events.GetStats().Duplicates == 1, "the duplicate");

        Assert.Equal([id, id], receiver.EventIds());
    }

    [Fact]
    public void The_command_line_takes_the_spi_options_and_refuses_the_api_id_as_the_spi_user()
    {
        var settings = SitooCommand.Parse(["--events-destination", "http://127.0.0.1:5080/webhooks/sitoo", "--events-user", "spi", "--events-password", "p", "--retry-rule", "legacy", "--time-scale", "0.001", "--orders", "10"]);

        Assert.Equal((SitooRetryRule.Legacy, 0.001, 10), (settings.Options.Events.RetryRule, settings.Options.Events.TimeScale, settings.Orders));
        Assert.Contains("must not be the API ID", Assert.Throws<ArgumentException>(() => SitooCommand.Parse(["--events-user", "90316-125", "--events-password", "x"])).Message);
    }
}

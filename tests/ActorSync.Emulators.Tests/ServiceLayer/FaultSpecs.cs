using System.Diagnostics;
using System.Net;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class FaultSpecs
{
    private static string Order(string item, string warehouse = "01") =>
        $$"""{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{{item}}","Quantity":1,"WarehouseCode":"{{warehouse}}"}]}""";

    private static async Task<HttpResponseMessage> PostFaultsAsync(ServiceLayerEmulator emulator, string json)
    {
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        return await client.PostAsync("__emulator/faults", SlHttp.Json(json));
    }

    [Fact]
    public async Task A_simulated_user_lock_answers_2039_and_is_counted()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        Assert.Equal(HttpStatusCode.NoContent, (await PostFaultsAsync(emulator,
            $$"""{"userLocks":[{"itemCode":"{{item}}","warehouseCode":"01","forMs":30000,"user":"jane"}]}""")).StatusCode);

        var blocked = await http.PostAsync("Orders", Order(item));
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Equal((-2039, "Another user or another operation modified data; to continue, open the window again (ODBC -2039)"),
            await SlHttp.ErrorOf(blocked));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item, "02"))).StatusCode); // other row

        emulator.ApplyFaults(new FaultSettings { UserLocks = [] });
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item))).StatusCode);
        var stats = emulator.GetStats();
        Assert.Equal((1L, 1L, 2L), (stats.LockConflicts, stats.Rejections["-2039"], stats.DocumentsCreated["Orders"]));
    }

    [Fact]
    public async Task A_user_lock_that_ends_within_the_lock_wait_lets_the_document_through()
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions
        {
            Company = o.Company, Capacity = CapacityOptions.Off with { LockWaitTimeout = TimeSpan.FromSeconds(3) },
        }));
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        emulator.ApplyFaults(new FaultSettings { UserLocks = [new UserLockFault(item, "01", 150)] });
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item))).StatusCode);
        Assert.True(stopwatch.ElapsedMilliseconds >= 100, $"should have waited for the user's lock, took {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(0L, emulator.GetStats().LockConflicts);
    }

    [Fact]
    public async Task Lock_conflict_answer_is_configurable()
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions
        {
            Company = o.Company,
            LockConflict = new LockConflictAnswer(-2038, "Internal error (-2038) occurred", 500),
        }));
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        emulator.ApplyFaults(new FaultSettings { UserLocks = [new UserLockFault(item, "01", 30000)] });
        var response = await http.PostAsync("Orders", Order(item));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":{"code":-2038,"message":{"lang":"en-us","value":"Internal error (-2038) occurred"}}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outage_503_answers_every_b1s_path_until_it_ends()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions { Company = o.Company, Clock = clock }));
        using var http = await Emulators.LoggedInAsync(emulator);
        emulator.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 2000) });
        foreach (var response in new[] { await http.GetAsync("Items"), await http.LoginAsync() })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("""{"message":"Service Unavailable"}""", await response.Content.ReadAsStringAsync());
        }

        using var control = new HttpClient { BaseAddress = emulator.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await control.GetAsync("__emulator/stats")).StatusCode); // control API unaffected
        clock.Advance(TimeSpan.FromMilliseconds(2001));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode);
    }

    [Fact]
    public async Task Outage_502_answers_apache_proxy_error_html_and_null_ends_it()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        await PostFaultsAsync(emulator, """{"outage":{"status":502,"forMs":60000}}""");
        var response = await http.PostAsync("Orders", "{}");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>502 Proxy Error</title>", html);
        Assert.Contains("Error reading from remote server", html);
        await PostFaultsAsync(emulator, """{"outage":null}""");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode);
    }

    [Fact]
    public async Task Dropped_response_after_commit_leaves_the_document_in_place()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        await PostFaultsAsync(emulator, """{"dropResponseAfterCommit":{"count":1,"entitySet":"Orders"}}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("Orders", Order(item)));
        Assert.Single(emulator.Company.Orders);
        Assert.Equal(1L, emulator.GetStats().DocumentsCreated["Orders"]);

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Invoices", Order(item))).StatusCode); // other set unaffected
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item))).StatusCode);  // count used up
        Assert.Equal(2, emulator.Company.Orders.Count);
    }

    [Fact]
    public async Task Dropped_response_also_applies_to_orders_created_in_a_batch()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        emulator.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "Orders") });
        var body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                   "POST Orders HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" + Order(item) + "\r\n--c--\r\n--b--\r\n";
        await Assert.ThrowsAsync<HttpRequestException>(() => http.BatchAsync("b", body));
        Assert.Single(emulator.Company.Orders);
    }

    [Fact]
    public async Task Latency_is_added_to_every_request()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        emulator.ApplyFaults(new FaultSettings { LatencyMs = 250 });
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Warehouses")).StatusCode);
        Assert.True(stopwatch.ElapsedMilliseconds >= 240, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Expiring_all_sessions_forces_a_new_login()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        await PostFaultsAsync(emulator, """{"expireAllSessions":true}""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("Items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.LoginAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode);
        Assert.Equal((1, 1L), (emulator.GetStats().Sessions.Active, emulator.GetStats().Sessions.Expired));
    }

    [Fact]
    public async Task Expect_100_continue_gets_an_empty_500_only_when_opted_in()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        HttpRequestMessage WithExpect()
        {
            var request = http.Request(HttpMethod.Post, "Orders", Order(item));
            request.Headers.ExpectContinue = true;
            return request;
        }

        Assert.Equal(HttpStatusCode.Created, (await http.Client.SendAsync(WithExpect())).StatusCode);
        emulator.ApplyFaults(new FaultSettings { ExpectContinueFails = true });
        var failed = await http.Client.SendAsync(WithExpect());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("", await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item))).StatusCode);
    }

    [Fact]
    public async Task Unknown_faults_are_refused_and_clear_removes_everything()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFaultsAsync(emulator, """{"meteorStrike":true}""")).StatusCode);
        await PostFaultsAsync(emulator, """{"latencyMs":5000,"outage":{"status":503,"forMs":60000}}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("Items")).StatusCode);
        await PostFaultsAsync(emulator, """{"clear":true}""");
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode);
        Assert.True(stopwatch.ElapsedMilliseconds < 4000);
    }

    [Fact]
    public async Task A_password_changed_in_SAP_refuses_the_old_one_keeps_open_sessions_and_clear_restores_it()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        Assert.Equal(HttpStatusCode.NoContent, (await PostFaultsAsync(emulator, """{"password":"rotated-1"}""")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Items")).StatusCode); // the open session stays valid
        var refused = await http.LoginAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(100000027, (await SlHttp.ErrorOf(refused)).Item1);
        Assert.Equal(HttpStatusCode.OK, (await http.LoginAsync(SlHttp.LoginBody(password: "rotated-1"))).StatusCode);

        emulator.ApplyFaults(new FaultSettings { Clear = true });
        Assert.Equal(HttpStatusCode.OK, (await http.LoginAsync()).StatusCode);
    }
}

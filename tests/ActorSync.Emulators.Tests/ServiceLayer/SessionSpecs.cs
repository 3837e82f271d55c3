using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class SessionSpecs
{
    [Fact]
    public async Task Login_answers_session_and_sets_cookies_exactly_as_SAP()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator);
        var response = await http.LoginAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal([$"B1SESSION={http.Session};HttpOnly;", "ROUTEID=.node1; path=/b1s"], cookies);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(emulator.BaseAddress + "b1s/v1/$metadata#B1Sessions/@Element", body.RootElement.GetProperty("odata.metadata").GetString());
        Assert.Equal("1000340", body.RootElement.GetProperty("Version").GetString());
        Assert.Equal(30, body.RootElement.GetProperty("SessionTimeout").GetInt32());
        Assert.True(Guid.TryParse(http.Session, out _));
    }

    [Fact]
    public async Task V2_login_uses_the_odata_context_annotation()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator, "v2");
        var response = await http.LoginAsync();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("b1s/v2/$metadata#B1Sessions/$entity", body.RootElement.GetProperty("@odata.context").GetString());
    }

    [Theory]
    [InlineData("SBODEMO", "manager", "wrong")]
    [InlineData("SBODEMO", "nobody", "manager")]
    [InlineData("OTHERDB", "manager", "manager")]
    public async Task Wrong_credentials_fail_with_login_failed(string company, string user, string password)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator);
        var response = await http.LoginAsync(SlHttp.LoginBody(company, user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((100000027, "Login failed"), await SlHttp.ErrorOf(response));
    }

    [Fact]
    public async Task Lower_case_login_is_not_the_login_resource()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator);
        var response = await http.Client.PostAsync("login", SlHttp.Json(SlHttp.LoginBody()));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            """{"error":{"code":301,"message":{"lang":"en-us","value":"Invalid session or session already timeout."}}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_without_or_with_an_unknown_session_get_401_301()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator);
        Assert.Equal((301, "Invalid session or session already timeout."), await SlHttp.ErrorOf(await http.GetAsync("Items")));
        http.Session = Guid.NewGuid().ToString();
        var response = await http.GetAsync("Items");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(301, (await SlHttp.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var logout = await http.SendAsync(HttpMethod.Post, "Logout");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(0, logout.Content.Headers.ContentLength ?? 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("Items")).StatusCode);
    }

    [Fact]
    public async Task Timeout_slides_with_every_request()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions
        {
            Company = o.Company, SessionTimeout = TimeSpan.FromMinutes(1), Clock = clock,
        }));
        using var http = await Emulators.LoggedInAsync(emulator);
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(45)); // 3 minutes in total, never 1 minute idle
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Warehouses")).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        var response = await http.GetAsync("Warehouses");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(301, (await SlHttp.ErrorOf(response)).Code);
        Assert.Equal(1, emulator.GetStats().Sessions.Expired);
    }

    [Fact]
    public async Task A_tiny_real_timeout_expires_an_idle_session()
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions
        {
            Company = o.Company, SessionTimeout = TimeSpan.FromMilliseconds(600),
        }));
        using var http = await Emulators.LoggedInAsync(emulator);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Warehouses")).StatusCode);
        await Task.Delay(1300);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("Warehouses")).StatusCode);
    }

    [Fact]
    public async Task Logins_beyond_the_session_cap_fail_until_one_logs_out()
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions { Company = o.Company, MaxSessions = 2 }));
        using var first = await Emulators.LoggedInAsync(emulator);
        using var second = await Emulators.LoggedInAsync(emulator);
        using var third = new SlHttp(emulator);
        var refused = await third.LoginAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal((-118, "Exceeded the number of max concurrent users"), await SlHttp.ErrorOf(refused));

        await first.SendAsync(HttpMethod.Post, "Logout");
        Assert.Equal(HttpStatusCode.OK, (await third.LoginAsync()).StatusCode);
        var sessions = emulator.GetStats().Sessions;
        Assert.Equal((2, 2, 3L), (sessions.Active, sessions.Peak, sessions.Logins));
    }
}

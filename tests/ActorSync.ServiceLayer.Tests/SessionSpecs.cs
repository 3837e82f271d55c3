using System.Text.Json;
using ActorSync.ServiceLayer.Sessions;
using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

public class SessionSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_first_call_logs_in_and_later_calls_reuse_the_session_cookies()
    {
        var fake = new FakeServiceLayer();
        await using var client = TestClients.Create(fake);

        await client.GetAsync("Items('A1')");
        await client.GetAsync("Items('A2')");

        Assert.Collection(fake.Requests,
            login =>
            {
                Assert.Equal("/b1s/v1/Login", login.Uri.AbsolutePath); // case-sensitive (reference §1)
                using var body = JsonDocument.Parse(login.Body);
                Assert.Equal(FakeServiceLayer.CompanyDb, body.RootElement.GetProperty("CompanyDB").GetString());
                Assert.Equal(FakeServiceLayer.UserName, body.RootElement.GetProperty("UserName").GetString());
                Assert.Equal(FakeServiceLayer.Password, body.RootElement.GetProperty("Password").GetString());
            },
            first => Assert.Equal("B1SESSION=sess-1-0b7e; ROUTEID=.node1", first.Cookie),
            second => Assert.Equal("B1SESSION=sess-1-0b7e; ROUTEID=.node1", second.Cookie));
        Assert.Equal(1, client.Sessions.Logins);
        Assert.Equal(1, client.Sessions.Open);
    }

    [Fact]
    public async Task No_request_carries_Expect_100_continue()
    {
        var fake = new FakeServiceLayer();
        await using var client = TestClients.Create(fake);

        await client.CreateAsync("Orders", new { CardCode = "C1" });
        await client.PatchAsync("Orders(1)", new { Comments = "x" });

        // Explicitly false, not merely unset: the Apache LB answers Expect: 100-continue with an empty 500 (reference §4).
        Assert.All(fake.Requests, r => Assert.True(r.ExpectContinue == false, $"{r.Method} {r.Uri} did not turn 100-continue off"));
    }

    [Fact]
    public void The_B1SESSION_cookie_without_Path_and_with_a_trailing_semicolon_is_understood()
    {
        var cookies = SessionCookies.FromLoginResponse(["B1SESSION=0d8b6c1e-93ab-11ee-8000-0a1b2c3d4e5f;HttpOnly;", "ROUTEID=.node3; path=/b1s"], null);

        Assert.NotNull(cookies);
        Assert.Equal("B1SESSION=0d8b6c1e-93ab-11ee-8000-0a1b2c3d4e5f; ROUTEID=.node3", cookies.ToCookieHeader());
        Assert.DoesNotContain("0d8b6c1e", cookies.ToString());
    }

    [Fact]
    public void Without_a_session_cookie_the_login_body_SessionId_is_used()
    {
        var cookies = SessionCookies.FromLoginResponse(["ROUTEID=.node2; path=/b1s"], "body-session");

        Assert.Equal("B1SESSION=body-session; ROUTEID=.node2", cookies!.ToCookieHeader());
    }

    [Fact]
    public async Task Twenty_concurrent_requests_never_use_more_than_MaxSessions_sessions()
    {
        const int maxSessions = 4;
        var fake = new FakeServiceLayer();
        var inFlight = 0;
        var allSessionsBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnRequest = async (_, _) =>
        {
            // Hold the first requests until every session is busy: proves the pool does run MaxSessions at once…
            if (Interlocked.Increment(ref inFlight) >= maxSessions) allSessionsBusy.TrySetResult();
            await allSessionsBusy.Task.WaitAsync(Patience);
            await Task.Delay(1);
            Interlocked.Decrement(ref inFlight);
            return Responses.Json(200, """{"ItemCode":"A1"}""");
        };
        await using var client = TestClients.Create(fake, o => o.MaxSessions = maxSessions);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => client.GetAsync($"Items('A{i}')"))));

        // …and never more, never two requests on one session, never two logins for one slot.
        Assert.All(results, r => Assert.Equal("A1", r!.Value.GetProperty("ItemCode").GetString()));
        Assert.Equal(maxSessions, fake.MaxConcurrentCalls);
        Assert.Equal(1, fake.MaxConcurrentCallsOnOneSession);
        Assert.Equal(maxSessions, fake.Logins.Count);
        Assert.Equal(maxSessions, client.Sessions.Peak);
        Assert.Equal(maxSessions, client.Sessions.Logins);
        Assert.Equal(0, client.Sessions.Leased);
    }

    [Fact]
    public async Task A_waiting_request_proceeds_on_the_same_session_when_the_lease_comes_back()
    {
        var fake = new FakeServiceLayer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnRequest = async (request, _) =>
        {
            if (request.Path == "Items('slow')") await release.Task.WaitAsync(Patience);
            return Responses.Json(200, "{}");
        };
        await using var client = TestClients.Create(fake, o => o.MaxSessions = 1);

        var slow = client.GetAsync("Items('slow')");
        await Eventually(() => fake.Calls.Count == 1);
        var waiting = client.GetAsync("Items('next')");
        await Eventually(() => client.Sessions.Waiting == 1);

        Assert.False(waiting.IsCompleted);
        Assert.Single(fake.Calls);

        release.SetResult();
        await Task.WhenAll(slow, waiting);

        Assert.Equal(2, fake.Calls.Count);
        Assert.All(fake.Calls, c => Assert.Equal("sess-1-0b7e", c.SessionId));
        Assert.Single(fake.Logins);
        Assert.Equal(0, client.Sessions.Waiting);
    }

    [Fact]
    public async Task Waiting_for_a_session_can_be_cancelled()
    {
        var fake = new FakeServiceLayer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnRequest = async (_, _) =>
        {
            await release.Task.WaitAsync(Patience);
            return Responses.Json(200, "{}");
        };
        await using var client = TestClients.Create(fake, o => o.MaxSessions = 1);
        var busy = client.GetAsync("Items('busy')");
        await Eventually(() => fake.Calls.Count == 1);

        using var cancel = new CancellationTokenSource();
        var waiting = client.GetAsync("Items('waiting')", cancel.Token);
        await Eventually(() => client.Sessions.Waiting == 1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, client.Sessions.Waiting);
        release.SetResult();
        await busy;
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task An_invalid_session_mid_run_logs_that_session_in_again_and_replays_the_request_once()
    {
        var fake = new FakeServiceLayer();
        await using var client = TestClients.Create(fake);
        await client.GetAsync("Items('A1')");

        fake.ExpireAllSessions();
        var item = await client.GetAsync("Items('A2')");

        Assert.NotNull(item);
        Assert.Equal(["Login", "Items('A1')", "Items('A2')", "Login", "Items('A2')"],
            fake.Requests.Select(r => r.IsLogin ? "Login" : r.Path));
        Assert.Equal("sess-1-0b7e", fake.Calls[1].SessionId);
        Assert.Equal("sess-2-0b7e", fake.Calls[2].SessionId);
        Assert.Equal(1, client.Sessions.Logins);
        Assert.Equal(1, client.Sessions.Relogins);
        Assert.Equal(1, client.Sessions.Open);
    }

    [Fact]
    public async Task A_create_refused_for_an_invalid_session_is_replayed_after_login_because_SAP_did_nothing()
    {
        var fake = new FakeServiceLayer();
        fake.OnRequest = (_, _) => Task.FromResult(Responses.Json(201, """{"DocEntry":7}"""));
        await using var client = TestClients.Create(fake);
        await client.GetAsync("Items('warm-up')");
        fake.ExpireAllSessions();

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        var created = Assert.IsType<WriteOutcome.Succeeded>(outcome);
        Assert.Equal(7, created.Body!.Value.GetProperty("DocEntry").GetInt32());
        Assert.Equal(2, fake.Calls.Count(c => c.Method == HttpMethod.Post));
        Assert.Equal(1, client.Sessions.Relogins);
    }

    [Fact]
    public async Task An_invalid_session_right_after_a_fresh_login_is_not_replayed_again()
    {
        // SL answers a wrong-case path exactly like an expired session (reference §1): one re-login, then stop.
        var fake = new FakeServiceLayer();
        fake.OnRequest = (request, _) => Task.FromResult(request.Path.StartsWith("items", StringComparison.Ordinal)
            ? Responses.SapError(401, 301, "Invalid session or session already timeout.")
            : Responses.Json(200, "{}"));
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("items('A1')"));

        Assert.Equal(ErrorCategory.InvalidSession, error.Error.Category);
        Assert.Equal(2, fake.Calls.Count);
        Assert.Equal(2, fake.Logins.Count);
        Assert.Equal(1, client.Sessions.Relogins);
    }

    [Fact]
    public async Task Bad_credentials_fail_clearly_with_company_and_user_but_never_the_password()
    {
        var fake = new FakeServiceLayer { ExpectedPassword = "the-real-one" };
        var logs = new CapturingLoggerProvider();
        await using var client = TestClients.Create(fake, loggers: logs.CreateFactory());

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));

        Assert.True(error.IsLoginFailure);
        Assert.Equal("100000027", error.Error.Code);
        Assert.Equal(401, error.Error.HttpStatus);
        Assert.Equal(ErrorCategory.Validation, error.Error.Category);
        Assert.Contains(FakeServiceLayer.CompanyDb, error.Message);
        Assert.Contains(FakeServiceLayer.UserName, error.Message);
        Assert.Contains("Login failed", error.Message);
        Assert.DoesNotContain(FakeServiceLayer.Password, error.ToString());
        Assert.DoesNotContain(FakeServiceLayer.Password, logs.AllText);
        // SAP said no: not retried (B1SLayer's retries made a bad login take 30–40 s, reference §2).
        Assert.Single(fake.Logins);
        Assert.Empty(fake.Calls);
        Assert.Equal(0, client.Sessions.Open);
        Assert.Equal(0, client.Sessions.Leased);
    }

    [Fact]
    public async Task A_write_whose_login_cannot_connect_is_NotApplied_and_never_sent()
    {
        var fake = new FakeServiceLayer { OnLogin = (_, _) => throw Responses.ConnectionRefused() };
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.IsType<WriteOutcome.NotApplied>(outcome);
        Assert.Equal(3, fake.Logins.Count); // the login was retried, the order never left
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task Dispose_logs_out_every_open_session()
    {
        var fake = new FakeServiceLayer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnRequest = async (_, _) =>
        {
            await release.Task.WaitAsync(Patience);
            return Responses.Json(200, "{}");
        };
        var client = TestClients.Create(fake, o => o.MaxSessions = 2);
        var both = Task.WhenAll(client.GetAsync("Items('A1')"), client.GetAsync("Items('A2')"));
        await Eventually(() => fake.Calls.Count == 2);
        release.SetResult();
        await both;

        await client.DisposeAsync();

        Assert.Equal(["sess-1-0b7e", "sess-2-0b7e"], fake.Logouts.Select(l => l.SessionId).Order());
        Assert.All(fake.Logouts, l => Assert.Equal("/b1s/v1/Logout", l.Uri.AbsolutePath));
        Assert.Equal(0, client.Sessions.Open);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("Items('A1')"));
    }

    [Fact]
    public async Task Dispose_lets_a_request_in_flight_finish_then_logs_its_session_out()
    {
        var fake = new FakeServiceLayer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnRequest = async (_, _) =>
        {
            await release.Task.WaitAsync(Patience);
            return Responses.Json(201, """{"DocEntry":5}""");
        };
        var client = TestClients.Create(fake, o => o.MaxSessions = 1);
        var inFlight = client.CreateAsync("Orders", new { CardCode = "C1" });
        await Eventually(() => fake.Calls.Count == 1);

        var disposing = client.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("Items('A1')"));
        Assert.False(disposing.IsCompleted);
        Assert.Empty(fake.Logouts);

        release.SetResult();
        await disposing;

        Assert.IsType<WriteOutcome.Succeeded>(await inFlight);
        Assert.Equal("sess-1-0b7e", Assert.Single(fake.Logouts).SessionId);
    }

    [Fact]
    public async Task Logs_never_contain_the_password_or_a_session_id()
    {
        var fake = new FakeServiceLayer();
        var logs = new CapturingLoggerProvider();
        var client = TestClients.Create(fake, loggers: logs.CreateFactory());
        await client.GetAsync("Items('A1')");
        fake.ExpireAllSessions();
        await client.CreateAsync("Orders", new { CardCode = "C1" });
        await client.DisposeAsync();

        Assert.Contains("logged in", logs.AllText);           // the logs are there…
        Assert.Contains("logging in again", logs.AllText);
        Assert.DoesNotContain(FakeServiceLayer.Password, logs.AllText); // …without secrets
        Assert.DoesNotContain("sess-", logs.AllText);
        Assert.DoesNotContain("B1SESSION=", logs.AllText);
    }

    [Fact]
    public async Task A_session_idle_past_its_timeout_is_logged_in_again_before_use_instead_of_wasting_a_401()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer { SessionTimeoutMinutes = 30 };
        await using var client = TestClients.Create(fake, time: time);
        await client.GetAsync("Items('A1')");

        time.Advance(TimeSpan.FromMinutes(31));
        fake.ExpireAllSessions(); // what SL did meanwhile
        await client.GetAsync("Items('A2')");

        Assert.Equal(["Login", "Items('A1')", "Login", "Items('A2')"], fake.Requests.Select(r => r.IsLogin ? "Login" : r.Path));
        Assert.Equal("sess-2-0b7e", fake.Calls[1].SessionId);
        Assert.Equal(1, client.Sessions.Relogins);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(2);
        }
    }
}

using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>What is sent again, what is not, and what the caller is told. The rule: a write is re-sent only when SAP
/// certainly did not process it.</summary>
public class ResilienceSpecs
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The handler lets the clock pass the per-attempt timeout, then waits like a hung SAP node.</summary>
    private static Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> HangsPastTheTimeout(ManualTimeProvider time) =>
        async (_, ct) =>
        {
            time.Advance(RequestTimeout + TimeSpan.FromSeconds(1));
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

    [Fact]
    public async Task A_transient_GET_failure_is_retried()
    {
        var fake = new FakeServiceLayer();
        var answers = new Queue<HttpResponseMessage>([Responses.Unavailable503(), Responses.ProxyError502(), Responses.Json(200, """{"ItemCode":"A1"}""")]);
        fake.OnRequest = (_, _) => Task.FromResult(answers.Dequeue());
        await using var client = TestClients.Create(fake);

        var item = await client.GetAsync("Items('A1')");

        Assert.Equal("A1", item!.Value.GetProperty("ItemCode").GetString());
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_GET_that_times_out_is_retried()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        var hang = HangsPastTheTimeout(time);
        var calls = 0;
        fake.OnRequest = (request, ct) => Interlocked.Increment(ref calls) == 1 ? hang(request, ct) : Task.FromResult(Responses.Json(200, "{}"));
        await using var client = TestClients.Create(fake, o => o.RequestTimeout = RequestTimeout, time);

        Assert.NotNull(await client.GetAsync("Items('A1')"));
        Assert.Equal(2, fake.Calls.Count);
    }

    [Fact]
    public async Task A_GET_still_failing_after_all_attempts_throws_a_transient_error()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.ProxyError502()) };
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));

        Assert.Equal(ErrorCategory.Transient, error.Error.Category);
        Assert.Equal(502, error.Error.HttpStatus);
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_create_that_times_out_after_sending_is_Uncertain_and_on_the_wire_exactly_once()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        fake.OnRequest = HangsPastTheTimeout(time);
        await using var client = TestClients.Create(fake, o => o.RequestTimeout = RequestTimeout, time);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1", NumAtCard = "WEB-1001" });

        var uncertain = Assert.IsType<WriteOutcome.Uncertain>(outcome);
        Assert.Contains("60 s", uncertain.Reason);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_create_answered_502_after_sending_is_Uncertain_and_not_resent()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.ProxyError502()) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.Contains("Error reading from remote server", Assert.IsType<WriteOutcome.Uncertain>(outcome).Reason);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_create_whose_connection_drops_after_sending_is_Uncertain_and_not_resent()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => throw Responses.ResponseEnded() };
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.IsType<WriteOutcome.Uncertain>(outcome);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_create_answered_503_is_retried_and_then_NotApplied()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Unavailable503()) };
        await using var client = TestClients.Create(fake, o => o.Retry.MaxAttempts = 3);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        var notApplied = Assert.IsType<WriteOutcome.NotApplied>(outcome);
        Assert.Contains("503", notApplied.Reason);
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_create_refused_before_sending_is_retried_and_can_still_succeed()
    {
        var fake = new FakeServiceLayer();
        var calls = 0;
        fake.OnRequest = (_, _) => Interlocked.Increment(ref calls) < 3
            ? throw Responses.ConnectionRefused()
            : Task.FromResult(Responses.Json(201, """{"DocEntry":42}"""));
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.Equal(42, Assert.IsType<WriteOutcome.Succeeded>(outcome).Body!.Value.GetProperty("DocEntry").GetInt32());
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_create_refused_before_sending_every_time_is_NotApplied()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => throw Responses.ConnectionRefused() };
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.Contains("could not connect", Assert.IsType<WriteOutcome.NotApplied>(outcome).Reason);
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxDelay_is_handed_to_the_caller_instead_of_slept_through()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Unavailable503(TimeSpan.FromMinutes(2))) };
        await using var client = TestClients.Create(fake, o => o.Retry.MaxDelay = TimeSpan.FromSeconds(5));

        var outcome = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.Equal(TimeSpan.FromMinutes(2), Assert.IsType<WriteOutcome.NotApplied>(outcome).RetryAfter);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_short_Retry_After_is_waited_for_exactly()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        var seenAt = new List<DateTimeOffset>();
        fake.OnRequest = (_, _) =>
        {
            seenAt.Add(time.GetUtcNow());
            return Task.FromResult(seenAt.Count == 1 ? Responses.Unavailable503(TimeSpan.FromSeconds(2)) : Responses.Json(204, ""));
        };
        await using var client = TestClients.Create(fake, o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100), time);

        var outcome = await time.RunAsync(client.PatchAsync("Items('A1')", new { ItemName = "x" }), maxStep: TimeSpan.FromSeconds(5));

        Assert.IsType<WriteOutcome.Succeeded>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(2), seenAt[1] - seenAt[0]);
    }

    [Fact]
    public async Task Backoff_is_jittered_exponential_and_capped_at_MaxDelay()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        var seenAt = new List<DateTimeOffset>();
        fake.OnRequest = (_, _) =>
        {
            seenAt.Add(time.GetUtcNow());
            return Task.FromResult(Responses.Unavailable503());
        };
        await using var client = TestClients.Create(fake, o =>
        {
            o.Retry.MaxAttempts = 6;
            o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(3);
        }, time, randomizer: () => 0.5); // fixed jitter draw: deterministic delays

        await Assert.ThrowsAsync<ServiceLayerException>(() => time.RunAsync(client.GetAsync("Items('A1')"), maxStep: TimeSpan.FromSeconds(3)));

        var gaps = seenAt.Zip(seenAt.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, gaps.Length);
        Assert.True(gaps[1] > gaps[0], $"delays should grow: {string.Join(", ", gaps)}");
        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(3), gaps[^1]); // growth is capped at MaxDelay
    }

    [Fact]
    public async Task A_PATCH_answered_504_is_Uncertain_and_not_resent_while_a_GET_would_be()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Empty(504)) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.PatchAsync("Orders(12)", new { Comments = "x" });

        Assert.IsType<WriteOutcome.Uncertain>(outcome);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task An_action_answered_503_is_retried()
    {
        var fake = new FakeServiceLayer();
        var answers = new Queue<HttpResponseMessage>([Responses.Unavailable503(), Responses.Empty(204)]);
        fake.OnRequest = (_, _) => Task.FromResult(answers.Dequeue());
        await using var client = TestClients.Create(fake);

        var outcome = await client.InvokeAsync("Orders(12)/Close");

        Assert.Equal(204, Assert.IsType<WriteOutcome.Succeeded>(outcome).Status);
        Assert.Equal(2, fake.Calls.Count);
        Assert.All(fake.Calls, c => Assert.Equal("Orders(12)/Close", c.Path));
    }

    [Fact]
    public async Task A_business_rejection_is_reported_and_not_retried()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.SapError(400, -5002, "Document is already cancelled")) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.PatchAsync("Orders(12)", new { Comments = "x" });

        var rejected = Assert.IsType<WriteOutcome.Rejected>(outcome);
        Assert.Equal(ErrorCategory.Validation, rejected.Error.Category);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_lock_conflict_reclassified_as_transient_retries_a_PATCH_but_never_a_create()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.SapError(400, -2039, "Another user or another operation modified data")) };
        await using var client = TestClients.Create(fake, o => o.Errors.Override("-2039", ErrorCategory.Transient));

        var patch = await client.PatchAsync("Items('A1')", new { ItemName = "x" });
        var patches = fake.Calls.Count;
        var create = await client.CreateAsync("Orders", new { CardCode = "C1" });

        Assert.Equal(ErrorCategory.Transient, Assert.IsType<WriteOutcome.Rejected>(patch).Error.Category);
        Assert.Equal(3, patches);
        Assert.Equal(ErrorCategory.Transient, Assert.IsType<WriteOutcome.Rejected>(create).Error.Category);
        Assert.Equal(1, fake.Calls.Count - patches);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_then_refuses_without_sending_and_recovers_after_the_break()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        var sapIsDown = true;
        fake.OnRequest = (_, _) => Task.FromResult(sapIsDown ? Responses.Unavailable503() : Responses.Json(201, """{"DocEntry":1}"""));
        await using var client = TestClients.Create(fake, o =>
        {
            o.Retry.MaxAttempts = 1;
            o.CircuitBreaker = new CircuitBreakerSettings
            {
                FailureRatio = 0.5, MinimumThroughput = 2, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(20),
            };
        }, time);

        await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));
        Assert.Equal(CircuitState.Closed, client.Circuit);
        await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));
        Assert.Equal(CircuitState.Open, client.Circuit);
        var sentBeforeOpen = fake.Requests.Count;

        time.Advance(TimeSpan.FromSeconds(5));
        var refused = await client.CreateAsync("Orders", new { CardCode = "C1" });
        var readError = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));

        var notApplied = Assert.IsType<WriteOutcome.NotApplied>(refused);
        Assert.Contains("circuit open", notApplied.Reason);
        Assert.Equal(TimeSpan.FromSeconds(15), notApplied.RetryAfter);
        Assert.Equal(ClientErrorCodes.CircuitOpen, readError.Error.Code);
        Assert.Equal(TimeSpan.FromSeconds(15), readError.RetryAfter);
        Assert.Equal(sentBeforeOpen, fake.Requests.Count); // nothing went out while open

        time.Advance(TimeSpan.FromSeconds(15));
        sapIsDown = false;
        Assert.Equal(CircuitState.HalfOpen, client.Circuit);
        Assert.IsType<WriteOutcome.Succeeded>(await client.CreateAsync("Orders", new { CardCode = "C1" }));
        Assert.Equal(CircuitState.Closed, client.Circuit);
    }

    [Fact]
    public async Task Business_rejections_never_open_the_circuit()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.SapError(400, -10, "10001071 - Customer C1 is inactive")) };
        await using var client = TestClients.Create(fake, o =>
            o.CircuitBreaker = new CircuitBreakerSettings { FailureRatio = 0.5, MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(20) });

        for (var i = 0; i < 5; i++)
            Assert.IsType<WriteOutcome.Rejected>(await client.CreateAsync("Orders", new { CardCode = "C1" }));

        Assert.Equal(CircuitState.Closed, client.Circuit);
        Assert.Equal(5, fake.Calls.Count);
    }
}

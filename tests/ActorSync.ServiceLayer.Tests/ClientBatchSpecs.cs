using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

/// <summary><c>$batch</c> through the client: framing on the wire and what a failure means (reference §7).</summary>
public class ClientBatchSpecs
{
    private const string AnswerBoundary = "batchresponse_0f0e0d0c-0000-4000-8000-00000000abcd";

    private static readonly string V1Answer = string.Join("\r\n",
        $"--{AnswerBoundary}",
        "Content-Type: multipart/mixed; boundary=changesetresponse_0f0e0d0c-0000-4000-8000-00000000abce",
        "",
        "--changesetresponse_0f0e0d0c-0000-4000-8000-00000000abce",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 201 Created",
        "Content-ID: 1",
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
        "DataServiceVersion: 3.0",
        "Location: https://sap.test:50000/b1s/v1/Orders(77)",
        "",
        "{\"DocEntry\":77,\"DocNum\":1077}",
        "--changesetresponse_0f0e0d0c-0000-4000-8000-00000000abce--",
        $"--{AnswerBoundary}--",
        "");

    private static BatchRequest OneOrder() =>
        new BatchRequest().AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1", NumAtCard = "WEB-7" }));

    [Fact]
    public async Task A_batch_is_posted_as_multipart_to_the_batch_endpoint_and_its_v1_answer_read()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Multipart(202, AnswerBoundary, V1Answer)) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.SendBatchAsync(OneOrder());

        var call = Assert.Single(fake.Calls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal("/b1s/v1/$batch", call.Uri.AbsolutePath);
        Assert.Matches("^multipart/mixed;boundary=batch_[0-9a-f-]{36}$", call.ContentType);
        var boundary = call.ContentType!["multipart/mixed;boundary=".Length..];
        Assert.StartsWith($"--{boundary}\r\n", call.Body);
        Assert.Contains("POST /b1s/v1/Orders HTTP/1.1\r\n", call.Body);
        Assert.Equal("B1SESSION=sess-1-0b7e; ROUTEID=.node1", call.Cookie);

        var completed = Assert.IsType<BatchOutcome.Completed>(outcome);
        var created = Assert.IsType<WriteOutcome.Succeeded>(Assert.Single(completed.Parts).Outcome);
        Assert.Equal(77, created.Body!.Value.GetProperty("DocEntry").GetInt32());
    }

    [Fact]
    public async Task A_batch_answered_502_is_Uncertain_and_sent_once()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.ProxyError502()) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.SendBatchAsync(OneOrder());

        Assert.IsType<BatchOutcome.Uncertain>(outcome);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_batch_that_times_out_is_Uncertain_after_the_batch_timeout_and_sent_once()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeServiceLayer();
        fake.OnRequest = async (_, ct) =>
        {
            time.Advance(TimeSpan.FromSeconds(61)); // past RequestTimeout, not past BatchTimeout
            time.Advance(TimeSpan.FromSeconds(300));
            await Task.Delay(Timeout.Infinite, ct);
            return Responses.Empty(200);
        };
        await using var client = TestClients.Create(fake, o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(60);
            o.BatchTimeout = TimeSpan.FromSeconds(300);
        }, time);

        var outcome = await client.SendBatchAsync(OneOrder());

        Assert.Contains("300 s", Assert.IsType<BatchOutcome.Uncertain>(outcome).Reason);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_batch_answered_503_is_retried_and_then_NotApplied()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Unavailable503()) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.SendBatchAsync(OneOrder());

        Assert.IsType<BatchOutcome.NotApplied>(outcome);
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_success_status_with_an_unreadable_body_is_Uncertain_because_SAP_may_have_committed()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Json(202, "{}")) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.SendBatchAsync(OneOrder());

        Assert.Contains("could not be read", Assert.IsType<BatchOutcome.Uncertain>(outcome).Reason);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_batch_rejected_as_a_whole_reports_every_part_Rejected()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.SapError(400, -1000, "Invalid batch request")) };
        await using var client = TestClients.Create(fake);
        var batch = OneOrder().AddGet("Items('A1')");

        var outcome = await client.SendBatchAsync(batch);

        var completed = Assert.IsType<BatchOutcome.Completed>(outcome);
        Assert.Equal(2, completed.Parts.Count);
        Assert.All(completed.Parts, p => Assert.Equal("-1000", Assert.IsType<WriteOutcome.Rejected>(p.Outcome).Error.Code));
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_batch_refused_for_an_invalid_session_is_replayed_after_login()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Multipart(202, AnswerBoundary, V1Answer)) };
        await using var client = TestClients.Create(fake);
        await client.GetAsync("Items('warm-up')");
        fake.ExpireAllSessions();

        var outcome = await client.SendBatchAsync(OneOrder());

        Assert.IsType<BatchOutcome.Completed>(outcome);
        Assert.Equal(2, fake.Calls.Count(c => c.Uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal)));
        Assert.Equal(1, client.Sessions.Relogins);
    }
}

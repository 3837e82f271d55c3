using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.Operations;
using ActorSync.Host.Api;
using ActorSync.Host.Demo;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;

namespace ActorSync.Engine.Tests.Audit;

/// <summary>
/// The audit trail through the whole service (the production engine and ops API, SQLite journal, named tokens): who
/// did what is recorded once under the token's name and never the token, read over the API and the CLI, kept through
/// a restart, shown in the exception's history, and never editable.
/// </summary>
public class AuditTrailSpecs : IAsyncLifetime
{
    private const string Alice = "alice-3f9a0c7e1b5d4e2a8c6b0d9f7e5a3c1b";
    private const string Bob = "bob-8e2c4a6b0d1f3e5a7c9b2d4f6a8c0e1b3d";
    private const string Auditor = "auditor-5b7d9f1a3c5e7a9b1d3f5a7c9e1b3d5f";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceLayerEmulator _sap = null!;

    private static OpsAccessSettings Access() => new()
    {
        Operators = new(StringComparer.OrdinalIgnoreCase) { ["alice"] = Alice, ["bob"] = Bob },
        Readers = new(StringComparer.OrdinalIgnoreCase) { ["auditor"] = Auditor },
    };

    public async Task InitializeAsync() =>
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 200 } });

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private EngineSettings Settings()
    {
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.MasterData.Enabled = false;
        return settings;
    }

    private static HttpRequestMessage As(string token, HttpMethod method, string path, object? body = null) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = body is null ? null : JsonContent.Create(body),
    };

    private static async Task<(HttpStatusCode Status, string Body)> Send(OpsTestHost host, HttpRequestMessage request)
    {
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Audit(OpsTestHost host, string query = "")
    {
        var (status, body) = await Send(host, As(Auditor, HttpMethod.Get, "/api/audit" + query));
        Assert.True(status == HttpStatusCode.OK, $"GET /api/audit{query}: {(int)status} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<IReadOnlyList<string>> Raise(OpsTestHost host, params string[] refunds)
    {
        var at = DateTimeOffset.UtcNow;
        foreach (var refund in refunds)
            await host.Queue.RaiseAsync(new RaiseException("refund", refund, ExceptionTypes.UnmappedShipping($"Shipping method 'drone' of {refund} has no SAP shipping type."), "{}", at));
        await Eventually.HoldsAsync(async () =>
        {
            var count = (await host.Queue.ListAsync()).Count;
            return (count == refunds.Length, $"{count} exceptions");
        }, Patience, "the exceptions to be raised");
        var all = await host.Queue.ListAsync();
        return refunds.Select(r => all.Single(e => e.RecordId == r).Id).ToList();
    }

    [Fact]
    public async Task A_resolve_is_recorded_once_under_the_tokens_name_in_the_api_the_cli_and_the_exceptions_history_and_survives_a_restart()
    {
        var settings = Settings();
        const string note = "Shipping type 'Drone (same day)' mapped; credit note 4711 posted by hand for 18.95 EUR";
        string exceptionId;
        await using (var service = await OpsTestHost.StartAsync(settings, access: Access()))
        {
            exceptionId = (await Raise(service, "magento:R-1"))[0];

            var resolved = await Send(service, As(Alice, HttpMethod.Post, $"/api/exceptions/{exceptionId}/resolve", new { note }));
            var audit = await Audit(service, $"?target={exceptionId}");
            var history = await Send(service, As(Auditor, HttpMethod.Get, $"/api/exceptions/{exceptionId}"));
            var cliJson = await RunningHost.CliWith(null, "audit", "list", "--who", "alice", "--json", "--host", service.Http.BaseAddress!.ToString(), "--token", Auditor);
            var cliTable = await RunningHost.CliWith(null, "audit", "list", "--target", exceptionId, "--host", service.Http.BaseAddress!.ToString(), "--token", Auditor);
            var cliShow = await RunningHost.CliWith(null, "exceptions", "show", exceptionId, "--host", service.Http.BaseAddress!.ToString(), "--token", Auditor);

            Assert.True(resolved.Status == HttpStatusCode.OK, resolved.Body);
            var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
            Assert.Equal(("alice", "exception.resolve", exceptionId, note, 200),
                (entry.GetProperty("who").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString(),
                    entry.GetProperty("detail").GetString(), entry.GetProperty("status").GetInt32()));
            Assert.Equal("127.0.0.1", entry.GetProperty("from").GetString());

            Assert.True(history.Status == HttpStatusCode.OK, history.Body);
            var steps = JsonDocument.Parse(history.Body).RootElement.GetProperty("history").EnumerateArray().ToList();
            Assert.Equal("raised", steps[0].GetProperty("what").GetString());
            var resolve = steps.Single(s => s.GetProperty("what").GetString() == "exception.resolve");
            Assert.Equal("alice", resolve.GetProperty("who").GetString());
            Assert.StartsWith(note, resolve.GetProperty("detail").GetString());

            Assert.True(cliJson.ExitCode == 0, cliJson.ToString());
            Assert.Equal(exceptionId, Assert.Single(cliJson.Json.GetProperty("items").EnumerateArray()).GetProperty("target").GetString());
            Assert.True(cliTable.ExitCode == 0, cliTable.ToString());
            Assert.Contains("alice", cliTable.Stdout);
            Assert.Contains("exception.resolve", cliTable.Stdout);
            Assert.Contains("1 entry.", cliTable.Stdout);
            Assert.True(cliShow.ExitCode == 0, cliShow.ToString());
            Assert.Contains("History", cliShow.Stdout);
            Assert.Contains("alice", cliShow.Stdout);

            // The token is the secret; only its name may appear.
            foreach (var text in new[] { resolved.Body, audit.GetRawText(), history.Body, cliJson.Stdout, cliTable.Stdout, cliShow.Stdout })
            foreach (var token in new[] { Alice, Bob, Auditor })
                Assert.DoesNotContain(token, text);
        }

        await using (var restarted = await OpsTestHost.StartAsync(settings, access: Access()))
        {
            var audit = await Audit(restarted);

            var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
            Assert.Equal(("alice", exceptionId, 200), (entry.GetProperty("who").GetString(), entry.GetProperty("target").GetString(), entry.GetProperty("status").GetInt32()));
            // Numbering goes on after the restart.
            var retried = await Send(restarted, As(Bob, HttpMethod.Post, $"/api/exceptions/{exceptionId}/retry"));
            var after = await Audit(restarted, "?who=bob");
            Assert.Equal(HttpStatusCode.Conflict, retried.Status);
            var second = Assert.Single(after.GetProperty("items").EnumerateArray());
            Assert.Equal((2, "exception.retry", 409), (second.GetProperty("number").GetInt32(), second.GetProperty("action").GetString(), second.GetProperty("status").GetInt32()));
        }
    }

    [Fact]
    public async Task Every_change_is_recorded_with_its_caller_filters_pick_by_who_and_since_and_reads_are_not_recorded()
    {
        await using var service = await OpsTestHost.StartAsync(Settings(), access: Access());
        var ids = await Raise(service, "magento:R-2", "magento:R-3");
        var order = new DemoOrderGenerator(200).Generate(1, idPrefix: "AUD-").Single();

        var ignored = await Send(service, As(Bob, HttpMethod.Post, $"/api/exceptions/{ids[0]}/ignore", new { reason = "test refund from the shop owner" }));
        var noReason = await Send(service, As(Bob, HttpMethod.Post, $"/api/exceptions/{ids[1]}/ignore", new { }));
        var between = DateTimeOffset.UtcNow;
        var submitted = await Send(service, As(Alice, HttpMethod.Post, "/api/orders", order));
        var leave = await Send(service, As(Alice, HttpMethod.Post, "/api/cluster/leave", new { address = "akka.tcp://actorsync@127.0.0.1:1" }));
        var readerChange = await Send(service, As(Auditor, HttpMethod.Post, $"/api/exceptions/{ids[1]}/retry"));
        await Send(service, As(Alice, HttpMethod.Get, "/api/exceptions"));

        var all = await Audit(service);
        var bob = await Audit(service, "?who=bob");
        var since = await Audit(service, "?since=" + Uri.EscapeDataString(between.ToString("O")));
        var limited = await Audit(service, "?limit=1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Accepted, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            (ignored.Status, noReason.Status, submitted.Status, leave.Status, readerChange.Status));
        static (string?, string?, string?, int) Row(JsonElement e) =>
            (e.GetProperty("who").GetString(), e.GetProperty("action").GetString(), e.GetProperty("target").GetString(), e.GetProperty("status").GetInt32());
        Assert.Equal([
            ("bob", "exception.ignore", ids[0], 200),
            ("bob", "exception.ignore", ids[1], 400),
            ("alice", "cluster.leave", "akka.tcp://actorsync@127.0.0.1:1", 404), // the order alice posted is intake, not an operator's action

        ], all.GetProperty("items").EnumerateArray().Select(Row));
        Assert.Equal("test refund from the shop owner", all.GetProperty("items")[0].GetProperty("detail").GetString());
        Assert.Equal([ids[0], ids[1]], bob.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetString()));
        Assert.Equal(["cluster.leave"], since.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal((1, 3), (limited.GetProperty("count").GetInt32(), limited.GetProperty("matched").GetInt32()));
        Assert.Equal("cluster.leave", limited.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task No_endpoint_changes_or_deletes_the_audit_and_every_change_route_is_recorded_under_its_own_action_name()
    {
        // The open API on loopback: every caller is "local", with every right an operator has.
        await using var service = await OpsTestHost.StartAsync(Settings(), access: new OpsAccessSettings());
        var id = (await Raise(service, "magento:R-4"))[0];
        Assert.Equal(HttpStatusCode.OK, (await service.Http.PostAsJsonAsync($"/api/exceptions/{id}/resolve", new { note = "posted by hand" })).StatusCode);

        var attempts = new List<(string, HttpStatusCode)>();
        foreach (var (method, path) in new[] { ("PUT", "/api/audit"), ("DELETE", "/api/audit"), ("POST", "/api/audit"), ("PATCH", "/api/audit"), ("DELETE", "/api/audit/1"), ("PUT", "/api/audit/1") })
        {
            using var response = await service.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { who = "nobody" }) });
            attempts.Add(($"{method} {path}", response.StatusCode));
        }
        var audit = await service.GetJson("/api/audit");

        Assert.Equal([
            ("PUT /api/audit", HttpStatusCode.MethodNotAllowed), ("DELETE /api/audit", HttpStatusCode.MethodNotAllowed),
            ("POST /api/audit", HttpStatusCode.MethodNotAllowed), ("PATCH /api/audit", HttpStatusCode.MethodNotAllowed),
            ("DELETE /api/audit/1", HttpStatusCode.NotFound), ("PUT /api/audit/1", HttpStatusCode.NotFound),
        ], attempts);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());

        // Every route that can change something has its action name or is intake (none falls back to "post /api/…"), and the table names no route that is gone.
        var changeRoutes = service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Where(m => m is not ("GET" or "HEAD")).Select(m => $"{m} {e.Path}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(AuditRecording.Routes.Keys.Concat(AuditRecording.Intake).Order(StringComparer.Ordinal), changeRoutes);
        Assert.Empty(AuditRecording.Routes.Keys.Intersect(AuditRecording.Intake));
        Assert.Equal(AuditRecording.Routes.Count, AuditRecording.Routes.Values.Select(r => r.Action).Distinct().Count());
        Assert.Equal(("local", "exception.resolve", "posted by hand", 200),
            (entry.GetProperty("who").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("detail").GetString(), entry.GetProperty("status").GetInt32()));
    }
}

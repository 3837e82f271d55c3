using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using Npgsql;

namespace ActorSync.Engine.Tests.Api;

/// <summary>What the operator is told while something waits: the journal in readiness, and what an order waits for.</summary>
public sealed class ReadinessSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;

    public async Task InitializeAsync() =>
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 50 } });

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Get(OpsTestHost ops, string path)
    {
        var response = await ops.Http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static JsonElement JournalCheck(JsonElement ready) =>
        ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "journal");

    [Fact]
    public async Task Readiness_names_the_journal_while_its_database_refuses_writes_and_is_ready_again_after()
    {
        var persistence = await TestDatabases.NewPostgresAsync();
        var database = new NpgsqlConnectionStringBuilder(persistence.ConnectionString).Database!;
        await using var ops = await OpsTestHost.StartAsync(FlowTestSettings.For(_sap, persistence));
        await Eventually.HoldsAsync(async () =>
        {
            var (status, body) = await Get(ops, "/health/ready");
            return (status == HttpStatusCode.OK, body.ToString());
        }, TimeSpan.FromSeconds(30), "readiness at start");
        var (_, before) = await Get(ops, "/health/ready");
        Assert.StartsWith("wrote at", JournalCheck(before).GetProperty("detail").GetString());

        // The database turns read-only (a failover to a replica, a full disk): every new transaction refuses writes.
        await ReadOnly(database, true);
        try
        {
            // Making the database read-only cuts its open connections, so the first failed probe may name the cut
            // (57P01); the next ones name the refused write.
            JsonElement during = default;
            await Eventually.HoldsAsync(async () =>
            {
                var (status, body) = await Get(ops, "/health/ready");
                during = body;
                return (status == HttpStatusCode.ServiceUnavailable && !JournalCheck(body).GetProperty("ok").GetBoolean()
                        && JournalCheck(body).GetProperty("detail").GetString()!.Contains("read-only", StringComparison.Ordinal), body.ToString());
            }, TimeSpan.FromSeconds(30), "readiness to fail on the journal, naming the refused write");
            var detail = JournalCheck(during).GetProperty("detail").GetString()!;
            Assert.Contains("Persistence:ConnectionString", detail);
            Assert.DoesNotContain("Password", detail, StringComparison.OrdinalIgnoreCase);
            // The other checks are not blamed for the journal's trouble.
            Assert.All(during.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("name").GetString() != "journal"),
                c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        }
        finally
        {
            await ReadOnly(database, false);
        }

        // The journal's breaker lets a write through again within its reset timeout, and the next probe succeeds.
        await Eventually.HoldsAsync(async () =>
        {
            var (status, body) = await Get(ops, "/health/ready");
            return (status == HttpStatusCode.OK, body.ToString());
        }, TimeSpan.FromSeconds(40), "readiness once the database takes writes again");
    }

    [Fact]
    public async Task An_order_waiting_on_sap_says_what_it_waits_for_by_name_and_nothing_once_posted()
    {
        await using var ops = await OpsTestHost.StartAsync(FlowTestSettings.For(_sap, TestDatabases.NewSqlite()));
        _sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });
        var order = """
            {"channel":"magento","externalId":"W-17","orderDate":"2026-11-27","currency":"EUR","customer":{"email":"w@example.com","isGuest":true},
             "lines":[{"sku":"ITM00003","quantity":2,"unitPrice":12.45,"taxAmount":4.98,"taxRate":20}],"shippingAmount":4.95,"shippingTax":0.99,"totalPaid":35.82}
            """;
        var accepted = await ops.Http.PostAsync("/api/orders", new StringContent(order, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("Accepted", JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        var location = accepted.Headers.Location!.ToString();

        await Eventually.HoldsAsync(async () =>
        {
            var (_, body) = await Get(ops, location);
            var what = body.GetProperty("waitingFor") is { ValueKind: JsonValueKind.Object } w ? w.GetProperty("what").GetString() : null;
            return (what?.Contains("SAP did not take it") == true, body.ToString());
        }, TimeSpan.FromSeconds(30), "the order to say SAP did not take it");
        var (_, waiting) = await Get(ops, location);
        Assert.Equal("Validated", waiting.GetProperty("status").GetString());
        var next = waiting.GetProperty("waitingFor").GetProperty("nextTryAt").GetDateTimeOffset();
        Assert.InRange(next, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(2));

        _sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        await Eventually.HoldsAsync(async () =>
        {
            var (_, body) = await Get(ops, location);
            return (body.GetProperty("status").GetString() == "Posted" && body.GetProperty("waitingFor").ValueKind == JsonValueKind.Null, body.ToString());
        }, TimeSpan.FromSeconds(60), "the order posted, waiting for nothing");
        Assert.Equal(1, _sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders"));
    }

    /// <summary>Makes the test database refuse (or take) writes, and cuts its open connections so the change bites at once.</summary>
    private static async Task ReadOnly(string database, bool on)
    {
        await using var connection = new NpgsqlConnection(await PostgresServer.ConnectionStringAsync());
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand($"alter database {database} set default_transaction_read_only = {(on ? "on" : "off")}", connection))
            await alter.ExecuteNonQueryAsync();
        await using var cut = new NpgsqlCommand("select pg_terminate_backend(pid) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", connection);
        cut.Parameters.AddWithValue("db", database);
        await cut.ExecuteNonQueryAsync();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Stock;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Journal;

/// <summary>A journal written by the build before the versioned format (Akka's default JSON) recovers to the states that build reported.</summary>
public class LegacyJournalSpecs : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Journal", "Legacy");
    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    private ServiceLayerEmulator _sap = null!;
    private PersistenceSettings _journal = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var copy = Path.Combine(Path.GetTempPath(), "actorsync-tests", $"legacy-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Path.Combine(Folder, "journal-63a12dd.db"), copy);
        _journal = new PersistenceSettings { Provider = PersistenceProvider.Sqlite, ConnectionString = $"Data Source={copy}" };
    }

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "states-63a12dd.json")))!.AsObject();

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), StateJson);

    private async Task<Dictionary<string, string>> RecoveredStates(EngineTestHost host)
    {
        var engine = host.Engine;
        var states = new Dictionary<string, string>();
        foreach (var (key, _) in Expected())
        {
            object state = key switch
            {
                _ when key.StartsWith("order-", StringComparison.Ordinal) => await engine.GetOrderAsync(key["order-".Length..]),
                _ when key.StartsWith("pos-", StringComparison.Ordinal) => await engine.GetPosTransactionAsync(key["pos-".Length..]),
                _ when key.StartsWith("warehouse-movements-", StringComparison.Ordinal) => await engine.GetWarehouseWindowAsync(key["warehouse-movements-".Length..]),
                _ when key.StartsWith("stock-", StringComparison.Ordinal) => await engine.GetStockAsync(StockKey.Parse(key["stock-".Length..])),
                "exception-queue-main" => await host.Services.GetRequiredService<ExceptionQueueClient>().ListAsync(),
                _ => throw new InvalidOperationException($"No reader for {key}."),
            };
            states[key] = Json(state);
        }
        return states;
    }

    [Fact]
    public void The_fixture_is_in_the_old_format()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "journal-63a12dd.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*), sum(identifier = 1 and coalesce(manifest, '') = ''), sum(instr(cast(message as text), '\"$type\"') > 0) from journal";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var rows = reader.GetInt64(0);
        Assert.Equal(26, rows);
        Assert.Equal(rows, reader.GetInt64(1));
        Assert.Equal(rows, reader.GetInt64(2));
    }

    [Fact]
    public async Task Every_record_of_a_journal_written_in_the_default_json_format_recovers_to_the_state_that_build_reported()
    {
        await using var host = await EngineTestHost.StartAsync(FlowTestSettings.For(_sap, _journal));

        var recovered = await RecoveredStates(host);

        foreach (var (key, expected) in Expected())
            Assert.True(JsonNode.DeepEquals(expected, WithoutFieldsAddedSince(JsonNode.Parse(recovered[key]), expected)), $"{key} recovered as\n{recovered[key]}\nexpected\n{expected}");
        Assert.Empty(_sap.Company.Orders); // nothing was owed, so nothing was sent again
    }

    /// <summary>
    /// The state as that build knew it: a property added since (the order's addresses, for one) must read back as its
    /// default, null, and is then left out of the comparison; any other difference still fails it.
    /// </summary>
    private static JsonNode? WithoutFieldsAddedSince(JsonNode? recovered, JsonNode? recorded)
    {
        switch (recovered, recorded)
        {
            case (JsonObject now, JsonObject then):
                foreach (var name in now.Select(p => p.Key).ToList())
                {
                    if (!then.ContainsKey(name) && now[name] is null) now.Remove(name);
                    else if (then.ContainsKey(name)) WithoutFieldsAddedSince(now[name], then[name]);
                }
                break;
            case (JsonArray now, JsonArray then):
                for (var i = 0; i < Math.Min(now.Count, then.Count); i++) WithoutFieldsAddedSince(now[i], then[i]);
                break;
        }
        return recovered;
    }

    [Fact]
    public async Task New_events_in_the_versioned_format_follow_old_ones_in_the_same_journal_and_both_replay()
    {
        var host = await EngineTestHost.StartAsync(FlowTestSettings.For(_sap, _journal));
        var retry = await host.Engine.RetryOrderAsync("magento:L-3");
        Assert.StartsWith("Still failing", retry.Message); // the SKU is still unknown: the exception is raised again
        await Eventually.HoldsAsync(async () =>
        {
            var exception = Assert.Single(await host.Services.GetRequiredService<ExceptionQueueClient>().ListAsync());
            return (exception.Attempts == 2, $"attempts {exception.Attempts}, {exception.Status}");
        }, TimeSpan.FromSeconds(30), "the unknown SKU raised again after the retry");
        await host.DisposeAsync();

        await using var again = await EngineTestHost.StartAsync(FlowTestSettings.For(_sap, _journal));
        var order = await again.Engine.GetOrderAsync("magento:L-3");
        var exception = Assert.Single(await again.Services.GetRequiredService<ExceptionQueueClient>().ListAsync());

        Assert.Equal(OrderStatus.Quarantined, order.Status);
        Assert.Equal(2, exception.Attempts);
        Assert.True(NewRows(_journal) > 0, "the retry journaled in the versioned format");
    }

    private static long NewRows(PersistenceSettings journal)
    {
        using var connection = new SqliteConnection(journal.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from journal where identifier between 4100 and 4199 and manifest like '%.v_'";
        return (long)command.ExecuteScalar()!;
    }
}

using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using System.Data.Common;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Persistence;

/// <summary>What the persistence registration (Akka.Persistence.Sql.Hosting plus one line of HOCON) gives the running engine.</summary>
public class PersistenceHostingSpecs
{
    [Theory]
    [InlineData("sqlite", "read-uncommitted", 1)]
    [InlineData("postgresql", null, 3)]
    public async Task Each_journal_gets_its_provider_its_read_isolation_its_writer_parallelism_and_the_flows_taggers(string database, string? isolation, int parallelism)
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 10 } });
        var journal = database == "sqlite" ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync();
        await using var host = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, journal));
        var config = host.System.Settings.Config;

        Assert.Equal(journal.ProviderName, config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(parallelism, config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.persistence.query.journal.sql.refresh-interval"));
        if (isolation is not null)
        {
            Assert.Equal(isolation, config.GetString("akka.persistence.journal.sql.read-isolation-level"));
            Assert.Equal(isolation, config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
            Assert.Equal(isolation, config.GetString("akka.persistence.snapshot-store.sql.read-isolation-level"));
        }
        foreach (var tagger in new[] { "order-tagger", "pos-tagger", "warehouse-tagger" })
            Assert.True(config.HasPath($"akka.persistence.journal.sql.event-adapters.{tagger}"), tagger);
    }

    /// <summary>
    /// The live tag query (each unfinished-entities index polls it every second) asks for one tag above an offset. On the
    /// plugin's own indexes SQLite walked every row the tag ever had; the engine adds (tag, ordering_id) once the journal
    /// has taken its first write, and the query's plan then seeks on it.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task The_engine_adds_the_tag_and_ordering_index_its_live_tag_queries_seek_on(string database)
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 10 } });
        var journal = database == "sqlite" ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync();
        await using var host = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, journal));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await IndexExistsAsync(journal) && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(await IndexExistsAsync(journal), $"{JournalIndexes.TagOrdering} was not created");
        if (database == "sqlite")
        {
            // The plugin's query shape: tag rows of one tag in an offset range, joined to their journal rows.
            var plan = await ScalarsAsync(journal, "EXPLAIN QUERY PLAN SELECT r.ordering FROM journal r LEFT JOIN tags lp ON lp.ordering_id = r.ordering " +
                                                   "WHERE lp.ordering_id > 10 AND lp.ordering_id <= 20 AND r.deleted = 0 AND lp.tag = 'order-progress' ORDER BY r.ordering", column: 3);
            Assert.Contains(plan, line => line.Contains(JournalIndexes.TagOrdering) && line.Contains("ordering_id>?"));
        }
        // A second start finds it there and changes nothing.
        Assert.True(await JournalIndexes.EnsureAsync(journal, CancellationToken.None));
    }

    private static async Task<bool> IndexExistsAsync(PersistenceSettings journal) =>
        (await ScalarsAsync(journal, journal.Provider == PersistenceProvider.Sqlite
            ? $"SELECT name FROM sqlite_master WHERE type = 'index' AND name = '{JournalIndexes.TagOrdering}'"
            : $"SELECT indexname FROM pg_indexes WHERE tablename = 'tags' AND indexname = '{JournalIndexes.TagOrdering}'")).Count == 1;

    private static async Task<List<string>> ScalarsAsync(PersistenceSettings journal, string sql, int column = 0)
    {
        await using DbConnection connection = journal.Provider == PersistenceProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(journal.ConnectionString)
            : new Npgsql.NpgsqlConnection(journal.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(column))!);
        }
        catch (DbException) { } // the plugin has not made its tables yet
        return values;
    }
}

using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;
using Akka.Actor;
using Akka.Persistence.Sql.Config;

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
    /// Releases before this one kept tags in the plugin's tag table, whose reads scanned the whole table for each row.
    /// An order accepted by such a release while SAP was down is still owed after the upgrade: the new engine gives
    /// the journal its tags column, copies the old tags into it, and its unfinished-orders index (reading tags from
    /// the column now) finds the order and posts it. A second start changes nothing.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_journal_with_its_tags_in_the_tag_table_is_migrated_and_its_unfinished_orders_still_post(string database)
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 40 } });
        var journal = database == "sqlite" ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync();
        var before = new PersistenceSettings { Provider = journal.Provider, ConnectionString = journal.ConnectionString, TagStorage = TagMode.TagTable };
        var orders = new DemoOrderGenerator(40).Generate(3).ToList();

        sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, (int)TimeSpan.FromMinutes(5).TotalMilliseconds) });
        await using (var old = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, before)))
        {
            foreach (var order in orders) Assert.Equal(CommandResultCode.Accepted, (await old.Engine.SubmitOrderAsync(order)).Code);
        }
        Assert.DoesNotContain("tags", await ScalarsAsync(journal, Columns(journal)));
        var oldTags = await ScalarsAsync(journal, "SELECT tag FROM tags WHERE persistence_id LIKE 'order-%'");
        Assert.NotEmpty(oldTags);
        Assert.All(oldTags, tag => Assert.Equal("order-progress", tag));

        sap.ApplyFaults(new FaultSettings { Clear = true });
        await using (var upgraded = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, journal)))
        {
            Assert.Equal("Csv", upgraded.System.Settings.Config.GetString("akka.persistence.journal.sql.tag-write-mode"));
            Assert.Equal("Csv", upgraded.System.Settings.Config.GetString("akka.persistence.query.journal.sql.tag-read-mode"));
            Assert.Contains("tags", await ScalarsAsync(journal, Columns(journal)));
            // Every row the old release tagged carries the same tag in the column now.
            var copied = await ScalarsAsync(journal, "SELECT j.tags FROM journal j JOIN tags t ON t.ordering_id = j.ordering");
            Assert.Equal(oldTags.Count, copied.Count);
            Assert.All(copied, tags => Assert.Equal(";order-progress;", tags));
            await Eventually.HoldsAsync(() =>
            {
                var created = sap.GetStats().DocumentsCreated.GetValueOrDefault("Orders");
                return Task.FromResult((created == orders.Count, $"{created} of {orders.Count} in SAP"));
            }, TimeSpan.FromSeconds(60), "the orders accepted before the upgrade posted after it");
        }

        Assert.Equal(JournalTagColumn.Outcome.AlreadyThere, (await JournalTagColumn.EnsureAsync(journal, CancellationToken.None)).Outcome);
        // New events carry their tag in the column, and nothing more was written to the tag table.
        Assert.Contains(";order-progress;", await ScalarsAsync(journal, "SELECT tags FROM journal WHERE ordering NOT IN (SELECT ordering_id FROM tags)"));
        Assert.Equal(oldTags.Count, (await ScalarsAsync(journal, "SELECT tag FROM tags WHERE persistence_id LIKE 'order-%'")).Count);
    }

    /// <summary>
    /// The readiness probe writes a row at every probe but deletes the older ones only every so many: on SQLite a
    /// delete waits for the journal writer's lock on the journal actor's own thread, stalling every entity, so it must
    /// be rare. The rows it leaves stay bounded, and it stays writable.
    /// </summary>
    [Fact]
    public async Task The_readiness_probe_deletes_its_older_rows_now_and_then_and_keeps_them_bounded()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 10 } });
        var journal = TestDatabases.NewSqlite();
        await using var host = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, journal));
        const string id = "journal-probe-spec";
        const int deleteEvery = 4;
        var probe = host.System.ActorOf(Props.Create(() => new JournalProbe(null, id, TimeSpan.FromMilliseconds(100), deleteEvery)), id);

        // The plugin makes its table at its first write: read once the probe has written.
        await Eventually.HoldsAsync(async () =>
        {
            var health = await probe.Ask<JournalProbe.JournalHealth>(JournalProbe.GetJournalHealth.Instance, TimeSpan.FromSeconds(5));
            return (health.Writable, health.Problem ?? "");
        }, TimeSpan.FromSeconds(20), "the probe's first write");
        var counts = new List<int>();
        await Eventually.HoldsAsync(async () =>
        {
            var rows = (await ScalarsAsync(journal, $"SELECT sequence_number FROM journal WHERE persistence_id = '{id}'")).Select(long.Parse).ToList();
            counts.Add(rows.Count);
            var highest = rows.DefaultIfEmpty().Max();
            return (highest >= 4 * deleteEvery, $"{highest} probes written, {rows.Count} rows");
        }, TimeSpan.FromSeconds(30), "sixteen probes");

        // The plugin keeps the newest deleted row (its highest sequence number), so between deletes the rows are that
        // one and up to deleteEvery written since, one more for the moment between a write and its delete.
        Assert.All(counts, count => Assert.InRange(count, 0, deleteEvery + 2));
        // Deleting at every probe would never leave more than three.
        Assert.Contains(counts, count => count >= deleteEvery);
        var health = await probe.Ask<JournalProbe.JournalHealth>(JournalProbe.GetJournalHealth.Instance, TimeSpan.FromSeconds(5));
        Assert.True(health.Writable, health.Problem);
    }

    private static string Columns(PersistenceSettings journal) => journal.Provider == PersistenceProvider.Sqlite
        ? "SELECT name FROM pragma_table_info('journal')"
        : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'journal'";

    private static async Task<List<string>> ScalarsAsync(PersistenceSettings journal, string sql)
    {
        await using var connection = journal.NewConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0))!);
        return values;
    }
}

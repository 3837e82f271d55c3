using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
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
}

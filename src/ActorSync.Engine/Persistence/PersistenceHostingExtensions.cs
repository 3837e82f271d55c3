using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Journal;
using SqlJournalOptions = Akka.Persistence.Sql.Hosting.SqlJournalOptions;
using SqlSnapshotOptions = Akka.Persistence.Sql.Hosting.SqlSnapshotOptions;
using Akka.Persistence.Sql.Hosting;

namespace ActorSync.Engine.Persistence;

public static class PersistenceHostingExtensions
{
    public const string JournalId = "sql";

    /// <summary>
    /// Akka.Persistence.Sql as the default journal, snapshot store and read journal, through Akka.Persistence.Sql.Hosting.
    /// One thing the Hosting options (1.5.70) cannot say is the journal's writer parallelism; SQLite has a single
    /// writer, so that is HOCON, with the journal's circuit-breaker reset. Each node also runs a <see cref="JournalProbe"/>, which tells readiness
    /// whether the journal takes writes now and adds the journal's one extra index (<see cref="JournalIndexes"/>).
    /// </summary>
    /// <param name="taggers">Each flow's journal tagger (its <c>Tagger</c>), so its unfinished-entities index finds its progress events by tag.</param>
    public static AkkaConfigurationBuilder AddActorSyncPersistence(this AkkaConfigurationBuilder builder, PersistenceSettings settings, params JournalTagger[] taggers)
    {
        settings.Validate();
        settings.PrepareSqlite();
        var journal = new SqlJournalOptions(isDefaultPlugin: true, identifier: JournalId)
        {
            ConnectionString = settings.ConnectionString,
            ProviderName = settings.ProviderName,
            ReadIsolationLevel = settings.ReadIsolation,
            QueryRefreshInterval = TimeSpan.FromSeconds(1),
            AutoInitialize = true,
        };
        var snapshots = new SqlSnapshotOptions(isDefaultPlugin: true, identifier: JournalId)
        {
            ConnectionString = settings.ConnectionString,
            ProviderName = settings.ProviderName,
            ReadIsolationLevel = settings.ReadIsolation,
            AutoInitialize = true,
        };
        return builder
            .WithSqlPersistence(journal, snapshots, journalBuilder: adapters =>
            {
                foreach (var tagger in taggers) tagger.Register(adapters);
            })
            // The journal's breaker (Akka's default: open 30 s after 10 failed calls) keeps a database that came back
            // refused for half a minute; 5 s is still no hammering, and readiness shows the wait.
            .AddHocon($"akka.persistence.journal.{JournalId} {{ parallelism = {settings.WriterParallelism}, circuit-breaker.reset-timeout = 5s }}", HoconAddMode.Prepend)
            .WithActors((system, registry) => registry.Register<JournalHealthCheck>(system.ActorOf(Akka.Actor.Props.Create(() => new JournalProbe(settings)), "journal-probe")));
    }
}

/// <summary>A write event adapter that tags a flow's events as they are journaled.</summary>
public sealed record JournalTagger(string Name, Action<AkkaPersistenceJournalBuilder> Register)
{
    public static JournalTagger Of<TAdapter>(string name, Type events) where TAdapter : IWriteEventAdapter =>
        new(name, journal => journal.AddWriteEventAdapter<TAdapter>(name, [events]));
}

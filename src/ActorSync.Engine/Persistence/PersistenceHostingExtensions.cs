using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Journal;
using SqlJournalOptions = Akka.Persistence.Sql.Hosting.SqlJournalOptions;
using SqlSnapshotOptions = Akka.Persistence.Sql.Hosting.SqlSnapshotOptions;
using Akka.Persistence.Sql.Hosting;
using Akka.Persistence.Sql.Config;

namespace ActorSync.Engine.Persistence;

public static class PersistenceHostingExtensions
{
    public const string JournalId = "sql";

    /// <summary>
    /// Akka.Persistence.Sql as the default journal, snapshot store and read journal, through Akka.Persistence.Sql.Hosting.
    /// One thing the Hosting options (1.5.70) cannot say is the journal's writer parallelism; SQLite has a single
    /// writer, so that is HOCON, with the journal's circuit-breaker reset. Each node also runs a <see cref="JournalProbe"/>, which tells readiness
    /// whether the journal takes writes now and finishes moving an older journal's tags into its column (<see cref="JournalTagColumn"/>).
    /// </summary>
    /// <param name="taggers">Each flow's journal tagger (its <c>Tagger</c>), so its unfinished-entities index finds its progress events by tag.</param>
    public static AkkaConfigurationBuilder AddActorSyncPersistence(this AkkaConfigurationBuilder builder, PersistenceSettings settings, params JournalTagger[] taggers)
    {
        settings.Validate();
        settings.PrepareSqlite();
        MoveTagsIntoTheJournal(settings);
        var journal = new SqlJournalOptions(isDefaultPlugin: true, identifier: JournalId)
        {
            // Tags in the journal's own column, not the tag table: see JournalTagColumn for why.
            TagStorageMode = settings.TagStorage,
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
            .WithActors((system, registry) => registry.Register<JournalHealthCheck>(system.ActorOf(Akka.Actor.Props.Create(() => new JournalProbe(settings.TagStorage == TagMode.Csv ? settings : null)), "journal-probe")));
    }

    /// <summary>
    /// A journal written before this release gets its tags column before any entity reads or writes it. A database
    /// that cannot be reached now is not fatal here: the journal probe tries again at each probe and says why.
    /// </summary>
    private static void MoveTagsIntoTheJournal(PersistenceSettings settings)
    {
        if (settings.TagStorage != TagMode.Csv) return;
        try
        {
            JournalTagColumn.EnsureAsync(settings, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (System.Data.Common.DbException)
        {
        }
        catch (System.Net.Sockets.SocketException)
        {
        }
    }
}

/// <summary>A write event adapter that tags a flow's events as they are journaled.</summary>
public sealed record JournalTagger(string Name, Action<AkkaPersistenceJournalBuilder> Register)
{
    public static JournalTagger Of<TAdapter>(string name, Type events) where TAdapter : IWriteEventAdapter =>
        new(name, journal => journal.AddWriteEventAdapter<TAdapter>(name, [events]));
}

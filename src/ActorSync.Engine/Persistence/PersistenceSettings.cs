namespace ActorSync.Engine.Persistence;

public enum PersistenceProvider { Sqlite, PostgreSql, SqlServer }

/// <summary>Where journals and snapshots live. Bound from configuration section "Persistence".</summary>
public sealed class PersistenceSettings
{
    /// <summary>SQLite is the embedded default: a file under the data folder, nothing to install, one node.</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/actorsync.db";

    /// <summary>linq2db's provider name for Akka.Persistence.Sql: the most specific one, as its README asks.</summary>
    public string ProviderName => Provider switch
    {
        PersistenceProvider.Sqlite => "SQLite.MS",
        PersistenceProvider.PostgreSql => "PostgreSQL.15",
        PersistenceProvider.SqlServer => "SqlServer.2022",
        _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Unknown persistence provider."),
    };

    /// <summary>
    /// Where tags are written: the journal's column (Csv) in every real run. Only the engine's tests set TagTable, to
    /// write a journal as the releases before did and prove it is migrated (<see cref="JournalTagColumn"/>).
    /// </summary>
    internal Akka.Persistence.Sql.Config.TagMode TagStorage { get; init; } = Akka.Persistence.Sql.Config.TagMode.Csv;

    /// <summary>Concurrent writer streams. SQLite has a single writer, so more would only queue on its lock.</summary>
    public int WriterParallelism => Provider == PersistenceProvider.Sqlite ? 1 : 3;

    /// <summary>
    /// The plugin runs even its reads (replays, highest sequence number) in transactions, and Microsoft.Data.Sqlite
    /// opens every transaction with <c>BEGIN IMMEDIATE</c>, the write lock, unless the isolation level is
    /// ReadUncommitted, which gives a deferred <c>BEGIN</c>. Immediate reads made every recovering entity queue behind
    /// the writer and each other, and the losers slept in the driver's busy-retry loop: a burst of new orders was
    /// accepted at about 100 a second. Deferred reads under WAL see the last committed state (read_uncommitted only
    /// matters with a shared cache, which we do not use). Other databases keep their default.
    /// </summary>
    public System.Data.IsolationLevel? ReadIsolation => Provider == PersistenceProvider.Sqlite ? System.Data.IsolationLevel.ReadUncommitted : null;

    /// <summary>A plain connection to the journal's database (SQLite or PostgreSQL), for the engine's own schema work.</summary>
    internal System.Data.Common.DbConnection NewConnection() => Provider switch
    {
        PersistenceProvider.Sqlite => new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString),
        PersistenceProvider.PostgreSql => new Npgsql.NpgsqlConnection(ConnectionString),
        _ => throw new NotSupportedException($"The engine opens no connection of its own to a {Provider} journal."),
    };

    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
            throw new ArgumentException($"Persistence:Provider '{Provider}' is not one of Sqlite, PostgreSql, SqlServer.");
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("Persistence:ConnectionString is empty.");
    }

    /// <summary>
    /// For SQLite: the folder of the database file must exist before the plugin opens it, and the file is switched to
    /// write-ahead logging. In SQLite's default rollback mode every reader waits while the single writer commits, so
    /// a burst of new entities, each reading its (empty) journal to recover, queues behind the writes; with WAL
    /// readers and the writer proceed together. The mode is stored in the file, so setting it once is enough.
    /// </summary>
    public void PrepareSqlite()
    {
        if (Provider != PersistenceProvider.Sqlite) return;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        if (builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}

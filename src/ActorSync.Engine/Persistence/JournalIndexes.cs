using System.Data.Common;

namespace ActorSync.Engine.Persistence;

/// <summary>
/// An index the journal needs beyond the plugin's own schema. Akka.Persistence.Sql indexes its tag table on the tag
/// alone, and its live tag query asks for one tag above an offset: on SQLite that walks every row the tag ever had, at
/// every poll, so each unfinished-entities index cost more the longer the engine ran (7.5 ms a poll at 30,000 orders,
/// linear from there; issue 12's profile). With (tag, ordering_id) the same query reads only the new rows (0.1 ms).
/// PostgreSQL's planner mostly found the primary key instead, but gains the same. Created when the journal has first
/// taken a write (the plugin creates its tables lazily), with IF NOT EXISTS, so an existing journal gets it once.
/// SQL Server is left to its planner: the statement is not written for it, as nothing here can run it.
/// </summary>
public static class JournalIndexes
{
    public const string TagOrdering = "tags_tag_ordering_idx";

    /// <summary>The statement that creates the index on <paramref name="provider"/>, or null where none is made.</summary>
    public static string? Statement(PersistenceProvider provider) => provider switch
    {
        PersistenceProvider.Sqlite or PersistenceProvider.PostgreSql => $"CREATE INDEX IF NOT EXISTS {TagOrdering} ON tags (tag, ordering_id)",
        _ => null,
    };

    /// <summary>Creates the index if it is missing; true when one was made or already there, false where none is made.</summary>
    public static async Task<bool> EnsureAsync(PersistenceSettings settings, CancellationToken ct)
    {
        if (Statement(settings.Provider) is not { } statement) return false;
        await using DbConnection connection = settings.Provider == PersistenceProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString)
            : new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = statement;
        // A journal of millions of rows takes a while to index the first time; later starts find it at once.
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }
}

using System.Data.Common;

namespace ActorSync.Engine.Persistence;

/// <summary>
/// Where the journal keeps its events' tags: in the journal's own <c>tags</c> column (";order-progress;"), Akka.Persistence.Sql's
/// Csv mode, not its separate tag table. The tag-table mode reads tags back through linq2db's string aggregate, which
/// linq2db 6 writes as <c>GROUP_CONCAT(CASE WHEN t.ordering_id = row THEN t.tag END) FROM tags t</c> (on PostgreSQL a
/// <c>FILTER</c>): a scan of the whole tag table for every row it returns, in every replay and every tag-query poll.
/// Each new event cost a pass over every tag ever written, so the engine slowed as its journal grew (issue 12's
/// profile). In Csv mode a replay reads its rows alone, and the tag query reads only the rows past its offset.
/// <para>
/// A journal written before keeps its tags in the tag table. <see cref="EnsureAsync"/> gives it the column and copies
/// each row's tags into it, in one transaction (a failure leaves the journal as it was, and the next try starts
/// over); a journal that has the column is left alone. The tag table stays, unread, so nothing is lost.
/// </para>
/// SQL Server is left out: nothing here can run it, so a journal there keeps whatever the plugin makes of it.
/// </summary>
public static class JournalTagColumn
{
    /// <summary>What <see cref="EnsureAsync"/> found or did.</summary>
    public enum Outcome { NoJournalYet, AlreadyThere, Migrated, NotThisProvider }

    public static async Task<(Outcome Outcome, long RowsTagged)> EnsureAsync(PersistenceSettings settings, CancellationToken ct)
    {
        if (settings.Provider is not (PersistenceProvider.Sqlite or PersistenceProvider.PostgreSql)) return (Outcome.NotThisProvider, 0);
        var sqlite = settings.Provider == PersistenceProvider.Sqlite;
        await using var connection = settings.NewConnection();
        await connection.OpenAsync(ct);
        var columns = await ColumnsAsync(connection, "journal", sqlite, ct);
        if (columns.Count == 0) return (Outcome.NoJournalYet, 0); // the plugin makes it, column included, on first use
        if (columns.Contains("tags")) return (Outcome.AlreadyThere, 0);

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, "ALTER TABLE journal ADD COLUMN tags TEXT NULL", ct);
        long tagged = 0;
        if ((await ColumnsAsync(connection, "tags", sqlite, ct, transaction)).Count > 0)
        {
            tagged = await ExecuteAsync(connection, transaction, sqlite
                ? "UPDATE journal SET tags = ';' || (SELECT group_concat(t.tag, ';') FROM tags t WHERE t.ordering_id = journal.ordering) || ';' " +
                  "WHERE ordering IN (SELECT ordering_id FROM tags)"
                : "UPDATE journal j SET tags = ';' || t.joined || ';' FROM (SELECT ordering_id, string_agg(tag, ';') AS joined FROM tags GROUP BY ordering_id) t " +
                  "WHERE t.ordering_id = j.ordering", ct);
        }
        await transaction.CommitAsync(ct);
        return (Outcome.Migrated, tagged);
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection connection, string table, bool sqlite, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sqlite
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // A journal of millions of rows takes a while to copy once; later starts find the column at once.
        command.CommandTimeout = 1800;
        return await command.ExecuteNonQueryAsync(ct);
    }
}

using System.Diagnostics;
using ActorSync.Engine.Persistence;
using Npgsql;

namespace ActorSync.Engine.Tests.Infrastructure;

/// <summary>A fresh database per test: a temporary SQLite file, or a new database on the loopback PostgreSQL.</summary>
public static class TestDatabases
{
    public static PersistenceSettings NewSqlite() => new()
    {
        Provider = PersistenceProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), "actorsync-tests", $"{Guid.NewGuid():N}.db")}",
    };

    public static async Task<PersistenceSettings> NewPostgresAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PersistenceSettings { Provider = PersistenceProvider.PostgreSql, ConnectionString = builder.ConnectionString };
    }
}

/// <summary>
/// The real PostgreSQL server the tests use: the one <c>./test.sh</c> and CI started (ACTORSYNC_TEST_POSTGRES), or,
/// when a test is run on its own, the same loopback server started here through <c>scripts/postgres.sh</c>.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static Task<string> ConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ACTORSYNC_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;

        var script = FindScript();
        var start = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh start failed ({process.ExitCode}): {errors}");
        return output.Trim().Split('\n').Last();
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres.sh");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("scripts/postgres.sh not found above the test binaries.");
    }
}

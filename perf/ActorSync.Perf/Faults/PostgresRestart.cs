using System.Diagnostics;
using ActorSync.Engine.Persistence;
using Npgsql;

namespace ActorSync.Perf.Faults;

/// <summary>
/// The journal's PostgreSQL is restarted mid-burst (connections cut, the port closed for a while, the same data
/// back) while orders keep arriving. A submission that fails meanwhile is sent again by the runner, as a channel
/// re-delivers a webhook; every order the engine accepted must be in SAP exactly once, and readiness must name the journal while it cannot write.
/// </summary>
public sealed class PostgresRestart : FaultScenario
{
    private int _acceptedAtRestart = -1;

    public override string Name => "postgres-restart";

    public override bool JournalOnPostgres => true;

    public override bool OrdersKeepArriving => true;

    public override string Describe(ScenarioSize size) => $"journal's PostgreSQL stopped, down {Down(size)}s, started again, orders arriving";

    private static int Down(ScenarioSize size) => Math.Max(2, (int)size.FaultFor.TotalSeconds);

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        _acceptedAtRestart = run.AcceptedCount;
        run.FaultBegins($"PostgreSQL restarting ({Down(run.Size)}s down)");
        await LoopbackPostgres.RestartAsync(Down(run.Size));
        run.FaultLifted();
    }

    public override Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        verdict.Require(_acceptedAtRestart < run.Size.Orders, "every order was accepted before the restart, so intake during it was not tested");
        var notReady = run.TimeSeen(s => s.FaultOn && !s.Ready);
        verdict.Require(notReady > TimeSpan.Zero, "/health/ready never said 'journal' not ready while the journal's database was down");
        verdict.Seen($"{run.Size.Orders - _acceptedAtRestart} orders still to arrive at the restart, {run.Resubmitted} needed a resend; " +
                     $"'journal' not ready {notReady.TotalSeconds:F1}s");
        return Task.CompletedTask;
    }
}

/// <summary>
/// A throwaway PostgreSQL of the faults runner's own, through <c>scripts/postgres.sh</c> on port 55439
/// (<c>ACTORSYNC_FAULTS_PG_PORT</c>), so restarting it never cuts the server the tests use on 55432.
/// </summary>
public static class LoopbackPostgres
{
    private static string Port => Environment.GetEnvironmentVariable("ACTORSYNC_FAULTS_PG_PORT") is { Length: > 0 } port ? port : "55439";

    public static async Task<PersistenceSettings> NewJournalAsync(FaultRun run)
    {
        run.Say($"starting PostgreSQL on 127.0.0.1:{Port} (scripts/postgres.sh start)");
        var server = (await ScriptAsync("start")).Trim().Split('\n').Last();
        var name = $"faults_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PersistenceSettings
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        };
    }

    public static Task RestartAsync(int secondsDown) => ScriptAsync("restart", secondsDown.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> ScriptAsync(params string[] verb)
    {
        var script = Path.Combine(ResultsFile.FindRepoRoot(), "scripts", "postgres.sh");
        if (!File.Exists(script)) throw new InvalidOperationException($"PostgreSQL is not available: {script} is missing.");
        var start = new ProcessStartInfo("bash", [script, .. verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ACTORSYNC_PG_PORT"] = Port;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("PostgreSQL is not available: could not run bash scripts/postgres.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"PostgreSQL is not available: scripts/postgres.sh {string.Join(' ', verb)} failed with exit {process.ExitCode}: {(await errors).Trim()}");
        return await output;
    }
}

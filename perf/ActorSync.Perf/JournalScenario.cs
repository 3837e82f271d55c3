using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Journal;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Persistence;
using ActorSync.Host.Demo;
using Akka.Actor;
using Akka.Serialization;
using Microsoft.Data.Sqlite;

namespace ActorSync.Perf;

/// <summary>
/// The journal scenario (issue 12, scenario 4): what the engine itself costs once SAP costs nothing. On each journal
/// (SQLite, PostgreSQL) a burst of orders goes through the engine into an emulated SAP with its capacity model off,
/// so the engine, not SAP, is the bottleneck: orders and journal events per second, CPU per order, payload bytes per
/// order (read back from the journal and decoded), and the memory each order entity holds while SAP is down (a second
/// burst kept in flight by an outage, the heap measured, then released). The naive integration posts the same burst
/// against the same free SAP: its figures are what one HTTP request per order costs with no journal at all, so the
/// ratio is the price of durability and batching.
/// CPU is the whole process's, emulator included (it serves both integrations in-process), so it is an upper bound on
/// either integration's own cost.
/// </summary>
public sealed class JournalScenario(JournalScenario.Options options)
{
    public sealed record Options(int Orders, int HeldOrders, int WarmUp, int NaiveWorkers, bool Quick, IReadOnlyList<string> Databases);

    public static Options Full { get; } = new(20_000, 20_000, 1_000, 16, false, ["sqlite", "postgresql"]);
    public static Options QuickRun { get; } = new(300, 300, 50, 16, true, ["sqlite"]);

    private const int Items = 2_000;

    /// <summary>One timed burst: its drain, the process's CPU and the JIT's compile time over it.</summary>
    public sealed record Burst(int Orders, TimeSpan Drain, TimeSpan Cpu, TimeSpan Jit)
    {
        public double OrdersPerSecond => Orders / Drain.TotalSeconds;
        public double CpuMsPerOrder => Cpu.TotalMilliseconds / Orders;
        /// <summary>How much of the machine's cores the process kept busy: near 1 means CPU was the limit.</summary>
        public double CoresBusy => Cpu.TotalSeconds / Drain.TotalSeconds / Environment.ProcessorCount;
    }

    /// <summary>
    /// The engine on one journal. <paramref name="First"/> is the burst right after a short warm-up, while .NET is still
    /// recompiling hot code at its optimised tier; <paramref name="Steady"/> is the same burst again once it has: the
    /// ceiling a service running for hours has.
    /// </summary>
    public sealed record EngineRun(string Database, Burst First, Burst Steady, long SapOrders, long Duplicates,
        JournalRows Rows, int Held, long HeapPerHeldOrder, TimeSpan HeldDrain);

    public sealed record NaiveRun(int Orders, int Workers, TimeSpan Drain, TimeSpan Cpu, int Posted)
    {
        public double OrdersPerSecond => Posted / Drain.TotalSeconds;
        public double CpuMsPerOrder => Cpu.TotalMilliseconds / Math.Max(1, Posted);
    }

    /// <summary>The order entities' rows, every one decoded through its area's contract; rows of other ids are decoded too.</summary>
    public sealed record JournalRows(long Events, long Bytes, long LegacyBytes, long LargestEvent, long LargestLegacyEvent, long OtherEvents, long? FileBytes);

    private readonly string _loadAtStart = ResultsFile.LoadAverage();

    public async Task<(IReadOnlyList<EngineRun> Engine, NaiveRun Naive)> RunAsync()
    {
        var runs = new List<EngineRun>();
        foreach (var database in options.Databases) runs.Add(await RunEngineAsync(database));
        return (runs, await RunNaiveAsync());
    }

    private IReadOnlyList<ChannelOrder> Orders(string prefix, int count) => new DemoOrderGenerator(Items).Generate(count, idPrefix: prefix).ToList();

    private static Task<ServiceLayerEmulator> FreeSapAsync() => FreeSap.StartAsync(Items);

    private async Task<EngineRun> RunEngineAsync(string database)
    {
        var journal = await PerfJournals.NewAsync(database);
        await using var sap = await FreeSapAsync();
        Console.WriteLine($"Journal ({database}): {options.WarmUp} warm-up, {options.Orders} measured and {options.HeldOrders} held orders, SAP's cost off");
        long sapOrders, duplicates, heapPerOrder;
        Burst first, steady;
        TimeSpan heldDrain;
        await using (var engine = await PerfEngine.StartAsync(PerfEngine.Settings(sap, journal, sessions: 4)))
        {
            // Warm-up: the first sessions, the sharding regions, code compiled once. Not timed.
            await engine.SubmitAllAsync(Orders("w", options.WarmUp));
            await FreeSap.WaitForOrdersAsync(sap, options.WarmUp, "warm-up");
            first = await TimedBurstAsync(engine, sap, "a", options.WarmUp, "first burst");
            steady = await TimedBurstAsync(engine, sap, "", options.WarmUp + options.Orders, "second burst");
            var afterBursts = sap.GetStats();
            Console.WriteLine($"  SAP requests so far {string.Join(", ", afterBursts.Requests.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}, {afterBursts.Batches} batches");

            // Memory per entity: SAP goes down, a second burst is accepted and stays in flight, the heap is measured
            // after a full compacting collection on both sides; then SAP comes back and the burst must drain.
            var before = FreeSap.SettledHeap();
            sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, (int)TimeSpan.FromHours(1).TotalMilliseconds) });
            await engine.SubmitAllAsync(Orders("h", options.HeldOrders));
            heapPerOrder = (FreeSap.SettledHeap() - before) / options.HeldOrders;
            Console.WriteLine($"  {options.HeldOrders} orders held in flight while SAP is down: {heapPerOrder} bytes of heap each");
            sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
            var held = Stopwatch.StartNew();
            await FreeSap.WaitForOrdersAsync(sap, Total, "after the outage", held);
            heldDrain = held.Elapsed;
            // SAP has every order; the engine journals each answer just after. Stopping now would leave some "posted"
            // events to the next start's look-up, and the read-back below would miss them.
            await WaitUntilSettledAsync(engine);
            var stats = sap.GetStats();
            sapOrders = stats.DocumentsCreated.GetValueOrDefault("Orders");
            duplicates = stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
        }
        // Read back once the engine has stopped, so the SQLite file holds everything it wrote.
        var rows = await PerfJournals.ReadAsync(database, journal);
        return new EngineRun(database, first, steady, sapOrders - duplicates, duplicates, rows, options.HeldOrders, heapPerOrder, heldDrain);
    }

    private int Total => options.WarmUp + 2 * options.Orders + options.HeldOrders;

    private async Task<Burst> TimedBurstAsync(PerfEngine engine, ServiceLayerEmulator sap, string prefix, int alreadyInSap, string phase)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();
        await engine.SubmitAllAsync(Orders(prefix, options.Orders));
        await FreeSap.WaitForOrdersAsync(sap, alreadyInSap + options.Orders, phase, clock);
        var drain = clock.Elapsed;
        process.Refresh();
        var burst = new Burst(options.Orders, drain, process.TotalProcessorTime - cpuBefore, System.Runtime.JitInfo.GetCompilationTime() - jitBefore);
        Console.WriteLine($"  {phase}: {options.Orders} orders in {drain.TotalSeconds:F1} s: {burst.OrdersPerSecond:F0} orders/s, {burst.CpuMsPerOrder:F2} ms CPU per order, " +
                          $"{burst.CoresBusy:P0} of the cores busy, {burst.Jit.TotalSeconds:F1} s compiling");
        return burst;
    }

    private static async Task WaitUntilSettledAsync(PerfEngine engine)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((await engine.Engine.GetUnfinishedOrdersAsync()) is { } unfinished && (!unfinished.Loaded || unfinished.EntityIds.Count > 0))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{unfinished.EntityIds.Count} orders still owe SAP their post two minutes after SAP had them all.");
            await Task.Delay(200);
        }
    }

    private async Task<NaiveRun> RunNaiveAsync()
    {
        // It runs after the engines in the same process: what they left for the collector is collected first, so the
        // naive run does not pay for it (its rate varied from 1,020 to 2,476 orders/s between runs without this).
        FreeSap.SettledHeap();
        await using var sap = await FreeSapAsync();
        var naive = new NaiveIntegration(sap.BaseAddress, OrderMapping.ForDemoCompany("magento"), options.NaiveWorkers);
        await naive.RunAsync(Orders("w", options.WarmUp).Select(o => (o, DateTime.UtcNow)).ToList(), CancellationToken.None);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await naive.RunAsync(Orders("", options.Orders).Select(o => (o, DateTime.UtcNow)).ToList(), CancellationToken.None);
        process.Refresh();
        var run = new NaiveRun(options.Orders, options.NaiveWorkers, clock.Elapsed, process.TotalProcessorTime - cpuBefore, result.Posted);
        Console.WriteLine($"Naive ({options.NaiveWorkers} workers): {run.Posted} orders in {run.Drain.TotalSeconds:F1} s: {run.OrdersPerSecond:F0} orders/s, {run.CpuMsPerOrder:F2} ms CPU per order");
        return run;
    }

    /// <summary>What the quick mode asserts: every order once in SAP, three events per order, every row decoded.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<EngineRun> runs)
    {
        var total = Total;
        var problems = new List<string>();
        foreach (var r in runs)
        {
            if (r.SapOrders != total) problems.Add($"{r.Database}: {r.SapOrders} of {total} orders in SAP");
            if (r.Duplicates != 0) problems.Add($"{r.Database}: {r.Duplicates} orders posted twice");
            if (r.Rows.Events != 3L * total) problems.Add($"{r.Database}: {r.Rows.Events} order events journaled for {total} orders (3 each expected)");
        }
        return problems;
    }

    public string Render(IReadOnlyList<EngineRun> runs, NaiveRun naive)
    {
        var total = Total;
        string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);
        string Cells(Func<EngineRun, string> cell) => string.Join(" | ", runs.Select(cell));
        var header = string.Join(" | ", runs.Select(r => $"engine, {r.Database}"));
        var align = string.Join("|", runs.Select(_ => "---:"));
        var ratios = string.Join(" | ", runs.Select(r => $"{r.Database} / naive"));
        string Ratio(Func<EngineRun, double> engine, double naiveValue) => string.Join(" | ", runs.Select(r => F(engine(r) / naiveValue, "F2")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            ## Journal: the engine's own ceiling, events, bytes and memory

            Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- journal --orders {options.Orders}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
            {ResultsFile.Machine(_loadAtStart)}

            SAP's cost switched off (the emulator's capacity model off, in the same process), so **the engine is the bottleneck
            here, not SAP**. After {options.WarmUp} warm-up orders, two bursts of {options.Orders} generated orders (one to three
            lines, three VAT rates, fractional prices), one after the other: the first while .NET is still recompiling the
            hot code at its optimised tier (the JIT's compile time in each burst is in the table), the second once it has, the
            ceiling of a service that has been running a while. Then SAP goes down, {options.HeldOrders} more are accepted and
            held in flight, the heap is measured, and SAP comes back. The naive integration posts one burst of the same size
            with {naive.Workers} workers, one request per order and no journal (a second burst would measure the emulator's
            duplicate check, which scans every order it holds). CPU is the whole process's, the emulator's included; "cores
            busy" is that CPU over the burst's time and the machine's cores, so near 100 % the CPU was the limit. The journals
            run in the order of the table in one process, so a later journal's first burst finds much of the code compiled;
            PostgreSQL's server shares the two cores and its CPU is in none of these figures.

            | | {header} | naive | {ratios} |
            |---|{align}|---:|{align}|
            | orders/s, first burst | {Cells(r => F(r.First.OrdersPerSecond, "F0"))} | {F(naive.OrdersPerSecond, "F0")} | {Ratio(r => r.First.OrdersPerSecond, naive.OrdersPerSecond)} |
            | orders/s, second burst (steady) | {Cells(r => F(r.Steady.OrdersPerSecond, "F0"))} | | {Ratio(r => r.Steady.OrdersPerSecond, naive.OrdersPerSecond)} |
            | CPU ms per order, first / second | {Cells(r => $"{F(r.First.CpuMsPerOrder, "F2")} / {F(r.Steady.CpuMsPerOrder, "F2")}")} | {F(naive.CpuMsPerOrder, "F2")} | {Ratio(r => r.First.CpuMsPerOrder, naive.CpuMsPerOrder)} |
            | cores busy, first / second | {Cells(r => $"{F(100 * r.First.CoresBusy, "F0")} % / {F(100 * r.Steady.CoresBusy, "F0")} %")} | | |
            | JIT compiling, first / second | {Cells(r => $"{F(r.First.Jit.TotalSeconds)} s / {F(r.Steady.Jit.TotalSeconds)} s")} | | |
            | journal events/s, second burst | {Cells(r => F(r.Rows.Events / (double)total * r.Steady.OrdersPerSecond, "F0"))} | | |
            | events per order | {Cells(r => F(r.Rows.Events / (double)total, "F2"))} | | |
            | payload bytes per order | {Cells(r => F(r.Rows.Bytes / (double)total, "F0"))} | | |
            | largest event (bytes) | {Cells(r => r.Rows.LargestEvent.ToString(CultureInfo.InvariantCulture))} | | |
            | heap per 100,000 orders in flight | {Cells(r => $"{F(r.HeapPerHeldOrder * 100_000 / 1048576.0, "F0")} MiB")} | | |
            | drain of the held burst after SAP returns | {Cells(r => $"{F(r.HeldDrain.TotalSeconds)} s")} | | |
            | orders in SAP / posted twice | {Cells(r => $"{r.SapOrders} / {r.Duplicates}")} | {naive.Posted} / | |

            Payload bytes are the versioned format (short manifests, plain JSON, deflated above {JournalCodec.CompressAbove} bytes);
            the same events in Akka's default JSON (the format before it) would be {Cells(r => F(r.Rows.LegacyBytes / (double)total, "F0"))}
            bytes per order ({Cells(r => F(r.Rows.Bytes / (double)r.Rows.LegacyBytes, "F2"))} of it).{(runs.FirstOrDefault(r => r.Rows.FileBytes is not null) is { } s ? $" The SQLite file, with its row, index and tag overhead, holds {F(s.Rows.FileBytes!.Value / (double)total, "F0")} bytes per order." : "")}
            The heap figure is the managed heap after a full compacting collection, with the burst held against before it:
            the order entities, their state and what the journal and sharding keep for them.
            """);
    }

    /// <summary>Every journal row read back and decoded, on SQLite or PostgreSQL; sizes of the order entities' rows.</summary>
    internal static JournalRows Read(DbConnection connection, string? sqliteFile)
    {
        var contracts = JournalHostingExtensions.Areas.ToDictionary(a => a.Identifier, a => a.Contract);
        using var system = ActorSystem.Create("journal-read", "akka.loglevel = WARNING");
        var legacy = new NewtonSoftJsonSerializer((ExtendedActorSystem)system);
        long events = 0, others = 0, bytes = 0, legacyBytes = 0, largest = 0, largestLegacy = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "select identifier, manifest, message, persistence_id from journal";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var payload = (byte[])reader["message"];
            var value = JournalCodec.Read(contracts[reader.GetInt32(0)], reader.GetString(1), payload);
            // Every row must decode; only the orders' own rows are measured per order.
            if (!reader.GetString(3).StartsWith(OrderEntity.PersistencePrefix, StringComparison.Ordinal)) { others++; continue; }
            var before = legacy.ToBinary(value).Length;
            events++;
            bytes += payload.Length;
            legacyBytes += before;
            largest = Math.Max(largest, payload.Length);
            largestLegacy = Math.Max(largestLegacy, before);
        }
        long? fileBytes = sqliteFile is null ? null : PerfJournals.SqliteFileBytes(sqliteFile);
        return new JournalRows(events, bytes, legacyBytes, largest, largestLegacy, others, fileBytes);
    }
}

/// <summary>Fresh journals for a scenario: a new SQLite file, or a new database on the PostgreSQL server of <c>ACTORSYNC_TEST_POSTGRES</c>.</summary>
public static class PerfJournals
{
    public static async Task<PersistenceSettings> NewAsync(string database)
    {
        if (database != "postgresql") return PerfEngine.NewSqliteJournal();
        var server = Environment.GetEnvironmentVariable("ACTORSYNC_TEST_POSTGRES")
            ?? throw new InvalidOperationException("The postgresql journal needs ACTORSYNC_TEST_POSTGRES (the output of scripts/postgres.sh start).");
        var name = $"perf_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new PersistenceSettings { Provider = PersistenceProvider.PostgreSql,
            ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString };
    }

    /// <summary>A SQLite journal's size on disk: the file and its write-ahead log.</summary>
    public static long SqliteFileBytes(string file) =>
        new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);

    /// <summary>Reads the journal back after the engine stopped (SQLite opened read-only).</summary>
    public static async Task<JournalScenario.JournalRows> ReadAsync(string database, PersistenceSettings journal)
    {
        if (database == "postgresql")
        {
            await using var pg = new Npgsql.NpgsqlConnection(journal.ConnectionString);
            await pg.OpenAsync();
            return JournalScenario.Read(pg, null);
        }
        var file = new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource;
        await using var sqlite = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        return JournalScenario.Read(sqlite, file);
    }
}

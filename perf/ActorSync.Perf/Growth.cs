using System.Diagnostics;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Host.Demo;
using Microsoft.Data.Sqlite;

namespace ActorSync.Perf;

/// <summary>
/// The growth scenario (issue 12, scenario 5): how the engine's time and memory grow with the burst and with the
/// catalogue. Two series, each point on a fresh company, a fresh SQLite journal and SAP's cost switched off (so the
/// engine, not SAP, sets the pace): bursts of growing size over one catalogue, and one burst over growing catalogues
/// (orders spread over every item, so master data look-ups miss as a big catalogue would make them). The naive
/// integration posts the same orders against its own fresh company at each point. A line that stays flat is what
/// "grows linearly" looks like here: time per order and memory per order should not rise with the size.
/// </summary>
public sealed class Growth(Growth.Options options)
{
    /// <param name="NaiveUpTo">The largest burst the naive integration posts: its check-then-insert asks the emulator for
    /// NumAtCard, which the emulator answers by scanning every document, so past this the naive run would measure the
    /// emulator's scan (quadratic), not the integration.</param>
    public sealed record Options(IReadOnlyList<int> Bursts, int BurstCatalogue, IReadOnlyList<int> Catalogues, int CatalogueBurst, int WarmUp, int NaiveWorkers, bool Quick, int NaiveUpTo = 20_000);

    public static Options Full { get; } = new([1_000, 10_000, 100_000], 10_000, [10_000, 100_000, 1_000_000], 10_000, 500, 16, false);
    public static Options QuickRun { get; } = new([200, 1_000], 2_000, [2_000, 20_000], 500, 50, 16, true);

    /// <param name="Series">"burst" (size = orders) or "catalogue" (size = items).</param>
    /// <param name="RetainedHeap">Managed heap after the drain, settled, less the same once the engine has stopped (what the emulated SAP holds excluded).</param>
    /// <param name="PeakWorkingSet">The process's peak working set during the burst, less the working set before the engine started.</param>
    /// <param name="GcPause">Time the runtime paused the process for collections during the burst, and <paramref name="FullCollections"/> how many
    /// of them were full (generation 2): what a bigger live heap (a bigger catalogue in master data and in the emulated SAP) costs.</param>
    /// <param name="Jit">The JIT's compile time during the burst: high on the first points, while hot code is recompiled at its optimised tier.</param>
    public sealed record Point(string Series, int Size, int Orders, int Items, TimeSpan EngineDrain, TimeSpan EngineCpu, long RetainedHeap, long PeakWorkingSet,
        long JournalBytes, long InSap, long Duplicates, TimeSpan NaiveDrain, int NaivePosted, TimeSpan GcPause = default, int FullCollections = 0, TimeSpan Jit = default)
    {
        public double EngineMsPerOrder => EngineDrain.TotalMilliseconds / Orders;
        public double NaiveMsPerOrder => NaiveDrain.TotalMilliseconds / Math.Max(1, NaivePosted);
    }

    private readonly string _loadAtStart = ResultsFile.LoadAverage();

    public async Task<IReadOnlyList<Point>> RunAsync()
    {
        var points = new List<Point>();
        foreach (var orders in options.Bursts) points.Add(await RunPointAsync("burst", orders, options.BurstCatalogue, orders));
        foreach (var items in options.Catalogues) points.Add(await RunPointAsync("catalogue", items, items, options.CatalogueBurst));
        return points;
    }

    private async Task<Point> RunPointAsync(string series, int size, int items, int orders)
    {
        Console.WriteLine($"Growth ({series} {size:N0}): {orders:N0} orders over {items:N0} items, SAP's cost off");
        var generator = new DemoOrderGenerator(items);
        var burst = generator.Generate(orders).ToList();
        var journal = PerfEngine.NewSqliteJournal();
        TimeSpan drain, cpu, gcPause, jit;
        long retained, peak, inSap, duplicates;
        int fullCollections;
        await using (var sap = await FreeSap.StartAsync(items))
        {
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var workingSetBefore = process.WorkingSet64;
            long peakSeen = workingSetBefore;
            void Sample()
            {
                process.Refresh();
                peakSeen = Math.Max(peakSeen, process.WorkingSet64);
            }
            await using (var engine = await PerfEngine.StartAsync(PerfEngine.Settings(sap, journal, sessions: 4)))
            {
                await engine.SubmitAllAsync(generator.Generate(options.WarmUp, idPrefix: "w").ToList());
                await FreeSap.WaitForOrdersAsync(sap, options.WarmUp, "warm-up");
                var cpuBefore = process.TotalProcessorTime;
                var (pauseBefore, fullBefore, jitBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2), System.Runtime.JitInfo.GetCompilationTime());
                var clock = Stopwatch.StartNew();
                using var sampler = new Timer(_ => Sample(), null, 0, 250);
                await engine.SubmitAllAsync(burst);
                await FreeSap.WaitForOrdersAsync(sap, options.WarmUp + orders, "burst", clock);
                drain = clock.Elapsed;
                process.Refresh();
                cpu = process.TotalProcessorTime - cpuBefore;
                (gcPause, fullCollections, jit) = (GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - fullBefore, System.Runtime.JitInfo.GetCompilationTime() - jitBefore);
                Sample();
                retained = FreeSap.SettledHeap();
            }
            // The emulated SAP lives in this process and keeps every document posted: what the heap still holds once
            // the engine has stopped is SAP's, so the engine's share is the difference.
            retained -= FreeSap.SettledHeap();
            peak = peakSeen - workingSetBefore;
            var stats = sap.GetStats();
            duplicates = stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
            inSap = stats.DocumentsCreated.GetValueOrDefault("Orders") - duplicates - options.WarmUp;
        }
        var file = new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource;
        var journalBytes = PerfJournals.SqliteFileBytes(file);

        var (naiveDrain, naivePosted) = orders <= options.NaiveUpTo ? await RunNaiveAsync(items, burst) : (TimeSpan.Zero, -1);
        var point = new Point(series, size, orders, items, drain, cpu, retained, peak, journalBytes, inSap, duplicates, naiveDrain, naivePosted, gcPause, fullCollections, jit);
        Console.WriteLine($"  engine {point.EngineMsPerOrder:F2} ms/order ({orders / drain.TotalSeconds:F0}/s), GC paused {gcPause.TotalSeconds:F2} s ({fullCollections} full), JIT {jit.TotalSeconds:F1} s, retained heap {retained / 1048576.0:F0} MiB, " +
                          $"peak working set +{peak / 1048576.0:F0} MiB; naive {(naivePosted < 0 ? "not run" : $"{point.NaiveMsPerOrder:F2} ms/order")}");
        return point;
    }

    private async Task<(TimeSpan Drain, int Posted)> RunNaiveAsync(int items, IReadOnlyList<ChannelOrder> burst)
    {
        await using var sap = await FreeSap.StartAsync(items);
        var naive = new NaiveIntegration(sap.BaseAddress, OrderMapping.ForDemoCompany("magento"), options.NaiveWorkers);
        var clock = Stopwatch.StartNew();
        var result = await naive.RunAsync(burst.Select(o => (o, DateTime.UtcNow)).ToList(), CancellationToken.None);
        return (clock.Elapsed, result.Posted);
    }

    /// <summary>What the quick mode asserts: every order of every point once in SAP, for both integrations.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Point> points) =>
        points.SelectMany(p => new[]
        {
            p.InSap != p.Orders ? $"{p.Series} {p.Size}: engine put {p.InSap} of {p.Orders} orders in SAP" : null,
            p.Duplicates != 0 ? $"{p.Series} {p.Size}: engine posted {p.Duplicates} twice" : null,
            p.NaivePosted >= 0 && p.NaivePosted != p.Orders ? $"{p.Series} {p.Size}: naive posted {p.NaivePosted} of {p.Orders}" : null,
        }).OfType<string>().ToList();

    public string Render(IReadOnlyList<Point> points, string chart)
    {
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        string Rows(string series) => string.Join("\n", points.Where(p => p.Series == series).Select(p =>
            $"| {p.Size:N0} | {p.Orders:N0} | {p.Items:N0} | {F(p.EngineDrain.TotalSeconds, "F1")} s | {F(p.EngineMsPerOrder, "F2")} | {F(p.EngineCpu.TotalMilliseconds / p.Orders, "F2")} | " +
            $"{F(p.GcPause.TotalMilliseconds / p.Orders, "F3")} ({p.FullCollections}) | {F(p.Jit.TotalSeconds, "F1")} s | " +
            $"{F(p.RetainedHeap / 1048576.0, "F0")} MiB | {F(p.PeakWorkingSet / 1048576.0, "F0")} MiB | {F(p.JournalBytes / (double)p.Orders, "F0")} | {(p.NaivePosted < 0 ? "not run" : F(p.NaiveMsPerOrder, "F2"))} | {(p.NaivePosted < 0 ? "" : F(p.EngineMsPerOrder / p.NaiveMsPerOrder, "F2"))} |"));
        const string header = "| size | orders | items | engine drain | engine ms/order | engine CPU ms/order | GC pause ms/order (full GCs) | JIT during burst | heap retained | peak working set added | journal bytes/order | naive ms/order | engine / naive |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        return string.Create(CultureInfo.InvariantCulture, $"""
            ## Growth: bursts and catalogues

            Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- growth` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
            {ResultsFile.Machine(_loadAtStart)}

            Every point on a fresh company and a fresh SQLite journal, SAP's cost switched off, so **the engine is the bottleneck**
            (the naive integration, one request per order with {options.NaiveWorkers} workers and no journal, shows what SAP's
            emulator itself takes; it is not run above {options.NaiveUpTo:N0} orders, where its NumAtCard check would measure the
            emulator's scan of every document, not the integration). {options.WarmUp} warm-up orders before each burst, not counted. "Heap retained" is the managed
            heap after the drain less the same once the engine has stopped (the emulated SAP, in the same process, keeps
            every document posted; that is excluded); order entities passivate once posted. "Peak working set added" is the process's peak during the
            burst less before the engine started. "GC pause" is the time the runtime stopped the process for collections during the
            burst, per order, with how many were full ones; "JIT" the compile time during the burst (high while hot code is
            recompiled at its optimised tier).

            Bursts over {options.BurstCatalogue:N0} items:

            {header}
            {Rows("burst")}

            A burst of {options.CatalogueBurst:N0} orders over growing catalogues (lines spread over every item, so the engine's
            master data look-ups meet an item they have not seen as often as a catalogue that size would make them):

            {header}
            {Rows("catalogue")}

            ![Time per order and memory against size]({chart})
            """);
    }
}

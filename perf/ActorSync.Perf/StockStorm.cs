using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.StockPublishing;
using ActorSync.Host.Demo;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf;

/// <summary>
/// A stock storm (issue 11): a company of items × 5 warehouses, the engine's first publish of it to BigCommerce,
/// Magento and Sitoo (their quotas and 429s on), then a burst of stock moves made in SAP (each writing its stock audit
/// row). The engine (sweep, audit view, one coalescing publisher per channel) and a naive publisher (one call per
/// change) each get a fresh copy of the same company and the same burst.
/// </summary>
public sealed class StockStorm(StockStorm.Options options)
{
    public sealed record Options(int Items, int Changes, TimeSpan BurstOver, TimeSpan Window, TimeSpan NaiveBudget, TimeSpan Deadline, bool Quick);

    /// <summary>200,000 items × 5 warehouses = 1,000,000 positions; 300,000 moves over 20 s; the channels' real quotas (per 30 s).</summary>
    public static Options Full => new(200_000, 300_000, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(20), false);

    /// <summary>CI: 2,000 items, 6,000 moves, the quotas' windows cut to 3 s; correctness only.</summary>
    public static Options QuickRun => new(2_000, 6_000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(40), true);

    public sealed record ShopResult(string Channel, long RelevantChanges, long MustSend, long Delivered, long ItemsSent, long WriteCalls, long Requests,
        long MinCalls, long RateLimited, double LagP50Ms, double LagP99Ms, long Pending)
    {
        /// <summary>From the burst's start to this location's last write of a changed SKU.</summary>
        public double LastWriteSeconds { get; init; }
    }

    public sealed record RunResult(string Name, bool Drained, TimeSpan Drain, IReadOnlyList<ShopResult> Shops, long BaselineWorkingSet, long PeakWorkingSet,
        long BaselineHeap, long PeakHeap, TimeSpan? FirstPublish, long FirstPublishCalls, int Differences, long OwedLeft, string? FirstDifference);

    public int Positions => options.Items * 5;

    public async Task<(RunResult Engine, RunResult? Naive)> RunAsync()
    {
        var moves = StormWorld.Moves(options.Items, options.Changes);
        Console.WriteLine($"Stock storm: {options.Items} items × 5 warehouses = {Positions} SKU × warehouse positions, {options.Changes} stock moves over " +
                          $"{options.BurstOver.TotalSeconds:F0} s; channel quotas per {options.Window.TotalSeconds:F0} s window");
        var engine = await RunEngineAsync(moves);
        Report(engine);
        if (engine.Differences > 0 && options.Quick) return (engine, null);
        var naive = await RunNaiveAsync(moves);
        Report(naive);
        return (engine, naive);
    }

    private async Task<RunResult> RunEngineAsync(List<(int Item, string Warehouse, decimal Delta)> moves)
    {
        await using var world = await StormWorld.StartAsync(options.Items, options.Window);
        var (baseWs, baseHeap) = Baseline();
        var memory = new PeakMemory();
        var settings = new EngineSettings
        {
            Persistence = Journal(),
            ServiceLayer = new ServiceLayerOptions { BaseUrl = world.Sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" },
            StockPublishing = world.PublishingSettings(new SapStockSettings
            {
                PollInterval = TimeSpan.FromMilliseconds(500), SweepInterval = TimeSpan.FromHours(6), PageSize = 1000, AuditPageSize = 5000,
            }),
        };
        settings.Orders.Mapping = OrderMapping.ForDemoCompany("magento", "bigcommerce", "sitoo") with { Locations = DemoStock.Locations };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Akka's own INFO lines (cluster start and stop) would bury the progress lines.
        builder.Services.AddActorSyncEngine(settings, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon")) + "\nakka.loglevel = WARNING\n");
        using var host = builder.Build();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        var publishing = host.Services.GetRequiredService<StockPublishingClient>();

        // The first publish: the start-up sweep reads every item and each location is told what it may sell.
        TimeSpan? firstPublish = null;
        while (clock.Elapsed < options.Deadline)
        {
            await Task.Delay(1000);
            var overview = await publishing.GetAsync(CancellationToken.None);
            Progress("engine first publish", clock, overview, null);
            if (overview.Reader is { Sweeps: >= 1, Sweeping: false } && overview.Channels.All(c => c.Owed == 0 && c.State == "idle") && world.Behind() == 0)
            {
                firstPublish = clock.Elapsed;
                break;
            }
        }

        var firstCalls = world.Shops.Sum(s => s.Inventory.Calls);
        var before = Counters(world);
        world.StartRecording();
        var burstAt = Stopwatch.GetTimestamp();
        var burst = world.BurstAsync(moves, options.BurstOver, Slices);
        var drainClock = Stopwatch.StartNew();
        var drained = false;
        while (drainClock.Elapsed < options.Deadline)
        {
            await Task.Delay(500);
            var behind = world.Behind();
            if (drainClock.Elapsed.TotalSeconds % 2 < 0.5 || (burst.IsCompleted && behind == 0))
                Progress("engine burst", drainClock, await publishing.GetAsync(CancellationToken.None), behind);
            if (burst.IsCompleted && behind == 0)
            {
                drained = true;
                break;
            }
        }

        await burst;
        var differences = world.Differences();
        var final = await publishing.GetAsync(CancellationToken.None);
        await host.StopAsync();
        await memory.DisposeAsync();
        return Summarise("engine", world, before, burstAt, drained, memory, baseWs, baseHeap, differences, final.Channels.Sum(c => c.Owed)) with
        {
            FirstPublish = firstPublish, FirstPublishCalls = firstCalls,
        };
    }

    private async Task<RunResult> RunNaiveAsync(List<(int Item, string Warehouse, decimal Delta)> moves)
    {
        await using var world = await StormWorld.StartAsync(options.Items, options.Window);
        world.SeedChannelsFromSap();
        var (baseWs, baseHeap) = Baseline();
        var memory = new PeakMemory();
        var before = Counters(world);
        world.StartRecording();
        var changes = new ConcurrentQueue<(int Item, string Warehouse, long At)>();
        using var budget = new CancellationTokenSource(options.NaiveBudget);
        var burstAt = Stopwatch.GetTimestamp();
        var burst = world.BurstAsync(moves, options.BurstOver, Slices, changes);
        var naive = new StockStormNaive(world).RunAsync(changes, () => burst.IsCompleted, budget.Token);
        var clock = Stopwatch.StartNew();
        while (!naive.IsCompleted)
        {
            await Task.WhenAny(naive, Task.Delay(2000));
            Console.WriteLine($"  [naive {clock.Elapsed.TotalSeconds,6:F1}s] {string.Join("; ", world.Shops.Select(s => $"{s.Channel} {s.Inventory.Calls - before[s.Channel].Calls} calls, {s.Stats().RateLimited - before[s.Channel].RateLimited} 429s"))}");
        }

        var results = await naive;
        await burst;
        await memory.DisposeAsync();
        var drained = results.All(r => r.Pending == 0) && !budget.IsCancellationRequested;
        var run = Summarise("naive", world, before, burstAt, drained, memory, baseWs, baseHeap, [], results.Sum(r => r.Pending));
        return run with
        {
            Shops = run.Shops.Select((s, i) => s with { Pending = results[i].Pending }).ToList(),
            Drain = drained ? run.Drain : clock.Elapsed,
        };
    }

    private int Slices => options.Quick ? 20 : 100;

    /// <summary>
    /// A publisher's memory per SKU of a location, measured alone (GC heap after a full collection, before and after):
    /// its journaled state once every SKU was told (an immutable map, so a restart can replay it), and its owed set
    /// with every SKU owed at once (the first publish). SKU strings are fresh copies, as read from SAP.
    /// </summary>
    public (double Told, double Owed) StateBytesPerSku()
    {
        var skus = Enumerable.Range(1, options.Items).Select(n => new string($"ITM{n:D6}".AsSpan())).ToArray();
        var at = DateTimeOffset.UtcNow;
        var before = GC.GetTotalMemory(true);
        var state = StockPublisherState.Empty;
        foreach (var chunk in skus.Chunk(2000))
            state = state.ProcessEvent(new StockPublisherEvents.StockTold("1", chunk.Select(s => new ToldQuantity(new string(s.AsSpan()), 12.5m)).ToImmutableList(), at));
        var told = GC.GetTotalMemory(true) - before;
        before = GC.GetTotalMemory(true);
        var owed = new OwedStock();
        foreach (var sku in skus) owed.Offer(new StockTarget("1", new string(sku.AsSpan()), 7.25m), StockPublisherState.Empty, at);
        var owedBytes = GC.GetTotalMemory(true) - before;
        GC.KeepAlive(state);
        GC.KeepAlive(owed);
        return (told / (double)skus.Length, owedBytes / (double)skus.Length);
    }

    private static (long WorkingSet, long Heap) Baseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return (Environment.WorkingSet, GC.GetTotalMemory(true));
    }

    private static PersistenceSettings Journal()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-perf");
        Directory.CreateDirectory(folder);
        return new PersistenceSettings { ConnectionString = $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}" };
    }

    private sealed record Counts(long Calls, long Items, long Requests, long RateLimited);

    private static Dictionary<string, Counts> Counters(StormWorld world) => world.Shops.ToDictionary(s => s.Channel, s =>
    {
        var stats = s.Stats();
        return new Counts(s.Inventory.Calls, s.Inventory.Items, stats.Requests.Values.Sum(), stats.RateLimited);
    });

    private static RunResult Summarise(string name, StormWorld world, Dictionary<string, Counts> before, long burstAt, bool drained, PeakMemory memory,
        long baseWs, long baseHeap, List<string> differences, long owedLeft)
    {
        var lastWrite = burstAt;
        var shops = new List<ShopResult>();
        foreach (var shop in world.Shops)
        {
            var shopLastWrite = burstAt;
            var lags = new List<double>();
            long mustSend = 0, delivered = 0;
            for (var i = 0; i < world.Items.Length; i++)
            {
                if (shop.Expected[i] == shop.Before[i]) continue;
                mustSend++;
                if (StormWorld.Shown(shop, world.Items[i]) != shop.Expected[i]) continue;
                delivered++;
                // The channel held SAP's last value from its last write, or already before SAP's last change made it so.
                lags.Add(Math.Max(0, Stopwatch.GetElapsedTime(shop.ChangedAt[i], Math.Max(shop.WrittenAt[i], shop.ChangedAt[i])).TotalMilliseconds));
                shopLastWrite = Math.Max(shopLastWrite, shop.WrittenAt[i]);
            }

            lags.Sort();
            double Percentile(double p) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
            var stats = shop.Stats();
            var was = before[shop.Channel];
            shops.Add(new ShopResult(shop.Channel, shop.RelevantChanges, mustSend, delivered, shop.Inventory.Items - was.Items, shop.Inventory.Calls - was.Calls,
                stats.Requests.Values.Sum() - was.Requests, (mustSend + shop.PerCall - 1) / shop.PerCall, stats.RateLimited - was.RateLimited,
                Percentile(0.50), Percentile(0.99), 0) { LastWriteSeconds = Stopwatch.GetElapsedTime(burstAt, shopLastWrite).TotalSeconds });
            lastWrite = Math.Max(lastWrite, shopLastWrite);
        }

        return new RunResult(name, drained, Stopwatch.GetElapsedTime(burstAt, lastWrite), shops, baseWs, memory.WorkingSet, baseHeap, memory.Heap,
            null, 0, differences.Count, owedLeft, differences.FirstOrDefault());
    }

    private static void Progress(string phase, Stopwatch clock, StockPublishingOverview overview, int? behind) =>
        Console.WriteLine($"  [{phase} {clock.Elapsed.TotalSeconds,6:F1}s] " +
                          (overview.Reader is { } r ? $"SAP read {r.ItemsRead} items (audit {r.AuditTransNum}){(r.Sweeping ? ", sweeping" : "")}; " : "") +
                          string.Join("; ", overview.Channels.Select(c => $"{c.Channel} {c.CallsThisRun} calls {c.ItemsSentThisRun} items owed {c.Owed} 429s {c.RateLimited}")) +
                          (behind is { } b ? $"; {b} positions behind SAP" : "") +
                          $"; {Environment.WorkingSet / (1024 * 1024)} MiB");

    private static void Report(RunResult r) =>
        Console.WriteLine($"{r.Name}: {(r.Drained ? "drained" : "NOT drained")} in {r.Drain.TotalSeconds:F1} s; " +
                          string.Join("; ", r.Shops.Select(s => $"{s.Channel} {s.WriteCalls} calls (min {s.MinCalls}) {s.ItemsSent} items for {s.RelevantChanges} changes, " +
                                                                $"{s.RateLimited} 429s, lag p50 {s.LagP50Ms:F0} ms p99 {s.LagP99Ms:F0} ms, {s.Pending} pending")) +
                          $"; peak working set {r.PeakWorkingSet / (1024 * 1024)} MiB (before {r.BaselineWorkingSet / (1024 * 1024)}), {r.Differences} positions differ from SAP");

    public string Render(RunResult e, RunResult n, (double Told, double Owed) perSku)
    {
        static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture);
        static string Ratio(double a, double b) => b == 0 || double.IsNaN(a) || double.IsNaN(b) ? "n/a" : (a / b).ToString("F3", CultureInfo.InvariantCulture);
        var rows = new List<string>();
        var naiveProjected = 0.0;
        foreach (var (es, ns) in e.Shops.Zip(n.Shops))
        {
            // The naive publisher owes one call per change; what it got through in its run gives its pace.
            var processed = ns.RelevantChanges - ns.Pending;
            var projected = n.Drained ? n.Drain.TotalSeconds : processed > 0 ? ns.RelevantChanges / (processed / n.Drain.TotalSeconds) : double.NaN;
            naiveProjected = Math.Max(naiveProjected, projected);
            rows.Add($"| {es.Channel}: changes in its sellable warehouses | {es.RelevantChanges} | {ns.RelevantChanges} | |");
            rows.Add($"| {es.Channel}: SKUs whose quantity changed (must be sent) | {es.MustSend} | {ns.MustSend} | |");
            rows.Add($"| {es.Channel}: stock calls made (quota-implied minimum {es.MinCalls}) | {es.WriteCalls} | {ns.WriteCalls}{(n.Drained ? "" : $" of {ns.RelevantChanges} needed")} | {Ratio(es.WriteCalls, n.Drained ? ns.WriteCalls : ns.RelevantChanges)} |");
            rows.Add($"| {es.Channel}: time to drain at the pace reached | {es.LastWriteSeconds:F0} s | {(n.Drained ? "" : "projected ")}{projected:F0} s | {Ratio(es.LastWriteSeconds, projected)} |");
            rows.Add($"| {es.Channel}: all API requests (reads, 429s included) | {es.Requests} | {ns.Requests} | {Ratio(es.Requests, ns.Requests)} |");
            rows.Add($"| {es.Channel}: items sent; coalescing ratio (changes / items) | {es.ItemsSent}; {Ratio(es.RelevantChanges, es.ItemsSent)} | {ns.ItemsSent}; 1 (a call per change) | |");
            rows.Add($"| {es.Channel}: 429s received | {es.RateLimited} | {ns.RateLimited} | |");
            rows.Add($"| {es.Channel}: publish lag p50 / p99 | {es.LagP50Ms / 1000:F1} s / {es.LagP99Ms / 1000:F1} s | {ns.LagP50Ms / 1000:F1} s / {ns.LagP99Ms / 1000:F1} s{(n.Drained ? "" : " (of the few delivered)")} | {(n.Drained ? Ratio(es.LagP99Ms, ns.LagP99Ms) + " (p99)" : "n/a")} |");
            rows.Add($"| {es.Channel}: SKUs holding SAP's value / calls still queued | {es.Delivered} of {es.MustSend} / 0 | {ns.Delivered} of {ns.MustSend} / {ns.Pending} | |");
        }

        var naiveDrain = n.Drained
            ? $"{n.Drain.TotalSeconds:F1} s"
            : $"not drained: stopped after {n.Drain.TotalSeconds:F0} s with {n.OwedLeft} calls queued; projected {naiveProjected / 3600:F1} h";
        var machine = ResultsFile.MachineDescription +
                      // Shared machines: the load says how much of the cores the run had.
                      (File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} when the report was written" : "");
        return $"""
            ## Stock storm

            Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- stock-storm{(options.Items == Full.Items && options.Changes == Full.Changes ? "" : $" --items {options.Items} --changes {options.Changes}")}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
            Machine: {machine}.

            {options.Items} items × 5 warehouses = {Positions} SKU × warehouse positions in the emulated SAP company; three channel locations
            (BigCommerce location 1 sells 01 + 03 less 2, Magento source `default` sells 01, Sitoo warehouse 1 sells 02; quarantine and damaged
            nowhere), each channel emulator with its quota on and answering 429 beyond it: BigCommerce 150, Magento 300, Sitoo 300 requests per
            {options.Window.TotalSeconds:F0} s, the publishers configured with the same. A burst of {options.Changes} stock moves made in SAP over
            {options.BurstOver.TotalSeconds:F0} s (sales and picks of 1–3, one in seven a receipt of 5–40; skewed to hot items; one in ten in quarantine
            or damaged), each writing its stock audit row. Engine: the start-up sweep and first publish, then the burst found through the audit view
            (`view.svc/StockAuditB1SLQuery`) and published by one coalescing publisher per channel. Naive: a fresh copy of the same company, the
            channels already holding SAP's figures, the same burst; one call per change (the engine's own channel clients, one item a call), four
            workers per channel, a 429 waited out and the call made again; it is handed each change as it happens and reads SAP in process (no audit
            polling, no Service Layer reads: generous). Its run is cut at {options.NaiveBudget.TotalSeconds:F0} s.

            Engine's first publish (sweep of every item, every location told): {(e.FirstPublish is { } fp ? $"{fp.TotalSeconds:F1} s, {e.FirstPublishCalls} stock calls" : "did not finish")}.

            | burst | engine | naive | engine / naive |
            |---|---:|---:|---:|
            | drain (burst start to the last position holding SAP's value) | {e.Drain.TotalSeconds:F1} s | {naiveDrain} | {Ratio(e.Drain.TotalSeconds, n.Drained ? n.Drain.TotalSeconds : naiveProjected)} |
            {string.Join("\n", rows)}
            | positions differing from SAP at the end | {e.Differences} | (not checked) | |
            | peak working set (process; before the run) | {Mib(e.PeakWorkingSet)} MiB ({Mib(e.BaselineWorkingSet)}) | {Mib(n.PeakWorkingSet)} MiB ({Mib(n.BaselineWorkingSet)}) | |
            | peak GC heap (before the run) | {Mib(e.PeakHeap)} MiB ({Mib(e.BaselineHeap)}) | {Mib(n.PeakHeap)} MiB ({Mib(n.BaselineHeap)}) | |

            A publisher's memory per SKU of a location, measured alone at {options.Items} SKUs: {perSku.Told:F0} bytes in its journaled state
            (what the location was told), {perSku.Owed:F0} bytes in its owed set while owed; for this run's three locations of {options.Items} SKUs,
            {perSku.Told * options.Items * 3 / (1024 * 1024):F0} MiB told and at most {perSku.Owed * options.Items * 3 / (1024 * 1024):F0} MiB owed.

            Quota-implied minimum: the SKUs whose sellable quantity changed, divided by the API's per-call limit (BigCommerce 2,000, Magento 500,
            Sitoo 1,000). Coalescing ratio: moves in the location's sellable warehouses per item sent. Publish lag: from the SAP move that last
            changed a position's sellable quantity to the channel's write of that value, over the positions whose quantity changed. Memory: the
            whole process, sampled every 100 ms (`Environment.WorkingSet`, `GC.GetTotalMemory`, server GC); the SAP and channel emulators run in the
            same process, so "before the run" (emulators started, company generated, nothing published) is what the engine's or naive run adds to.
            """;
    }
}

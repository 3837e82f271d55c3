using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.Host.Demo;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf;

/// <summary>
/// People first: the same burst of orders while people work in SAP, drained by the naive integration at several
/// fixed worker counts and by the engine with its adaptive limit. Each run gets a fresh copy of the same company and
/// the same people; their latency is measured alone first (idle) and then during the burst. A fixed setting is too
/// slow or crowds people out; the adaptive engine should drain near the capacity people leave free while their
/// latency stays near idle.
/// </summary>
public sealed class PeopleFirst(PeopleFirst.Options options)
{
    /// <param name="Users">People in SAP, each acting <paramref name="ActionsPerMinute"/> times a minute of SAP time.</param>
    /// <param name="EngineCap">The engine's session cap (its adaptive limit's maximum).</param>
    public sealed record Options(int Orders, int Items, double TimeScale, int Workers, int Users, double ActionsPerMinute, TimeSpan IdleFor,
        int[] NaiveWorkers, int EngineCap, TimeSpan Deadline, bool Quick);

    public static Options Full => new(2_000, 2_000, 0.1, 8, 60, 15, TimeSpan.FromSeconds(15), [1, 2, 4, 8, 16], 8, TimeSpan.FromMinutes(10), false);
    public static Options QuickRun => new(150, 300, 0.02, 8, 20, 15, TimeSpan.FromSeconds(3), [4], 8, TimeSpan.FromMinutes(3), true);

    public sealed record Run(string Name, int Orders, long Posted, long Duplicates, long Lost, TimeSpan Drain, double IdleP95Ms, double BusyP95Ms, long Requests, string? Limit)
    {
        public double OrdersPerSecond => Posted / Math.Max(Drain.TotalSeconds, 0.001);
        public double PeopleRatio => BusyP95Ms / Math.Max(IdleP95Ms, 0.001);
    }

    public async Task<IReadOnlyList<Run>> RunAsync()
    {
        var orders = new DemoOrderGenerator(options.Items).Generate(options.Orders).ToList();
        var capacity = Capacity();
        Console.WriteLine($"People first: {orders.Count} orders while {options.Users} people work in SAP ({options.ActionsPerMinute} actions a minute each), " +
                          $"{options.Workers} workers, time scale {options.TimeScale}, about {capacity.TheoreticalDocumentsPerSecond(2):F0} documents/s in all");
        var runs = new List<Run>();
        foreach (var workers in options.NaiveWorkers)
            runs.Add(await MeasureAsync($"naive, {workers} worker{(workers == 1 ? "" : "s")}", (sap, clock) => RunNaiveAsync(sap, orders, workers, clock)));
        runs.Add(await MeasureAsync($"engine, adaptive (cap {options.EngineCap})", (sap, clock) => RunEngineAsync(sap, orders, clock)));
        foreach (var run in runs) Console.WriteLine(Describe(run));
        return runs;
    }

    private CapacityOptions Capacity() => CapacityOptions.Calibrated(options.TimeScale) with { Workers = options.Workers };

    /// <summary>One integration on a fresh company: people alone for a while, then people and the burst together.</summary>
    private async Task<Run> MeasureAsync(string name, Func<ServiceLayerEmulator, Stopwatch, Task<(long Requests, string? Limit)>> drain)
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = options.Items },
            Capacity = Capacity(),
            MaxSessions = 64,
        });
        var people = new PeopleOptions(options.Users, options.ActionsPerMinute);
        sap.ApplyFaults(new FaultSettings { People = people });
        await Task.Delay(options.IdleFor);
        var idle = sap.GetStats().People!.All.P95Ms;

        sap.ApplyFaults(new FaultSettings { People = people }); // the same people, counted afresh for the burst
        var clock = Stopwatch.StartNew();
        var (requests, limit) = await drain(sap, clock);
        var elapsed = clock.Elapsed;
        var stats = sap.GetStats();
        var busy = stats.People!.All.P95Ms;
        sap.ApplyFaults(new FaultSettings { People = new PeopleOptions(0) });
        var created = stats.DocumentsCreated.GetValueOrDefault("Orders");
        var duplicates = stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
        return new Run(name, options.Orders, created - duplicates, duplicates, options.Orders - (created - duplicates), elapsed, idle, busy, requests, limit);
    }

    private async Task<(long, string?)> RunNaiveAsync(ServiceLayerEmulator sap, IReadOnlyList<ChannelOrder> orders, int workers, Stopwatch clock)
    {
        var naive = new NaiveIntegration(sap.BaseAddress, OrderMapping.ForDemoCompany("magento"), workers);
        using var deadline = new CancellationTokenSource(options.Deadline);
        var arrived = DateTime.UtcNow;
        var running = naive.RunAsync(orders.Select(o => (o, arrived)).ToList(), deadline.Token);
        await ShowProgressAsync(sap, clock, $"naive x{workers}", () => running.IsCompleted);
        return ((await running).Requests, null);
    }

    private async Task<(long, string?)> RunEngineAsync(ServiceLayerEmulator sap, IReadOnlyList<ChannelOrder> orders, Stopwatch clock)
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-perf");
        Directory.CreateDirectory(folder);
        var settings = new EngineSettings
        {
            Persistence = new PersistenceSettings { ConnectionString = $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}" },
            ServiceLayer = new ServiceLayerOptions { BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" },
            Gateway = { Sessions = options.EngineCap },
            Orders = { Mapping = OrderMapping.ForDemoCompany("magento") },
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon")) + "\nakka.loglevel = WARNING\n");
        using var host = builder.Build();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<SyncEngine>();
        clock.Restart(); // the host's start is not the burst's time
        var limits = new List<int>();
        var submitting = Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (order, ct) =>
        {
            var result = await engine.SubmitOrderAsync(order, ct);
            if (result.Code != CommandResultCode.Accepted) throw new InvalidOperationException($"{order.Key}: {result.Code} {result.Message}");
        });
        await ShowProgressAsync(sap, clock, "engine", () => submitting.IsCompleted, async () =>
        {
            var view = (await engine.GetGatewayStatsAsync()).Concurrency;
            if (view is not null) limits.Add(view.Limit);
            return view is null ? "" : $", limit {view.Limit} ({view.RecentMsPerDocument:F0} ms/doc, unloaded {view.UnloadedMsPerDocument:F0})";
        });
        await submitting;
        await host.StopAsync();
        var limit = limits.Count == 0 ? null : $"{limits.Min()}–{limits.Max()}, mean {limits.Average():F1}";
        return (sap.GetStats().Requests.Values.Sum(), limit);
    }

    private async Task ShowProgressAsync(ServiceLayerEmulator sap, Stopwatch clock, string name, Func<bool> producerDone, Func<Task<string>>? extra = null)
    {
        long last = -1;
        var lastChange = clock.Elapsed;
        while (clock.Elapsed < options.Deadline)
        {
            await Task.Delay(500);
            var stats = sap.GetStats();
            var distinct = stats.DocumentsCreated.GetValueOrDefault("Orders") - stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
            Console.WriteLine($"  [{name,-10} {clock.Elapsed.TotalSeconds,6:F1}s] {distinct,6}/{options.Orders} in SAP, people p95 {stats.People?.All.P95Ms,6:F1} ms" +
                              (extra is null ? "" : await extra()));
            if (distinct >= options.Orders) return;
            if (distinct != last) (last, lastChange) = (distinct, clock.Elapsed);
            if (producerDone() && clock.Elapsed - lastChange > TimeSpan.FromSeconds(3)) return;
        }
    }

    private static string Describe(Run r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Name}: {r.Posted}/{r.Orders} in SAP, {r.Duplicates} duplicates, {r.Lost} lost, drain {r.Drain.TotalSeconds:F1} s ({r.OrdersPerSecond:F0}/s), " +
        $"people p95 {r.BusyP95Ms:F1} ms against {r.IdleP95Ms:F1} idle ({r.PeopleRatio:F2}x){(r.Limit is null ? "" : $", limit {r.Limit}")}");

    public string Render(IReadOnlyList<Run> runs, string? chart)
    {
        var table = new StringBuilder();
        foreach (var r in runs)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Drain.TotalSeconds:F1} | {r.OrdersPerSecond:F0} | {r.IdleP95Ms:F1} | {r.BusyP95Ms:F1} | {r.PeopleRatio:F2}x | {r.Requests} | {r.Duplicates} | {r.Lost} | {r.Limit ?? ""} |"));
        var engine = runs[^1];
        var naive = runs.Take(runs.Count - 1).ToList();
        if (naive.Count == 0) return "## People first\n\nOnly the engine ran (--naive \"\"); nothing to compare.";
        var fasterAndKinder = naive.Where(n => n.Drain <= engine.Drain && n.PeopleRatio <= engine.PeopleRatio).Select(n => n.Name).ToList();
        var verdict = fasterAndKinder.Count == 0
            ? "No fixed setting of the naive integration both drained as fast and left people as well off as the engine."
            : $"Not ahead: {string.Join(", ", fasterAndKinder)} drained at least as fast with people at least as well off.";
        return string.Create(CultureInfo.InvariantCulture, $"""
            ## People first

            Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- people-first` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            ({Environment.ProcessorCount} cores, {RuntimeInformationText()}).

            {options.Orders} orders (one to three lines, three VAT rates) while {options.Users} simulated people work in SAP, each acting
            {options.ActionsPerMinute} times a minute of SAP time (lists, documents, now and then a new document), on {options.Workers} workers
            at time scale {options.TimeScale}. People's p95 latency is measured alone for {options.IdleFor.TotalSeconds:F0} s ("idle"), then
            during the burst; each run has a fresh company and the same people. The naive integration posts one order per request
            with a fixed number of workers; the engine batches and finds its concurrency from SAP's latency (cap {options.EngineCap}).

            | integration | drain (s) | orders/s | people p95 idle (ms) | people p95 during (ms) | people vs idle | SL requests | duplicates | lost | engine limit |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---|
            {table.ToString().TrimEnd()}

            {verdict}
            {(chart is null ? "" : $"\n![drain time against people's latency]({chart})\n")}
            """);
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}

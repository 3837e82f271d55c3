using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Faults;
using System.Diagnostics;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Host.Demo;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf;

/// <summary>
/// A flash sale: a burst of orders arrives at once, some webhooks twice, a few SAP responses are lost after commit,
/// and people in SAP hold a few best-selling items open. The engine and the naive integration each get a fresh copy
/// of the same emulated company, the same deliveries and the same faults.
/// </summary>
public sealed class FlashSale(FlashSale.Options options)
{
    public sealed record Options(int Orders, int Items, double TimeScale, int Workers, int Sessions, double DuplicateRate, int DroppedResponses,
        int LockedItems, TimeSpan LockFor, TimeSpan Deadline, bool Quick, string Database = "sqlite");

    public static Options Full => new(20_000, 5_000, 0.02, 8, 4, 0.02, 5, 3, TimeSpan.FromSeconds(8), TimeSpan.FromMinutes(20), false);
    public static Options QuickRun => new(600, 500, 0.002, 8, 4, 0.05, 3, 2, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(4), true);

    public sealed record RunResult(string Name, int Unique, long Created, long Duplicates, long Lost, TimeSpan Drain, long Requests, long Batches,
        long SessionsPeak, long LockConflicts, double P50Ms, double P99Ms);

    public async Task<(RunResult Engine, RunResult Naive, double CapacityPerSecond)> RunAsync()
    {
        var unique = new DemoOrderGenerator(options.Items).Generate(options.Orders).ToList();
        var random = new Random(11);
        var deliveries = unique.SelectMany(o => random.NextDouble() < options.DuplicateRate ? new[] { o, o } : [o]).OrderBy(_ => random.Next()).ToList();
        var hotItems = unique.SelectMany(o => o.Lines).GroupBy(l => l.Sku).OrderByDescending(g => g.Count()).Take(options.LockedItems).Select(g => g.Key).ToList();

        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = options.Items },
            Capacity = CapacityOptions.Calibrated(options.TimeScale) with { Workers = options.Workers },
        });
        var averageLines = unique.Average(o => o.Lines.Count);
        var capacity = (CapacityOptions.Calibrated(options.TimeScale) with { Workers = options.Workers }).TheoreticalDocumentsPerSecond((int)Math.Round(averageLines));

        Console.WriteLine($"Flash sale: {unique.Count} orders ({deliveries.Count} deliveries), {options.Items} items, " +
                          $"emulator capacity about {capacity:F0} documents/s ({options.Workers} workers, time scale {options.TimeScale})");
        Console.WriteLine($"Faults: {options.DroppedResponses} responses dropped after commit, items {string.Join(", ", hotItems)} locked by users for {options.LockFor.TotalSeconds:F0}s");

        ArmFaults(sap, hotItems);
        var engine = await RunEngineAsync(sap, unique, deliveries);
        Report(engine, capacity);

        sap.Reset();
        ArmFaults(sap, hotItems);
        var naive = await RunNaiveAsync(sap, unique, deliveries);
        Report(naive, capacity);
        return (engine, naive, capacity);
    }

    private void ArmFaults(ServiceLayerEmulator sap, IEnumerable<string> hotItems) => sap.ApplyFaults(new FaultSettings
    {
        DropResponseAfterCommit = new DropResponseFault(options.DroppedResponses, "Orders"),
        UserLocks = hotItems.Select(i => new UserLockFault(i, "01", (int)options.LockFor.TotalMilliseconds, "buyer")).ToList(),
    });

    private async Task<RunResult> RunEngineAsync(ServiceLayerEmulator sap, IReadOnlyList<ChannelOrder> unique, IReadOnlyList<ChannelOrder> deliveries)
    {
        await using var host = await PerfEngine.StartAsync(PerfEngine.Settings(sap, await PerfJournals.NewAsync(options.Database), options.Sessions));
        var engine = host.Engine;

        var clock = Stopwatch.StartNew();
        var burstAt = DateTimeOffset.UtcNow;
        var submitting = host.SubmitAllAsync(deliveries);
        await WaitForDrain(sap, unique.Count, clock, "engine", () => submitting.IsCompleted);
        await submitting;
        var drain = clock.Elapsed;

        // Latency from the burst (when every webhook arrived) to SAP's answer being journaled, as for the naive run.
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Parallel.ForEachAsync(unique, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (order, ct) =>
        {
            var state = await engine.GetOrderAsync(order.Key.EntityId, ct);
            if (state is { PostedAt: { } posted }) latencies.Add((posted - burstAt).TotalMilliseconds);
        });
        return Summarise("engine", sap, unique.Count, drain, latencies.ToList());
    }

    private async Task<RunResult> RunNaiveAsync(ServiceLayerEmulator sap, IReadOnlyList<ChannelOrder> unique, IReadOnlyList<ChannelOrder> deliveries)
    {
        var naive = new NaiveIntegration(sap.BaseAddress, OrderMapping.ForDemoCompany("magento"), options.Sessions);
        var clock = Stopwatch.StartNew();
        var arrived = DateTime.UtcNow;
        using var cts = new CancellationTokenSource(options.Deadline);
        var running = naive.RunAsync(deliveries.Select(o => (o, arrived)).ToList(), cts.Token);
        await WaitForDrain(sap, unique.Count, clock, "naive", () => running.IsCompleted);
        var result = await running;
        return Summarise("naive", sap, unique.Count, clock.Elapsed, result.LatenciesMs);
    }

    private async Task WaitForDrain(ServiceLayerEmulator sap, int expected, Stopwatch clock, string name, Func<bool> producerDone)
    {
        long last = -1;
        var lastChange = clock.Elapsed;
        while (clock.Elapsed < options.Deadline)
        {
            await Task.Delay(1000);
            var stats = sap.GetStats();
            var created = stats.DocumentsCreated.GetValueOrDefault("Orders");
            var distinct = created - stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
            Console.WriteLine($"  [{name} {clock.Elapsed.TotalSeconds,6:F1}s] {distinct,6}/{expected} orders in SAP, {stats.Batches} batches, {stats.Sessions.Active} sessions");
            if (distinct >= expected) return;
            if (created != last) { last = created; lastChange = clock.Elapsed; }
            // The naive run gives up on orders; once it has finished and nothing moves, it is done.
            if (producerDone() && clock.Elapsed - lastChange > TimeSpan.FromSeconds(3)) return;
        }
    }

    private static RunResult Summarise(string name, ServiceLayerEmulator sap, int unique, TimeSpan drain, IReadOnlyList<double> latencies)
    {
        var stats = sap.GetStats();
        var created = stats.DocumentsCreated.GetValueOrDefault("Orders");
        var duplicates = stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
        var sorted = latencies.OrderBy(l => l).ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return new RunResult(name, unique, created, duplicates, unique - (created - duplicates), drain, stats.Requests.Values.Sum(), stats.Batches,
            stats.Sessions.Peak, stats.LockConflicts, Percentile(0.5), Percentile(0.99));
    }

    private static void Report(RunResult r, double capacity) =>
        Console.WriteLine($"{r.Name}: {r.Created - r.Duplicates}/{r.Unique} in SAP, {r.Duplicates} duplicates, {r.Lost} lost, drain {r.Drain.TotalSeconds:F1}s " +
                          $"({(r.Unique - r.Lost) / r.Drain.TotalSeconds:F1}/s = {(r.Unique - r.Lost) / r.Drain.TotalSeconds / capacity:P0} of capacity), " +
                          $"{r.Requests} requests, {r.Batches} batches, {r.SessionsPeak} sessions, p50 {r.P50Ms:F0} ms, p99 {r.P99Ms:F0} ms");
}

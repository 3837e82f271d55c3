using System.Globalization;
using ActorSync.Perf;

// dotnet run -c Release --project perf/ActorSync.Perf -- flash-sale [--quick] [--orders N] [--db sqlite|postgresql]
// dotnet run -c Release --project perf/ActorSync.Perf -- journal [--quick] [--orders N] [--db sqlite,postgresql]
// dotnet run -c Release --project perf/ActorSync.Perf -- growth [--quick]
// dotnet run -c Release --project perf/ActorSync.Perf -- faults [--quick] [--only <name>] [--orders N]
// dotnet run -c Release --project perf/ActorSync.Perf -- people-first [--quick] [--orders N] [--naive 1,2,4,8,16]
// dotnet run -c Release --project perf/ActorSync.Perf -- lock-storm [--quick] [--orders N]
// dotnet run -c Release --project perf/ActorSync.Perf -- stock-storm [--quick] [--items N] [--changes N]
var scenario = args.FirstOrDefault();
if (scenario is not ("flash-sale" or "journal" or "growth" or "faults" or "people-first" or "lock-storm" or "stock-storm"))
{
    Console.Error.WriteLine("Usage: ActorSync.Perf flash-sale [--quick] [--orders N] [--db sqlite|postgresql]\n       ActorSync.Perf journal [--quick] [--orders N] [--db sqlite,postgresql]\n       ActorSync.Perf growth [--quick]\n" +
                            "       ActorSync.Perf faults [--quick] [--only <name>] [--orders N]\n       ActorSync.Perf people-first [--quick] [--orders N]\n" +
                            "       ActorSync.Perf lock-storm [--quick] [--orders N]\n       ActorSync.Perf stock-storm [--quick] [--items N] [--changes N]");
    return 2;
}
if (scenario == "lock-storm")
{
    var storm = args.Contains("--quick") ? LockStorm.QuickRun : LockStorm.Full;
    if (OrdersOption(args) is { } stormOrders) storm = storm with { Orders = stormOrders }; else if (Array.IndexOf(args, "--orders") >= 0) return 2;
    var stormRun = new LockStorm(storm);
    var stormResults = await stormRun.RunAsync();
    var problems = LockStorm.Problems(stormResults);
    if (storm.Quick)
    {
        // CI: correctness only (every order once, no held order before its lock cleared); timings on a shared runner prove nothing.
        Console.WriteLine(problems.Count == 0 ? "lock-storm --quick: the engine posted every order once, each held one after its lock cleared."
                                              : $"lock-storm --quick FAILED: {string.Join("; ", problems)}");
        return problems.Count == 0 ? 0 : 1;
    }
    ResultsFile.Write("lock-storm", stormRun.Render(stormResults));
    Console.WriteLine($"Wrote {ResultsFile.Path}");
    return problems.Count == 0 ? 0 : 1;
}
if (scenario == "faults") return await ActorSync.Perf.Faults.FaultRunner.RunAsync(args[1..]);
if (scenario == "stock-storm")
{
    var storm = args.Contains("--quick") ? StockStorm.QuickRun : StockStorm.Full;
    foreach (var (name, apply) in new (string, Func<int, StockStorm.Options>)[] { ("--items", n => storm with { Items = n }), ("--changes", n => storm with { Changes = n }) })
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) continue;
        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], out var n) || n < 1)
        {
            Console.Error.WriteLine($"{name} takes a positive whole number.");
            return 2;
        }
        storm = apply(n);
    }
    var stormRun = new StockStorm(storm);
    var (engineStorm, naiveStorm) = await stormRun.RunAsync();
    if (storm.Quick)
    {
        // CI: correctness only: every channel location ends equal to what SAP says it may sell, nothing owed is left.
        var ok = engineStorm.Drained && engineStorm.Differences == 0 && engineStorm.OwedLeft == 0;
        Console.WriteLine(ok ? $"stock-storm --quick: every channel location holds what SAP says it may sell ({stormRun.Positions} SAP positions), nothing owed."
                             : $"stock-storm --quick FAILED: {engineStorm.Differences} positions differ from SAP (e.g. {engineStorm.FirstDifference}), {engineStorm.OwedLeft} owed, drained {engineStorm.Drained}.");
        return ok ? 0 : 1;
    }
    var perSku = stormRun.StateBytesPerSku();
    Console.WriteLine($"publisher state per SKU × location: told {perSku.Told:F0} bytes, owed {perSku.Owed:F0} bytes");
    ResultsFile.Write("stock-storm", stormRun.Render(engineStorm, naiveStorm!, perSku));
    Console.WriteLine($"Wrote {ResultsFile.Path}");
    return 0;
}
if (scenario == "people-first")
{
    var people = args.Contains("--quick") ? PeopleFirst.QuickRun : PeopleFirst.Full;
    if (OrdersOption(args) is { } wanted) people = people with { Orders = wanted }; else if (Array.IndexOf(args, "--orders") >= 0) return 2;
    // --naive 4,8: only these fixed worker counts for the naive integration (none: --naive "").
    if (Array.IndexOf(args, "--naive") is var at and >= 0)
    {
        if (at + 1 >= args.Length || !args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).All(w => int.TryParse(w, out var n) && n > 0))
        {
            Console.Error.WriteLine("--naive takes worker counts separated by commas, such as 1,2,4,8,16.");
            return 2;
        }
        people = people with { NaiveWorkers = args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() };
    }
    var scenarioRun = new PeopleFirst(people);
    var runs = await scenarioRun.RunAsync();
    if (people.Quick)
    {
        // CI: correctness only (every order in SAP, none twice from the engine); timings on a shared runner prove nothing.
        var bad = runs.Where(r => r.Lost > 0 || (r.Name.StartsWith("engine", StringComparison.Ordinal) && r.Duplicates > 0)).ToList();
        Console.WriteLine(bad.Count == 0 ? "people-first --quick: every integration posted every order; the engine none twice."
                                         : $"people-first --quick FAILED: {string.Join("; ", bad.Select(r => $"{r.Name}: {r.Lost} lost, {r.Duplicates} duplicates"))}");
        return bad.Count == 0 ? 0 : 1;
    }
    ResultsFile.Write("people-first", scenarioRun.Render(runs, Charts.PeopleFirst(runs)));
    Console.WriteLine($"Wrote {ResultsFile.Path}");
    return 0;
}
if (scenario == "growth")
{
    var growth = new Growth(args.Contains("--quick") ? Growth.QuickRun : Growth.Full);
    var points = await growth.RunAsync();
    var growthProblems = Growth.Problems(points);
    if (args.Contains("--quick"))
    {
        // CI: correctness only (every order of every point once in SAP); how time and memory grow is not asserted.
        Console.WriteLine(growthProblems.Count == 0 ? $"growth --quick: every order of {points.Count} points once in SAP, from both integrations."
                                                    : $"growth --quick FAILED: {string.Join("; ", growthProblems)}");
        return growthProblems.Count == 0 ? 0 : 1;
    }
    ResultsFile.Write("growth", growth.Render(points, Charts.Growth(points)));
    Console.WriteLine($"Wrote {ResultsFile.Path}");
    return growthProblems.Count == 0 ? 0 : 1;
}
if (scenario == "journal")
{
    var journal = args.Contains("--quick") ? JournalScenario.QuickRun : JournalScenario.Full;
    if (OrdersOption(args) is { } asked) journal = journal with { Orders = asked, HeldOrders = asked }; else if (Array.IndexOf(args, "--orders") >= 0) return 2;
    if (Array.IndexOf(args, "--db") is var dbs and >= 0)
    {
        var names = dbs + 1 < args.Length ? args[dbs + 1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        if (names.Length == 0 || names.Any(n => n is not ("sqlite" or "postgresql")))
        {
            Console.Error.WriteLine("--db takes sqlite, postgresql or both separated by a comma (postgresql needs ACTORSYNC_TEST_POSTGRES).");
            return 2;
        }
        journal = journal with { Databases = names };
    }
    var journalRun = new JournalScenario(journal);
    var (engines, naiveJournal) = await journalRun.RunAsync();
    var journalProblems = journalRun.Problems(engines);
    var section = journalRun.Render(engines, naiveJournal);
    Console.WriteLine(section);
    if (journal.Quick)
    {
        // CI: correctness only (every order once in SAP, three events each, every journal row decoded); never timings.
        Console.WriteLine(journalProblems.Count == 0 ? $"journal --quick: every order once in SAP, every event read back ({string.Join(", ", journal.Databases)})."
                                                     : $"journal --quick FAILED: {string.Join("; ", journalProblems)}");
        return journalProblems.Count == 0 ? 0 : 1;
    }
    ResultsFile.Write("journal", section);
    Console.WriteLine($"Wrote {ResultsFile.Path}");
    return journalProblems.Count == 0 ? 0 : 1;
}
var options = args.Contains("--quick") ? FlashSale.QuickRun : FlashSale.Full;
if (OrdersOption(args) is { } orders) options = options with { Orders = orders };
else if (Array.IndexOf(args, "--orders") >= 0) return 2;

var dbAt = Array.IndexOf(args, "--db");
if (dbAt >= 0)
{
    if (dbAt + 1 >= args.Length || args[dbAt + 1] is not ("sqlite" or "postgresql"))
    {
        Console.Error.WriteLine("--db takes sqlite (the embedded default) or postgresql (needs ACTORSYNC_TEST_POSTGRES).");
        return 2;
    }
    options = options with { Database = args[dbAt + 1] };
}

var (engine, naive, capacity) = await new FlashSale(options).RunAsync();

if (options.Quick)
{
    // CI: correctness only. Timings on a shared 2-core runner prove nothing.
    var ok = engine.Duplicates == 0 && engine.Lost == 0;
    Console.WriteLine(ok ? "flash-sale --quick: engine posted every order exactly once." : $"flash-sale --quick FAILED: {engine.Duplicates} duplicates, {engine.Lost} lost.");
    return ok ? 0 : 1;
}

ResultsFile.Write($"flash-sale:{options.Database}", RenderResults(options, engine, naive, capacity));
Console.WriteLine($"Wrote {ResultsFile.Path}");
return 0;

/// --orders N, or null (with the error printed) when it is given without a positive whole number.
static int? OrdersOption(string[] args)
{
    var at = Array.IndexOf(args, "--orders");
    if (at < 0) return null;
    if (at + 1 < args.Length && int.TryParse(args[at + 1], out var n) && n >= 1) return n;
    Console.Error.WriteLine("--orders takes a positive whole number.");
    return null;
}

static string RenderResults(FlashSale.Options o, FlashSale.RunResult e, FlashSale.RunResult n, double capacity)
{
    string Rate(FlashSale.RunResult r) => ((r.Unique - r.Lost) / r.Drain.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture);
    string Share(FlashSale.RunResult r) => ((r.Unique - r.Lost) / r.Drain.TotalSeconds / capacity).ToString("P0", CultureInfo.InvariantCulture);
    string Ratio(double engine, double naive) => naive == 0 ? "n/a" : (engine / naive).ToString("F2", CultureInfo.InvariantCulture);
    return $"""
        ## Flash sale, engine journal on {o.Database}

        Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- flash-sale --db {o.Database}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
        Machine: {ResultsFile.MachineDescription}.


        {o.Orders} orders in one burst ({o.DuplicateRate:P0} of webhooks delivered twice), {o.Items} items, against the Service Layer emulator with its
        capacity model on ({o.Workers} workers, time scale {o.TimeScale}: about {capacity:F0} documents/s for these orders).
        Faults in both runs: {o.DroppedResponses} responses dropped after SAP committed, {o.LockedItems} best-selling items held open by
        users for {o.LockFor.TotalSeconds:F0}s. Both runs use {o.Sessions} sessions for their writes.

        | | engine | naive | engine / naive |
        |---|---:|---:|---:|
        | orders in SAP | {e.Unique - e.Lost} | {n.Unique - n.Lost} | |
        | duplicates | {e.Duplicates} | {n.Duplicates} | |
        | lost (never reached SAP) | {e.Lost} | {n.Lost} | |
        | drain time | {e.Drain.TotalSeconds:F1} s | {n.Drain.TotalSeconds:F1} s | {Ratio(e.Drain.TotalSeconds, n.Drain.TotalSeconds)} |
        | orders/s | {Rate(e)} | {Rate(n)} | {Ratio(double.Parse(Rate(e), CultureInfo.InvariantCulture), double.Parse(Rate(n), CultureInfo.InvariantCulture))} |
        | share of emulator capacity | {Share(e)} | {Share(n)} | |
        | latency p50 | {e.P50Ms:F0} ms | {n.P50Ms:F0} ms | {Ratio(e.P50Ms, n.P50Ms)} |
        | latency p99 | {e.P99Ms:F0} ms | {n.P99Ms:F0} ms | {Ratio(e.P99Ms, n.P99Ms)} |
        | Service Layer requests | {e.Requests} | {n.Requests} | {Ratio(e.Requests, n.Requests)} |
        | `$batch` calls | {e.Batches} | {n.Batches} | |
        | sessions (peak) | {e.SessionsPeak} | {n.SessionsPeak} | |
        | lock conflicts answered | {e.LockConflicts} | {n.LockConflicts} | |

        Latency: from the burst (every webhook arrives at once) to the order being in SAP: for the engine, SAP's answer journaled
        by the order entity; for the naive integration, its successful POST.
        """;
}

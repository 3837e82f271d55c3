using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorSync.Perf.Faults;

/// <summary>
/// <c>faults [--quick] [--only &lt;name&gt;] [--orders N]</c>: every fault scenario in turn, each on its own fresh
/// company and journal; a table at the end; exit 1 if any scenario failed. The full run writes the
/// <c>&lt;!-- faults --&gt;</c> section of <c>perf/RESULTS.md</c>; <c>--quick</c> (CI) writes nothing.
/// </summary>
public static class FaultRunner
{
    public static ScenarioSize QuickSize => new(300, TimeSpan.FromSeconds(4), 0.05, 4, TimeSpan.FromSeconds(90), true);
    public static ScenarioSize FullSize => new(2000, TimeSpan.FromSeconds(15), 0.05, 8, TimeSpan.FromMinutes(4), false);

    private const string Usage = "Usage: ActorSync.Perf faults [--quick] [--only <name>] [--orders N]";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var size = quick ? QuickSize : FullSize;
        var scenarios = FaultScenario.All;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--orders" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 20:
                    size = size with { Orders = n };
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    var names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Where(n => scenarios.All(s => s.Name != n)).ToList();
                    if (unknown.Count > 0)
                    {
                        Console.Error.WriteLine($"Unknown scenario {string.Join(", ", unknown)}; scenarios: {string.Join(", ", FaultScenario.All.Select(s => s.Name))}.");
                        return 2;
                    }

                    scenarios = scenarios.Where(s => names.Contains(s.Name)).ToList();
                    break;
                default:
                    Console.Error.WriteLine($"{Usage}\n  --orders takes a whole number of at least 20; --only one or more of {string.Join(", ", FaultScenario.All.Select(s => s.Name))} (comma-separated).");
                    return 2;
            }
        }

        var logs = Path.Combine(Path.GetTempPath(), "actorsync-faults", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(logs);
        Console.WriteLine($"Faults{(quick ? " (quick)" : "")}: {string.Join(", ", scenarios.Select(s => s.Name))}; {size.Orders} orders each, faults of " +
                          $"{size.FaultFor.TotalSeconds:F0}s; engine logs in {logs}");
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"\n{scenario.Name}: {scenario.Describe(size)}");
            var result = await FaultRun.RunAsync(scenario, size, logs);
            results.Add(result);
            Console.WriteLine($"{scenario.Name}: {(result.Passed ? "PASS" : "FAIL")} in {result.Took.TotalSeconds:F0}s" +
                              string.Concat(result.Failures.Select(f => $"\n  FAILED: {f}")) + (result.Passed ? "" : $"\n  log: {result.Log}"));
        }

        var table = Table(results);
        Console.WriteLine();
        Console.WriteLine(table);
        var failed = results.Where(r => !r.Passed).ToList();
        foreach (var result in failed)
            foreach (var failure in result.Failures)
                Console.WriteLine($"FAIL {result.Name}: {failure}");
        Console.WriteLine(failed.Count == 0
            ? $"faults{(quick ? " --quick" : "")}: every scenario ended with zero lost, zero duplicates, everything posted and the operator told."
            : $"faults{(quick ? " --quick" : "")} FAILED: {string.Join(", ", failed.Select(r => r.Name))}.");

        if (!quick && scenarios.Count == FaultScenario.All.Count)
        {
            ResultsFile.Write("faults", Render(size, results, table));
            Console.WriteLine($"Wrote {ResultsFile.Path}");
        }
        else if (!quick)
        {
            Console.WriteLine("Only some scenarios ran, so perf/RESULTS.md is left as it was.");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    private static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | orders | posted | duplicates | lost | what the operator saw | seconds | verdict |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|---|");
        foreach (var r in results)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Accepted} | {r.Posted} | {r.Duplicates} | {r.Lost} | {string.Join("; ", r.Saw).Replace("|", "/", StringComparison.Ordinal)} | {r.Took.TotalSeconds:F0} | {(r.Passed ? "PASS" : "FAIL")} |");
        return text.ToString().TrimEnd();
    }

    private static string Render(ScenarioSize size, IReadOnlyList<ScenarioResult> results, string table) => $"""
        ## Fault suites

        Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- faults` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
        Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.

        Each scenario: a fresh emulated company (capacity model on, {size.Workers} workers, time scale {size.TimeScale}), the engine in-process
        with its ops API on a fresh journal (SQLite; PostgreSQL for the restart), {size.Orders} orders in one burst (the PostgreSQL scenario: half at
        once, the rest arriving during the fault), the fault injected once 15 % of them are in SAP and lifted again. "orders" counts the orders
        the engine accepted; "posted" those SAP holds (distinct NumAtCard); "lost" accepted but not in SAP. The engine's own view (every order
        journaled as posted with SAP's DocEntry), no exception left open and readiness back are checked too.

        | scenario | fault |
        |---|---|
        {string.Join("\n", results.Select(r => $"| {r.Name} | {r.Fault} |"))}

        {table}
        {(results.All(r => r.Passed) ? "" : "\nFailures:\n\n" + string.Join("\n", results.SelectMany(r => r.Failures.Select(f => $"- {r.Name}: {f}"))))}
        """;
}

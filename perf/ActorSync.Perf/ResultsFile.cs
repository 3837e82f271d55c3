namespace ActorSync.Perf;

/// <summary><c>perf/RESULTS.md</c>: one section per scenario, keyed by HTML comments; a run replaces only its own.</summary>
public static class ResultsFile
{
    public static string Path => System.IO.Path.Combine(FindRepoRoot(), "perf", "RESULTS.md");

    /// <summary>Replaces (or appends) the section <paramref name="key"/> of RESULTS.md with <paramref name="section"/>.</summary>
    public static void Write(string key, string section)
    {
        var file = Path;
        File.WriteAllText(file, ReplaceSection(File.Exists(file) ? File.ReadAllText(file) : "", key, section));
    }

    public static string ReplaceSection(string document, string key, string section)
    {
        const string Title = "# Benchmark results\n\nEach section is replaced by the run that produced it; ratios compare the two integrations within one run.\n";
        var begin = $"<!-- {key} -->";
        var end = $"<!-- /{key} -->";
        var block = $"{begin}\n{section.Trim()}\n{end}";
        if (!document.StartsWith("# Benchmark results", StringComparison.Ordinal)) document = Title;
        var at = document.IndexOf(begin, StringComparison.Ordinal);
        var until = document.IndexOf(end, StringComparison.Ordinal);
        return at >= 0 && until > at
            ? document[..at] + block + document[(until + end.Length)..]
            : document.TrimEnd() + "\n\n" + block + "\n";
    }

    /// <summary>
    /// The machine line of a section, with the load average when the run began: another process busy on a 2-core
    /// machine changes every figure, and a reader should see that it did.
    /// </summary>
    public static string Machine(string loadAtStart) =>
        $"Machine: {MachineDescription}; load average when the run began {loadAtStart}, when it ended {LoadAverage()}.";

    /// <summary>Cores, operating system, runtime and memory, as every section names its machine.</summary>
    public static string MachineDescription =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB";

    /// <summary>The 1-minute load average (Linux), or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ActorSync.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

using System.Text.Json;

namespace ActorSync.Cli.Tests;

/// <summary>
/// Locates the vendor fixtures (walking up from the test binaries to a folder holding <c>shared/fixtures</c>, as CI
/// clones the repository with <c>shared/</c> beside it, else <c>/work/shared</c>) and the repository's <c>config/</c>.
/// </summary>
internal static class TestFiles
{
    public static string FixturesRoot { get; } = FindFixtures();

    public static string ConfigRoot { get; } = FindUp(Path.Combine("config", "mapping.example.json")) is { } file
        ? Path.GetDirectoryName(file)!
        : throw new DirectoryNotFoundException("config/mapping.example.json was not found above the test binaries.");

    public static string Fixture(string relative) => Path.Combine(FixturesRoot, relative);

    public static string Config(string relative) => Path.Combine(ConfigRoot, relative);

    /// <summary>Every fixture payload, with the channel its folder stands for.</summary>
    public static IEnumerable<object[]> AllFixtures() =>
        Directory.EnumerateFiles(FixturesRoot, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(FixturesRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f.Split('/')[0], f });

    /// <summary>Writes <paramref name="json"/> to a temporary file that is deleted with the returned handle.</summary>
    public static TempFile Temp(string json) => new(json);

    private static string FindFixtures()
    {
        var sources = FindUp(Path.Combine("shared", "fixtures", "SOURCES.md"));
        if (sources is not null)
            return Path.GetDirectoryName(sources)!;
        const string fallback = "/work/shared/fixtures";
        return Directory.Exists(fallback) ? fallback : throw new DirectoryNotFoundException("shared/fixtures was not found.");
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    internal sealed class TempFile : IDisposable
    {
        public TempFile(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actorsync-cli-{Guid.NewGuid():N}.json");
            File.WriteAllText(Path, json);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}

/// <summary>One run of the CLI in-process: exit code, stdout, stderr.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public IEnumerable<JsonElement> Results => Json.GetProperty("results").EnumerateArray();

    public IEnumerable<JsonElement> Documents => Results.SelectMany(r => r.GetProperty("documents").EnumerateArray());

    public IEnumerable<string> EntitySets => Documents.Select(d => d.GetProperty("entitySet").GetString()!);

    public IEnumerable<string> ExceptionTypes => Results.SelectMany(r => r.GetProperty("exceptions").EnumerateArray()).Select(e => e.GetProperty("type").GetString()!);
}

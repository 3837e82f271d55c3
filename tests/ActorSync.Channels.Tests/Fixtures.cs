using System.Text.Json.Nodes;

namespace ActorSync.Channels.Tests;

/// <summary>
/// The vendor payloads in <c>shared/fixtures</c>: found by walking up from the test binaries to a folder holding
/// <c>shared/fixtures</c> (CI clones the repository with <c>shared/</c> beside it), else <c>/work/shared</c>.
/// </summary>
internal static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    /// <summary>A fixture as a mutable JSON tree, to derive a variant (a guest, a configurable row …) from real data.</summary>
    public static JsonNode Node(string relative) => JsonNode.Parse(Read(relative))!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (File.Exists(System.IO.Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }

        const string fallback = "/work/shared/fixtures";
        return Directory.Exists(fallback)
            ? fallback
            : throw new DirectoryNotFoundException("shared/fixtures was not found above the test binaries nor at /work/shared/fixtures.");
    }
}

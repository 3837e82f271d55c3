using System.Text.Json.Nodes;

namespace ActorSync.Cli.Tests.Map;

/// <summary>
/// Every field of every fixture removed, nulled, or replaced by a value of the wrong type: the dry run either still
/// works (the field was optional) or refuses the input with exit code 2 and a message naming a field. It never
/// crashes with a NullReferenceException or any other unhandled exception.
/// </summary>
public class MutatedPayloadSpecs
{
    public static IEnumerable<object[]> Fixtures() => TestFiles.AllFixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void No_mutation_of_a_fixture_crashes_the_dry_run(string channel, string fixture)
    {
        var original = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture(fixture)))!;
        var paths = Paths(original, []).ToList();
        var failures = new List<string>();
        foreach (var path in paths)
        {
            foreach (var (label, replacement) in Replacements())
            {
                var mutated = original.DeepClone();
                if (!Apply(mutated, path, replacement))
                    continue;
                using var file = TestFiles.Temp(mutated.ToJsonString());
                CliRun run;
                try
                {
                    run = CliRun.Of("map", channel, file.Path);
                }
                catch (Exception ex)
                {
                    failures.Add($"{string.Join('.', path)} {label}: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                if (run.ExitCode is not (0 or 2 or 3))
                    failures.Add($"{string.Join('.', path)} {label}: exit {run.ExitCode}");
                else if (run.ExitCode == 2 && !run.Stderr.Contains(" payload: ", StringComparison.Ordinal))
                    failures.Add($"{string.Join('.', path)} {label}: exit 2 without naming a field: {run.Stderr}");
            }
        }

        Assert.True(paths.Count > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static IEnumerable<(string Label, Func<JsonNode?>? Value)> Replacements() =>
    [
        ("removed", null),
        ("null", () => null),
        ("string", () => JsonValue.Create("x")),
        ("number", () => JsonValue.Create(-7.5m)),
        ("array", () => new JsonArray()),
        ("object", () => new JsonObject()),
    ];

    private static IEnumerable<object[]> Paths(JsonNode? node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    object[] path = [.. prefix, name];
                    yield return path;
                    foreach (var deeper in Paths(child, path))
                        yield return deeper;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    foreach (var deeper in Paths(array[i], path))
                        yield return deeper;
                }

                break;
        }
    }

    private static bool Apply(JsonNode root, object[] path, Func<JsonNode?>? replacement)
    {
        var parent = root;
        foreach (var step in path[..^1])
            parent = step is string name ? parent![name] : parent![(int)step];
        switch (parent, path[^1])
        {
            case (JsonObject obj, string name):
                if (replacement is null)
                    obj.Remove(name);
                else
                    obj[name] = replacement();
                return true;
            case (JsonArray array, int index):
                if (replacement is null)
                    array.RemoveAt(index);
                else
                    array[index] = replacement();
                return true;
            default:
                return false;
        }
    }
}

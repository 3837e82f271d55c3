using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Engine.Tests.Operations;

/// <summary>
/// The operator's guide (docs/operations-guide.md) cannot drift from the code: its exception catalogue is generated
/// from <see cref="ExceptionTypes.Catalogue"/>, and every alert in docs/prometheus-alerts.yml has an entry and uses
/// only metrics the service serves. <c>ACTORSYNC_WRITE_GUIDE=1</c> rewrites the generated section.
/// </summary>
[Collection(RunningHostCollection.Name)]
public partial class OperationsGuideSpecs(RunningHost host)
{
    private const string Start = "<!-- exception-catalogue:start -->";
    private const string End = "<!-- exception-catalogue:end -->";
    private static readonly string Docs = Path.Combine(RepositoryRoot(), "docs");
    private static string GuidePath => Path.Combine(Docs, "operations-guide.md");
    private static string AlertsPath => Path.Combine(Docs, "prometheus-alerts.yml");

    /// <summary>Every factory in <see cref="ExceptionTypes"/>, called with sample arguments: the types the engine can raise.</summary>
    public static IEnumerable<object[]> Factories() =>
        typeof(ExceptionTypes).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(ExceptionDetails))
            .Select(m => new object[] { m.Name });

    [Theory]
    [MemberData(nameof(Factories))]
    public void Every_exception_the_engine_raises_is_in_the_catalogue_with_the_same_owner(string factory)
    {
        var method = typeof(ExceptionTypes).GetMethod(factory, BindingFlags.Public | BindingFlags.Static)!;
        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(string) => (object)"sample",
            var t when t == typeof(int) => 3,
            var t when t == typeof(decimal) => 1.5m,
            var t => throw new InvalidOperationException($"{factory} takes a {t.Name}; teach this spec a sample for it."),
        }).ToArray();

        var raised = (ExceptionDetails)method.Invoke(null, arguments)!;
        var kind = ExceptionTypes.Catalogue.SingleOrDefault(k => k.Type == raised.Type);

        Assert.True(kind is not null, $"{factory} raises '{raised.Type}', which ExceptionTypes.Catalogue does not list.");
        Assert.Equal(kind.Team, raised.Team);
        Assert.False(string.IsNullOrWhiteSpace(raised.SuggestedAction));
    }

    [Fact]
    public void Each_type_is_in_the_catalogue_once_with_a_meaning_and_an_action()
    {
        Assert.Equal(ExceptionTypes.Catalogue.Count, ExceptionTypes.Catalogue.Select(k => k.Type).Distinct().Count());
        Assert.All(ExceptionTypes.Catalogue, k =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", k.Type);
            Assert.True(k.Meaning.Length > 40, $"{k.Type}: the meaning is too short to help anyone");
            Assert.True(k.SuggestedAction.Length > 20, $"{k.Type}: the action is too short to help anyone");
        });
    }

    [Fact]
    public void The_guide_describes_every_exception_type_exactly_as_the_catalogue_does()
    {
        var guide = File.ReadAllText(GuidePath);
        var (before, after) = (guide.IndexOf(Start, StringComparison.Ordinal), guide.IndexOf(End, StringComparison.Ordinal));
        Assert.True(before >= 0 && after > before, $"{GuidePath} has lost its {Start} … {End} markers.");
        var generated = RenderCatalogue();
        var current = guide[(before + Start.Length)..after];

        if (Environment.GetEnvironmentVariable("ACTORSYNC_WRITE_GUIDE") == "1" && current != generated)
        {
            File.WriteAllText(GuidePath, guide[..(before + Start.Length)] + generated + guide[after..]);
            current = generated;
        }

        foreach (var kind in ExceptionTypes.Catalogue)
            Assert.Contains($"#### `{kind.Type}`", current);
        Assert.True(current == generated,
            "docs/operations-guide.md's exception catalogue differs from ExceptionTypes.Catalogue; regenerate it with " +
            "ACTORSYNC_WRITE_GUIDE=1 dotnet test tests/ActorSync.Engine.Tests --filter OperationsGuideSpecs");
    }

    [Fact]
    public void Every_alert_has_an_entry_in_the_guide_and_every_entry_an_alert()
    {
        var alerts = AlertNames().ToHashSet();
        var entries = GuideAlertHeading().Matches(File.ReadAllText(GuidePath)).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(alerts);
        Assert.Empty(alerts.Except(entries));
        Assert.Empty(entries.Except(alerts));
    }

    [Fact]
    public async Task Every_metric_the_alerts_use_is_served_by_the_service()
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var served = await http.GetStringAsync("/metrics");
        var used = MetricName().Matches(File.ReadAllText(AlertsPath))
            .Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", ""))
            .Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, metric => Assert.True(served.Contains($"# TYPE {metric} ", StringComparison.Ordinal),
            $"docs/prometheus-alerts.yml uses {metric}, which /metrics does not serve."));
    }

    /// <summary>The catalogue as the people who own each type read it, grouped by team in the order of <see cref="OwningTeam"/>.</summary>
    private static string RenderCatalogue()
    {
        var text = new StringBuilder("\n");
        foreach (var team in Enum.GetValues<OwningTeam>())
        {
            var kinds = ExceptionTypes.Catalogue.Where(k => k.Team == team).ToList();
            if (kinds.Count == 0) continue;
            text.Append($"\n### {TeamName(team)}\n");
            foreach (var kind in kinds)
                text.Append($"\n#### `{kind.Type}`\n\n")
                    .Append($"**What it means.** {kind.Meaning}\n\n")
                    .Append($"**What to do.** {kind.SuggestedAction}\n\n")
                    .Append($"Find them: `actorsync exceptions list --type {kind.Type} --status open`; ")
                    .Append("then `actorsync exceptions retry <id>` once fixed, or `resolve <id> --note …` / `ignore <id> --reason …`.\n");
        }
        return text.Append('\n').ToString();
    }

    private static string TeamName(OwningTeam team) => team switch
    {
        OwningTeam.CustomerService => "Customer service",
        _ => team.ToString(),
    };

    private static IEnumerable<string> AlertNames() =>
        AlertLine().Matches(File.ReadAllText(AlertsPath)).Select(m => m.Groups[1].Value);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSync.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ActorSync.sln was not found above the test binaries.");
    }

    [GeneratedRegex(@"^\s*- alert: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^### (ActorSync\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex GuideAlertHeading();

    [GeneratedRegex(@"actorsync_[a-z_]+")]
    private static partial Regex MetricName();
}

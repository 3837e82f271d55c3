using System.CommandLine;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary>
/// The operator commands over the host's ops API, in the shapes of Petabridge.Cmd's <c>pbm</c> (<c>cluster show</c>,
/// <c>cluster sharding regions</c> …). <c>--host</c>, <c>--token</c> and <c>--json</c> go anywhere on the line.
/// </summary>
public static class OpsCommandLine
{
    public const string DefaultHost = "http://127.0.0.1:5080";
    public const string HostVariable = "ACTORSYNC_HOST";
    public const string TokenVariable = "ACTORSYNC_TOKEN";

    /// <summary>The first words that select an operator command (anything else is <c>map</c> or unknown).</summary>
    public static IReadOnlyList<(string Name, string Summary)> Commands { get; } =
    [
        ("cluster", "Members, leave, shard regions and their entities per node."),
        ("entity", "One order, stock position or POS transaction as the engine holds it."),
        ("exceptions", "The exception queue: list, show, retry, resolve, ignore."),
        ("audit", "The audit trail: who did what through the ops API."),
        ("recon", "Reconciliation against SAP: run (now, one flow, since a day) and show a run's findings."),
        ("sessions", "SAP sessions in use, the adaptive limit and the circuit."),
        ("flows", "Throughput, lag and error rate per flow."),
        ("alerts", "What is firing now: who acts and the next step."),
        ("log", "Recent log lines of the node, or those of one order."),
    ];

    internal static readonly Option<string?> Host = new("--host")
    {
        Description = $"The host's address (default: ${HostVariable}, else {DefaultHost}).",
        Recursive = true,
    };

    internal static readonly Option<string?> Token = new("--token")
    {
        // No default value here: help would print it.
        Description = $"The operator or read-only token (default: ${TokenVariable}). Never printed.",
        Recursive = true,
    };

    internal static readonly Option<bool> Json = new("--json") { Description = "Print the host's JSON instead of tables.", Recursive = true };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken ct = default)
    {
        var root = new RootCommand("actorsync: the ActorSync operator CLI");
        root.Add(Host);
        root.Add(Token);
        root.Add(Json);
        var context = new OpsContext(stdout, stderr, environment);
        root.Add(ClusterCommands.Build(context));
        root.Add(EntityCommands.Build(context));
        root.Add(ExceptionCommands.Build(context));
        root.Add(AuditCommands.Build(context));
        root.Add(ReconCommands.Build(context));
        foreach (var command in StatusCommands.Build(context)) root.Add(command);

        var parsed = root.Parse(args.ToArray());
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"actorsync: {error.Message}");
            stderr.WriteLine($"Run 'actorsync {string.Join(' ', CommandPath(parsed))} --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, ct).ConfigureAwait(false);
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return names;
    }
}

/// <summary>What every operator command shares: the writers, the environment, and one way to call the host and say what went wrong.</summary>
public sealed class OpsContext(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    public TextWriter Stdout => stdout;

    /// <summary>
    /// Calls the host and prints the answer: a table (or the JSON with <c>--json</c>) and 0; or one line on stderr and
    /// the exit code that says why (<see cref="ExitCodes"/>).
    /// </summary>
    public async Task<int> CallAsync(ParseResult parsed, Func<OpsClient, CancellationToken, Task<OpsAnswer>> call, Action<JsonElement, Output> render, CancellationToken ct)
    {
        var hostText = parsed.GetValue(OpsCommandLine.Host) ?? NonEmpty(environment(OpsCommandLine.HostVariable)) ?? OpsCommandLine.DefaultHost;
        if (!Uri.TryCreate(hostText, UriKind.Absolute, out var host) || host.Scheme is not ("http" or "https"))
        {
            stderr.WriteLine($"actorsync: --host must be an http(s) address such as {OpsCommandLine.DefaultHost}, was '{hostText}'.");
            return ExitCodes.Usage;
        }
        var token = parsed.GetValue(OpsCommandLine.Token) ?? NonEmpty(environment(OpsCommandLine.TokenVariable));
        var where = host.GetLeftPart(UriPartial.Authority);
        OpsAnswer answer;
        using (var client = new OpsClient(host, token, Timeout))
        {
            try
            {
                answer = await call(client, ct).ConfigureAwait(false);
            }
            catch (HostUnreachableException ex)
            {
                stderr.WriteLine($"actorsync: cannot reach the host at {where} ({ex.Message}); is the service running? Set --host or ${OpsCommandLine.HostVariable}.");
                return ExitCodes.Unreachable;
            }
        }
        switch ((int)answer.Status)
        {
            case 401:
                stderr.WriteLine(token is null
                    ? $"actorsync: the host at {where} needs a token (401); set --token or ${OpsCommandLine.TokenVariable} to the operator or read-only token."
                    : $"actorsync: the host at {where} refused the token (401); check --token or ${OpsCommandLine.TokenVariable} (the host's Ops:Token or Ops:ReadToken).");
                return ExitCodes.TokenRefused;
            case 403:
                stderr.WriteLine($"actorsync: the host at {where} refused the read-only token for this command (403); use the operator token.");
                return ExitCodes.TokenRefused;
        }
        if (!answer.Ok)
        {
            stderr.WriteLine($"actorsync: {answer.Problem()} ({(int)answer.Status})");
            return ExitCodes.Refused;
        }
        if (answer.Body is not { } body)
        {
            stderr.WriteLine($"actorsync: the host at {where} answered {(int)answer.Status} without JSON; is --host the ActorSync service?");
            return ExitCodes.Refused;
        }
        if (parsed.GetValue(OpsCommandLine.Json)) Output.Json(stdout, body);
        else render(body, new Output(stdout));
        return ExitCodes.Ok;
    }

    /// <summary>A required option's problem (usage), said like System.CommandLine's own.</summary>
    public int Usage(string problem)
    {
        stderr.WriteLine($"actorsync: {problem}");
        return ExitCodes.Usage;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using ActorSync.Cli.Map;
using ActorSync.Cli.Ops;

namespace ActorSync.Cli;

/// <summary>One sub-command of <c>actorsync</c> with its own parser (<c>map</c>).</summary>
public interface ICliCommand
{
    /// <summary>The first argument that selects it (<c>map</c>).</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the command name; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>map</c>: printed documents (or what the engine would fetch) and no exceptions.</summary>
    public const int Ok = 0;

    /// <summary>Operator commands: the host refused the command (404 no such thing, 409 conflict, 400 invalid, or any other refusal); the reason is on stderr.</summary>
    public const int Refused = 1;

    /// <summary>Bad usage or unreadable input; the message is on stderr.</summary>
    public const int Usage = 2;

    /// <summary>For <c>map</c>: printed the exceptions the payload would raise.</summary>
    public const int Exceptions = 3;

    /// <summary>Operator commands: the host could not be reached (refused, unknown, no answer in 40 s); nothing was done.</summary>
    public const int Unreachable = 3;

    /// <summary>Operator commands: the host refused the token (401), or the read-only token for a change (403).</summary>
    public const int TokenRefused = 4;

    /// <summary><c>recon run --wait</c> and <c>recon show</c>: the run found drift, or could not check a source (it is not clean).</summary>
    public const int NotClean = 5;
}

/// <summary>
/// Finds the command named by the first argument and runs it: <c>map</c> (the dry run, its own parser) or an operator
/// command over the host's ops API (<see cref="OpsCommandLine"/>).
/// </summary>
public static class CliApp
{
    public static IReadOnlyList<ICliCommand> Commands { get; } = [new MapCommand()];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    /// <param name="environment">Reads <c>ACTORSYNC_HOST</c> and <c>ACTORSYNC_TOKEN</c> (the process environment by default).</param>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, CancellationToken ct = default)
    {
        if (args.Count == 0)
        {
            WriteUsage(stderr);
            return Task.FromResult(ExitCodes.Usage);
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            WriteUsage(stdout);
            return Task.FromResult(ExitCodes.Ok);
        }

        if (OpsCommandLine.Commands.Any(c => c.Name == args[0]))
            return OpsCommandLine.RunAsync(args, stdout, stderr, environment ?? Environment.GetEnvironmentVariable, ct);

        var command = Commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
        if (command is null)
        {
            stderr.WriteLine($"actorsync: unknown command '{args[0]}'.");
            WriteUsage(stderr);
            return Task.FromResult(ExitCodes.Usage);
        }

        return Task.FromResult(command.Run(args.Skip(1).ToList(), stdout, stderr));
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: actorsync <command> [options]");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var command in Commands)
            writer.WriteLine($"  {command.Name,-11} {command.Summary}");
        foreach (var (name, summary) in OpsCommandLine.Commands)
            writer.WriteLine($"  {name,-11} {summary}");
        writer.WriteLine();
        writer.WriteLine($"Operator commands talk to the host's ops API: --host (default ${OpsCommandLine.HostVariable}, else {OpsCommandLine.DefaultHost}),");
        writer.WriteLine($"--token (default ${OpsCommandLine.TokenVariable}), --json for scripts.");
        writer.WriteLine("Exit codes: 0 ok, 1 refused by the host (404, 409, 400), 2 usage, 3 host unreachable, 4 token refused, 5 recon run not clean.");
        writer.WriteLine("Run 'actorsync <command> --help' for a command's options.");
    }
}

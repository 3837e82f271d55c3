using ActorSync.Cli.Map;

namespace ActorSync.Cli;

/// <summary>One sub-command of <c>actorsync</c>.</summary>
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

    /// <summary>Bad usage or unreadable input; the message is on stderr.</summary>
    public const int Usage = 2;

    /// <summary>For <c>map</c>: printed the exceptions the payload would raise.</summary>
    public const int Exceptions = 3;
}

/// <summary>Finds the command named by the first argument and runs it. New commands are added to <see cref="Commands"/>.</summary>
public static class CliApp
{
    public static IReadOnlyList<ICliCommand> Commands { get; } = [new MapCommand()];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            WriteUsage(stderr);
            return ExitCodes.Usage;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            WriteUsage(stdout);
            return ExitCodes.Ok;
        }

        var command = Commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
        if (command is null)
        {
            stderr.WriteLine($"actorsync: unknown command '{args[0]}'.");
            WriteUsage(stderr);
            return ExitCodes.Usage;
        }

        return command.Run(args.Skip(1).ToList(), stdout, stderr);
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: actorsync <command> [options]");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var command in Commands)
            writer.WriteLine($"  {command.Name,-10} {command.Summary}");
        writer.WriteLine();
        writer.WriteLine("Run 'actorsync <command> --help' for a command's options.");
    }
}

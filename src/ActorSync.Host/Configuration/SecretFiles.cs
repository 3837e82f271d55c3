using System.Collections;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace ActorSync.Host.Configuration;

/// <summary>
/// Configuration values read from files, as container platforms mount secrets (Docker and Swarm secrets, Kubernetes
/// secret volumes), so a password need not sit in an environment variable that <c>docker inspect</c> or a crash dump
/// shows:
/// <list type="bullet">
/// <item>a secrets folder, one file per key: the file <c>ServiceLayer__Password</c> sets <c>ServiceLayer:Password</c>.
/// The folder is <c>ACTORSYNC_SECRETS_DIR</c>, or <c>/run/secrets</c> when that exists;</item>
/// <item>any environment variable <c>X_FILE</c> whose name holds a section (<c>ServiceLayer__Password_FILE</c>) sets
/// <c>X</c> (<c>ServiceLayer:Password</c>) to the content of the file it names.</item>
/// </list>
/// A file's value is its content with one trailing line break removed (editors and <c>echo</c> add one). Precedence,
/// lowest first: appsettings.json, the secrets folder, <c>_FILE</c> variables, plain environment variables, the command
/// line: a value set explicitly in the environment wins over a file. Files are read once, at start. A file that is
/// missing or unreadable stops the start with the variable and the path, never any content.
/// </summary>
public static class SecretFiles
{
    public const string FolderVariable = "ACTORSYNC_SECRETS_DIR";
    public const string DefaultFolder = "/run/secrets";
    public const string FileSuffix = "_FILE";

    /// <summary>
    /// Adds the files below the plain environment variables of <paramref name="configuration"/> (before its last
    /// environment-variable source, or at the end when it has none). The host's only call is in
    /// <see cref="Api.ServiceHost.Build"/>.
    /// </summary>
    /// <param name="environment">The process environment (<see cref="Environment.GetEnvironmentVariables()"/>).</param>
    /// <param name="defaultFolder">Where to look when <c>ACTORSYNC_SECRETS_DIR</c> is not set (tests point it elsewhere).</param>
    public static void AddTo(IConfigurationBuilder configuration, IDictionary environment, string defaultFolder = DefaultFolder)
    {
        var values = Read(environment, defaultFolder);
        var source = new SecretFilesSource(values);
        var sources = configuration.Sources;
        var environmentAt = -1;
        for (var i = 0; i < sources.Count; i++)
            if (sources[i] is EnvironmentVariablesConfigurationSource) environmentAt = i;
        if (environmentAt < 0) sources.Add(source);
        else sources.Insert(environmentAt, source);
    }

    /// <summary>The keys and values the files give (folder first, then <c>_FILE</c> variables over it).</summary>
    public static IReadOnlyDictionary<string, string?> Read(IDictionary environment, string defaultFolder = DefaultFolder)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        var explicitFolder = environment[FolderVariable] as string;
        var folder = string.IsNullOrWhiteSpace(explicitFolder) ? defaultFolder : explicitFolder;
        if (!string.IsNullOrWhiteSpace(explicitFolder) && !Directory.Exists(folder))
            throw new SecretFileException($"{FolderVariable} names the secrets folder {folder}, which does not exist or is not a folder.");
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                // Kubernetes keeps its own entries (..data, ..2026_01_01…) beside the secrets; hidden files are not keys.
                if (name.StartsWith('.')) continue;
                values[ToKey(name)] = ReadValue(path, $"the secrets folder ({FolderVariable} or {DefaultFolder}) file {name}");
            }
        }

        foreach (DictionaryEntry variable in environment)
        {
            var name = (string)variable.Key;
            // Only names that hold a section (ServiceLayer__Password_FILE): other software's *_FILE variables are not ours.
            if (!name.EndsWith(FileSuffix, StringComparison.Ordinal) || !name.Contains("__", StringComparison.Ordinal)) continue;
            var key = ToKey(name[..^FileSuffix.Length]);
            var path = variable.Value as string;
            if (string.IsNullOrWhiteSpace(path))
                throw new SecretFileException($"The environment variable {name} is empty; it must name the file that holds {key}.");
            values[key] = ReadValue(path, $"the environment variable {name}");
        }
        return values;
    }

    /// <summary>Ops tokens and passwords are single lines: the line break the file ends with is not part of them.</summary>
    internal static string TrimTrailingNewline(string content) =>
        content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2]
        : content.EndsWith('\n') ? content[..^1]
        : content;

    private static string ToKey(string name) => name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    private static string ReadValue(string path, string from)
    {
        try
        {
            return TrimTrailingNewline(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // The reason is the OS's (not found, permission denied), never the content.
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "it does not exist",
                UnauthorizedAccessException => "this process may not read it",
                _ => e.Message,
            };
            throw new SecretFileException($"Cannot read the secret file {path} named by {from}: {reason}.");
        }
    }

    private sealed class SecretFilesSource(IReadOnlyDictionary<string, string?> values) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(values);

        private sealed class Provider(IReadOnlyDictionary<string, string?> values) : ConfigurationProvider
        {
            public override void Load() => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        }
    }
}

/// <summary>A secret file could not be read; a configuration error (<see cref="Api.ServiceHost.IsConfigurationError"/>).</summary>
public sealed class SecretFileException(string message) : InvalidOperationException(message);

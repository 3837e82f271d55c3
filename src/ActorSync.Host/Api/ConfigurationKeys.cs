using System.Collections;
using System.Reflection;

namespace ActorSync.Host.Api;

/// <summary>
/// Finds keys in a known configuration section that bind to nothing (<c>ServiceLayer:Pasword</c>): the binder ignores
/// them silently, so a typo would leave a setting at its default with nobody told.
/// </summary>
public static class ConfigurationKeys
{
    public static IEnumerable<string> Unknown(IConfiguration configuration, string section, Type settings) =>
        Walk(configuration.GetSection(section), settings);

    private static IEnumerable<string> Walk(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsComplex(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                // ServiceLayer__Password_FILE: read by Configuration/SecretFiles into ServiceLayer:Password.
                if (child.Key.EndsWith(Configuration.SecretFiles.FileSuffix, StringComparison.Ordinal)
                    && properties.ContainsKey(child.Key[..^Configuration.SecretFiles.FileSuffix.Length])) continue;
                var hint = properties.Keys.FirstOrDefault(k => Close(k, child.Key));
                yield return hint is null ? child.Path : $"{child.Path} (did you mean {hint}?)";
                continue;
            }
            if (!IsComplex(property.PropertyType)) continue;
            foreach (var unknown in Walk(child, property.PropertyType)) yield return unknown;
        }
    }

    /// <summary>A settings object of its own (not a value, a list or a dictionary, whose keys are the user's).</summary>
    private static bool IsComplex(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("ActorSync", StringComparison.Ordinal) == true;

    /// <summary>One edit apart (a letter missing, extra, changed or two swapped), ignoring case.</summary>
    private static bool Close(string known, string given)
    {
        var (a, b) = (known.ToLowerInvariant(), given.ToLowerInvariant());
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var distance = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) distance[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) distance[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            distance[i, j] = Math.Min(Math.Min(distance[i - 1, j] + 1, distance[i, j - 1] + 1), distance[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) distance[i, j] = Math.Min(distance[i, j], distance[i - 2, j - 2] + 1);
        }
        return distance[a.Length, b.Length] <= 1;
    }
}

using System.Collections.Frozen;
using System.Reflection;

namespace ActorSync.Emulators.ServiceLayer.Company.Metadata;

/// <summary>
/// Property names and EDM types per Service Layer type, read from <c>entity-properties.txt</c> (extracted from a
/// real v1 <c>$metadata</c>). Used to answer "Property 'X' of 'Document' is invalid" for names SAP does not know,
/// while keeping (and echoing) known properties the emulator does not model.
/// </summary>
internal static class EntityMetadata
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Types = Load();

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ActorSync.Emulators.entity-properties.txt")
            ?? throw new InvalidOperationException("Embedded resource entity-properties.txt is missing.");
        using var reader = new StreamReader(stream);
        var types = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in line[(bar + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                properties[pair[..colon]] = pair[(colon + 1)..];
            }

            types[line[..bar]] = properties.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>True when SAP's metadata declares the property on the type, or it is a user-defined field (U_*).</summary>
    public static bool IsKnown(string typeName, string property) =>
        property.StartsWith("U_", StringComparison.Ordinal) ||
        (Types.TryGetValue(typeName, out var properties) && properties.ContainsKey(property));

    /// <summary>The EDM type of a property (e.g. "String", "Double", "DateTime", "BoYesNoEnum"), or null.</summary>
    public static string? TypeOf(string typeName, string property) =>
        Types.TryGetValue(typeName, out var properties) && properties.TryGetValue(property, out var type) ? type : null;

    public static IReadOnlyCollection<string> PropertiesOf(string typeName) =>
        Types.TryGetValue(typeName, out var properties) ? properties.Keys : [];
}

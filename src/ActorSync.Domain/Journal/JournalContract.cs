using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace ActorSync.Domain.Journal;

/// <summary>
/// Marks a type that is written to the journal or the snapshot store (events, snapshots, states). Every such type
/// must be named in exactly one <see cref="JournalContract"/>; a spec checks it.
/// </summary>
public interface IJournaled;

/// <summary>A manifest older than the current format, and how to turn its JSON into the next form.</summary>
/// <param name="From">The old manifest (<c>order.deferred.v1</c>).</param>
/// <param name="To">The manifest it becomes: the same name one version up (a field renamed), or another type's (a type retired).</param>
/// <param name="Upcast">Rewrites the old JSON into <paramref name="To"/>'s shape. It may change the node it is given.</param>
public sealed record Upcaster(string From, string To, Func<JsonObject, JsonObject> Upcast);

/// <summary>
/// The journal format of one bounded area (orders, POS, warehouse, stock, exception queue): the current manifest of
/// every type it writes, and the upcasters that bring every manifest it ever wrote up to a current one. Manifests are
/// short names with a version (<c>order.received.v1</c>), never CLR names, so types can be renamed and moved freely.
/// </summary>
public sealed class JournalContract
{
    private readonly FrozenDictionary<string, Type> _types;
    private readonly FrozenDictionary<Type, string> _manifests;
    private readonly FrozenDictionary<string, Upcaster> _upcasters;

    /// <param name="dictionaries">Compression dictionaries, oldest first; the last one is written, every one stays readable.</param>
    public JournalContract(string area, IEnumerable<(string Manifest, Type Type)> types, IEnumerable<Upcaster>? upcasters = null,
        IEnumerable<string>? dictionaries = null)
    {
        Area = area;
        Dictionaries = (dictionaries ?? []).Select(d => new JournalDictionary(d)).ToList();
        var list = types.ToList();
        foreach (var (manifest, _) in list)
            if (!IsWellFormed(manifest)) throw new ArgumentException($"Manifest '{manifest}' of {area} is not of the form <name>.v<version>.");
        _types = list.ToFrozenDictionary(t => t.Manifest, t => t.Type, StringComparer.Ordinal);
        _manifests = list.ToFrozenDictionary(t => t.Type, t => t.Manifest);
        _upcasters = (upcasters ?? []).ToFrozenDictionary(u => u.From, StringComparer.Ordinal);
        foreach (var u in _upcasters.Values)
        {
            if (_types.ContainsKey(u.From)) throw new ArgumentException($"{area}: manifest {u.From} is current and has an upcaster too.");
            if (!_types.ContainsKey(u.To) && !_upcasters.ContainsKey(u.To)) throw new ArgumentException($"{area}: upcaster {u.From} leads to unknown manifest {u.To}.");
        }
    }

    public string Area { get; }

    public IReadOnlyList<JournalDictionary> Dictionaries { get; }

    /// <summary>The dictionary new payloads are compressed with; null when the area has none (plain deflate).</summary>
    public JournalDictionary? WriteDictionary => Dictionaries.Count > 0 ? Dictionaries[^1] : null;

    public IReadOnlyCollection<Type> Types => _manifests.Keys;

    public IReadOnlyCollection<string> CurrentManifests => _types.Keys;

    public IReadOnlyCollection<string> RetiredManifests => _upcasters.Keys;

    public bool Writes(Type type) => _manifests.ContainsKey(type);

    public string ManifestOf(Type type) =>
        _manifests.TryGetValue(type, out var manifest)
            ? manifest
            : throw new JournalFormatException($"{type.Name} has no manifest in the {Area} journal contract; add one before journaling it.");

    /// <summary>The current type for <paramref name="manifest"/>, and the upcasters (oldest first) its JSON must pass through.</summary>
    public (Type Type, IReadOnlyList<Upcaster> Path) Resolve(string manifest)
    {
        var path = new List<Upcaster>();
        var current = manifest;
        while (!_types.ContainsKey(current))
        {
            if (!_upcasters.TryGetValue(current, out var step))
                throw new JournalFormatException($"Manifest '{manifest}' is unknown to the {Area} journal contract (written by a newer release, or retired without an upcaster).");
            if (path.Count > 64) throw new JournalFormatException($"Manifest '{manifest}' of {Area}: upcasters form a loop.");
            path.Add(step);
            current = step.To;
        }
        return (_types[current], path);
    }

    private static bool IsWellFormed(string manifest)
    {
        var dot = manifest.LastIndexOf(".v", StringComparison.Ordinal);
        return dot > 0 && int.TryParse(manifest.AsSpan(dot + 2), out var version) && version > 0
               && manifest.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
    }
}

/// <summary>A journal entry that cannot be written or read in the current format; the message names the manifest or type.</summary>
public sealed class JournalFormatException(string message, Exception? inner = null) : Exception(message, inner);

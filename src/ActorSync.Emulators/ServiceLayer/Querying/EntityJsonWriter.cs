using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

/// <summary>
/// Writes entities with version-specific value formats: v1 dates as "2020-10-08", v2 as "2020-10-08T00:00:00Z"
/// (reference §8); times as "HH:mm:ss"; enums as member names. <c>$select</c> applies to top-level properties only.
/// </summary>
internal sealed class EntityJsonWriter(Utf8JsonWriter json, ODataVersion version, IReadOnlySet<string>? select)
{
    private int _depth;

    public Utf8JsonWriter Json { get; } = json;
    public ODataVersion Version { get; } = version;

    public bool Selected(string name) => _depth > 0 || select is null || select.Contains(name);

    public void Nested(Action write)
    {
        _depth++;
        try
        {
            write();
        }
        finally
        {
            _depth--;
        }
    }

    public void Scalar(string name, FieldKind kind, object? value)
    {
        if (value is null)
        {
            Json.WriteNull(name);
            return;
        }

        switch (value)
        {
            case string text:
                Json.WriteString(name, text);
                break;
            case int number:
                Json.WriteNumber(name, number);
                break;
            case decimal amount:
                Json.WriteNumber(name, Normalize(amount));
                break;
            case DateOnly date:
                Json.WriteString(name, FormatDate(date));
                break;
            case TimeOnly time:
                Json.WriteString(name, time.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"Unsupported value type {value.GetType()} for {name} ({kind}).");
        }
    }

    public string FormatDate(DateOnly date) => Version == ODataVersion.V1
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>Drops trailing zeros (12.50 → 12.5) so amounts look like SL's doubles.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public void Extras(IReadOnlyDictionary<string, JsonElement> extras)
    {
        foreach (var (name, value) in extras)
        {
            if (Selected(name))
            {
                Json.WritePropertyName(name);
                value.WriteTo(Json);
            }
        }
    }

    /// <summary>A complex property (such as a document's <c>AddressExtension</c>): an object, every property written.</summary>
    public void Object<TItem>(string name, TItem item, EntityDefinition<TItem> definition)
    {
        Json.WriteStartObject(name);
        definition.WriteAll(this, item);
        Json.WriteEndObject();
    }

    public void Array<TItem>(string name, IEnumerable<TItem> items, EntityDefinition<TItem> definition)
    {
        Json.WriteStartArray(name);
        foreach (var item in items)
        {
            Json.WriteStartObject();
            definition.WriteAll(this, item);
            Json.WriteEndObject();
        }

        Json.WriteEndArray();
    }
}

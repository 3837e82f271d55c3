using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company.Metadata;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Typed reads from a JSON payload object with SAP-style answers for bad input. Property names are
/// case-sensitive, as in the Service Layer.
/// </summary>
internal readonly struct Payload(JsonElement element, string typeName)
{
    public JsonElement Element { get; } = element;
    public string TypeName { get; } = typeName;

    public static Payload Parse(JsonElement element, string typeName)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw SapErrors.Validation($"The payload of '{typeName}' must be a JSON object.");
        }

        return new Payload(element, typeName);
    }

    public bool Has(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>True when the property is present, even with a null value.</summary>
    public bool Contains(string name) => Element.TryGetProperty(name, out _);

    public string? String(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Invalid(name),
        };
    }

    public decimal? Decimal(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Invalid(name);
    }

    public int? Int(string name)
    {
        var number = Decimal(name);
        if (number is null)
        {
            return null;
        }

        if (number != decimal.Truncate(number.Value) || number < int.MinValue || number > int.MaxValue)
        {
            throw Invalid(name);
        }

        return (int)number.Value;
    }

    /// <summary>Dates as SAP accepts them: "2024-01-31", "20240131" or an ISO date-time ("2024-01-31T00:00:00Z").</summary>
    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return ParseDate(text) ?? throw Invalid(name);
    }

    public static DateOnly? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            return DateOnly.FromDateTime(stamp.UtcDateTime);
        }

        return null;
    }

    /// <summary>BoYesNoEnum: member names tYES/tNO or stored values Y/N.</summary>
    public bool? YesNo(string name)
    {
        var text = String(name);
        return text switch
        {
            null => null,
            "tYES" or "Y" => true,
            "tNO" or "N" => false,
            _ => throw Invalid(name),
        };
    }

    public IReadOnlyList<Payload> Array(string name, string itemTypeName)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name);
        }

        var list = new List<Payload>(value.GetArrayLength());
        foreach (var entry in value.EnumerateArray())
        {
            list.Add(Parse(entry, itemTypeName));
        }

        return list;
    }

    /// <summary>
    /// Checks every property the client sent: modelled ones are read elsewhere; others must exist in SAP's
    /// metadata (or be a U_ field) and are kept verbatim; anything else is SAP's
    /// "Property 'X' of 'T' is invalid" (-1000).
    /// </summary>
    public Dictionary<string, JsonElement> CollectExtras(IReadOnlySet<string> modelled)
    {
        var extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            if (modelled.Contains(property.Name))
            {
                continue;
            }

            if (!EntityMetadata.IsKnown(TypeName, property.Name))
            {
                throw SapErrors.InvalidProperty(property.Name, TypeName);
            }

            extras[property.Name] = property.Value.Clone();
        }

        return extras;
    }

    private SapException Invalid(string name) =>
        SapErrors.BadQuery($"Value of property '{name}' of '{TypeName}' is invalid");
}

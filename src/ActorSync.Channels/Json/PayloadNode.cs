using System.Globalization;
using System.Text.Json;

namespace ActorSync.Channels.Json;

/// <summary>
/// A JSON value inside a channel payload that knows its own path, so every read that fails says exactly which field
/// was wrong and why (<see cref="ChannelPayloadException"/>), instead of a NullReferenceException or a bare
/// <see cref="InvalidOperationException"/> from <see cref="JsonElement"/>.
/// Numbers are read from their text (<see cref="JsonElement.GetDecimal"/>), never through a double, so Magento's float
/// amounts (<c>165</c>, <c>22.1</c>) arrive exact.
/// </summary>
public readonly struct PayloadNode
{
    private PayloadNode(JsonElement element, string path, string channel)
    {
        Element = element;
        Path = path;
        Channel = channel;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public string Channel { get; }

    public JsonValueKind Kind => Element.ValueKind;

    /// <summary>Parses a whole payload; malformed JSON is reported with its line and position.</summary>
    public static PayloadNode Parse(string json, string channel)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new ChannelPayloadException(channel, "$", "is empty");
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return new PayloadNode(document.RootElement.Clone(), "$", channel);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            throw new ChannelPayloadException(channel, "$", $"is not valid JSON{where}", ex);
        }
    }

    public static PayloadNode From(JsonElement element, string path, string channel) => new(element, path, channel);

    public ChannelPayloadException Error(string problem) => new(Channel, Path, problem);

    /// <summary>The field, which must be present and not null.</summary>
    public PayloadNode Required(string name)
    {
        var found = Optional(name);
        if (found is null)
            throw new ChannelPayloadException(Channel, Child(name), Has(name) ? "is null but is required" : "is missing");
        return found.Value;
    }

    /// <summary>The field, or null when it is absent or JSON null.</summary>
    public PayloadNode? Optional(string name)
    {
        RequireObject();
        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new PayloadNode(value, Child(name), Channel)
            : null;
    }

    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    public bool IsArray => Element.ValueKind == JsonValueKind.Array;

    public PayloadNode RequireObject()
    {
        if (Element.ValueKind != JsonValueKind.Object)
            throw Error($"must be an object, was {Describe()}");
        return this;
    }

    public IEnumerable<PayloadNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
            throw Error($"must be an array, was {Describe()}");
        return ItemsOf(Element, Path, Channel);
    }

    private static IEnumerable<PayloadNode> ItemsOf(JsonElement array, string path, string channel)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
            yield return new PayloadNode(item, $"{path}[{index++}]", channel);
    }

    /// <summary>A JSON string.</summary>
    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String)
            throw Error($"must be a string, was {Describe()}");
        return Element.GetString()!;
    }

    /// <summary>An identifier: a string, or a whole number (channels disagree on which, e.g. ids in Sitoo vs BigCommerce).</summary>
    public string Id() => Element.ValueKind switch
    {
        JsonValueKind.String when Element.GetString() is { Length: > 0 } text => text,
        JsonValueKind.String => throw Error("must be a non-empty id, was \"\""),
        JsonValueKind.Number when Element.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => throw Error($"must be an id (string or whole number), was {Describe()}"),
    };

    /// <summary>
    /// An amount or quantity: a JSON number, or a string holding one, because BigCommerce (<c>"336.3200"</c>) and
    /// Sitoo (<c>"123.50"</c>, <c>"5.000"</c>) send money and decimals as strings (channels.md §2.4, §3.1) while
    /// Magento sends floats (§1.3).
    /// </summary>
    public decimal Decimal()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.Number:
                if (Element.TryGetDecimal(out var number))
                    return InRange(number);
                throw Error($"must be a number within decimal range, was {Element.GetRawText()}");
            case JsonValueKind.String:
                var text = Element.GetString()!;
                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture, out var parsed))
                    return InRange(parsed);
                throw Error($"must be a number, was \"{text}\"");
            default:
                throw Error($"must be a number, was {Describe()}");
        }
    }

    /// <summary>
    /// No amount, quantity or id of a shop comes near 10^20, and none but zero is smaller than a millionth (SAP keeps
    /// six decimals); a value outside is corrupt, and summing or dividing by it would overflow decimal arithmetic in
    /// the parsers' reconciliations and unit prices.
    /// </summary>
    private const decimal Largest = 100_000_000_000_000_000_000m;
    private const decimal Smallest = 0.000001m;

    private decimal InRange(decimal value) => Math.Abs(value) switch
    {
        > Largest => throw Error($"is {Element.GetRawText()}, beyond any real amount or quantity"),
        < Smallest and > 0 => throw Error($"is {Element.GetRawText()}, smaller than any real amount or quantity"),
        _ => value,
    };

    public int Int32()
    {
        var value = Decimal();
        if (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue)
            throw Error($"must be a whole number, was {Element.GetRawText()}");
        return (int)value;
    }

    public long Int64()
    {
        var value = Decimal();
        if (value != decimal.Truncate(value) || value < long.MinValue || value > long.MaxValue)
            throw Error($"must be a whole number, was {Element.GetRawText()}");
        return (long)value;
    }

    /// <summary>A Unix time in seconds (Sitoo, BigCommerce webhooks, the WMS), within what a date can hold.</summary>
    public DateTimeOffset UnixTime()
    {
        var seconds = Int64();
        if (seconds < 0 || seconds > 253_402_300_799) throw Error($"must be a Unix time in seconds from 1970 on, was {Element.GetRawText()}");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>true/false, or Magento's 0/1 flags (<c>customer_is_guest</c>).</summary>
    public bool Flag() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when Element.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        JsonValueKind.String when Element.GetString() is "0" or "1" => Element.GetString() == "1",
        _ => throw Error($"must be true/false or 0/1, was {Describe()}"),
    };

    public string RequiredString(string name) => Required(name).String();

    public string? OptionalString(string name)
    {
        var node = Optional(name);
        return node?.String() is { Length: > 0 } text ? text : null;
    }

    public decimal RequiredDecimal(string name) => Required(name).Decimal();

    public decimal OptionalDecimal(string name, decimal fallback = 0m) => Optional(name)?.Decimal() ?? fallback;

    public int RequiredInt(string name) => Required(name).Int32();

    public int? OptionalInt(string name) => Optional(name)?.Int32();

    public string Describe() => Element.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(Element.GetString()!)}\"",
        JsonValueKind.Number => Element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => Element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => Element.ValueKind.ToString(),
    };

    private string Child(string name) => Path == "$" ? name : $"{Path}.{name}";

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

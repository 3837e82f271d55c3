using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorSync.ServiceLayer.Transport;

/// <summary>How request bodies become JSON and response bodies become <see cref="JsonElement"/>s.</summary>
internal static class JsonBodies
{
    /// <summary>
    /// Property names as written (SL uses PascalCase: CardCode, DocumentLines); nulls left out, as B1SLayer does
    /// (reference §10), so an unset field is not sent as an explicit null; C# enums as their names because SL's
    /// enums travel as member-name strings such as "tYES" (reference §8).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises once so every attempt sends the same bytes. A <see cref="string"/> is taken as JSON text
    /// already serialised by the caller.</summary>
    public static byte[] Serialize(object body) => body switch
    {
        string json => Encoding.UTF8.GetBytes(json),
        byte[] bytes => bytes,
        _ => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options),
    };

    /// <summary>Null for empty bodies (204). Non-JSON text (e.g. <c>/$count</c> answering text/plain) becomes a JSON
    /// string unless it parses as a JSON value such as <c>40</c>.</summary>
    public static JsonElement? Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body));
        }
    }
}

using System.Text;
using System.Text.Json;

namespace ActorSync.Emulators.ServiceLayer.Protocol;

/// <summary>
/// How the error envelope is spelled. SAP's own documents disagree (reference §4): most samples carry a numeric
/// <c>code</c> and <c>message</c> as <c>{"lang","value"}</c>; the ETag chapter prints the code as a string and the
/// message as a plain string. The default is the common shape; the other is selectable.
/// </summary>
public sealed record ErrorEnvelopeStyle
{
    public bool CodeAsString { get; init; }
    public bool MessageAsPlainString { get; init; }

    public static ErrorEnvelopeStyle Standard { get; } = new();
}

internal static class ErrorEnvelope
{
    public static byte[] Serialize(int code, string message, ErrorEnvelopeStyle style)
    {
        using var buffer = new MemoryStream(128 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            if (style.CodeAsString)
            {
                writer.WriteString("code", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNumber("code", code);
            }

            if (style.MessageAsPlainString)
            {
                writer.WriteString("message", message);
            }
            else
            {
                writer.WriteStartObject("message");
                writer.WriteString("lang", "en-us");
                writer.WriteString("value", message);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string SerializeToString(int code, string message, ErrorEnvelopeStyle style) =>
        Encoding.UTF8.GetString(Serialize(code, message, style));
}

using System.Globalization;
using System.Text.Json;

namespace ActorSync.Emulators.ServiceLayer.Protocol;

/// <summary>
/// SAP's error body, in the shape of the protocol version that answers (reference §4, resolved by version):
/// <c>/b1s/v1</c> writes <c>{"error":{"code":-2028,"message":{"lang":"en-us","value":"…"}}}</c> (code a number,
/// message an object); <c>/b1s/v2</c> writes <c>{"error":{"code":"-2028","message":"…"}}</c> (code a string, message
/// a plain string). Every error answer, <c>$batch</c> parts included, is written here.
/// </summary>
internal static class ErrorEnvelope
{
    public static byte[] Serialize(int code, string message, ODataVersion version)
    {
        using var buffer = new MemoryStream(128 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            if (version == ODataVersion.V1)
            {
                writer.WriteNumber("code", code);
                writer.WriteStartObject("message");
                writer.WriteString("lang", "en-us");
                writer.WriteString("value", message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("code", code.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("message", message);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

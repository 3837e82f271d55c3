using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorSync.Emulators.ServiceLayer.Protocol;

/// <summary>
/// Writer options for every JSON answer: no HTML-safe escaping, so '&amp;' and quotes in texts and context URLs
/// stay as SL writes them (the default encoder would write "\u0026").
/// </summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

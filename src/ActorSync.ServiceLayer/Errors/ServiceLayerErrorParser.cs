using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorSync.ServiceLayer.Errors;

/// <summary>The raw parts of an error body before classification.</summary>
internal readonly record struct ParsedErrorBody(string Code, string Message, bool HasEnvelope);

/// <summary>
/// Reads whatever came back with a failed status: SAP's envelope in either version's shape (reference §4: v1 a
/// numeric code and a <c>{"lang","value"}</c> message, v2 a string code and a plain-string message; either mix is
/// accepted too), a ping-style <c>{"message":…}</c>, an Apache HTML page (502 Proxy Error) or nothing at all (the load
/// balancer's empty 500). Direct answers, login failures and <c>$batch</c> parts all come through here, and the code
/// always leaves as text ("-2028"), so the classification table sees the same code from either version.
/// </summary>
internal static partial class ServiceLayerErrorParser
{
    private const int MaxMessageLength = 400;

    public static ServiceLayerError ToError(int status, string? reasonPhrase, ReadOnlySpan<byte> body, ErrorClassificationTable table, TimeSpan? retryAfter = null)
    {
        var parsed = Parse(status, reasonPhrase, body);
        var (category, rule) = table.Classify(status, parsed.Code, parsed.Message, parsed.HasEnvelope);
        return new ServiceLayerError(status, parsed.Code, parsed.Message, category) { MatchedRule = rule?.Name, RetryAfter = retryAfter };
    }

    public static ParsedErrorBody Parse(int status, string? reasonPhrase, ReadOnlySpan<byte> body)
    {
        var phrase = string.IsNullOrWhiteSpace(reasonPhrase) ? DefaultReason(status) : reasonPhrase;
        if (IsBlank(body))
            return new ParsedErrorBody("", $"HTTP {status} {phrase} with an empty body", false);

        if (TryParseJson(body, out var fromJson))
            return fromJson;

        var text = Encoding.UTF8.GetString(body);
        return new ParsedErrorBody("", $"HTTP {status} {phrase}: {Summarise(text)}", false);
    }

    private static bool TryParseJson(ReadOnlySpan<byte> body, out ParsedErrorBody parsed)
    {
        parsed = default;
        var trimmed = TrimStart(body);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{') return false;
        try
        {
            var reader = new Utf8JsonReader(trimmed);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) ? CodeText(c) : "";
                var message = error.TryGetProperty("message", out var m) ? MessageText(m) : "";
                parsed = new ParsedErrorBody(code, message, true);
                return true;
            }

            // Ping answers and some proxies: {"message":"Service Unavailable"} (reference §1).
            if (root.TryGetProperty("message", out var bare))
            {
                parsed = new ParsedErrorBody("", MessageText(bare), false);
                return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string CodeText(JsonElement code) => code.ValueKind switch
    {
        JsonValueKind.Number => code.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : code.GetRawText(),
        JsonValueKind.String => code.GetString()?.Trim() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => code.GetRawText(),
    };

    private static string MessageText(JsonElement message) => message.ValueKind switch
    {
        JsonValueKind.String => message.GetString() ?? "",
        JsonValueKind.Object when message.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => message.GetRawText(),
    };

    /// <summary>Turns an HTML error page into one readable line (Apache's 502 says what went wrong in its text).</summary>
    internal static string Summarise(string text)
    {
        var noScripts = ScriptOrStyle().Replace(text, " ");
        var noTags = Tags().Replace(noScripts, " ");
        var decoded = WebUtility.HtmlDecode(noTags);
        var oneLine = Whitespace().Replace(decoded, " ").Trim();
        return oneLine.Length <= MaxMessageLength ? oneLine : oneLine[..MaxMessageLength] + "…";
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => TrimStart(body).IsEmpty;

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        // UTF-8 byte order mark, then whitespace.
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var i = 0;
        while (i < body.Length && (body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) i++;
        return body[i..];
    }

    private static string DefaultReason(int status) => status switch
    {
        0 => "",
        _ => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "",
    };

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

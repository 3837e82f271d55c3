using System.Text.RegularExpressions;

namespace ActorSync.ServiceLayer.Batching;

/// <summary>A MIME part: headers (case-insensitive names) and its body text.</summary>
internal sealed record MimePart(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>An HTTP response embedded in an <c>application/http</c> part.</summary>
internal sealed record EmbeddedResponse(int Status, string? ReasonPhrase, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// Lenient multipart/mixed reading for <c>$batch</c> answers: CRLF or bare LF line ends, quoted or bare boundary
/// parameters, transport padding after delimiters, a missing close delimiter. Bodies are JSON, where line breaks
/// are insignificant, so working line by line on LF-normalised text loses nothing. That is also why SAP's framing
/// (each sub-response body ends with a bare LF before the delimiter's CRLF, reference §7) and the older one (an extra
/// CRLF there, or none) read to the same body: the trailing line break never reaches the body handed on.
/// </summary>
internal static partial class MultipartText
{
    public static string? BoundaryOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return null;
        var m = BoundaryParameter().Match(contentType);
        if (!m.Success) return null;
        return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
    }

    public static bool IsMultipart(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first delimiter line names the boundary when the header does not.</summary>
    public static string? SniffBoundary(string text)
    {
        foreach (var raw in Lines(text))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0) continue;
            return line.StartsWith("--", StringComparison.Ordinal) && line.Length > 2 ? line[2..] : null;
        }
        return null;
    }

    /// <summary>Throws <see cref="FormatException"/> when no delimiter is found at all.</summary>
    public static IReadOnlyList<MimePart> Split(string text, string boundary)
    {
        var delimiter = "--" + boundary;
        var close = delimiter + "--";
        var parts = new List<MimePart>();
        List<string>? current = null;
        var sawDelimiter = false;

        foreach (var raw in Lines(text))
        {
            var line = raw.TrimEnd(' ', '\t');
            if (line == delimiter || line == close)
            {
                sawDelimiter = true;
                if (current is not null) parts.Add(ToPart(current));
                current = line == close ? null : [];
                if (line == close) break; // epilogue follows
                continue;
            }
            current?.Add(raw); // before the first delimiter: preamble, ignored
        }
        if (!sawDelimiter)
            throw new FormatException($"No multipart delimiter '--{boundary}' in the batch answer.");
        if (current is not null && current.Count > 0) parts.Add(ToPart(current)); // missing close delimiter: keep what came
        return parts;
    }

    /// <summary>Reads "HTTP/1.1 201 Created", headers, blank line, body.</summary>
    public static EmbeddedResponse ParseHttpResponse(string text)
    {
        using var lines = Lines(text).GetEnumerator();
        string? statusLine = null;
        while (lines.MoveNext())
        {
            if (lines.Current.Trim().Length == 0) continue;
            statusLine = lines.Current.Trim();
            break;
        }
        if (statusLine is null)
            throw new FormatException("An application/http part has no status line.");
        var m = StatusLine().Match(statusLine);
        if (!m.Success)
            throw new FormatException($"Not an HTTP status line: '{Truncate(statusLine)}'.");

        var headerLines = new List<string>();
        while (lines.MoveNext() && lines.Current.Trim().Length > 0) headerLines.Add(lines.Current);
        var body = new List<string>();
        while (lines.MoveNext()) body.Add(lines.Current);

        return new EmbeddedResponse(
            int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups[2].Success ? m.Groups[2].Value.Trim() : null,
            ParseHeaders(headerLines),
            string.Join('\n', body).Trim());
    }

    private static MimePart ToPart(List<string> lines)
    {
        var i = 0;
        // Headers end at the first blank line; a part without headers simply starts with that blank line.
        var headerLines = new List<string>();
        for (; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) { i++; break; }
            headerLines.Add(lines[i]);
        }
        var body = string.Join('\n', lines.Skip(i));
        return new MimePart(ParseHeaders(headerLines), body);
    }

    private static Dictionary<string, string> ParseHeaders(List<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in lines)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim(); // folded continuation
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }
        return headers;
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var lf = text.IndexOf('\n', start);
            if (lf < 0)
            {
                if (start < text.Length) yield return text[start..].TrimEnd('\r');
                yield break;
            }
            yield return text[start..lf].TrimEnd('\r');
            start = lf + 1;
        }
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";

    [GeneratedRegex("""boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))""", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryParameter();

    [GeneratedRegex(@"^HTTP/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$")]
    private static partial Regex StatusLine();
}

using System.Text;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Batch;

/// <summary>One HTTP request inside a $batch.</summary>
internal sealed record BatchRequestPart(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? ContentId, byte[] Body);

/// <summary>A top-level part of a $batch: a lone request (GETs) or a changeset of writes.</summary>
internal abstract record BatchPart;

internal sealed record SingleRequestPart(BatchRequestPart Request) : BatchPart;

internal sealed record ChangesetPart(IReadOnlyList<BatchRequestPart> Requests) : BatchPart;

/// <summary>
/// Reads <c>multipart/mixed</c> $batch bodies (reference §7): top-level parts are <c>application/http</c>
/// requests or nested <c>multipart/mixed</c> changesets. CRLF is the wire standard; LF-only input is tolerated.
/// Content-ID is taken from the MIME part headers or from the inner HTTP headers.
/// </summary>
internal static class MultipartBatchReader
{
    /// <summary>SAP's answer to a malformed part (B1SLayer issue #68).</summary>
    public const string IncompleteRequestText =
        "Incomplete request, Please check if the sub-request has complete request content and there should be two '\\r\\n' between sub-request header and content!";

    public static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.TrimStart().StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                var value = parameter["boundary=".Length..].Trim();
                return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
            }
        }

        return null;
    }

    public static List<BatchPart> Read(byte[] body, string boundary)
    {
        var lines = SplitLines(Encoding.UTF8.GetString(body));
        var parts = new List<BatchPart>();
        foreach (var part in SplitParts(lines, boundary))
        {
            var (headers, content) = SplitHeaders(part);
            if (Boundary(headers.GetValueOrDefault("Content-Type")) is { } inner)
            {
                var requests = SplitParts(content, inner).Select(ReadRequestPart).ToList();
                parts.Add(new ChangesetPart(requests));
            }
            else
            {
                parts.Add(new SingleRequestPart(ReadRequestPart(part)));
            }
        }

        return parts;
    }

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        return lines;
    }

    private static List<List<string>> SplitParts(List<string> lines, string boundary)
    {
        var delimiter = "--" + boundary;
        var close = delimiter + "--";
        var parts = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed == close)
            {
                if (current is not null)
                {
                    parts.Add(current);
                }

                return parts;
            }

            if (trimmed == delimiter)
            {
                if (current is not null)
                {
                    parts.Add(current);
                }

                current = [];
                continue;
            }

            current?.Add(line);
        }

        // No closing delimiter: accept what was read.
        if (current is not null)
        {
            parts.Add(current);
        }

        return parts;
    }

    private static (Dictionary<string, string> Headers, List<string> Content) SplitHeaders(List<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < lines.Count && lines[i].Length == 0)
        {
            i++;
        }

        for (; i < lines.Count && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        return (headers, lines.Skip(i + 1).ToList());
    }

    private static BatchRequestPart ReadRequestPart(List<string> part)
    {
        var (mimeHeaders, content) = SplitHeaders(part);
        var start = content.FindIndex(l => l.Trim().Length > 0);
        if (start < 0)
        {
            throw SapErrors.BadQuery(IncompleteRequestText);
        }

        var requestLine = content[start].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length < 2)
        {
            throw SapErrors.BadQuery(IncompleteRequestText);
        }

        var (httpHeaders, bodyLines) = SplitHeaders(content.Skip(start + 1).ToList());
        var bodyText = string.Join('\n', bodyLines).Trim();
        var contentId = mimeHeaders.GetValueOrDefault("Content-ID") ?? httpHeaders.GetValueOrDefault("Content-ID");
        return new BatchRequestPart(requestLine[0].ToUpperInvariant(), requestLine[1], httpHeaders, contentId?.Trim(), Encoding.UTF8.GetBytes(bodyText));
    }
}

/// <summary>
/// Writes $batch answers in SAP's framing (B1SLayer's captured v1/v2 samples, reference §7): outer boundary
/// <c>batchresponse_&lt;guid&gt;</c>, changesets <c>changesetresponse_&lt;guid&gt;</c>, every part
/// <c>Content-Type: application/http</c> + <c>Content-Transfer-Encoding: binary</c>. v1 puts Content-ID among the
/// inner HTTP headers; v2 among the MIME part headers. CRLF throughout, except the bare line feed SAP puts after
/// every sub-response body (<c>…}</c> LF CRLF <c>--changesetresponse_…</c>), which is part of the body.
/// </summary>
internal sealed class MultipartBatchWriter(ODataVersion version)
{
    private const string CrLf = "\r\n";
    private readonly StringBuilder _text = new();

    public string Boundary { get; } = "batchresponse_" + Guid.NewGuid();

    public sealed record InnerResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[] Body, string? ContentId);

    public void Single(InnerResponse response)
    {
        _text.Append("--").Append(Boundary).Append(CrLf);
        WritePart(response);
    }

    public void Changeset(IEnumerable<InnerResponse> responses)
    {
        var inner = "changesetresponse_" + Guid.NewGuid();
        _text.Append("--").Append(Boundary).Append(CrLf);
        _text.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append(CrLf).Append(CrLf);
        foreach (var response in responses)
        {
            _text.Append("--").Append(inner).Append(CrLf);
            WritePart(response);
        }

        _text.Append("--").Append(inner).Append("--").Append(CrLf);
    }

    public byte[] Finish()
    {
        _text.Append("--").Append(Boundary).Append("--").Append(CrLf);
        return Encoding.UTF8.GetBytes(_text.ToString());
    }

    private void WritePart(InnerResponse response)
    {
        _text.Append("Content-Type: application/http").Append(CrLf);
        _text.Append("Content-Transfer-Encoding: binary").Append(CrLf);
        if (version == ODataVersion.V2 && response.ContentId is not null)
        {
            _text.Append("Content-ID: ").Append(response.ContentId).Append(CrLf);
        }

        _text.Append(CrLf);
        _text.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(Engine.SlResponse.ReasonPhrase(response.Status)).Append(CrLf);
        if (version == ODataVersion.V1 && response.ContentId is not null)
        {
            _text.Append("Content-ID: ").Append(response.ContentId).Append(CrLf);
        }

        // Real SAP ends each body with a line feed before the CRLF that opens the next delimiter (B1SLayer commit
        // a021afd, reference §7); body-less parts (204) have none. The LF belongs to the body, so Content-Length counts it.
        var body = response.Body.Length > 0 ? Encoding.UTF8.GetString(response.Body) + "\n" : "";
        var headers = new List<KeyValuePair<string, string>>();
        if (response.ContentType is not null && body.Length > 0)
        {
            headers.Add(new("Content-Type", response.ContentType));
            headers.Add(new("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (version == ODataVersion.V2)
        {
            // v2 sample order: Content-Type, Content-Length, then ETag, Location, …, OData-Version last.
            headers.AddRange(response.Headers.OrderBy(h => h.Key == "OData-Version" ? 1 : 0).ThenBy(h => h.Key, StringComparer.Ordinal));
        }
        else
        {
            // v1 sample order: Content-ID, Content-Type, Content-Length, DataServiceVersion, ETag, Location.
            headers.AddRange(response.Headers);
        }

        foreach (var (name, value) in headers)
        {
            _text.Append(name).Append(": ").Append(value).Append(CrLf);
        }

        _text.Append(CrLf);
        _text.Append(body);
        _text.Append(CrLf);
    }
}

using System.Text;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Engine;

/// <summary>A Service Layer request independent of the transport: a top-level HTTP request or a $batch part.</summary>
internal sealed class SlRequest
{
    public required string Method { get; init; }
    public required ODataVersion Version { get; init; }

    /// <summary>Path below the service root, percent-decoded, without a leading slash (e.g. "Orders(5)/Close").</summary>
    public required string Path { get; init; }

    /// <summary>Raw query string without '?'.</summary>
    public string Query { get; init; } = "";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; init; } = [];

    /// <summary>Scheme, host and port with a trailing slash, e.g. "http://127.0.0.1:50000/".</summary>
    public required string BaseAddress { get; init; }
    public string? SessionId { get; init; }

    public string ServiceRoot => BaseAddress + "b1s/" + Version.Segment() + "/";
    public string ServicePath => "/b1s/" + Version.Segment() + "/";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A Service Layer answer independent of the transport.</summary>
internal sealed class SlResponse
{
    public int Status { get; set; } = 200;
    public string? ContentType { get; set; }
    public byte[] Body { get; set; } = [];
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public List<string> SetCookies { get; } = [];

    /// <summary>Document sets in which this request committed documents (for the drop-response fault).</summary>
    public List<string> CreatedSets { get; } = [];

    public SapException? Error { get; set; }

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Unknown",
    };

    public static SlResponse Json(int status, byte[] body, ODataVersion version)
    {
        var response = new SlResponse { Status = status, Body = body, ContentType = version.JsonContentType() };
        response.Headers.Add(version.ProtocolHeader());
        return response;
    }

    public static SlResponse Text(int status, string text) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(text), ContentType = "text/plain;charset=utf-8" };

    public static SlResponse NoContent(ODataVersion version)
    {
        var response = new SlResponse { Status = 204 };
        response.Headers.Add(version.ProtocolHeader());
        return response;
    }
}

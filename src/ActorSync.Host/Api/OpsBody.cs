using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Boundary;

namespace ActorSync.Host.Api;

/// <summary>
/// Reads a JSON body for the ops API, or answers with RFC 9457 problem details that name what is wrong: 415 for a
/// body that is not JSON, 413 over <see cref="MaxBodyBytes"/>, 400 for JSON that does not parse or does not fit
/// the record (with its path, line and position), 400 with an <c>errors</c> member per JSON path for a record that
/// fails the boundary checks (<see cref="RecordChecks"/>). The body itself is never logged or echoed.
/// </summary>
public static class OpsBody
{
    /// <summary>Large enough for an order of a thousand lines; a channel record is never bigger.</summary>
    public const long MaxBodyBytes = 1_000_000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Real records nest a few levels; anything deeper is an attack or an accident.
        MaxDepth = 16,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, Func<T, IReadOnlyList<FieldProblem>> check, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the {typeof(T).Name} as JSON with Content-Type: application/json (was '{request.ContentType ?? "none"}')."));
        if (request.ContentLength > MaxBodyBytes)
            return (null, TooLarge(request.ContentLength.Value));
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes) return (null, TooLarge(null));
            }
            body = buffer.ToArray();
        }
        if (body.Length == 0) return (null, Problem(StatusCodes.Status400BadRequest, "Empty body", $"Send a {typeof(T).Name} as JSON."));
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, position {ex.BytePositionInLine + 1})" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not a valid {typeof(T).Name}{where}{line}: {FirstSentence(ex.Message)}"));
        }
        if (value is null) return (null, Problem(StatusCodes.Status400BadRequest, "Empty body", $"Send a {typeof(T).Name} as JSON, not null."));
        var problems = check(value);
        if (problems.Count > 0)
            return (null, Results.Problem(title: $"Invalid {typeof(T).Name}", statusCode: StatusCodes.Status400BadRequest,
                detail: $"{problems.Count} problem(s); nothing was accepted.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
                }));
        return (value, null);
    }

    public static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, statusCode: status, detail: detail);

    private static IResult TooLarge(long? length) => Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"The body is {(length is { } n ? $"{n} bytes" : "larger than the limit")}; the ops API takes at most {MaxBodyBytes} bytes.");

    /// <summary>System.Text.Json's messages add a CLR path and a link; the first sentence says what was wrong.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary>One answer of the ops API: its status and its JSON body (null when the body is not JSON).</summary>
public sealed record OpsAnswer(HttpStatusCode Status, JsonElement? Body, string Raw)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>The one line the API gave for a refusal: <c>error</c>, a problem's <c>detail</c> with its field errors, or a command's <c>message</c>.</summary>
    public string Problem()
    {
        if (Body is not { ValueKind: JsonValueKind.Object } body) return Raw.Length is > 0 and < 300 ? Raw.Trim() : Status.ToString();
        if (body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String) return error.GetString()!;
        if (body.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
        {
            var fields = body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? " " + string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name} {string.Join(", ", e.Value.EnumerateArray().Select(v => v.GetString()))}"))
                : "";
            return detail.GetString() + fields;
        }
        if (body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return message.GetString()!;
        return Status.ToString();
    }
}

/// <summary>The host could not be reached at all (refused, unknown name, timed out): nothing was done.</summary>
public sealed class HostUnreachableException(string reason, Exception inner) : Exception(reason, inner);

/// <summary>The ops API over HTTP with the bearer token. The token goes only into the Authorization header.</summary>
public sealed class OpsClient : IDisposable
{
    private readonly HttpClient _http;

    public OpsClient(Uri host, string? token, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = host, Timeout = timeout };
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<OpsAnswer> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<OpsAnswer> PostAsync(string path, object? body, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
    {
        Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
    }, ct);

    private async Task<OpsAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new HostUnreachableException(Reason(ex), ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new HostUnreachableException($"no answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }
        using (response)
        {
            var raw = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            JsonElement? body = null;
            if (raw.Length > 0)
            {
                try
                {
                    body = JsonDocument.Parse(raw).RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's error page): the status says enough.
                }
            }
            return new OpsAnswer(response.StatusCode, body, raw);
        }
    }

    private static string Reason(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "unknown host name",
        SocketException s => s.SocketErrorCode.ToString(),
        _ => ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString(),
    };

    public void Dispose() => _http.Dispose();
}

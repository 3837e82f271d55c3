using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>
/// Raw HTTP as curl would send it: no SL client library, no cookie container (SAP's B1SESSION cookie without Path
/// is exactly what .NET's CookieContainer mishandles, reference §2) — the Cookie header is set by hand.
/// </summary>
internal sealed class SlHttp : IDisposable
{
    private readonly HttpClient _client;

    public SlHttp(ServiceLayerEmulator emulator, string version = "v1")
    {
        Emulator = emulator;
        Version = version;
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri(emulator.BaseAddress, $"b1s/{version}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client.DefaultRequestHeaders.ExpectContinue = false;
    }

    public ServiceLayerEmulator Emulator { get; }
    public string Version { get; }
    public string? Session { get; set; }
    public HttpClient Client => _client;

    public static string LoginBody(string company = "SBODEMO", string user = "manager", string password = "manager") =>
        $$"""{"CompanyDB":"{{company}}","UserName":"{{user}}","Password":"{{password}}"}""";

    public async Task<HttpResponseMessage> LoginAsync(string? body = null)
    {
        var response = await _client.PostAsync("Login", Json(body ?? LoginBody()));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Session = document.RootElement.GetProperty("SessionId").GetString();
        }

        return response;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public HttpRequestMessage Request(HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (Session is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"B1SESSION={Session}; ROUTEID=.node1");
        }

        if (body is not null)
        {
            request.Content = Json(body);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers) =>
        _client.SendAsync(Request(method, path, body, headers));

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, null, headers);
    public Task<HttpResponseMessage> PostAsync(string path, string body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Post, path, body, headers);
    public Task<HttpResponseMessage> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    public async Task<JsonElement> GetJsonAsync(string path, params (string Name, string Value)[] headers)
    {
        var response = await GetAsync(path, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> BatchAsync(string boundary, string body)
    {
        var request = Request(HttpMethod.Post, "$batch");
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed;boundary={boundary}");
        return await _client.SendAsync(request);
    }

    /// <summary>
    /// SAP's error, read strictly in the shape of the version that answered (reference §4): v1 a numeric code and a
    /// <c>{"lang","value"}</c> message, v2 a string code and a plain-string message. The other shape fails the test.
    /// </summary>
    public static async Task<(int Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        var code = error.GetProperty("code");
        var message = error.GetProperty("message");
        if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/b1s/v2/", StringComparison.Ordinal))
        {
            Assert.True(code.ValueKind == JsonValueKind.String && message.ValueKind == JsonValueKind.String, "v2 error shape expected: " + text);
            return (int.Parse(code.GetString()!, CultureInfo.InvariantCulture), message.GetString()!);
        }

        Assert.True(code.ValueKind == JsonValueKind.Number && message.ValueKind == JsonValueKind.Object, "v1 error shape expected: " + text);
        return (code.GetInt32(), message.GetProperty("value").GetString()!);
    }

    public void Dispose() => _client.Dispose();
}

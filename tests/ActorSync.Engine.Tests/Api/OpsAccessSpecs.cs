using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ActorSync.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tests.Api;

/// <summary>The ops API's door: who gets in with which token, and when the service refuses to start.</summary>
public class OpsAccessSpecs
{
    private const string Operator = "op-7f3c9a1e5b2d4c6e8a0b1c2d3e4f5a6b";
    private const string Reader = "ro-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(OpsAccessSettings settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseOpsAccess(settings);
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapGet("/api/exceptions", () => Results.Ok(new[] { "EX-000001" }));
        app.MapPost("/api/exceptions/{id}/resolve", (string id) => Results.Ok(new { resolved = id }));
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Theory]
    [InlineData("GET", "/api/exceptions", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/exceptions", "wrong-token-of-a-plausible-length-000", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/exceptions", Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/exceptions", Operator, HttpStatusCode.OK)]
    [InlineData("POST", "/api/exceptions/EX-000001/resolve", null, HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/api/exceptions/EX-000001/resolve", Reader, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/exceptions/EX-000001/resolve", Operator, HttpStatusCode.OK)]
    [InlineData("GET", "/health", null, HttpStatusCode.OK)]
    public async Task Each_role_may_do_what_its_token_allows(string method, string path, string? token, HttpStatusCode expected)
    {
        var (app, http) = await StartAsync(new OpsAccessSettings { Token = Operator, ReadToken = Reader });
        await using var _ = app;
        using var __ = http;

        var response = await http.SendAsync(Request(new HttpMethod(method), path, token));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_details_answer_that_says_what_to_send_and_never_echoes_a_token()
    {
        var (app, http) = await StartAsync(new OpsAccessSettings { Token = Operator, ReadToken = Reader });
        await using var _ = app;
        using var __ = http;

        var response = await http.SendAsync(Request(HttpMethod.Get, "/api/exceptions", "guess-" + Operator[6..]));
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Ops:Token", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(Operator[6..], body);
    }

    [Fact]
    public async Task Without_tokens_the_api_is_open_on_loopback()
    {
        var (app, http) = await StartAsync(new OpsAccessSettings());
        await using var _ = app;
        using var __ = http;

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Request(HttpMethod.Post, "/api/exceptions/EX-1/resolve", null))).StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5080")]
    [InlineData("http://sync.example.com:5080")]
    public void Without_a_token_the_service_refuses_to_listen_beyond_loopback_and_names_the_key(string urls)
    {
        var error = Assert.Throws<ArgumentException>(() => new OpsAccessSettings().Validate(urls));

        Assert.Contains("Ops:Token", error.Message);
        Assert.Contains("Urls", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData(null)]
    public void Without_a_token_loopback_addresses_are_allowed(string? urls) => new OpsAccessSettings().Validate(urls);

    [Fact]
    public void With_a_token_any_address_is_allowed() => new OpsAccessSettings { Token = Operator }.Validate("http://0.0.0.0:5080");

    [Theory]
    [InlineData("tiny-token-1", null, "Ops:Token is shorter")]
    [InlineData(Operator, "tiny-9", "Ops:ReadToken is shorter")]
    [InlineData(null, Reader, "Ops:ReadToken is set but Ops:Token is not")]
    [InlineData(Operator, Operator, "Ops:ReadToken equals Ops:Token")]
    public void Weak_or_inconsistent_tokens_stop_the_start_naming_the_key_but_never_the_value(string? token, string? readToken, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new OpsAccessSettings { Token = token, ReadToken = readToken }.Validate("http://127.0.0.1:5080"));

        Assert.Contains(expected, error.Message);
        if (token is not null) Assert.DoesNotContain(token, error.Message);
        if (readToken is not null) Assert.DoesNotContain(readToken, error.Message);
    }
}

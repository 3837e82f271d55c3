using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Api;

namespace ActorSync.Engine.Tests.Secrets;

/// <summary>
/// The service with known secrets (the SAP password, which SAP refuses; the BigCommerce webhook secret and API token;
/// the two ops tokens) taken through the paths where a secret could slip out: a refused login and its exception, a
/// webhook with the wrong secret, a verified one with a bad body, a request with the wrong role. Not one of the values,
/// nor a wrong value someone presented, may appear in the logs, the exception queue or any HTTP answer.
/// </summary>
public sealed class SecretsNeverLeakSpecs : IAsyncLifetime
{
    private const string SapPassword = "Sap-Pw-6c1e93f07a-wrong";
    private const string WebhookSecret = "whsec-41f8a2c7d96e0b35a1c4";
    private const string StoreToken = "bc-token-9d27e4a1c08f6b35";
    private const string OpsToken = "ops-operator-3e9a71c4d2f805b6e1a7";
    private const string ReadToken = "ops-reader-8b02f6e91d4c37a5f0c2";
    private const string PresentedWrongSecret = "presented-wrong-secret-5a7c9e1b";
    private const string PresentedWrongToken = "presented-wrong-token-c4e6a8b0d2f4";
    private static readonly string[] Secrets = [SapPassword, WebhookSecret, StoreToken, OpsToken, ReadToken, PresentedWrongSecret, PresentedWrongToken];

    private readonly CapturingLogs _logs = new();
    private readonly StringBuilder _answers = new();
    private ServiceLayerEmulator _sap = null!;
    private BigCommerceEmulator _store = null!;
    private OpsTestHost _ops = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 50 } });
        _store = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions { StoreHash = "abc123", AccessToken = StoreToken });
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.ServiceLayer.Password = SapPassword;
        settings.Connectors.BigCommerce = new BigCommerceConnectorSettings
        {
            StoreHash = _store.StoreHash, AccessToken = StoreToken, ApiBaseUrl = _store.StoreRoot.ToString(), WebhookSecret = WebhookSecret,
            ReconcileInterval = TimeSpan.FromHours(1), RequestTimeout = TimeSpan.FromSeconds(5),
        };
        _ops = await OpsTestHost.StartAsync(settings, _logs, access: new OpsAccessSettings { Token = OpsToken, ReadToken = ReadToken });
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _store.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, string? token, string? body = null, (string, string)? header = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (header is { } h) request.Headers.TryAddWithoutValidation(h.Item1, h.Item2);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _ops.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _answers.AppendLine($"{method} {path} → {(int)response.StatusCode} {response.Headers} {response.Content.Headers} {text}");
        return (response.StatusCode, text);
    }

    [Fact]
    public async Task No_secret_appears_in_logs_exceptions_or_answers_after_a_refused_login_a_refused_webhook_and_a_refused_role()
    {
        const string order = """
            {"channel":"magento","externalId":"LEAK-1","orderDate":"2026-11-27","currency":"EUR","customer":{"email":"a@example.com","isGuest":true},
             "lines":[{"sku":"ITM00001","quantity":2,"unitPrice":10.15,"taxAmount":4.06,"taxRate":20},{"sku":"ITM00002","quantity":1,"unitPrice":7.49,"taxAmount":0.45,"taxRate":6}],
             "shippingAmount":4.95,"shippingTax":0.99,"totalPaid":38.24}
            """;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/api/orders", PresentedWrongToken, order)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/orders", ReadToken, order)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(HttpMethod.Post, "/api/orders", OpsToken, order)).Status);
        var hook = """{"scope":"store/order/created","store_id":"1001","data":{"type":"order","id":250},"hash":"3f9a","created_at":1764230400,"producer":"stores/abc123"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, WebhooksApi.BigCommercePath, null, hook, ("X-ActorSync-Secret", PresentedWrongSecret))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, WebhooksApi.BigCommercePath, null, "{\"scope\": ", ("X-ActorSync-Secret", WebhookSecret))).Status);

        string exceptionId = "";
        await Eventually.HoldsAsync(async () =>
        {
            var (_, list) = await Send(HttpMethod.Get, "/api/exceptions?type=sap-login-refused", ReadToken);
            var items = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 1) exceptionId = items[0].GetProperty("id").GetString()!;
            return (items.Count == 1, list);
        }, TimeSpan.FromSeconds(20), "SAP's refusal of the login in the exception queue");
        await Send(HttpMethod.Get, "/api/exceptions", ReadToken);
        await Send(HttpMethod.Get, $"/api/exceptions/{exceptionId}", ReadToken);
        await Send(HttpMethod.Get, "/api/orders/LEAK-1", ReadToken);
        await Send(HttpMethod.Get, "/api/gateway/sap", ReadToken);
        await Send(HttpMethod.Get, "/health/ready", null);
        await Send(HttpMethod.Get, "/api/log?tail=500", ReadToken);
        var queue = await _ops.Queue.ListAsync();

        var answers = _answers.ToString();
        var queueText = JsonSerializer.Serialize(queue);
        Assert.Contains("100000027", answers); // SAP's refusal is visible, with its code
        Assert.Contains("X-ActorSync-Secret", _logs.All); // the refused webhook is logged, by the header's name
        Assert.Contains("SL login to company SBODEMO as manager failed", _logs.All);
        Assert.All(Secrets, secret =>
        {
            Assert.DoesNotContain(secret, _logs.All);
            Assert.DoesNotContain(secret, queueText);
            Assert.DoesNotContain(secret, answers);
        });
    }
}

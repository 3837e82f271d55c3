using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.PosFlow;

/// <summary>The POS and warehouse routes of the ops API over the whole engine (production <c>MapOpsApi</c>), and their configuration keys.</summary>
public class FlowsApiSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private OpsTestHost _ops = null!;
    private string _item = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        _item = _sap.Company.FirstPlainActiveItemsWithStock(1, 20, "02")[0].ItemCode;
        _ops = await OpsTestHost.StartAsync(FlowTestSettings.For(_sap, TestDatabases.NewSqlite()));
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(string path, string json) => _ops.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private string Receipt(string id) => $$"""
        {"channel":"sitoo","externalId":"{{id}}","kind":"Sale","date":"2026-11-27","currency":"EUR",
         "customer":{"isGuest":true},"location":"1",
         "lines":[{"sku":"{{_item}}","quantity":1,"netAmount":10.00,"taxAmount":2.00,"taxRate":20}],
         "payments":[{"method":"Card","amount":12.00,"reference":"A1"}],"total":12.00}
        """;

    [Fact]
    public async Task A_receipt_posted_over_http_is_accepted_once_readable_by_its_id_and_reaches_sap()
    {
        var first = await Post("/api/pos-transactions", Receipt("H-1"));
        var again = await Post("/api/pos-transactions", Receipt("H-1"));
        var broken = await Post("/api/pos-transactions", "{\"channel\":");
        var missing = await _ops.Http.GetAsync("/api/pos-transactions/sitoo:nope");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("/api/pos-transactions/sitoo%3AH-1", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Duplicate", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            var body = await _ops.Http.GetStringAsync("/api/pos-transactions/sitoo:H-1");
            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
            return (status == "Posted", body[..Math.Min(200, body.Length)]);
        }, TimeSpan.FromSeconds(30), "the receipt to post");
        Assert.Equal("SITOO-H-1", Assert.Single(_sap.Company.Invoices).NumAtCard);
    }

    [Fact]
    public async Task A_movement_posted_over_http_names_its_window_which_can_be_read_back()
    {
        var at = DateTimeOffset.UtcNow.ToString("O");
        var response = await Post("/api/warehouse-movements",
            $$"""{"source":"wms","movementId":"H-ASN-1","kind":"Receipt","occurredAt":"{{at}}","location":"MAIN","lines":[{"sku":"{{_item}}","quantity":2}]}""");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var windowId = body.GetProperty("windowId").GetString()!;
        var window = await _ops.Http.GetAsync($"/api/warehouse-movements/windows/{Uri.EscapeDataString(windowId)}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("wms@", windowId);
        Assert.Equal(HttpStatusCode.OK, window.StatusCode);
        Assert.Contains("wms:H-ASN-1:Receipt", await window.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.Http.GetAsync("/api/warehouse-movements/windows/wms@20000101T000000Z")).StatusCode);
    }

    [Theory]
    [InlineData("Warehouse:Window", "00:00:00.5")]
    [InlineData("Pos:OriginalInvoicePoll", "00:00:00")]
    public void A_bad_flow_setting_stops_the_service_naming_its_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<ArgumentException>(() => FlowsApi.BindFlowSettings(configuration, new EngineSettings()));

        Assert.Contains(key, error.Message);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using ActorSync.Host.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Api;

/// <summary>
/// The ops API against bad input, as a connector or a careless script would send it: each gets an answer that names
/// the problem (problem details), and what was accepted before stays accepted and reaches SAP once.
/// </summary>
public class BadInputSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private OpsTestHost _ops = null!;
    private string _item = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        _item = _sap.Company.FirstPlainActiveItemsWithStock(1, 20)[0].ItemCode;
        _ops = await OpsTestHost.StartAsync(FlowTestSettings.For(_sap, TestDatabases.NewSqlite()));
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private string Order(string id, decimal quantity = 2, string? sku = null) => $$"""
        {"channel":"magento","externalId":"{{id}}","orderDate":"2026-11-27","currency":"EUR",
         "customer":{"email":"ann@example.com","isGuest":true},
         "lines":[{"sku":"{{sku ?? _item}}","quantity":{{quantity}},"unitPrice":10.15,"taxAmount":{{(quantity * 2.03m).ToString(System.Globalization.CultureInfo.InvariantCulture)}},"taxRate":20}],
         "shippingAmount":0,"shippingTax":0,"totalPaid":{{(quantity * 12.18m).ToString(System.Globalization.CultureInfo.InvariantCulture)}},"shippingMethod":"standard"}
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> Post(string path, string body, string contentType = "application/json")
    {
        var response = await _ops.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private static string[] ErrorPaths(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task An_empty_object_is_refused_with_every_missing_field_named()
    {
        var (status, problem, mediaType) = await Post("/api/orders", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(["$.channel", "$.externalId", "$.orderDate", "$.currency", "$.customer", "$.lines"], ErrorPaths(problem));
    }

    [Theory]
    [InlineData("{\"channel\":\"magento\",", "Malformed JSON")]
    [InlineData("{\"channel\":\"magento\",\"lines\":[{\"sku\":\"A\",\"quantity\":\"three\"}]}", "$.lines[0].quantity")]
    [InlineData("[1,2,3]", "Malformed JSON")]
    public async Task Json_that_does_not_parse_or_does_not_fit_is_refused_naming_where(string body, string expected)
    {
        var (status, problem, _) = await Post("/api/orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ten_thousand_levels_of_nesting_are_refused_without_a_stack_overflow()
    {
        var deep = "{\"channel\":\"magento\",\"extra\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var (status, problem, _) = await Post("/api/orders", deep);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Contains("depth", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_as_too_large()
    {
        var huge = Order("BIG-1").Replace("ann@example.com", new string('a', 5_000_000));

        var (status, problem, _) = await Post("/api/orders", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains($"{OpsBody.MaxBodyBytes}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        var (status, problem, _) = await Post("/api/orders", Order("TXT-1"), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_nul_in_the_id_and_a_negative_quantity_are_both_named()
    {
        var (status, problem, _) = await Post("/api/orders", Order("BAD\\u00001", -2));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["$.externalId", "$.lines[0].quantity", "$.lines[0].taxAmount", "$.totalPaid"], ErrorPaths(problem));
    }

    [Fact]
    public async Task The_same_order_id_with_other_content_is_a_conflict_and_the_first_order_reaches_sap_once()
    {
        var first = await Post("/api/orders", Order("C-1"));
        var again = await Post("/api/orders", Order("C-1"));
        var other = await Post("/api/orders", Order("C-1", quantity: 3));
        await Post("/api/orders", "{\"broken\":");

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        await Eventually.HoldsAsync(() => Task.FromResult((_sap.Company.Orders.Count == 1, $"{_sap.Company.Orders.Count} orders")), TimeSpan.FromSeconds(30), "the order in SAP");
        await Task.Delay(500);
        Assert.Equal(2m, Assert.Single(Assert.Single(_sap.Company.Orders).Lines).Quantity);
    }

    [Theory]
    [InlineData("/api/dispatches", "{\"channel\":\"magento\",\"orderExternalId\":\"C-9\",\"lines\":[]}", new[] { "$.dispatchId", "$.date", "$.lines" })]
    [InlineData("/api/refunds", "{\"channel\":\"magento\",\"orderExternalId\":\"C-9\",\"refundId\":\"R1\",\"date\":\"2026-11-28\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"amount\":-5}]}", new[] { "$.lines[0].amount" })]
    [InlineData("/api/cancellations", "{\"channel\":\"magento\"}", new[] { "$.orderExternalId" })]
    [InlineData("/api/pos-transactions", "{\"channel\":\"sitoo\",\"externalId\":\"1\",\"kind\":\"Sale\",\"date\":\"2026-11-27\",\"currency\":\"EUR\",\"customer\":{\"isGuest\":true},\"lines\":[],\"payments\":[],\"total\":0}", new[] { "$.lines" })]
    [InlineData("/api/warehouse-movements", "{\"source\":\"wms\",\"movementId\":\"M1\",\"kind\":\"Receipt\",\"occurredAt\":\"2026-11-27T09:00:00Z\",\"location\":\"MAIN\",\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}", new[] { "$.lines[0].quantity" })]
    public async Task Every_inbound_route_checks_its_record_the_same_way(string path, string body, string[] paths)
    {
        var (status, problem, _) = await Post(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(paths, ErrorPaths(problem));
    }
}

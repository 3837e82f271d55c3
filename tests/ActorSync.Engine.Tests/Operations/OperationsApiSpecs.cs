using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorSync.Engine.Tests.Operations;

/// <summary>The ops API routes the CLI reads, behind the tokens, and <c>/metrics</c> open like <c>/health</c>.</summary>
[Collection(RunningHostCollection.Name)]
public class OperationsApiSpecs(RunningHost host)
{
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("GET", "/api/cluster", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/cluster", RunningHost.Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/cluster/sharding", RunningHost.Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/cluster/sharding/order", RunningHost.Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/cluster/sharding/nope", RunningHost.Reader, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/flows", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/flows", RunningHost.Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/log?tail=5", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/log?tail=5", RunningHost.Reader, HttpStatusCode.OK)]
    [InlineData("GET", "/api/log?tail=0", RunningHost.Reader, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/log?tail=2001", RunningHost.Reader, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/cluster/leave", null, HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/api/cluster/leave", RunningHost.Reader, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/metrics", null, HttpStatusCode.OK)]
    public async Task Each_route_answers_the_role_its_token_has(string method, string path, string? token, HttpStatusCode expected)
    {
        var response = await Send(new HttpMethod(method), path, token, method == "POST" ? new { address = "akka.tcp://actorsync@127.0.0.1:1" } : null);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_payment_report_is_refused_naming_its_field_accepted_once_for_a_known_order_and_not_found_for_an_unknown_one()
    {
        var order = host.Posted[0]["magento:".Length..];
        object Report(string orderId, decimal amount) => new
        {
            channel = "magento", orderExternalId = orderId, paymentId = "cod-ops-1", method = "cashondelivery", amount, date = "2026-12-01", reference = "DHL-COD-77",
        };

        var refused = await Send(HttpMethod.Post, "/api/payments", RunningHost.Operator, Report(order, -23.45m));
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.amount", out _), problem.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/payments", RunningHost.Reader, Report(order, 23.45m))).StatusCode);
        var first = await Send(HttpMethod.Post, "/api/payments", RunningHost.Operator, Report(order, 23.45m));
        var again = await Send(HttpMethod.Post, "/api/payments", RunningHost.Operator, Report(order, 23.45m));
        var changed = await Send(HttpMethod.Post, "/api/payments", RunningHost.Operator, Report(order, 23.46m));
        var unknown = await Send(HttpMethod.Post, "/api/payments", RunningHost.Operator, Report("NO-SUCH-ORDER", 23.45m));

        Assert.Equal((HttpStatusCode.OK, "Accepted"), (first.StatusCode, Code(await first.Content.ReadAsStringAsync())));
        Assert.Equal((HttpStatusCode.OK, "Duplicate"), (again.StatusCode, Code(await again.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        static string Code(string json) => JsonDocument.Parse(json).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task The_payments_reconciliation_needs_a_channel_and_a_day_and_answers_for_them()
    {
        var missing = await Send(HttpMethod.Get, "/api/payments/reconciliation?channel=magento", RunningHost.Reader);
        var report = await Send(HttpMethod.Get, "/api/payments/reconciliation?channel=magento&day=2026-12-01", RunningHost.Reader);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("day (yyyy-MM-dd)", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("magento", "2026-12-01"), (json.GetProperty("channel").GetString(), json.GetProperty("day").GetString()));
    }

    [Fact]
    public async Task Leave_without_an_address_is_a_problem_naming_the_json_path()
    {
        var response = await Send(HttpMethod.Post, "/api/cluster/leave", RunningHost.Operator, new { });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.address", out _));
    }

    [Fact]
    public async Task Metrics_after_orders_count_them_per_channel_and_documents_per_type_and_show_sap_state()
    {
        var response = await Send(HttpMethod.Get, "/metrics", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RunningHost.PostedOrders + 1, Value(text, "actorsync_orders_received_total", "channel=\"magento\""));
        Assert.Equal(RunningHost.PostedOrders, Value(text, "actorsync_orders_posted_total", "channel=\"magento\""));
        Assert.Equal(RunningHost.PostedOrders, Value(text, "actorsync_sap_documents_total", "entity_set=\"Orders\",outcome=\"created\""));
        Assert.True(Value(text, "actorsync_sap_documents_total", "entity_set=\"Orders\",outcome=\"rejected\"") >= 1);
        Assert.True(Value(text, "actorsync_flow_parked_total", "flow=\"orders\",type=\"sap-rejected\"") >= 1);
        Assert.Equal(1, Value(text, "actorsync_exceptions_open", "type=\"unmapped-tax\",team=\"finance\""));
        Assert.True(Value(text, "actorsync_sap_batch_duration_seconds_count", null) >= 1);
        Assert.True(Value(text, "actorsync_sap_concurrency_limit", null) >= 1);
        Assert.True(Value(text, "actorsync_sap_sessions_capacity", null) >= 2);
        Assert.Equal(0, Value(text, "actorsync_sap_circuit_open", null));
        Assert.Equal(0, Value(text, "actorsync_gateway_queue_depth", null));
        Assert.Contains("# HELP actorsync_lock_retries_total", text);
        Assert.Contains("# HELP actorsync_connector_inbox_pending", text);
        Assert.Contains("# HELP actorsync_sap_sessions_in_use", text);
        Assert.DoesNotContain("OPS-1000", text); // nothing about any one record
        Assert.DoesNotContain(RunningHost.Operator, text);
    }

    private static double Value(string text, string name, string? labels)
    {
        var pattern = $@"^{Regex.Escape(name)}{(labels is null ? "" : Regex.Escape("{" + labels + "}"))} (\S+)$";
        var match = Regex.Match(text, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"{name}{{{labels}}} not in:\n{text}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

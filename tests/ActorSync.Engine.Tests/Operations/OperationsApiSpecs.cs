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

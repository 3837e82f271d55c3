using System.Net;
using System.Net.Sockets;

namespace ActorSync.Engine.Tests.Operations;

/// <summary>
/// <c>actorsync</c>'s operator commands driven against a running host: each command's table and its <c>--json</c>,
/// and the exit codes (0 ok, 1 refused, 2 usage, 3 unreachable, 4 token refused) with their one line on stderr.
/// </summary>
[Collection(RunningHostCollection.Name)]
public class CliSpecs(RunningHost host)
{
    [Fact]
    public async Task Cluster_show_lists_this_node_up_as_leader_with_its_roles()
    {
        var table = await host.Cli("cluster", "show");
        var json = await host.Cli("cluster", "show", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var member = Assert.Single(json.Json.GetProperty("members").EnumerateArray());
        var address = member.GetProperty("address").GetString()!;
        Assert.StartsWith("akka.tcp://actorsync@127.0.0.1:", address);
        Assert.Equal(("Up", true, true), (member.GetProperty("status").GetString(), member.GetProperty("leader").GetBoolean(), member.GetProperty("self").GetBoolean()));
        Assert.Contains("sync", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, member.GetProperty("upSince").ValueKind);
        Assert.Contains(address, table.Stdout);
        Assert.Contains("leader", table.Stdout);
        Assert.Contains("1 member(s), 0 unreachable", table.Stdout);
    }

    [Fact]
    public async Task Cluster_sharding_regions_names_every_region_and_stats_counts_the_stock_position()
    {
        var regions = await host.Cli("cluster", "sharding", "regions");
        var regionsJson = await host.Cli("cluster", "sharding", "regions", "--json");
        var stats = await host.Cli("cluster", "sharding", "stats", "stock", "--json");
        var statsTable = await host.Cli("cluster", "sharding", "stats", "stock");

        Assert.True(regions.ExitCode == 0, regions.ToString());
        Assert.Equal(["order", "pos-transaction", "stock", "warehouse-movements"],
            regionsJson.Json.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()!).Order());
        foreach (var name in new[] { "order", "pos-transaction", "stock", "warehouse-movements" }) Assert.Contains(name, regions.Stdout);
        Assert.Equal(1, stats.Json.GetProperty("entityCount").GetInt32());
        var shard = Assert.Single(Assert.Single(stats.Json.GetProperty("nodes").EnumerateArray()).GetProperty("shards").EnumerateArray());
        Assert.Equal(1, shard.GetProperty("entities").GetInt32());
        Assert.Contains("1 shard(s), 1 entities on 1 node(s)", statsTable.Stdout);
    }

    [Fact]
    public async Task Stats_of_a_region_that_does_not_exist_is_refused_with_exit_1_naming_the_regions()
    {
        var run = await host.Cli("cluster", "sharding", "stats", "orders");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("No shard region 'orders'", run.Stderr);
        Assert.Contains("order, pos-transaction, stock", run.Stderr);
    }

    [Theory]
    [InlineData("akka.tcp://actorsync@127.0.0.1:1", "is not a member of this cluster. (404)")]
    [InlineData("not an address", "is not a member address; use the form akka.tcp://actorsync@host:port, as `actorsync cluster show` lists it. (400)")]
    public async Task Leaving_with_an_address_that_is_no_member_is_refused_with_exit_1(string address, string problem)
    {
        var run = await host.Cli("cluster", "leave", address);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(problem, run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Entity_show_order_prints_its_status_and_sap_keys_and_json_carries_what_it_waits_for()
    {
        var id = host.Posted[0];
        var table = await host.Cli("entity", "show", "order", id);
        var json = await host.Cli("entity", "show", "order", id, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var docEntry = json.Json.GetProperty("docEntry").GetInt32();
        Assert.Equal(id, json.Json.GetProperty("orderId").GetString());
        Assert.True(json.Json.TryGetProperty("waitingFor", out _));
        Assert.Contains($"Order {id}", table.Stdout);
        Assert.Matches($@"docEntry\s+│\s+{docEntry}\s", table.Stdout);
        Assert.Contains("Posted", table.Stdout);
    }

    [Fact]
    public async Task Entity_show_of_something_the_engine_never_had_is_refused_with_exit_1()
    {
        var order = await host.Cli("entity", "show", "order", "magento:NEVER-1");
        var stock = await host.Cli("entity", "show", "stock", "NOSUCH@01");
        var pos = await host.Cli("entity", "show", "pos", "sitoo:404404");

        Assert.Equal((1, 1, 1), (order.ExitCode, stock.ExitCode, pos.ExitCode));
        Assert.Contains("No order magento:NEVER-1. (404)", order.Stderr);
        Assert.Contains("No stock position for NOSUCH in warehouse 01", stock.Stderr);
        Assert.Contains("No POS transaction sitoo:404404", pos.Stderr);
    }

    [Fact]
    public async Task Entity_show_stock_prints_sap_figures_and_what_is_available()
    {
        var table = await host.Cli("entity", "show", "stock", $"{host.Sku}@01");
        var json = await host.Cli("entity", "show", "stock", $"{host.Sku}@01", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Equal((37.5m, 4.25m, 33.25m), (json.Json.GetProperty("inStock").GetDecimal(), json.Json.GetProperty("committed").GetDecimal(),
            json.Json.GetProperty("available").GetDecimal()));
        Assert.Matches(@"inStock\s+│\s+37\.5\s", table.Stdout);
        Assert.Matches(@"available\s+│\s+33\.25\s", table.Stdout);
    }

    [Theory]
    [InlineData(new[] { "entity", "show", "order", "magento-1001" }, "an order is named <channel>:<id>")]
    [InlineData(new[] { "entity", "show", "stock", "ITM00001" }, "a stock position is named <sku>@<warehouse>")]
    [InlineData(new[] { "exceptions", "resolve", "EX-000001" }, "--note")]
    [InlineData(new[] { "exceptions", "ignore", "EX-000001" }, "--reason")]
    [InlineData(new[] { "cluster" }, "Required command was not provided")]
    [InlineData(new[] { "log", "tail", "--lines", "0" }, "--lines must be at least 1")]
    [InlineData(new[] { "flows", "--colour" }, "--colour")]
    public async Task Bad_usage_exits_2_saying_what_is_wrong_without_calling_the_host(string[] args, string problem)
    {
        var run = await host.Cli(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(problem, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Exceptions_list_filters_by_team_and_type_and_show_prints_the_payload()
    {
        var finance = await host.Cli("exceptions", "list", "--team", "finance", "--json");
        var table = await host.Cli("exceptions", "list", "--type", "sap-rejected");
        var show = await host.Cli("exceptions", "show", host.ParkedException);

        var only = Assert.Single(finance.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(("unmapped-tax", "magento:OPS-TAX"), (only.GetProperty("type").GetString(), only.GetProperty("recordId").GetString()));
        Assert.Contains(host.ParkedException, table.Stdout);
        Assert.Contains(host.ParkedOrder, table.Stdout);
        Assert.Contains("1 exception(s).", table.Stdout);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("sap-rejected", show.Stdout);
        Assert.Contains("Suggested action", show.Stdout);
        Assert.Contains(host.ParkedOrder.Split(':')[1], show.Stdout[show.Stdout.IndexOf("Original payload:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Resolve_with_a_note_and_ignore_with_a_reason_close_the_exception_and_a_second_time_is_refused()
    {
        var resolved = await host.Cli("exceptions", "resolve", host.ToResolve, "--note", "Mapped drone to shipping type 4");
        var ignored = await host.Cli("exceptions", "ignore", host.ToIgnore, "--reason", "Test refund, never paid out");
        var again = await host.Cli("exceptions", "resolve", host.ToResolve, "--note", "twice");

        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        Assert.StartsWith($"{host.ToResolve}: accepted.", resolved.Stdout);
        Assert.Equal(0, ignored.ExitCode);
        Assert.Equal(ActorSync.Domain.ExceptionQueue.ExceptionStatus.Resolved, (await host.Service.Queue.GetAsync(host.ToResolve))!.Status);
        var closed = (await host.Service.Queue.GetAsync(host.ToIgnore))!;
        Assert.Equal((ActorSync.Domain.ExceptionQueue.ExceptionStatus.Ignored, "Test refund, never paid out"), (closed.Status, closed.Note));
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("(409)", again.Stderr);
    }

    [Fact]
    public async Task Retry_asks_the_order_again_and_says_what_its_owner_answered()
    {
        var run = await host.Cli("exceptions", "retry", host.ParkedException, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(host.ParkedException, run.Json.GetProperty("exceptionId").GetString());
        Assert.False(string.IsNullOrEmpty(run.Json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Sessions_shows_sessions_in_use_the_adaptive_limit_and_the_circuit()
    {
        var table = await host.Cli("sessions");
        var json = await host.Cli("sessions", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var limit = json.Json.GetProperty("gateway").GetProperty("concurrency").GetProperty("limit").GetInt32();
        Assert.InRange(limit, 1, 64);
        Assert.Equal("Closed", json.Json.GetProperty("sap").GetProperty("circuit").GetString());
        Assert.Contains("Sessions in use", table.Stdout);
        Assert.Matches($@"Limit on batches at SAP\s+│\s+{limit} \((adaptive|fixed)", table.Stdout);
        Assert.Matches(@"Circuit\s+│\s+Closed", table.Stdout);
    }

    [Fact]
    public async Task Flows_counts_the_orders_received_posted_and_parked_with_their_definitions()
    {
        var json = await host.Cli("flows", "--json");
        var table = await host.Cli("flows");

        Assert.True(table.ExitCode == 0, table.ToString());
        var orders = json.Json.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "orders");
        var total = orders.GetProperty("sinceStart");
        Assert.Equal((RunningHost.PostedOrders + 1, RunningHost.PostedOrders),
            (total.GetProperty("received").GetInt32(), total.GetProperty("posted").GetInt32()));
        Assert.True(total.GetProperty("parked").GetInt32() >= 1);
        Assert.Equal(RunningHost.PostedOrders, orders.GetProperty("recent").GetProperty("delaySeconds").GetProperty("samples").GetInt32());
        Assert.Contains("journaling", json.Json.GetProperty("notes").GetProperty("delaySeconds").GetString());
        Assert.Matches($@"│ orders\s+│ {RunningHost.PostedOrders + 1}\s+│ {RunningHost.PostedOrders}\s+│", table.Stdout);
    }

    [Fact]
    public async Task Log_tail_for_one_order_shows_its_sales_order_with_the_doc_entry_and_nothing_of_the_others()
    {
        var id = host.Posted[1];
        var docEntry = (await host.Service.Engine.GetOrderAsync(id)).DocEntry;
        var run = await host.Cli("log", "tail", "--order", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"orders {id}: sales-order is in SAP as DocEntry {docEntry}", run.Stdout);
        Assert.Contains($"orders {id} received from magento", run.Stdout);
        Assert.DoesNotContain(host.Posted[0], run.Stdout);
        Assert.DoesNotContain(host.Posted[2], run.Stdout);
    }

    [Fact]
    public async Task An_unreachable_host_is_one_line_and_exit_3()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await RunningHost.CliWith(null, "flows", "--host", $"http://127.0.0.1:{port}");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"actorsync: cannot reach the host at http://127.0.0.1:{port} (connection refused); is the service running? Set --host or $ACTORSYNC_HOST.", run.Stderr.Trim());
    }

    [Fact]
    public async Task A_refused_token_is_one_line_and_exit_4_and_the_token_is_never_printed()
    {
        const string wrong = "op-0000000000000000-not-the-token-0000";
        var wrongToken = await host.Cli("exceptions", "list", "--token", wrong);
        var noToken = await RunningHost.CliWith(null, "exceptions", "list", "--host", host.Url);
        var readOnly = await host.Cli("exceptions", "retry", host.ParkedException, "--token", RunningHost.Reader);

        Assert.Equal((4, 4, 4), (wrongToken.ExitCode, noToken.ExitCode, readOnly.ExitCode));
        Assert.Contains("refused the token (401)", wrongToken.Stderr);
        Assert.Contains("needs a token (401)", noToken.Stderr);
        Assert.Contains("refused the read-only token for this command (403); use the operator token", readOnly.Stderr);
        foreach (var run in new[] { wrongToken, noToken, readOnly })
        {
            Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.DoesNotContain(wrong, run.Stderr + run.Stdout);
            Assert.DoesNotContain(RunningHost.Reader, run.Stderr + run.Stdout);
        }
    }

    [Fact]
    public async Task Host_and_token_come_from_the_environment_and_the_read_only_token_may_read()
    {
        var run = await RunningHost.CliWith(new Dictionary<string, string> { ["ACTORSYNC_HOST"] = host.Url, ["ACTORSYNC_TOKEN"] = RunningHost.Reader },
            "exceptions", "list", "--status", "open", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json.GetProperty("count").GetInt32() >= 1);
    }

    [Fact]
    public async Task Help_lists_the_operator_commands_and_never_shows_the_token_from_the_environment()
    {
        var run = await RunningHost.CliWith(new Dictionary<string, string> { ["ACTORSYNC_TOKEN"] = RunningHost.Operator }, "exceptions", "resolve", "--help");
        var top = await RunningHost.CliWith(null, "--help");

        Assert.Equal((0, 0), (run.ExitCode, top.ExitCode));
        Assert.Contains("--note", run.Stdout);
        Assert.DoesNotContain(RunningHost.Operator, run.Stdout);
        foreach (var command in new[] { "map", "cluster", "entity", "exceptions", "sessions", "flows", "log" }) Assert.Contains($"  {command} ", top.Stdout);
    }
}

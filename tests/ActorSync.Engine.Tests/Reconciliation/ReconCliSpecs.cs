using ActorSync.Engine.Tests.Operations;
using static ActorSync.Engine.Tests.Reconciliation.ReconRig;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>
/// <c>actorsync recon run|show</c> against a running host with nothing to read: every flow is reported as not checked
/// (exit 5, never clean), a run of one flow from a day keeps both, usage and refusals have their exit codes, and the
/// run is in the audit trail.
/// </summary>
[Collection(RunningHostCollection.Name)]
public class ReconCliSpecs(RunningHost host)
{
    [Fact]
    public async Task Recon_run_wait_on_a_host_with_no_source_configured_reports_every_flow_not_checked_and_exits_5()
    {
        var run = await host.Cli("recon", "run", "--wait");

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains("completed-partly", run.Stdout);
        foreach (var flow in new[] { "orders", "refunds", "dispatches", "pos", "stock" }) Assert.Contains(flow, run.Stdout);
        Assert.Contains("NOT CHECKED", run.Stdout);
        Assert.Contains("no source is configured", run.Stdout);
        Assert.Contains("5 source flow(s) not checked", run.Stdout);
    }

    [Fact]
    public async Task Recon_run_of_one_flow_from_a_day_answers_its_id_at_once_and_show_finds_it_with_that_flow_and_day()
    {
        var started = await host.Cli("recon", "run", "--flow", "refunds", "--since", "2026-12-01", "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var runId = started.Json.GetProperty("runId").GetString()!;
        Assert.StartsWith("R-", runId);

        var shown = await host.Cli("recon", "show", runId, "--json");
        var table = await host.Cli("recon", "show", runId);

        Assert.Equal(5, shown.ExitCode);
        Assert.Equal(["refunds"], shown.Json.GetProperty("flows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), shown.Json.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("operator", shown.Json.GetProperty("requestedBy").GetString());
        Assert.Contains($"Reconciliation {runId}", table.Stdout);
        var audit = await host.Cli("audit", "list", "--action", "recon.run", "--json");
        Assert.Contains(audit.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains("refunds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recon_usage_errors_exit_2_an_unknown_run_exits_1_and_the_read_token_cannot_start_a_run()
    {
        var flow = await host.Cli("recon", "run", "--flow", "invoices");
        var since = await host.Cli("recon", "run", "--since", "last tuesday");
        var unknown = await host.Cli("recon", "show", "R-999999");
        var reader = await host.Cli("recon", "run", "--token", RunningHost.Reader);
        var readerShow = await host.Cli("recon", "show", "--token", RunningHost.Reader);

        Assert.Equal((2, 2, 1, 4), (flow.ExitCode, since.ExitCode, unknown.ExitCode, reader.ExitCode));
        Assert.Contains("--flow must be one of orders, refunds, dispatches, pos, stock", flow.Stderr);
        Assert.Contains("--since must be", since.Stderr);
        Assert.Contains("No run R-999999", unknown.Stderr);
        Assert.Contains("403", reader.Stderr);
        Assert.NotEqual(4, readerShow.ExitCode); // reading is allowed with the read token
    }

    [Fact]
    public async Task The_ops_API_refuses_an_unknown_flow_and_an_unreadable_since_naming_the_JSON_path()
    {
        var response = await host.Service.Http.PostAsync("/api/recon/runs",
            new StringContent("""{"flow":"invoices","since":"yesterday"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.flow", body);
        Assert.Contains("$.since", body);
    }
}

/// <summary>
/// <c>recon run --wait</c> against channels and SAP in step, then with one order SAP never got; once the order is in
/// SAP, retrying its exception checks the orders again and the exception resolves.
/// </summary>
public class ReconCliFindingSpecs
{
    [Fact]
    public async Task Recon_run_wait_says_clean_and_exits_0_then_names_an_order_missing_in_SAP_with_its_team_and_exits_5_and_a_retry_after_the_fix_resolves_it()
    {
        await using var rig = await StartAsync();
        await rig.StartInStepAsync();
        var url = rig.Host.Http.BaseAddress!.ToString();

        var clean = await RunningHost.CliWith(null, "recon", "run", "--wait", "--host", url);
        var missing = rig.Magento.State.Generate(1, ["processing"])[0];
        var drift = await RunningHost.CliWith(null, "recon", "run", "--flow", "orders", "--wait", "--host", url);
        var latest = await RunningHost.CliWith(null, "recon", "show", "--json", "--host", url);

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("Clean: every source was checked and nothing differs.", clean.Stdout);
        Assert.True(drift.ExitCode == 5, drift.ToString());
        Assert.Contains("recon-order-missing-in-sap", drift.Stdout);
        Assert.Contains("integration", drift.Stdout);
        Assert.Contains($"magento:{rig.IncrementId(missing)}", drift.Stdout);
        var finding = Assert.Single(latest.Json.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()));
        Assert.Equal(("order-missing-in-sap", "integration"), (finding.GetProperty("kind").GetString(), finding.GetProperty("team").GetString()));
        // The web console shows the same run: the finding with its owner and next step, linked to the order.
        using var console = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = rig.Host.Http.BaseAddress };
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = new FormUrlEncodedContent([KeyValuePair.Create("token", "")]) };
        signIn.Headers.Add("Origin", url.TrimEnd('/'));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await console.SendAsync(signIn)).StatusCode); // no token set: signed in as local
        var page = await console.GetStringAsync("/console/reconciliation");
        Assert.Contains($"data-run=\"{latest.Json.GetProperty("runId").GetString()}\"", page);
        Assert.Contains("data-kind=\"recon-order-missing-in-sap\"", page);
        Assert.Contains($"/console/entities?kind=order&amp;id=magento%3A{rig.IncrementId(missing)}", page);
        Assert.Contains("<td>integration</td>", page);

        // An operator starts a stock run from the console: it runs as the signed-in name, and the audit trail says so.
        var csrf = System.Text.RegularExpressions.Regex.Match(page, "name=\"_csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/console/reconciliation/runs")
            { Content = new FormUrlEncodedContent([KeyValuePair.Create("_csrf", csrf), KeyValuePair.Create("flow", "stock")]) };
        start.Headers.Add("Origin", url.TrimEnd('/'));
        var started = await console.SendAsync(start);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("started (stock)", await console.GetStringAsync("/console/reconciliation"));
        await Infrastructure.Eventually.HoldsAsync(async () =>
        {
            var runs = await RunningHost.CliWith(null, "recon", "show", "--json", "--host", url);
            var flows = runs.Json.GetProperty("flows").EnumerateArray().Select(f => f.GetString()).ToList();
            return (flows.SequenceEqual(["stock"]) && runs.Json.GetProperty("requestedBy").GetString() == "local", runs.Stdout);
        }, Patience, "the stock run started from the console completed, requested by the signed-in name");
        var audited = await RunningHost.CliWith(null, "audit", "list", "--action", "recon.run", "--json", "--host", url);
        Assert.Contains(audited.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains("stock", StringComparison.Ordinal));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/console/reconciliation/runs")
            { Content = new FormUrlEncodedContent([KeyValuePair.Create("_csrf", "not-the-value"), KeyValuePair.Create("flow", "stock")]) };
        forged.Headers.Add("Origin", url.TrimEnd('/'));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await console.SendAsync(forged)).StatusCode);

        // The connector's missed order arrives; the operator retries the exception, which checks the orders again.
        await rig.Host.Engine.SubmitOrderAsync(ActorSync.Channels.Magento.MagentoOrderParser.Parse(rig.Magento.GetOrder(missing)!.ToJsonString()).Order);
        await Infrastructure.Eventually.HoldsAsync(() => Task.FromResult((rig.Sap.Company.Orders.Any(o => o.NumAtCard == rig.NumAtCard(missing)), "not yet")), Patience, "the order in SAP");
        var exception = (await rig.Host.Queue.ListAsync()).Single(e => e.RecordKind == Domain.Reconciliation.ReconFindingKinds.RecordKind);
        var retry = await RunningHost.CliWith(null, "exceptions", "retry", exception.Id, "--host", url);

        Assert.True(retry.ExitCode == 0, retry.ToString());
        await Infrastructure.Eventually.HoldsAsync(async () => (await rig.Host.Queue.GetAsync(exception.Id) is { Status: Domain.ExceptionQueue.ExceptionStatus.Resolved } e,
            "still open"), Patience, "the finding's exception resolved by the run the retry started");
    }
}

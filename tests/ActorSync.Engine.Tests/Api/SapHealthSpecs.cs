using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using ActorSync.Host.Api;

namespace ActorSync.Engine.Tests.Api;

/// <summary>The running service with a wrong SAP password: it stops logging in, says so, and is not ready.</summary>
public class SapHealthSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private OpsTestHost _ops = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 50 } });
        var settings = FlowTestSettings.For(_sap, TestDatabases.NewSqlite());
        settings.ServiceLayer.Password = "wrong-password-42";
        _ops = await OpsTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private long Logins() => _sap.GetStats().Requests.GetValueOrDefault("POST Login");

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        var response = await _ops.Http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_refused_password_stops_the_logins_and_readiness_names_the_key_to_fix()
    {
        var order = """
            {"channel":"magento","externalId":"H-1","orderDate":"2026-11-27","currency":"EUR","customer":{"email":"a@example.com","isGuest":true},
             "lines":[{"sku":"ITM00001","quantity":1,"unitPrice":10.15,"taxAmount":2.03,"taxRate":20}],"shippingAmount":0,"shippingTax":0,"totalPaid":12.18}
            """;
        var accepted = await _ops.Http.PostAsync("/api/orders", new StringContent(order, System.Text.Encoding.UTF8, "application/json"));
        await Eventually.HoldsAsync(async () =>
        {
            var (status, _) = await Get("/health/ready");
            return (status == HttpStatusCode.ServiceUnavailable, status.ToString());
        }, TimeSpan.FromSeconds(20), "readiness to fail");
        await Task.Delay(3_000); // the master-data refresher, the gateway and the order all keep trying meanwhile

        var (_, ready) = await Get("/health/ready");
        var (live, _) = await Get("/health/live");
        var (_, sap) = await Get("/api/gateway/sap");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode); // the order is journaled; it waits, it is not lost
        Assert.Equal(1, Logins());
        Assert.Equal(HttpStatusCode.OK, live);
        var login = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sap login");
        Assert.False(login.GetProperty("ok").GetBoolean());
        Assert.Contains("ServiceLayer:UserName/Password", login.GetProperty("detail").GetString());
        Assert.DoesNotContain("wrong-password-42", ready.ToString());
        Assert.Equal("100000027", sap.GetProperty("loginRefused").GetProperty("code").GetString());

        var allowed = await _ops.Http.PostAsync("/api/gateway/sap/allow-logins", null);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult((Logins() >= 2, $"{Logins()} logins")), TimeSpan.FromSeconds(20), "one more login after allowing");
    }

    [Fact]
    public async Task A_refused_login_is_one_exception_for_the_integration_team_and_retrying_it_lets_the_engine_log_in_once_more()
    {
        JsonElement exception = default;
        await Eventually.HoldsAsync(async () =>
        {
            var (_, list) = await Get("/api/exceptions?type=sap-login-refused");
            var items = list.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 1) exception = items[0];
            return (items.Count == 1, $"{items.Count} exceptions");
        }, TimeSpan.FromSeconds(20), "the sap-login-refused exception");
        await Task.Delay(3_000);
        var (_, again) = await Get("/api/exceptions?type=sap-login-refused");

        Assert.Single(again.GetProperty("items").EnumerateArray());
        Assert.Equal("integration", exception.GetProperty("team").GetString());
        Assert.Equal("SBODEMO/manager", exception.GetProperty("recordId").GetString());
        Assert.DoesNotContain("wrong-password-42", again.ToString());
        Assert.Equal(1, Logins());

        var retry = await _ops.Http.PostAsync($"/api/exceptions/{exception.GetProperty("id").GetString()}/retry", null);

        Assert.True(retry.IsSuccessStatusCode, await retry.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(() => Task.FromResult((Logins() == 2, $"{Logins()} logins")), TimeSpan.FromSeconds(20), "exactly one more login");
    }

    [Fact]
    public async Task A_retry_before_the_password_is_fixed_is_refused_once_more_and_leaves_the_exception_open_for_the_retry_after_the_fix()
    {
        string id = "";
        await Eventually.HoldsAsync(async () =>
        {
            var (_, list) = await Get("/api/exceptions?type=sap-login-refused");
            var items = list.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 1) id = items[0].GetProperty("id").GetString()!;
            return (items.Count == 1, $"{items.Count} exceptions");
        }, TimeSpan.FromSeconds(20), "the sap-login-refused exception");

        var early = await _ops.Http.PostAsync($"/api/exceptions/{id}/retry", null); // the password is still wrong
        Assert.True(early.IsSuccessStatusCode, await early.Content.ReadAsStringAsync());
        JsonElement reopened = default;
        await Eventually.HoldsAsync(async () =>
        {
            (_, reopened) = await Get($"/api/exceptions/{id}");
            var status = reopened.GetProperty("status").GetString();
            return (status == "open", $"status {status}, {Logins()} logins");
        }, TimeSpan.FromSeconds(20), "the exception open again after SAP refused the retry's login");
        await Task.Delay(3_000); // no more logins while it is open

        Assert.Equal(2, Logins());
        Assert.Contains("Failed again after retry 1", reopened.GetProperty("lastRetryResult").GetString());
        var (_, all) = await Get("/api/exceptions?type=sap-login-refused");
        Assert.Single(all.GetProperty("items").EnumerateArray());

        _sap.ApplyFaults(new FaultSettings { Password = "wrong-password-42" }); // SAP's password now matches the configuration
        var afterFix = await _ops.Http.PostAsync($"/api/exceptions/{id}/retry", null);

        Assert.True(afterFix.IsSuccessStatusCode, await afterFix.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(async () =>
        {
            var (_, exception) = await Get($"/api/exceptions/{id}");
            var (ready, _) = await Get("/health/ready");
            var status = exception.GetProperty("status").GetString();
            return (status == "resolved" && ready == HttpStatusCode.OK, $"status {status}, ready {ready}");
        }, TimeSpan.FromSeconds(20), "the exception resolved and the service ready once logins work");
        Assert.Equal(3, Logins());
    }
}

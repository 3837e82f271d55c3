using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;

namespace ActorSync.Engine.Tests.Api;

/// <summary>The running service pinned to a certificate SAP does not present (a renewal nobody told it of): the
/// operator sees which certificate SAP showed and which key to set, on the gateway page and in readiness.</summary>
public sealed class SapCertificateHealthSpecs : IAsyncLifetime
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _renewed = EmulatorCertificates.SelfSigned("sap-b1-renewed");
    private ServiceLayerEmulator _sap = null!;
    private OpsTestHost _ops = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 50 }, ServerCertificate = _renewed });
        var settings = FlowTestSettings.For(_sap, TestDatabases.NewSqlite());
        using var retired = EmulatorCertificates.SelfSigned("sap-b1-retired");
        settings.ServiceLayer.ServerCertificateThumbprints = [EmulatorCertificates.Sha256Thumbprint(retired)];
        _ops = await OpsTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        var response = await _ops.Http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_certificate_matching_no_pin_shows_its_thumbprint_and_the_key_to_set_on_the_gateway_page_and_in_readiness()
    {
        var presented = EmulatorCertificates.Sha256Thumbprint(_renewed);
        JsonElement ready = default;
        await Eventually.HoldsAsync(async () =>
        {
            (var status, ready) = await Get("/health/ready");
            return (status == HttpStatusCode.ServiceUnavailable && ready.ToString().Contains(presented, StringComparison.Ordinal), ready.ToString());
        }, TimeSpan.FromSeconds(20), "readiness to name the refused certificate");
        var (_, sap) = await Get("/api/gateway/sap");

        var check = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sap certificate");
        Assert.False(check.GetProperty("ok").GetBoolean());
        Assert.Contains("ServiceLayer:ServerCertificateThumbprints", check.GetProperty("detail").GetString());
        var refused = sap.GetProperty("certificateRefused");
        Assert.Equal(presented, refused.GetProperty("thumbprint").GetString());
        Assert.Contains("CN=sap-b1-renewed", refused.GetProperty("subject").GetString());
        Assert.Equal("Pinned", sap.GetProperty("certificateMode").GetString());
        Assert.Equal(0, _sap.GetStats().Requests.GetValueOrDefault("POST Login")); // the password never went to the unknown server
    }
}

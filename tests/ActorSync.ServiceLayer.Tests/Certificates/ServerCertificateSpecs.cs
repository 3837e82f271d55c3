using Microsoft.Extensions.Configuration;
using System.Security.Cryptography.X509Certificates;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.ServiceLayer.Tests.Fakes;
using ActorSync.ServiceLayer.Transport;

namespace ActorSync.ServiceLayer.Tests.Certificates;

/// <summary>Two emulators over HTTPS, as SAP answers on :50000: one with a self-signed certificate like a real
/// install's, one with a certificate a company CA issued. Certificates are made in memory, nothing is on disk but the
/// CA files the trusted-CA mode reads.</summary>
public sealed class HttpsServiceLayers : IAsyncLifetime
{
    public X509Certificate2 SelfSigned { get; } = EmulatorCertificates.SelfSigned();
    public X509Certificate2 Ca { get; } = EmulatorCertificates.CertificateAuthority("Acme Internal CA");
    public X509Certificate2 OtherCa { get; } = EmulatorCertificates.CertificateAuthority("Somebody Else's CA");
    public ServiceLayerEmulator SelfSignedSap { get; private set; } = null!;
    public ServiceLayerEmulator CaIssuedSap { get; private set; } = null!;
    public string CaFile { get; } = Path.Combine(Path.GetTempPath(), $"actorsync-ca-{Guid.NewGuid():N}.pem");
    public string OtherCaFile { get; } = Path.Combine(Path.GetTempPath(), $"actorsync-other-ca-{Guid.NewGuid():N}.pem");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(CaFile, EmulatorCertificates.Pem(Ca));
        await File.WriteAllTextAsync(OtherCaFile, EmulatorCertificates.Pem(OtherCa));
        SelfSignedSap = await ServiceLayerEmulator.StartAsync(Options(SelfSigned));
        CaIssuedSap = await ServiceLayerEmulator.StartAsync(Options(EmulatorCertificates.IssuedBy(Ca)));
    }

    private static ServiceLayerEmulatorOptions Options(X509Certificate2 certificate) =>
        new() { Company = new CompanySpec { Items = 10 }, ServerCertificate = certificate };

    public async Task DisposeAsync()
    {
        await SelfSignedSap.DisposeAsync();
        await CaIssuedSap.DisposeAsync();
        File.Delete(CaFile);
        File.Delete(OtherCaFile);
    }
}

public class ServerCertificateSpecs(HttpsServiceLayers https) : IClassFixture<HttpsServiceLayers>
{
    private const string Password = "manager";
    private readonly CapturingLoggerProvider _logs = new();

    private ServiceLayerClient Client(ServiceLayerEmulator sap, Action<ServiceLayerOptions> certificates) =>
        new(Options(sap, certificates), loggers: _logs.CreateFactory());

    private static ServiceLayerOptions Options(ServiceLayerEmulator sap, Action<ServiceLayerOptions> certificates)
    {
        var options = new ServiceLayerOptions
        {
            BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = Password, MaxSessions = 1,
            RequestTimeout = TimeSpan.FromSeconds(5),
            Retry = { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        certificates(options);
        return options;
    }

    private static long Logins(ServiceLayerEmulator sap) => sap.GetStats().Requests.GetValueOrDefault("POST Login");

    private string SelfSignedThumbprint => EmulatorCertificates.Sha256Thumbprint(https.SelfSigned);

    private static async Task<string?> ReadItem(ServiceLayerClient client) =>
        (await client.GetAsync("Items('ITM00001')"))?.GetProperty("ItemCode").GetString();

    [Fact]
    public async Task The_default_check_refuses_a_self_signed_certificate_and_shows_the_thumbprint_to_pin()
    {
        var loginsBefore = Logins(https.SelfSignedSap);
        await using var client = Client(https.SelfSignedSap, _ => { });

        var refused = await Assert.ThrowsAsync<ServiceLayerException>(() => ReadItem(client));

        Assert.Equal(ClientErrorCodes.CertificateRefused, refused.Error.Code);
        Assert.Contains(SelfSignedThumbprint, refused.Message);
        Assert.Contains("ServiceLayer:ServerCertificateThumbprints", refused.Message);
        Assert.Contains("UntrustedRoot", refused.Message);
        Assert.Equal(ServerCertificateMode.System, client.CertificateRefused?.Mode);
        Assert.Equal(loginsBefore, Logins(https.SelfSignedSap)); // the password never left this machine
    }

    [Fact]
    public async Task The_pinned_thumbprint_connects_and_logs_in()
    {
        var loginsBefore = Logins(https.SelfSignedSap);
        await using var client = Client(https.SelfSignedSap, o => o.ServerCertificateThumbprints = [SelfSignedThumbprint]);

        Assert.Equal("ITM00001", await ReadItem(client));
        Assert.Equal(loginsBefore + 1, Logins(https.SelfSignedSap));
        Assert.Null(client.CertificateRefused);
    }

    [Fact]
    public async Task A_pin_is_read_in_lower_case_without_colons_as_well()
    {
        var bare = SelfSignedThumbprint.Replace(":", "").ToLowerInvariant();
        await using var client = Client(https.SelfSignedSap, o => o.ServerCertificateThumbprints = [bare]);

        Assert.Equal("ITM00001", await ReadItem(client));
    }

    [Fact]
    public async Task A_wrong_thumbprint_refuses_to_connect_naming_the_presented_certificate_and_the_key_to_set()
    {
        var loginsBefore = Logins(https.SelfSignedSap);
        var otherPin = EmulatorCertificates.Sha256Thumbprint(https.OtherCa);
        await using var client = Client(https.SelfSignedSap, o => o.ServerCertificateThumbprints = [otherPin]);

        var refused = await Assert.ThrowsAsync<ServiceLayerException>(() => ReadItem(client));

        Assert.Equal(ClientErrorCodes.CertificateRefused, refused.Error.Code);
        Assert.Contains("matches none of the pinned thumbprints in ServiceLayer:ServerCertificateThumbprints", refused.Message);
        Assert.Contains($"SHA-256 {SelfSignedThumbprint}", refused.Message);
        Assert.Contains("CN=sap-b1-emulator", refused.Message);
        Assert.Equal(SelfSignedThumbprint, client.CertificateRefused?.Thumbprint);
        Assert.Contains(SelfSignedThumbprint, _logs.AllText);
        Assert.DoesNotContain(Password, refused.ToString());
        Assert.Equal(loginsBefore, Logins(https.SelfSignedSap));
    }

    [Fact]
    public async Task During_a_renewal_the_second_pinned_thumbprint_is_accepted()
    {
        var retired = EmulatorCertificates.Sha256Thumbprint(https.Ca);
        // Both in one environment variable, as an operator sets them for the changeover.
        await using var client = Client(https.SelfSignedSap, o => o.ServerCertificateThumbprints = [$"{retired}, {SelfSignedThumbprint}"]);

        Assert.Equal("ITM00001", await ReadItem(client));
    }

    [Fact]
    public async Task A_trusted_ca_file_accepts_the_certificate_it_issued()
    {
        await using var client = Client(https.CaIssuedSap, o => o.TrustedCaFile = https.CaFile);

        Assert.Equal("ITM00001", await ReadItem(client));
    }

    [Fact]
    public async Task A_trusted_ca_file_refuses_a_certificate_another_ca_issued()
    {
        await using var client = Client(https.CaIssuedSap, o => o.TrustedCaFile = https.OtherCaFile);

        var refused = await Assert.ThrowsAsync<ServiceLayerException>(() => ReadItem(client));

        Assert.Equal(ClientErrorCodes.CertificateRefused, refused.Error.Code);
        Assert.Contains($"does not chain to a certificate in ServiceLayer:TrustedCaFile ({https.OtherCaFile})", refused.Message);
        Assert.Equal(ServerCertificateMode.TrustedCa, client.CertificateRefused?.Mode);
    }

    [Fact]
    public async Task A_trusted_ca_file_does_not_trust_a_self_signed_certificate()
    {
        await using var client = Client(https.SelfSignedSap, o => o.TrustedCaFile = https.CaFile);

        var refused = await Assert.ThrowsAsync<ServiceLayerException>(() => ReadItem(client));

        Assert.Contains("ServiceLayer:TrustedCaFile", refused.Message);
        Assert.Contains(SelfSignedThumbprint, refused.Message);
    }

    [Fact]
    public async Task Accept_any_connects_and_says_loudly_once_at_start_that_nothing_is_checked()
    {
        int Warnings() => _logs.Entries.Count(e => e.StartsWith("Warning:", StringComparison.Ordinal) && e.Contains("AcceptAnyServerCertificate is on: SAP's TLS certificate is NOT checked"));
        await using var client = Client(https.SelfSignedSap, o => o.AcceptAnyServerCertificate = true);
        var atStart = Warnings();

        Assert.Equal("ITM00001", await ReadItem(client));
        Assert.Equal("ITM00001", await ReadItem(client));
        Assert.Equal(1, atStart);
        Assert.Equal(1, Warnings());
    }

    [Fact]
    public void A_refusal_is_cleared_once_a_handshake_passes_again()
    {
        // The same client cannot change its pins; the policy is what remembers, so it is driven directly.
        var policy = Options(https.SelfSignedSap, o => o.ServerCertificateThumbprints = [SelfSignedThumbprint])
            .CertificatePolicy(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System);
        Assert.False(policy.Validate(https.OtherCa, null, System.Net.Security.SslPolicyErrors.None));
        Assert.NotNull(policy.Refusal);

        Assert.True(policy.Validate(https.SelfSigned, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Null(policy.Refusal);
    }
}

public class ServerCertificateOptionsSpecs
{
    private const string Pin = "3A:F1:0C:9B:52:7E:D4:18:66:2B:A0:C7:39:E5:F2:81:4D:0A:B6:73:C8:15:9E:2F:60:D3:47:BA:1C:85:E9:04";

    private static ServiceLayerOptions Valid(Action<ServiceLayerOptions> tweak) => TestClients.Options(tweak);

    [Fact]
    public void A_thumbprint_that_is_not_64_hex_digits_is_refused_naming_its_key_and_position()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(o => o.ServerCertificateThumbprints = [Pin, "3A:F1:0C:ZZ"]).Validate());

        Assert.StartsWith("ServiceLayer:ServerCertificateThumbprints:1 must be SHA-256 thumbprints", error.Message);
        Assert.Contains("'3A:F1:0C:ZZ'", error.Message);
    }

    [Fact]
    public void A_sha1_thumbprint_is_refused_with_the_openssl_option_that_gives_sha256()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(o => o.ServerCertificateThumbprints = ["D1:6B:52:7C:3E:90:0F:A4:81:22:B7:4C:EE:05:19:6A:D3:70:8F:21"]).Validate());

        Assert.Contains("that is a SHA-1 thumbprint", error.Message);
        Assert.Contains("-fingerprint -sha256", error.Message);
    }

    [Fact]
    public void Pinning_and_accept_any_together_are_refused_naming_both_keys()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(o =>
        {
            o.ServerCertificateThumbprints = [Pin];
            o.AcceptAnyServerCertificate = true;
        }).Validate());

        Assert.StartsWith("ServiceLayer:AcceptAnyServerCertificate cannot be combined with ServiceLayer:ServerCertificateThumbprints", error.Message);
    }

    [Fact]
    public void Pinning_and_a_ca_file_together_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(o =>
        {
            o.ServerCertificateThumbprints = [Pin];
            o.TrustedCaFile = "/etc/ssl/sap-ca.pem";
        }).Validate());

        Assert.StartsWith("ServiceLayer:TrustedCaFile cannot be combined with ServiceLayer:ServerCertificateThumbprints", error.Message);
    }

    [Fact]
    public void A_missing_ca_file_is_refused_naming_the_key_and_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");

        var error = Assert.Throws<ArgumentException>(() => Valid(o => o.TrustedCaFile = path).Validate());

        Assert.StartsWith("ServiceLayer:TrustedCaFile could not be read", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, "not a certificate\n");
        try
        {
            var error = Assert.Throws<ArgumentException>(() => Valid(o => o.TrustedCaFile = path).Validate());

            Assert.StartsWith("ServiceLayer:TrustedCaFile holds no PEM certificate", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_pin_over_plain_http_is_refused_because_there_is_no_certificate_to_check()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(o =>
        {
            o.BaseUrl = new Uri("http://sap.test:50000/");
            o.ServerCertificateThumbprints = [Pin];
        }).Validate());

        Assert.StartsWith("ServiceLayer:ServerCertificateThumbprints checks a TLS certificate, but ServiceLayer:BaseUrl is plain http", error.Message);
    }

    [Fact]
    public void Pins_bind_from_configuration_as_a_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceLayer:ServerCertificateThumbprints:0"] = Pin,
            ["ServiceLayer:ServerCertificateThumbprints:1"] = Pin.Replace(":", "").ToLowerInvariant(),
        }).Build();
        var options = Valid(_ => { });

        configuration.GetSection("ServiceLayer").Bind(options);

        Assert.Equal(2, options.ServerCertificateThumbprints.Count);
        options.Validate();
    }
}

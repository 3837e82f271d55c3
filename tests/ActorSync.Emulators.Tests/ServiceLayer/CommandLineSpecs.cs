using ActorSync.Emulators.ServiceLayer.Hosting;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class CommandLineSpecs
{
    [Fact]
    public void Sap_options_map_to_emulator_options()
    {
        var (options, url) = ServiceLayerCommand.Parse([
            "--urls", "http://127.0.0.1:50001", "--company", "SBOTEST", "--user", "api", "--password", "pw", "--seed", "7",
            "--items", "1000", "--customers", "12", "--max-sessions", "4", "--session-timeout", "5", "--page-size", "50",
            "--capacity", "on", "--workers", "3", "--time-scale", "0.01", "--absolute-next-links",
        ]);
        Assert.Equal("http://127.0.0.1:50001", url);
        Assert.Equal(("SBOTEST", "api", "pw", 4, 50), (options.CompanyDb, options.UserName, options.Password, options.MaxSessions, options.DefaultPageSize));
        Assert.Equal((7, 1000, 12), (options.Company.Seed, options.Company.Items, options.Company.Customers));
        Assert.Equal(TimeSpan.FromMinutes(5), options.SessionTimeout);
        Assert.Equal((true, 3, 0.01), (options.Capacity.Enabled, options.Capacity.Workers, options.Capacity.TimeScale));
        Assert.True(options.AbsoluteNextLinks);
    }

    [Fact]
    public void Defaults_listen_on_50000_with_capacity_off()
    {
        var (options, url) = ServiceLayerCommand.Parse([]);
        Assert.Equal("http://127.0.0.1:50000", url);
        Assert.False(options.Capacity.Enabled);
        Assert.Equal(200, options.Company.Items);
    }

    [Fact]
    public void Https_listens_on_50000_with_a_self_signed_certificate_made_at_start_and_its_private_key()
    {
        var (options, url) = ServiceLayerCommand.Parse(["--https"]);

        Assert.Equal("https://127.0.0.1:50000", url);
        Assert.NotNull(options.ServerCertificate);
        Assert.True(options.ServerCertificate!.HasPrivateKey);
        Assert.Equal(options.ServerCertificate.Subject, options.ServerCertificate.Issuer);
    }

    [Fact]
    public void Https_and_an_address_of_the_other_scheme_are_refused()
    {
        Assert.Contains("--https needs an https:// address", Assert.Throws<ArgumentException>(() => ServiceLayerCommand.Parse(["--https", "--urls", "http://127.0.0.1:50000"])).Message);
        Assert.Contains("needs --https", Assert.Throws<ArgumentException>(() => ServiceLayerCommand.Parse(["--urls", "https://127.0.0.1:50000"])).Message);
    }

    [Fact]
    public async Task The_emulator_answers_https_with_the_certificate_it_was_given()
    {
        using var certificate = ActorSync.Emulators.ServiceLayer.EmulatorCertificates.SelfSigned();
        await using var sap = await ActorSync.Emulators.ServiceLayer.ServiceLayerEmulator.StartAsync(new() { Company = new() { Items = 5 }, ServerCertificate = certificate });
        System.Security.Cryptography.X509Certificates.X509Certificate2? presented = null;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => { presented = c is null ? null : new(c); return true; } },
        });

        var stats = await http.GetAsync(new Uri(sap.BaseAddress, "__emulator/stats"));

        Assert.Equal("https", sap.BaseAddress.Scheme);
        Assert.True(stats.IsSuccessStatusCode);
        Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
    }

    [Fact]
    public void Unknown_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ServiceLayerCommand.Parse(["--colour", "red"]));
        Assert.Throws<ArgumentException>(() => ServiceLayerCommand.Parse(["--capacity", "maybe"]));
        Assert.Throws<ArgumentException>(() => ServiceLayerCommand.Parse(["--items"]));
    }
}

using ActorSync.Domain.Mapping;
using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests;

public class ServiceConfigurationSpecs
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_mapping_section_becomes_the_order_mapping()
    {
        var settings = ServiceHost.LoadSettings(Config(
            ("ServiceLayer:BaseUrl", "http://127.0.0.1:50000/"), ("ServiceLayer:CompanyDb", "SBODEMO"), ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "secret-pass"),
            ("Mapping:Channels:magento:GuestBusinessPartner", "WEBGUEST"),
            ("Mapping:VatGroups:20", "O1"),
            ("Mapping:ShippingTypes:flatrate_flatrate", "1")));

        Assert.Equal("WEBGUEST", settings.Orders.Mapping.GuestCardCodes["magento"]);
        Assert.Equal("O1", settings.Orders.Mapping.VatGroupsByRate[20m]);
        Assert.Equal(1, settings.Orders.Mapping.ShippingTypes["flatrate_flatrate"]);
    }

    [Fact]
    public void A_bad_mapping_key_stops_start_up_and_names_the_key()
    {
        var ex = Assert.Throws<MappingValidationException>(() => ServiceHost.LoadSettings(Config(
            ("ServiceLayer:BaseUrl", "http://127.0.0.1:50000/"), ("ServiceLayer:CompanyDb", "SBODEMO"), ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "secret-pass"),
            ("Mapping:ShippingTypes:flatrate_flatrate", "fast"))));

        Assert.Contains("Mapping:ShippingTypes:flatrate_flatrate", ex.Message);
    }

    [Fact]
    public void A_bad_engine_setting_names_its_key_and_never_the_password()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config(
            ("ServiceLayer:BaseUrl", "http://127.0.0.1:50000/"), ("ServiceLayer:CompanyDb", "SBODEMO"), ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "secret-pass"),
            ("Gateway:Sessions", "0"))));

        Assert.Contains("Gateway:Sessions", ex.Message);
        Assert.DoesNotContain("secret-pass", ex.ToString());
    }

    [Fact]
    public void Tracking_channels_bind_from_configuration_and_a_bad_one_names_its_key_and_never_the_token()
    {
        (string, string)[] sap = [("ServiceLayer:BaseUrl", "http://127.0.0.1:50000/"), ("ServiceLayer:CompanyDb", "SBODEMO"), ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "secret-pass")];

        var settings = ServiceHost.LoadSettings(Config([.. sap, ("Tracking:Magento:BaseUrl", "https://shop.example.com/rest/default/"),
            ("Tracking:Magento:AuthMode", "Bearer"), ("Tracking:Magento:AccessToken", "tok-123456789")]));
        var oauth = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. sap,
            ("Tracking:Magento:BaseUrl", "https://shop.example.com/rest/default/"), ("Tracking:Magento:AccessToken", "tok-123456789")])));
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. sap,
            ("Tracking:BigCommerce:StoreHash", "abc123"), ("Tracking:BigCommerce:AccessToken", "tok-987654321"), ("Tracking:BigCommerce:ApiBaseUrl", "not a url")])));

        Assert.Equal("https://shop.example.com/rest/default/", settings.Tracking.Magento!.BaseUrl);
        Assert.Null(settings.Tracking.BigCommerce);
        Assert.StartsWith("Tracking:BigCommerce:ApiBaseUrl must be an absolute http(s) URL", ex.Message);
        // OAuth 1.0a is the default (Magento 2.4.4+): a bearer token alone names the first missing credential, not a C# type.
        Assert.Equal("Tracking:Magento:ConsumerKey is required.", oauth.Message);
        Assert.DoesNotContain("tok-987654321", ex.ToString());
    }

    private static readonly (string, string)[] Sap =
        [("ServiceLayer:BaseUrl", "http://127.0.0.1:50000/"), ("ServiceLayer:CompanyDb", "SBODEMO"), ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "secret-pass")];

    [Fact]
    public void Misspelt_keys_in_known_sections_stop_start_up_each_named_with_a_suggestion()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap,
            ("ServiceLayer:Pasword", "x"), ("Gateway:Sesions", "8"), ("ServiceLayer:Retry:MaxAtempts", "3"), ("Orders:Colour", "blue")])));

        Assert.Contains("ServiceLayer:Pasword (did you mean Password?)", ex.Message);
        Assert.Contains("Gateway:Sesions (did you mean Sessions?)", ex.Message);
        Assert.Contains("ServiceLayer:Retry:MaxAtempts (did you mean MaxAttempts?)", ex.Message);
        Assert.Contains("Orders:Colour", ex.Message);
    }

    [Fact]
    public void Keys_the_settings_know_pass_whatever_their_case()
    {
        var settings = ServiceHost.LoadSettings(Config([.. Sap, ("gateway:sessions", "6"), ("ServiceLayer:Retry:MaxAttempts", "2")]));

        Assert.Equal(6, settings.Gateway.Sessions);
    }

    [Fact]
    public void An_empty_sap_password_is_named_by_its_configuration_key_and_never_shown()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap[..3], ("ServiceLayer:Password", "")])));

        Assert.StartsWith("ServiceLayer:Password is required", ex.Message);
    }

    [Fact]
    public async Task A_port_already_in_use_ends_the_service_with_one_line_and_exit_2()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var data = Path.Combine(Path.GetTempPath(), "actorsync-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = await ServiceHost.RunAsync([
                $"--Urls=http://127.0.0.1:{port}", "--ServiceLayer:Password=secret-pass", "--MasterData:Enabled=false",
                $"--Persistence:ConnectionString=Data Source={Path.Combine(data, "journal.db")}", "--Logging:LogLevel:Default=None"], null);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, code);
        Assert.Contains($"127.0.0.1:{port}", error.ToString());
        Assert.Contains("already in use", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // no stack trace
    }
}

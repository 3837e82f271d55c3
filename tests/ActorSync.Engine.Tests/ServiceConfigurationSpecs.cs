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

        var settings = ServiceHost.LoadSettings(Config([.. sap, ("Tracking:Magento:BaseUrl", "https://shop.example.com/rest/default/"), ("Tracking:Magento:AccessToken", "tok-123456789")]));
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. sap,
            ("Tracking:BigCommerce:StoreHash", "abc123"), ("Tracking:BigCommerce:AccessToken", "tok-987654321"), ("Tracking:BigCommerce:ApiBaseUrl", "not a url")])));

        Assert.Equal("https://shop.example.com/rest/default/", settings.Tracking.Magento!.BaseUrl);
        Assert.Null(settings.Tracking.BigCommerce);
        Assert.Contains("Tracking:BigCommerce", ex.Message);
        Assert.Contains("ApiBaseUrl", ex.Message);
        Assert.DoesNotContain("tok-987654321", ex.ToString());
    }
}

using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary><c>Connectors:Magento</c> as the service binds it: validated at start, errors naming the key, never a secret.</summary>
public class MagentoConnectorSettingsSpecs
{
    private const string ConsumerSecret = "mage-consumer-secret-7c1d9e";
    private const string TokenSecret = "mage-token-secret-2b8f40";

    private static readonly (string, string)[] Sap =
    [
        ("ServiceLayer:BaseUrl", "https://sap.example.com:50000/b1s/v1/"), ("ServiceLayer:CompanyDb", "SBODEMO"),
        ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "s3cret-password"),
    ];

    private static readonly (string, string)[] Integration =
    [
        ("Connectors:Magento:BaseUrl", "https://shop.example.com/"), ("Connectors:Magento:ConsumerKey", "ck-91ab"),
        ("Connectors:Magento:ConsumerSecret", ConsumerSecret), ("Connectors:Magento:AccessToken", "at-47cd"),
        ("Connectors:Magento:AccessTokenSecret", TokenSecret),
    ];

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_connector_binds_with_its_defaults_signs_with_OAuth1_and_is_off_when_left_out()
    {
        var magento = ServiceHost.LoadSettings(Config([.. Sap, .. Integration])).Connectors.Magento!;

        Assert.Equal(new Uri("https://shop.example.com/rest/default/"), magento.RestRoot);
        Assert.Equal(("OAuth1", "magento-default", 100, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
            (magento.Authorization().Mode, magento.Source, magento.PageSize, magento.PollInterval, magento.LookBack));
        Assert.DoesNotContain(ConsumerSecret, magento.ToString());
        Assert.DoesNotContain(TokenSecret, magento.ToString());
        Assert.Null(ServiceHost.LoadSettings(Config(Sap)).Connectors.Magento);
    }

    [Theory]
    [InlineData("Connectors:Magento:ConsumerSecret")]
    [InlineData("Connectors:Magento:AccessTokenSecret")]
    [InlineData("Connectors:Magento:ConsumerKey")]
    public void A_missing_OAuth_credential_names_its_key_and_the_environment_variable(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, .. Integration.Where(i => i.Item1 != key)])));

        Assert.Contains($"{key} is required", error.Message);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Bearer_mode_needs_the_access_token_alone()
    {
        var magento = ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:Magento:BaseUrl", "https://shop.example.com/"),
            ("Connectors:Magento:AuthMode", "Bearer"), ("Connectors:Magento:AccessToken", "at-47cd")])).Connectors.Magento!;

        Assert.Equal("Bearer", magento.Authorization().Mode);
    }

    [Theory]
    [InlineData("Connectors:Magento:BaseUrl", "https://shop.example.com/rest/default/")]
    [InlineData("Connectors:Magento:StoreCode", "Default Store")]
    [InlineData("Connectors:Magento:AuthMode", "Basic")]
    [InlineData("Connectors:Magento:PageSize", "301")]
    [InlineData("Connectors:Magento:PollInterval", "00:00:00")]
    public void A_bad_value_names_its_key_and_no_secret(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, .. Integration.Where(i => i.Item1 != key), (key, value)])));

        Assert.StartsWith(key + " ", error.Message);
        Assert.DoesNotContain(ConsumerSecret, error.Message);
        Assert.DoesNotContain(TokenSecret, error.Message);
    }
}

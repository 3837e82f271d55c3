using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary><c>Connectors:BigCommerce</c> as the service binds it: validated at start, errors naming the key, never a secret.</summary>
public class BigCommerceConnectorSettingsSpecs
{
    private const string Token = "bc-token-5f4e3d2c1b0a99887766";
    private const string Secret = "webhook-secret-0123456789abcdef";

    private static readonly (string, string)[] Sap =
    [
        ("ServiceLayer:BaseUrl", "https://sap.example.com:50000/b1s/v1/"), ("ServiceLayer:CompanyDb", "SBODEMO"),
        ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "s3cret-password"),
    ];

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_connector_binds_with_its_defaults_and_is_off_when_left_out()
    {
        var on = ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:BigCommerce:StoreHash", "abc123"), ("Connectors:BigCommerce:AccessToken", Token), ("Connectors:BigCommerce:WebhookSecret", Secret)]));
        var off = ServiceHost.LoadSettings(Config(Sap));

        var bc = on.Connectors.BigCommerce!;
        Assert.Equal(new Uri("https://api.bigcommerce.com/stores/abc123/"), bc.ApiRoot);
        Assert.Equal("X-ActorSync-Secret", bc.WebhookHeader);
        Assert.Equal(TimeSpan.FromMinutes(5), bc.ReconcileInterval);
        Assert.Equal("bigcommerce-abc123", bc.Source);
        Assert.DoesNotContain(Token, bc.ToString());
        Assert.DoesNotContain(Secret, bc.ToString());
        Assert.Null(off.Connectors.BigCommerce);
    }

    [Fact]
    public void A_missing_secret_names_its_key_and_a_bad_one_is_never_shown()
    {
        var missing = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:BigCommerce:StoreHash", "abc123"), ("Connectors:BigCommerce:AccessToken", Token)])));
        var shortSecret = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:BigCommerce:StoreHash", "abc123"),
            ("Connectors:BigCommerce:AccessToken", Token), ("Connectors:BigCommerce:WebhookSecret", "short-secret")])));
        var badWhsec = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:BigCommerce:StoreHash", "abc123"),
            ("Connectors:BigCommerce:AccessToken", Token), ("Connectors:BigCommerce:WebhookSecret", Secret), ("Connectors:BigCommerce:StandardWebhooksSecret", "whsec_!!not-base64!!")])));

        Assert.StartsWith("Connectors:BigCommerce:WebhookSecret is required", missing.Message);
        Assert.Contains("Connectors__BigCommerce__WebhookSecret", missing.Message);
        Assert.Contains("Connectors:BigCommerce:WebhookSecret is shorter than 24", shortSecret.Message);
        Assert.DoesNotContain("short-secret", shortSecret.Message);
        Assert.Contains("Connectors:BigCommerce:StandardWebhooksSecret", badWhsec.Message);
        Assert.DoesNotContain("not-base64", badWhsec.Message);
    }

    [Fact]
    public void A_misspelt_connector_key_stops_start_up_with_a_suggestion()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, ("Connectors:BigCommerce:StoreHash", "abc123"),
            ("Connectors:BigCommerce:AccessToken", Token), ("Connectors:BigCommerce:WebhookSecret", Secret), ("Connectors:BigCommerce:ReconcileIntervall", "00:01:00"),
            ("Connectors:BigComerce:StoreHash", "x")])));

        Assert.Contains("Connectors:BigCommerce:ReconcileIntervall (did you mean ReconcileInterval?)", ex.Message);
        Assert.Contains("Connectors:BigComerce (did you mean BigCommerce?)", ex.Message);
    }
}

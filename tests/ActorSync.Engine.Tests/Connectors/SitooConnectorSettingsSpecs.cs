using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary><c>Connectors:Sitoo</c> as the service binds it: validated at start, errors naming the key, never a secret.</summary>
public class SitooConnectorSettingsSpecs
{
    private const string ApiPassword = "api-password-5f4e3d2c1b0a9988";
    private const string EventsPassword = "events-password-0123456789abcdef";

    private static readonly (string, string)[] Sap =
    [
        ("ServiceLayer:BaseUrl", "https://sap.example.com:50000/b1s/v1/"), ("ServiceLayer:CompanyDb", "SBODEMO"),
        ("ServiceLayer:UserName", "manager"), ("ServiceLayer:Password", "s3cret-password"),
    ];

    private static readonly (string, string)[] Account =
        [("Connectors:Sitoo:AccountId", "90316"), ("Connectors:Sitoo:ApiId", "90316-125"), ("Connectors:Sitoo:ApiPassword", ApiPassword)];

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_connector_binds_with_its_defaults_and_is_off_when_left_out()
    {
        var on = ServiceHost.LoadSettings(Config([.. Sap, .. Account, ("Connectors:Sitoo:BookWarehouseTransactions:0", "1")]));
        var off = ServiceHost.LoadSettings(Config(Sap));

        var sitoo = on.Connectors.Sitoo!;
        Assert.Equal(new Uri("https://api.mysitoo.com/v2/accounts/90316/sites/1/"), sitoo.SiteRoot);
        Assert.Equal((TimeSpan.FromMinutes(1), 100, TimeSpan.FromDays(7)), (sitoo.PollInterval, sitoo.PageSize, sitoo.WatchFor));
        Assert.Equal(["1"], sitoo.BookWarehouseTransactions);
        Assert.Equal("sitoo-90316", sitoo.Source);
        Assert.False(sitoo.EventsAuthRequired);
        Assert.DoesNotContain(ApiPassword, sitoo.ToString());
        Assert.Null(off.Connectors.Sitoo);
    }

    [Theory]
    [InlineData("Connectors:Sitoo:ApiPassword", null, "Connectors:Sitoo:ApiPassword is required")]
    [InlineData("Connectors:Sitoo:ApiId", "12345-1", "Connectors:Sitoo:ApiId must be the API ID of account 90316")]
    [InlineData("Connectors:Sitoo:BaseUrl", "https://api.mysitoo.com/v2/accounts/90316", "Connectors:Sitoo:BaseUrl must be the API host only")]
    [InlineData("Connectors:Sitoo:PageSize", "5000", "Connectors:Sitoo:PageSize must be from 1 to 1000")]
    [InlineData("Connectors:Sitoo:BookWarehouseTransactions:0", "store-1", "Connectors:Sitoo:BookWarehouseTransactions:0 must be a Sitoo warehouse id")]
    [InlineData("Connectors:Sitoo:EventsUser", "spi", "Connectors:Sitoo:EventsPassword is required")]
    public void A_bad_value_names_its_key(string key, string? value, string message)
    {
        var values = Account.Where(a => a.Item1 != key).ToList();
        if (value is not null) values.Add((key, value));

        var error = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, .. values])));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain(ApiPassword, error.Message);
    }

    [Fact]
    public void The_events_credentials_must_be_their_own_and_are_never_shown()
    {
        var reused = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, .. Account,
            ("Connectors:Sitoo:EventsUser", "spi"), ("Connectors:Sitoo:EventsPassword", ApiPassword)])));
        var ok = ServiceHost.LoadSettings(Config([.. Sap, .. Account, ("Connectors:Sitoo:EventsUser", "spi"), ("Connectors:Sitoo:EventsPassword", EventsPassword)]));

        Assert.Contains("must not be the API credentials", reused.Message);
        Assert.DoesNotContain(ApiPassword, reused.Message);
        Assert.True(ok.Connectors.Sitoo!.EventsAuthRequired);
        Assert.DoesNotContain(EventsPassword, ok.Connectors.Sitoo.ToString());
    }

    [Fact]
    public void A_misspelt_key_is_named_with_the_one_it_was_meant_to_be()
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceHost.LoadSettings(Config([.. Sap, .. Account, ("Connectors:Sitoo:PollIntervall", "00:00:30")])));

        Assert.Contains("Connectors:Sitoo:PollIntervall (did you mean PollInterval?)", error.Message);
    }
}

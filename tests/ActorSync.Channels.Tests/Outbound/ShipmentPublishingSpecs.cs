using ActorSync.Channels.Outbound;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;

namespace ActorSync.Channels.Tests.Outbound;

public class ShipmentPublishingSpecs
{
    private sealed class Fake(string channel) : IShipmentPublisher
    {
        public string Channel => channel;

        public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice, CancellationToken ct) =>
            Task.FromResult<ShipmentPublishOutcome>(new ShipmentPublishOutcome.Published(channel + ":" + notice.DispatchId, false));
    }

    [Fact]
    public async Task The_registry_finds_publishers_by_channel_ignoring_case_and_rejects_a_channel_it_lacks()
    {
        var publishers = new ShipmentPublishers([new Fake("magento"), new Fake("bigcommerce")]);

        Assert.Equal(["bigcommerce", "magento"], publishers.Channels);
        Assert.Equal("magento", publishers["Magento"].Channel);
        Assert.Equal(new ShipmentPublishOutcome.Published("bigcommerce:D-1", false),
            await publishers.PublishAsync(Notice("bigcommerce", "218", "D-1", null, null, ("S-ORAN", 1)), CancellationToken.None));

        var rejected = Assert.IsType<ShipmentPublishOutcome.Rejected>(await publishers.PublishAsync(Notice("sitoo", "1", "D-1", null, null, ("A", 1)), CancellationToken.None));
        Assert.Contains("No shipment publisher for channel 'sitoo' (there are: bigcommerce, magento)", rejected.Reason, StringComparison.Ordinal);
        Assert.False(publishers.TryGet("wms", out _));
        Assert.Throws<KeyNotFoundException>(() => publishers["wms"]);
    }

    [Fact]
    public void Two_publishers_for_one_channel_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ShipmentPublishers([new Fake("magento"), new Fake("MAGENTO")]));
        Assert.Contains("'MAGENTO'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ActorSync dispatch D-1", "D-1", true)]
    [InlineData("Packed by Anna\nActorSync dispatch D-1  \n", "D-1", true)]
    [InlineData("ActorSync dispatch D-12", "D-1", false)]
    [InlineData("ActorSync dispatch D-1", "D-12", false)]
    [InlineData("see ActorSync dispatch D-1", "D-1", false)]
    [InlineData("actorsync dispatch D-1", "D-1", false)]
    [InlineData(null, "D-1", false)]
    public void The_marker_is_recognised_only_as_a_whole_line(string? comment, string dispatchId, bool ours) =>
        Assert.Equal(ours, ShipmentMarker.Marks(comment, dispatchId));

    [Theory]
    [InlineData("UPS", "ups", "ups")]
    [InlineData("United Parcel Service", "ups", "ups")]
    [InlineData("Fed Ex", "fedex", "fedex")]
    [InlineData("USPS", "usps", "usps")]
    [InlineData("DHL Express", "dhl", "")]
    [InlineData("Royal Mail", "custom", "royalmail")]
    [InlineData("Australia Post", "custom", "auspost")]
    [InlineData("carrier_12", "custom", "carrier_12")]
    [InlineData("PostNord", "custom", "")]
    [InlineData(null, "custom", "")]
    public void Carriers_map_to_Magento_codes_and_BigCommerce_providers(string? carrier, string magento, string bigCommerce)
    {
        Assert.Equal(magento, CarrierNames.MagentoCarrierCode(carrier));
        Assert.Equal(bigCommerce, CarrierNames.BigCommerceProvider(carrier));
    }

    [Fact]
    public void AfterShip_slugs_are_lower_case_words_joined_by_hyphens() =>
        Assert.Equal(["dhl-express", "postnord", "dpd-uk"], new[] { "DHL Express", "PostNord", " DPD (UK) " }.Select(CarrierNames.AfterShipSlug));

    [Theory]
    [InlineData("", "tok", "BaseUrl")]
    [InlineData("ftp://shop/rest/", "tok", "BaseUrl")]
    [InlineData("https://shop.example.com/rest/default/V1/", "tok", "BaseUrl")]
    [InlineData("https://shop.example.com/rest/default/?x=1", "tok", "BaseUrl")]
    [InlineData("https://shop.example.com/rest/default/", "", "AccessToken")]
    public void Invalid_Magento_options_name_the_bad_key(string baseUrl, string token, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new MagentoOutboundOptions { BaseUrl = baseUrl, AuthMode = "Bearer", AccessToken = token }.Validate());
        Assert.Equal(key, error.ParamName);
        Assert.StartsWith($"{key} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ConsumerKey")]
    [InlineData("ConsumerSecret")]
    [InlineData("AccessToken")]
    [InlineData("AccessTokenSecret")]
    public void OAuth1_is_the_default_and_needs_all_four_credentials_each_named_when_missing(string missing)
    {
        var complete = new MagentoOutboundOptions
        {
            BaseUrl = "https://shop.example.com/rest/default/", ConsumerKey = "ck", ConsumerSecret = "cs", AccessToken = "at", AccessTokenSecret = "ts",
        };
        complete.Validate();
        Assert.Equal("OAuth1", complete.AuthMode);
        var without = missing switch
        {
            "ConsumerKey" => complete with { ConsumerKey = "" },
            "ConsumerSecret" => complete with { ConsumerSecret = "" },
            "AccessToken" => complete with { AccessToken = "" },
            _ => complete with { AccessTokenSecret = "" },
        };

        Assert.Equal(missing, Assert.Throws<ArgumentException>(without.Validate).ParamName);
        // Bearer needs the access token alone; an unknown mode is named.
        (complete with { AuthMode = "bearer", ConsumerKey = "", ConsumerSecret = "", AccessTokenSecret = "" }).Validate();
        Assert.Equal("AuthMode", Assert.Throws<ArgumentException>((complete with { AuthMode = "Basic" }).Validate).ParamName);
    }

    [Fact]
    public void Invalid_BigCommerce_options_name_the_bad_key()
    {
        var valid = new BigCommerceOutboundOptions { StoreHash = "abc123", AccessToken = "tok" };
        valid.Validate();
        Assert.Equal("StoreHash", Assert.Throws<ArgumentException>(() => (valid with { StoreHash = "abc/../x" }).Validate()).ParamName);
        Assert.Equal("ApiBaseUrl", Assert.Throws<ArgumentException>(() => (valid with { ApiBaseUrl = "api.bigcommerce.com" }).Validate()).ParamName);
        Assert.Equal("ReadAttempts", Assert.Throws<ArgumentException>(() => (valid with { ReadAttempts = 0 }).Validate()).ParamName);
        Assert.Equal("RequestTimeout", Assert.Throws<ArgumentException>(() => (valid with { RequestTimeout = TimeSpan.Zero }).Validate()).ParamName);
        Assert.Throws<ArgumentException>(() => new BigCommerceShipmentPublisher(new HttpClient(), valid with { AccessToken = "" }));
    }
}

using ActorSync.Channels.Magento;
using ActorSync.Channels.Outbound;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>
/// The publishers' settings as an operator meets them: every refusal's words (the key and the value, never a
/// credential), each limit at its edge, the defaults, and the carrier names each channel takes.
/// </summary>
public class OutboundOptionsSpecs
{
    private static readonly BigCommerceOutboundOptions BigCommerce = new() { StoreHash = "abc123", AccessToken = "bc-T0KEN-4c81e0aa73" };

    private static readonly MagentoOutboundOptions Magento = new()
    {
        BaseUrl = "https://shop.example.com/rest/default/", ConsumerKey = "ck", ConsumerSecret = "cs", AccessToken = "at", AccessTokenSecret = "ts",
    };

    private static string Refusal(Action validate) => Assert.Throws<ArgumentException>(validate).Message;

    [Fact]
    public void Credentials_default_to_empty_and_the_bigcommerce_api_to_its_public_host()
    {
        var magento = new MagentoOutboundOptions();
        var bigCommerce = new BigCommerceOutboundOptions();

        Assert.Equal(("", "", "", "", ""), (magento.BaseUrl, magento.ConsumerKey, magento.ConsumerSecret, magento.AccessToken, magento.AccessTokenSecret));
        Assert.Equal(("https://api.bigcommerce.com/", "", ""), (bigCommerce.ApiBaseUrl, bigCommerce.StoreHash, bigCommerce.AccessToken));
    }

    [Fact]
    public void Each_refusal_names_the_key_and_what_it_must_be()
    {
        Assert.StartsWith("BaseUrl must be an absolute http(s) URL such as https://shop.example.com/rest/default/, was 'shop.example.com'.",
            Refusal((Magento with { BaseUrl = "shop.example.com" }).Validate));
        Assert.StartsWith("BaseUrl must stop before V1 (e.g. https://shop.example.com/rest/default/); the publisher adds V1/….",
            Refusal((Magento with { BaseUrl = "https://shop.example.com/rest/default/v1" }).Validate));
        Assert.StartsWith("AuthMode must be OAuth1 or Bearer, was 'Basic'.", Refusal((Magento with { AuthMode = "Basic" }).Validate));
        Assert.StartsWith("ApiBaseUrl must be an absolute http(s) URL such as https://api.bigcommerce.com/, was 'api.bigcommerce.com'.",
            Refusal((BigCommerce with { ApiBaseUrl = "api.bigcommerce.com" }).Validate));
        Assert.StartsWith("StoreHash must be the store hash (letters and digits), was 'abc-123'.", Refusal((BigCommerce with { StoreHash = "abc-123" }).Validate));
        Assert.StartsWith("AccessToken is required.", Refusal((BigCommerce with { AccessToken = " " }).Validate));
        Assert.StartsWith("AccessToken must not contain spaces or control characters (copy the token alone).", Refusal((BigCommerce with { AccessToken = "bc-T0KEN 4c81" }).Validate));
    }

    [Theory]
    [InlineData("https://api.bigcommerce.com/#stores")]
    [InlineData("https://admin:secret@api.bigcommerce.com/")]
    [InlineData("https://api.bigcommerce.com/?store=abc123")]
    public void A_base_url_carrying_a_query_a_fragment_or_user_information_is_refused(string url)
    {
        Assert.StartsWith("ApiBaseUrl must not carry a query, a fragment or user information.", Refusal((BigCommerce with { ApiBaseUrl = url }).Validate));
    }

    [Fact]
    public void Timeouts_attempts_and_delays_are_accepted_up_to_their_edges()
    {
        (Magento with { RequestTimeout = TimeSpan.FromMilliseconds(10), ReadAttempts = 1, ReadRetryDelay = TimeSpan.Zero }).Validate();
        (Magento with { RequestTimeout = TimeSpan.FromMinutes(10), ReadAttempts = 10, ReadRetryDelay = TimeSpan.FromMinutes(1) }).Validate();
        (BigCommerce with { RequestTimeout = TimeSpan.FromMilliseconds(10), ReadAttempts = 10, ReadRetryDelay = TimeSpan.FromMinutes(1) }).Validate();
    }

    public static TheoryData<TimeSpan, int, TimeSpan, string> Beyond => new()
    {
        { TimeSpan.FromMilliseconds(9), 3, TimeSpan.Zero, "RequestTimeout must be between 10 ms and 10 minutes, was 00:00:00.0090000." },
        { TimeSpan.FromMinutes(10).Add(TimeSpan.FromMilliseconds(1)), 3, TimeSpan.Zero, "RequestTimeout must be between 10 ms and 10 minutes, was 00:10:00.0010000." },
        { TimeSpan.FromSeconds(30), 11, TimeSpan.Zero, "ReadAttempts must be from 1 to 10, was 11." },
        { TimeSpan.FromSeconds(30), 3, TimeSpan.FromMilliseconds(-1), "ReadRetryDelay must be between 0 and 1 minute, was -00:00:00.0010000." },
        { TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(61), "ReadRetryDelay must be between 0 and 1 minute, was 00:01:01." },
    };

    [Theory]
    [MemberData(nameof(Beyond))]
    public void Beyond_their_edges_they_are_refused_with_the_value(TimeSpan timeout, int attempts, TimeSpan delay, string expected)
    {
        var error = Assert.Throws<ArgumentException>((Magento with { RequestTimeout = timeout, ReadAttempts = attempts, ReadRetryDelay = delay }).Validate);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(expected[..expected.IndexOf(' ')], error.ParamName);
    }

    [Fact]
    public void The_options_print_without_their_credentials()
    {
        Assert.Equal("MagentoOutboundOptions { BaseUrl = https://shop.example.com/rest/default/, AuthMode = OAuth1, credentials = ***, RequestTimeout = 00:00:30, ReadAttempts = 3 }",
            Magento.ToString());
        Assert.Equal("BigCommerceOutboundOptions { ApiBaseUrl = https://api.bigcommerce.com/, StoreHash = abc123, AccessToken = ***, RequestTimeout = 00:00:30, ReadAttempts = 3 }",
            BigCommerce.ToString());
    }

    [Fact]
    public void Bearer_mode_authorizes_with_the_token_alone_and_oauth1_signs()
    {
        Assert.Equal(MagentoAuthorization.BearerMode, (Magento with { AuthMode = "bearer" }).Authorization().Mode);
        Assert.Equal(MagentoAuthorization.OAuth1Mode, Magento.Authorization().Mode);
    }

    [Theory]
    [InlineData("U.S. Postal Service", "usps", "usps")]
    [InlineData("United States Postal Service", "usps", "usps")]
    [InlineData("Federal Express", "fedex", "fedex")]
    [InlineData("DHL", "dhl", "")]
    [InlineData("AusPost", "custom", "auspost")]
    [InlineData("Canada Post", "custom", "canadapost")]
    [InlineData("Endicia", "custom", "endicia")]
    [InlineData("UPS Ready", "custom", "upsready")]
    [InlineData("ShipperHQ", "custom", "shipperhq")]
    public void Every_carrier_known_to_a_channel_maps_to_its_code(string carrier, string magento, string bigCommerce)
    {
        Assert.Equal(magento, CarrierNames.MagentoCarrierCode(carrier));
        Assert.Equal(bigCommerce, CarrierNames.BigCommerceProvider(carrier));
    }

    [Theory]
    [InlineData(" Carrier_7 ", "carrier_7")]
    [InlineData("carrier_", "")]
    [InlineData("carrier_7a", "")]
    [InlineData("carriers", "")]
    [InlineData("DPD 12345678", "")]
    public void A_bigcommerce_carrier_id_is_taken_as_it_is_only_when_it_is_whole(string carrier, string provider)
    {
        Assert.Equal(provider, CarrierNames.BigCommerceProvider(carrier));
    }
}

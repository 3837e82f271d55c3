using ActorSync.Channels.Magento;

namespace ActorSync.Channels.Tests.Magento;

/// <summary>
/// OAuth 1.0a signing as RFC 5849 constructs it. The expected strings are written out by hand from the RFC's own
/// example (§3.4.1.1, the request <c>/request?b5=%3D%253D&amp;a3=a&amp;c%40=&amp;a2=r%20b</c> with its body parameters
/// <c>c2</c> and <c>a3=2 q</c> moved into the query) and the HMAC-SHA256 values were computed outside .NET
/// (<c>openssl dgst -sha256 -hmac … -binary | base64</c> and Python's <c>hmac</c>), so these specs do not check the
/// class against itself.
/// </summary>
public class MagentoOAuth1Specs
{
    private static readonly KeyValuePair<string, string>[] RfcOAuth =
    [
        new("oauth_consumer_key", "9djdj82h48djs9d2"),
        new("oauth_token", "kkk9d7dh3k39sjv7"),
        new("oauth_signature_method", "HMAC-SHA1"),
        new("oauth_timestamp", "137131201"),
        new("oauth_nonce", "7d8f3e4a"),
        new("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="),
    ];

    [Fact]
    public void The_base_string_of_the_RFC_example_is_the_one_RFC_5849_section_3_4_1_1_prints()
    {
        // §3.4.1.3.1: query parameters decoded as a form ("+" is a space), the signature itself left out.
        var uri = new Uri("http://EXAMPLE.COM:80/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b&c2&a3=2+q");

        var baseString = MagentoOAuth1.BaseString("post", uri, RfcOAuth);

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26" +
            "oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26" +
            "oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            baseString);
    }

    [Theory]
    [InlineData("http://example.com/r", "http://example.com/r")]
    [InlineData("HTTP://Example.COM:80/r?x=1", "http://example.com/r")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("https://shop.example.com:443/rest/default/V1/orders", "https://shop.example.com/rest/default/V1/orders")]
    public void The_base_URI_drops_the_query_and_a_default_port_and_lowers_scheme_and_host(string uri, string expected) =>
        Assert.Equal(expected, MagentoOAuth1.BaseUri(new Uri(uri)));

    [Theory]
    [InlineData("abcXYZ019-._~", "abcXYZ019-._~")]
    [InlineData("a b+c*d/e=f&g", "a%20b%2Bc%2Ad%2Fe%3Df%26g")]
    [InlineData("[0]", "%5B0%5D")]
    [InlineData("Ü€", "%C3%9C%E2%82%AC")]
    public void Percent_encoding_keeps_only_unreserved_characters_and_encodes_UTF8_in_upper_case_hex(string value, string expected) =>
        Assert.Equal(expected, MagentoOAuth1.Encode(value));

    [Fact]
    public void The_HMAC_SHA256_signature_is_keyed_with_both_secrets_and_matches_an_independent_computation()
    {
        // The RFC example's request, signed with HMAC-SHA256 and oauth_version 1.0 (as Magento's docs send it),
        // keyed with the RFC §1.2 secrets.
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        var credentials = new MagentoOAuthCredentials("9djdj82h48djs9d2", "kd94hf93k423kf44", "kkk9d7dh3k39sjv7", "pfkkdhi9sl3r4s00");
        var oauth = MagentoOAuth1.OAuthParameters(credentials, DateTimeOffset.FromUnixTimeSeconds(137131201), "7d8f3e4a");

        var baseString = MagentoOAuth1.BaseString("GET", uri, oauth);
        Assert.Equal(
            "GET&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26" +
            "oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA256%26" +
            "oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7%26oauth_version%3D1.0",
            baseString);
        Assert.Equal("Luh8hK0jTHC6Tg4BHvT5K7j0QAE1wPB3qIc+lJFuvn0=", MagentoOAuth1.Sign(baseString, credentials.ConsumerSecret, credentials.AccessTokenSecret));
    }

    [Fact]
    public void A_Magento_search_request_signs_its_bracketed_searchCriteria_and_a_timestamp_with_a_space()
    {
        var uri = new Uri("https://shop.example.com/rest/default/V1/orders?" +
                          "searchCriteria[filter_groups][0][filters][0][field]=updated_at" +
                          "&searchCriteria[filter_groups][0][filters][0][value]=" + Uri.EscapeDataString("2026-11-27 09:14:03") +
                          "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq&searchCriteria[pageSize]=100");
        // Secrets with characters that must be encoded in the key (§3.4.2).
        var credentials = new MagentoOAuthCredentials("ck-7f3a", "cs-secret/+=", "at-91b2", "ts-secret&x");

        var header = MagentoOAuth1.AuthorizationHeader("GET", uri, credentials, DateTimeOffset.FromUnixTimeSeconds(1795000443), "n0nce42");

        Assert.Equal(
            "OAuth oauth_consumer_key=\"ck-7f3a\", oauth_nonce=\"n0nce42\", oauth_signature_method=\"HMAC-SHA256\", " +
            "oauth_timestamp=\"1795000443\", oauth_token=\"at-91b2\", oauth_version=\"1.0\", " +
            "oauth_signature=\"RRkL5wYQIKua8PSM%2Bf8FZOL%2BVGDAZGqNvW8Ckdu8JlE%3D\"",
            header);
    }

    [Fact]
    public void Another_nonce_or_time_gives_another_signature_and_the_credentials_never_show_in_text()
    {
        var uri = new Uri("https://shop.example.com/rest/default/V1/orders/3");
        var credentials = new MagentoOAuthCredentials("ck-7f3a", "cs-SECRET-1", "at-TOKEN-2", "ts-SECRET-3");
        var at = DateTimeOffset.FromUnixTimeSeconds(1795000443);

        var a = MagentoOAuth1.AuthorizationHeader("GET", uri, credentials, at, "n1");
        var b = MagentoOAuth1.AuthorizationHeader("GET", uri, credentials, at, "n2");
        var c = MagentoOAuth1.AuthorizationHeader("GET", uri, credentials, at.AddSeconds(1), "n1");

        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.DoesNotContain("SECRET", a, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", credentials.ToString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", MagentoOAuth1.NewNonce());
    }
}

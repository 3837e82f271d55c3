using ActorSync.Channels.Magento;

namespace ActorSync.Channels.Outbound;

/// <summary>
/// Where and how the Magento publisher calls the store. Binds from configuration (plain strings, so a typo never
/// fails the binder); <see cref="Validate"/> names the bad key. No credential is ever part of a message or of
/// <see cref="ToString"/>.
/// </summary>
public sealed record MagentoOutboundOptions
{
    /// <summary>The store's REST root, without <c>V1</c>: <c>https://shop.example.com/rest/default/</c> (or <c>…/rest/</c>
    /// for the default store view; channels.md §1.1).</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary><c>OAuth1</c> (default: every request signed, HMAC-SHA256, with the integration's four credentials) or
    /// <c>Bearer</c> (the access token alone, which Magento 2.4.4+ accepts only with
    /// <c>oauth/consumer/enable_integration_as_bearer = 1</c>; channels.md §1.1).</summary>
    public string AuthMode { get; init; } = MagentoAuthorization.OAuth1Mode;

    /// <summary>The integration's consumer key (OAuth1).</summary>
    public string ConsumerKey { get; init; } = "";

    /// <summary>The integration's consumer secret (OAuth1).</summary>
    public string ConsumerSecret { get; init; } = "";

    /// <summary>The integration's access token: signed with (OAuth1) or sent as <c>Authorization: Bearer</c> (Bearer).</summary>
    public string AccessToken { get; init; } = "";

    /// <summary>The integration's access token secret (OAuth1).</summary>
    public string AccessTokenSecret { get; init; } = "";

    /// <summary>Per-request timeout (each attempt of a read, the one shipment POST).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of a read in total (1: no retry). The shipment POST is always sent once.</summary>
    public int ReadAttempts { get; init; } = 3;

    /// <summary>Median delay before the first read retry; later ones grow exponentially, with jitter.</summary>
    public TimeSpan ReadRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the bad key.</summary>
    public void Validate()
    {
        OutboundOptionChecks.BaseUrl(nameof(MagentoOutboundOptions), nameof(BaseUrl), BaseUrl, "https://shop.example.com/rest/default/");
        if (OutboundOptionChecks.Segments(BaseUrl).LastOrDefault() is { } last && last.Equals("V1", StringComparison.OrdinalIgnoreCase))
            throw OutboundOptionChecks.Bad(nameof(MagentoOutboundOptions), nameof(BaseUrl), "must stop before V1 (e.g. https://shop.example.com/rest/default/); the publisher adds V1/….");
        if (!MagentoAuthorization.IsMode(AuthMode))
            throw OutboundOptionChecks.Bad(nameof(MagentoOutboundOptions), nameof(AuthMode), $"must be {MagentoAuthorization.OAuth1Mode} or {MagentoAuthorization.BearerMode}, was '{AuthMode}'.");
        if (!MagentoAuthorization.IsBearer(AuthMode))
        {
            OutboundOptionChecks.Token(nameof(MagentoOutboundOptions), nameof(ConsumerKey), ConsumerKey);
            OutboundOptionChecks.Token(nameof(MagentoOutboundOptions), nameof(ConsumerSecret), ConsumerSecret);
        }

        OutboundOptionChecks.Token(nameof(MagentoOutboundOptions), nameof(AccessToken), AccessToken);
        if (!MagentoAuthorization.IsBearer(AuthMode))
            OutboundOptionChecks.Token(nameof(MagentoOutboundOptions), nameof(AccessTokenSecret), AccessTokenSecret);
        OutboundOptionChecks.Http(nameof(MagentoOutboundOptions), RequestTimeout, ReadAttempts, ReadRetryDelay);
    }

    public override string ToString() =>
        $"MagentoOutboundOptions {{ BaseUrl = {BaseUrl}, AuthMode = {AuthMode}, credentials = ***, RequestTimeout = {RequestTimeout}, ReadAttempts = {ReadAttempts} }}";

    internal Uri RestRoot => OutboundOptionChecks.Root(BaseUrl);

    /// <summary>The request authorization of the configured mode.</summary>
    public MagentoAuthorization Authorization(TimeProvider? clock = null) => MagentoAuthorization.IsBearer(AuthMode)
        ? MagentoAuthorization.Bearer(AccessToken)
        : MagentoAuthorization.OAuth1(new MagentoOAuthCredentials(ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret), clock);
}

/// <summary>
/// Where and how the BigCommerce publisher calls the store: <c>{ApiBaseUrl}/stores/{StoreHash}/v2/</c> with
/// <c>X-Auth-Token</c> (channels.md §2.1). <see cref="Validate"/> names the bad key; the token is never shown.
/// </summary>
public sealed record BigCommerceOutboundOptions
{
    /// <summary>The API host; the emulator's address in tests.</summary>
    public string ApiBaseUrl { get; init; } = "https://api.bigcommerce.com/";

    /// <summary>The store hash of the API account (letters and digits).</summary>
    public string StoreHash { get; init; } = "";

    /// <summary>The store-level API account's access token (scope: orders, modify).</summary>
    public string AccessToken { get; init; } = "";

    /// <summary>Per-request timeout (each attempt of a read, the one shipment POST).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of a read in total (1: no retry). 429 is never retried here: it comes back as
    /// <see cref="ShipmentPublishOutcome.Failed"/> with the quota's reset time.</summary>
    public int ReadAttempts { get; init; } = 3;

    /// <summary>Median delay before the first read retry; later ones grow exponentially, with jitter.</summary>
    public TimeSpan ReadRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the bad key.</summary>
    public void Validate()
    {
        OutboundOptionChecks.BaseUrl(nameof(BigCommerceOutboundOptions), nameof(ApiBaseUrl), ApiBaseUrl, "https://api.bigcommerce.com/");
        if (string.IsNullOrEmpty(StoreHash) || !StoreHash.All(char.IsAsciiLetterOrDigit))
            throw OutboundOptionChecks.Bad(nameof(BigCommerceOutboundOptions), nameof(StoreHash), $"must be the store hash (letters and digits), was '{StoreHash}'.");
        OutboundOptionChecks.Token(nameof(BigCommerceOutboundOptions), nameof(AccessToken), AccessToken);
        OutboundOptionChecks.Http(nameof(BigCommerceOutboundOptions), RequestTimeout, ReadAttempts, ReadRetryDelay);
    }

    public override string ToString() =>
        $"BigCommerceOutboundOptions {{ ApiBaseUrl = {ApiBaseUrl}, StoreHash = {StoreHash}, AccessToken = ***, RequestTimeout = {RequestTimeout}, ReadAttempts = {ReadAttempts} }}";

    internal Uri ApiRoot => new(OutboundOptionChecks.Root(ApiBaseUrl), $"stores/{StoreHash}/v2/");
}

internal static class OutboundOptionChecks
{
    /// <summary>The message names the key alone (<c>ConsumerKey is required.</c>); the host prefixes its section.</summary>
    public static ArgumentException Bad(string options, string key, string problem) => new($"{key} {problem}", key);

    public static void BaseUrl(string options, string key, string? value, string example)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw Bad(options, key, $"must be an absolute http(s) URL such as {example}, was '{value}'.");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw Bad(options, key, "must not carry a query, a fragment or user information.");
    }

    public static void Token(string options, string key, string? token)
    {
        // Never echo the value, not even its length.
        if (string.IsNullOrWhiteSpace(token))
            throw Bad(options, key, "is required.");
        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw Bad(options, key, "must not contain spaces or control characters (copy the token alone).");
    }

    public static void Http(string options, TimeSpan timeout, int attempts, TimeSpan delay)
    {
        if (timeout < TimeSpan.FromMilliseconds(10) || timeout > TimeSpan.FromMinutes(10))
            throw Bad(options, "RequestTimeout", $"must be between 10 ms and 10 minutes, was {timeout}.");
        if (attempts is < 1 or > 10)
            throw Bad(options, "ReadAttempts", $"must be from 1 to 10, was {attempts}.");
        if (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(1))
            throw Bad(options, "ReadRetryDelay", $"must be between 0 and 1 minute, was {delay}.");
    }

    public static IEnumerable<string> Segments(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) : [];

    public static Uri Root(string url) => new(url.EndsWith('/') ? url : url + "/");
}

using ActorSync.Channels.Magento;
using static ActorSync.Engine.Connectors.SettingChecks;

namespace ActorSync.Engine.Connectors.Magento;

/// <summary>
/// Section <c>Connectors:Magento</c>: one Magento 2 store view's inbound connector (a poll on <c>updated_at</c> into a
/// durable inbox). Secrets come from the environment (<c>Connectors__Magento__ConsumerSecret</c>,
/// <c>Connectors__Magento__AccessToken</c>, <c>Connectors__Magento__AccessTokenSecret</c>, and the consumer key);
/// <see cref="ToString"/> and every error leave them out.
/// </summary>
public sealed class MagentoConnectorSettings
{
    /// <summary>The shop's address, where <c>rest/</c> is found: <c>https://shop.example.com/</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The store view whose REST API is read (<c>rest/{StoreCode}/V1/…</c>); <c>default</c> unless the shop has several.</summary>
    public string StoreCode { get; set; } = "default";

    /// <summary><c>OAuth1</c> (every request signed HMAC-SHA256, Magento 2.4.4+'s default) or <c>Bearer</c> (needs
    /// <c>oauth/consumer/enable_integration_as_bearer = 1</c> in the store).</summary>
    public string AuthMode { get; set; } = MagentoAuthorization.OAuth1Mode;

    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string AccessTokenSecret { get; set; } = "";

    /// <summary>How often the poll reads what changed since its cursors.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Records per search page (Magento's input limits allow up to 300 when they are on).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How far back the very first poll of each feed reads (later polls go on from the journaled cursor).</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Inbox entries worked at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Per request to the store.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait after a failed store read or engine call; later waits double up to 5 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a credit memo puts its goods back in stock (the credit note's lines to the returns warehouse).
    /// The memo itself does not say; that was the refund request's <c>return_to_stock_items</c>.</summary>
    public bool RefundsReturnToStock { get; set; } = true;

    /// <summary>The inbox's source name and persistence id suffix: <c>magento-&lt;storecode&gt;</c>.</summary>
    public string Source => $"magento-{StoreCode.ToLowerInvariant()}";

    /// <summary><c>{BaseUrl}rest/{StoreCode}/</c>; <c>V1/…</c> goes below it.</summary>
    public Uri RestRoot => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), $"rest/{StoreCode}/");

    public MagentoAuthorization Authorization(TimeProvider? clock = null) => MagentoAuthorization.IsBearer(AuthMode)
        ? MagentoAuthorization.Bearer(AccessToken)
        : MagentoAuthorization.OAuth1(new MagentoOAuthCredentials(ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret), clock);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (<c>Connectors:Magento:ConsumerSecret is required</c>), never a value.</summary>
    public void Validate(string section)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            throw new ArgumentException($"{section}:BaseUrl must be the shop's absolute http(s) address such as https://shop.example.com/, was '{BaseUrl}'.", $"{section}:BaseUrl");
        if (uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(p => p.Equals("rest", StringComparison.OrdinalIgnoreCase) || p.Equals("V1", StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{section}:BaseUrl must stop before rest/ (the connector adds rest/{{StoreCode}}/V1/…), was '{BaseUrl}'.", $"{section}:BaseUrl");
        if (string.IsNullOrEmpty(StoreCode) || StoreCode.Length > 32 || !char.IsAsciiLetterLower(StoreCode[0]) || !StoreCode.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new ArgumentException($"{section}:StoreCode must be a Magento store code (lower-case letters, digits and _, starting with a letter), was '{StoreCode}'.", $"{section}:StoreCode");
        if (!MagentoAuthorization.IsMode(AuthMode))
            throw new ArgumentException($"{section}:AuthMode must be {MagentoAuthorization.OAuth1Mode} or {MagentoAuthorization.BearerMode}, was '{AuthMode}'.", $"{section}:AuthMode");
        if (!MagentoAuthorization.IsBearer(AuthMode))
        {
            Secret(section, nameof(ConsumerKey), ConsumerKey);
            Secret(section, nameof(ConsumerSecret), ConsumerSecret);
        }

        Secret(section, nameof(AccessToken), AccessToken);
        if (!MagentoAuthorization.IsBearer(AuthMode))
            Secret(section, nameof(AccessTokenSecret), AccessTokenSecret);
        Range(section, nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        Range(section, nameof(LookBack), LookBack, TimeSpan.Zero, TimeSpan.FromDays(365));
        Range(section, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(section, nameof(RetryDelay), RetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Range(section, nameof(PageSize), PageSize, 1, 300);
        Range(section, nameof(Parallelism), Parallelism, 1, 32);
    }



    public override string ToString() =>
        $"Magento connector {{ RestRoot = {RestRoot}, AuthMode = {AuthMode}, credentials = ***, PollInterval = {PollInterval}, PageSize = {PageSize}, LookBack = {LookBack} }}";
}

using ActorSync.Channels.Magento;
using ActorSync.Domain.Documents;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Engine.StockPublishing;

/// <summary>
/// Section <c>StockPublishing</c>: stock from SAP out to the channels (issue 11). <see cref="Sap"/> says how SAP is
/// read; each channel section present gets a publisher. Secrets come from the environment
/// (<c>StockPublishing__BigCommerce__AccessToken</c>, <c>StockPublishing__Magento__ConsumerSecret</c>, …,
/// <c>StockPublishing__Sitoo__ApiPassword</c>) and never appear in errors or logs.
/// </summary>
public sealed class StockPublishingSettings
{
    public const string Section = "StockPublishing";

    public SapStockSettings Sap { get; set; } = new();
    public BigCommerceStockSettings? BigCommerce { get; set; }
    public MagentoStockSettings? Magento { get; set; }
    public SitooStockSettings? Sitoo { get; set; }

    public IEnumerable<ChannelStockSettings> Channels =>
        new ChannelStockSettings?[] { BigCommerce, Magento, Sitoo }.Where(c => c is not null)!;

    /// <summary>Throws <see cref="ArgumentException"/> naming the key; checks each channel against its mapped locations.</summary>
    public void Validate(OrderMapping mapping)
    {
        Sap.Validate($"{Section}:Sap");
        BigCommerce?.Validate($"{Section}:BigCommerce", mapping);
        Magento?.Validate($"{Section}:Magento", mapping);
        Sitoo?.Validate($"{Section}:Sitoo", mapping);
    }
}

/// <summary><c>StockPublishing:Sap</c>: the full sweep, the audit poll and its view.</summary>
public sealed class SapStockSettings
{
    /// <summary>How often every item is read again (besides at start), the backstop for anything the audit misses.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the stock audit and the orders changed since are read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Items per page of the sweep (<c>Items?$select=ItemCode,ItemWarehouseInfoCollection</c>) and per read of changed items.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Audit rows per page.</summary>
    public int AuditPageSize { get; set; } = 500;

    /// <summary>
    /// The SQL view over the stock audit (OINM) exposed under <c>view.svc</c> (its name ends in <c>B1SLQuery</c>).
    /// Empty: no audit; stock changes reach the channels only through sweeps, orders changed since and the engine's own posts.
    /// </summary>
    public string AuditView { get; set; } = "StockAuditB1SLQuery";

    /// <summary>Whether sales orders changed since the cursor are read (a new, closed or cancelled order moves <c>Committed</c> without an audit row).</summary>
    public bool ReadOrders { get; set; } = true;

    public void Validate(string section)
    {
        Range(section, nameof(SweepInterval), SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        Range(section, nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1));
        if (PageSize is < 1 or > 1000)
            throw new ArgumentException($"{section}:PageSize must be from 1 to 1000, was {PageSize}.", $"{section}:PageSize");
        if (AuditPageSize is < 1 or > 5000)
            throw new ArgumentException($"{section}:AuditPageSize must be from 1 to 5000, was {AuditPageSize}.", $"{section}:AuditPageSize");
        if (AuditView.Length > 0 && (!AuditView.EndsWith("B1SLQuery", StringComparison.Ordinal) || !AuditView.All(char.IsAsciiLetterOrDigit)))
            throw new ArgumentException($"{section}:AuditView must be a view name ending in B1SLQuery (letters and digits), or empty for sweeps only, was '{AuditView}'.", $"{section}:AuditView");
    }

    internal static void Range(string section, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"{section}:{key} must be between {min} and {max}, was {value}.", $"{section}:{key}");
    }
}

/// <summary>What every channel's publisher section has: the mapping channel it publishes, its quota and call size.</summary>
public abstract class ChannelStockSettings
{
    /// <summary>The channel in <c>Mapping:Channels</c> whose locations are published.</summary>
    public abstract string MappingChannel { get; set; }

    /// <summary>Items per call (the API's limit).</summary>
    public abstract int MaxItemsPerCall { get; set; }

    /// <summary>Calls allowed per <see cref="Window"/> (the engine's share of the channel's quota).</summary>
    public abstract int RequestsPerWindow { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal abstract int ApiMaxItems { get; }

    internal abstract StockUnits Units { get; }

    /// <summary>The publisher's name: <c>stock-publisher-&lt;channel&gt;</c>.</summary>
    public string PublisherName => $"stock-publisher-{MappingChannel.ToLowerInvariant()}";

    public PublishedChannel Published(OrderMapping mapping) => new(MappingChannel,
        mapping.Locations.TryGetValue(MappingChannel, out var locations) ? locations : [], Units);

    internal virtual void Validate(string section, OrderMapping mapping)
    {
        if (!mapping.Locations.TryGetValue(MappingChannel, out var locations) || locations.Count == 0)
            throw new ArgumentException($"{section}:MappingChannel '{MappingChannel}' has no Mapping:Channels:{MappingChannel}:Locations to publish.", $"{section}:MappingChannel");
        foreach (var (code, location) in locations)
        {
            if (location.SellableWarehouses.Count == 0)
                throw new ArgumentException($"Mapping:Channels:{MappingChannel}:Locations:{code}:SellableWarehouses must list at least one SAP warehouse: {section} publishes that location.",
                    $"Mapping:Channels:{MappingChannel}:Locations:{code}:SellableWarehouses");
        }

        if (MaxItemsPerCall < 1 || MaxItemsPerCall > ApiMaxItems)
            throw new ArgumentException($"{section}:MaxItemsPerCall must be from 1 to {ApiMaxItems}, was {MaxItemsPerCall}.", $"{section}:MaxItemsPerCall");
        if (RequestsPerWindow < 1)
            throw new ArgumentException($"{section}:RequestsPerWindow must be at least 1, was {RequestsPerWindow}.", $"{section}:RequestsPerWindow");
        SapStockSettings.Range(section, nameof(Window), Window, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        SapStockSettings.Range(section, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
    }

    internal static void Secret(string section, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{section}:{key} is required (best from the environment, {section.Replace(":", "__", StringComparison.Ordinal)}__{key}).", $"{section}:{key}");
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"{section}:{key} must not contain spaces or control characters.", $"{section}:{key}");
    }

    internal static Uri Url(string section, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            throw new ArgumentException($"{section}:{key} must be an absolute http(s) address without query or credentials, was '{value}'.", $"{section}:{key}");
        return new Uri(value.EndsWith('/') ? value : value + "/");
    }
}

/// <summary><c>StockPublishing:BigCommerce</c>: <c>PUT /v3/inventory/adjustments/absolute</c>, 2,000 items a call, 150 requests per 30 s (Standard/Plus).</summary>
public sealed class BigCommerceStockSettings : ChannelStockSettings
{
    public override string MappingChannel { get; set; } = "bigcommerce";
    public override int MaxItemsPerCall { get; set; } = 2000;
    public override int RequestsPerWindow { get; set; } = 150;
    public string StoreHash { get; set; } = "";
    public string AccessToken { get; set; } = "";

    /// <summary>The store's API root; <c>v3/…</c> goes below it. Default <c>https://api.bigcommerce.com/stores/{StoreHash}/</c>.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The adjustment's <c>reason</c>.</summary>
    public string Reason { get; set; } = "ActorSync: SAP available stock";

    internal override int ApiMaxItems => 2000;
    internal override StockUnits Units => StockUnits.Whole;

    public Uri ApiRoot => new(ApiBaseUrl is { Length: > 0 } url ? (url.EndsWith('/') ? url : url + "/") : $"https://api.bigcommerce.com/stores/{StoreHash}/");

    internal override void Validate(string section, OrderMapping mapping)
    {
        if (string.IsNullOrEmpty(StoreHash) || !StoreHash.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"{section}:StoreHash must be the store hash (letters and digits), was '{StoreHash}'.", $"{section}:StoreHash");
        Secret(section, nameof(AccessToken), AccessToken);
        if (ApiBaseUrl is { Length: > 0 }) Url(section, nameof(ApiBaseUrl), ApiBaseUrl);
        base.Validate(section, mapping);
        foreach (var code in mapping.Locations[MappingChannel].Keys)
        {
            if (!int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
                throw new ArgumentException($"Mapping:Channels:{MappingChannel}:Locations:{code} must be keyed by the BigCommerce location_id (a whole number) to be published.", $"Mapping:Channels:{MappingChannel}:Locations:{code}");
        }
    }
}

/// <summary><c>StockPublishing:Magento</c>: MSI <c>POST /V1/inventory/source-items</c>, the location's key as <c>source_code</c>.</summary>
public sealed class MagentoStockSettings : ChannelStockSettings
{
    public override string MappingChannel { get; set; } = "magento";

    /// <summary>Source items per call. Magento publishes no limit; 500 keeps a request's body and its save reasonable.</summary>
    public override int MaxItemsPerCall { get; set; } = 500;

    /// <summary>Core Magento has no REST rate limit (channels.md §1.8); hosting WAFs do. A conservative default.</summary>
    public override int RequestsPerWindow { get; set; } = 300;

    public string BaseUrl { get; set; } = "";
    public string StoreCode { get; set; } = "all";
    public string AuthMode { get; set; } = MagentoAuthorization.OAuth1Mode;
    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string AccessTokenSecret { get; set; } = "";

    internal override int ApiMaxItems => 5000;
    internal override StockUnits Units => StockUnits.Decimal;

    public Uri RestRoot => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), $"rest/{StoreCode}/");

    public MagentoAuthorization Authorization(TimeProvider? clock = null) => MagentoAuthorization.IsBearer(AuthMode)
        ? MagentoAuthorization.Bearer(AccessToken)
        : MagentoAuthorization.OAuth1(new MagentoOAuthCredentials(ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret), clock);

    internal override void Validate(string section, OrderMapping mapping)
    {
        Url(section, nameof(BaseUrl), BaseUrl);
        if (string.IsNullOrEmpty(StoreCode) || !StoreCode.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new ArgumentException($"{section}:StoreCode must be a Magento store code (lower-case letters, digits and _), was '{StoreCode}'.", $"{section}:StoreCode");
        if (!MagentoAuthorization.IsMode(AuthMode))
            throw new ArgumentException($"{section}:AuthMode must be {MagentoAuthorization.OAuth1Mode} or {MagentoAuthorization.BearerMode}, was '{AuthMode}'.", $"{section}:AuthMode");
        if (!MagentoAuthorization.IsBearer(AuthMode))
        {
            Secret(section, nameof(ConsumerKey), ConsumerKey);
            Secret(section, nameof(ConsumerSecret), ConsumerSecret);
            Secret(section, nameof(AccessTokenSecret), AccessTokenSecret);
        }

        Secret(section, nameof(AccessToken), AccessToken);
        base.Validate(section, mapping);
    }
}

/// <summary><c>StockPublishing:Sitoo</c>: warehouse transactions (≤ 1,000 items a request), the location's key as <c>warehouseid</c>.</summary>
public sealed class SitooStockSettings : ChannelStockSettings
{
    public override string MappingChannel { get; set; } = "sitoo";
    public override int MaxItemsPerCall { get; set; } = 1000;

    /// <summary>Sitoo publishes no numeric limit (channels.md §3.1); it answers 429.</summary>
    public override int RequestsPerWindow { get; set; } = 300;

    /// <summary>The account's API root: <c>https://api.mysitoo.com/v2/accounts/{AccountId}/</c> (the host varies per account).</summary>
    public string BaseUrl { get; set; } = "";
    public int SiteId { get; set; } = 1;
    public string ApiId { get; set; } = "";
    public string ApiPassword { get; set; } = "";

    internal override int ApiMaxItems => 1000;
    internal override StockUnits Units => StockUnits.Decimal;

    public Uri SiteRoot => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), $"sites/{SiteId}/");

    internal override void Validate(string section, OrderMapping mapping)
    {
        Url(section, nameof(BaseUrl), BaseUrl);
        Secret(section, nameof(ApiId), ApiId);
        Secret(section, nameof(ApiPassword), ApiPassword);
        if (SiteId < 1)
            throw new ArgumentException($"{section}:SiteId must be at least 1, was {SiteId}.", $"{section}:SiteId");
        base.Validate(section, mapping);
        foreach (var code in mapping.Locations[MappingChannel].Keys)
        {
            if (!long.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
                throw new ArgumentException($"Mapping:Channels:{MappingChannel}:Locations:{code} must be keyed by the Sitoo warehouseid (a whole number) to be published.", $"Mapping:Channels:{MappingChannel}:Locations:{code}");
        }
    }
}

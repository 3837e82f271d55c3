using ActorSync.Channels.Magento;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.Documents;

using ActorSync.Engine.StockPublishing;

namespace ActorSync.Engine.Catalogue;

/// <summary>
/// Section <c>Catalogue</c>: items and prices from SAP out to the channels (issue 11). <see cref="Sap"/> says how SAP's
/// <c>Items</c> are read; each channel section present gets a publisher, selling from the price list its
/// <c>Mapping:Channels:&lt;channel&gt;:Catalogue</c> names. Secrets come from the environment
/// (<c>Catalogue__BigCommerce__AccessToken</c>, <c>Catalogue__Magento__AccessToken</c> and the OAuth1 secrets, <c>Catalogue__Sitoo__ApiPassword</c>) and never appear in errors or logs.
/// </summary>
public sealed class CatalogueSettings
{
    public const string Section = "Catalogue";

    public SapCatalogueSettings Sap { get; set; } = new();
    public BigCommerceCatalogueSettings? BigCommerce { get; set; }
    public MagentoCatalogueSettings? Magento { get; set; }
    public SitooCatalogueSettings? Sitoo { get; set; }

    public IEnumerable<ChannelCatalogueSettings> Channels => new ChannelCatalogueSettings?[] { BigCommerce, Magento, Sitoo }.Where(c => c is not null)!;

    /// <summary>Throws <see cref="ArgumentException"/> naming the key; each channel needs its catalogue mapping.</summary>
    public void Validate(OrderMapping mapping)
    {
        Sap.Validate($"{Section}:Sap");
        BigCommerce?.Validate($"{Section}:BigCommerce", mapping);
        Magento?.Validate($"{Section}:Magento", mapping);
        Sitoo?.Validate($"{Section}:Sitoo", mapping);
    }
}

/// <summary><c>Catalogue:Sap</c>: how often and how much of <c>Items</c> is read.</summary>
public sealed class SapCatalogueSettings
{
    /// <summary>How often items changed since the cursor are read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per page (the first full read and each changed-since read).</summary>
    public int PageSize { get; set; } = 100;

    public void Validate(string section)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromHours(1))
            throw new ArgumentException($"{section}:PollInterval must be between 00:00:00.05 and 01:00:00, was {PollInterval}.", $"{section}:PollInterval");
        if (PageSize is < 1 or > 1000)
            throw new ArgumentException($"{section}:PageSize must be from 1 to 1000, was {PageSize}.", $"{section}:PageSize");
    }
}

/// <summary>What every channel's catalogue section has: the mapping channel, its quota and call size.</summary>
public abstract class ChannelCatalogueSettings
{
    public abstract string MappingChannel { get; set; }

    /// <summary>Products per call (the API's per-call limit).</summary>
    public abstract int MaxItemsPerCall { get; set; }

    /// <summary>Calls allowed per <see cref="Window"/> (the engine's share of the channel's quota).</summary>
    public abstract int RequestsPerWindow { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal abstract int ApiMaxItems { get; }

    /// <summary>The publisher's name and persistence id: <c>catalogue-publisher-&lt;channel&gt;</c>.</summary>
    public string PublisherName => $"catalogue-publisher-{MappingChannel.ToLowerInvariant()}";

    public ChannelCatalogue Catalogue(OrderMapping mapping) => mapping.Catalogues[MappingChannel];

    internal virtual void Validate(string section, OrderMapping mapping)
    {
        if (!mapping.Catalogues.ContainsKey(MappingChannel))
            throw new ArgumentException($"{section}:MappingChannel '{MappingChannel}' has no Mapping:Channels:{MappingChannel}:Catalogue (PriceList, Prices) to publish.", $"{section}:MappingChannel");
        if (MaxItemsPerCall < 1 || MaxItemsPerCall > ApiMaxItems)
            throw new ArgumentException($"{section}:MaxItemsPerCall must be from 1 to {ApiMaxItems}, was {MaxItemsPerCall}.", $"{section}:MaxItemsPerCall");
        if (RequestsPerWindow < 1)
            throw new ArgumentException($"{section}:RequestsPerWindow must be at least 1, was {RequestsPerWindow}.", $"{section}:RequestsPerWindow");
        Range(section, nameof(Window), Window, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Range(section, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
    }

    // The stock publishers' checks: the same keys, the same wording.
    private static void Range(string section, string key, TimeSpan value, TimeSpan min, TimeSpan max) => SapStockSettings.Range(section, key, value, min, max);

    protected static void Secret(string section, string key, string? value) => ChannelStockSettings.Secret(section, key, value);

    protected static void Url(string section, string key, string value) => ChannelStockSettings.Url(section, key, value);
}

/// <summary>
/// <c>Catalogue:Sitoo</c>: products (<c>products.json</c>, batch) and the prices of one Sitoo price list
/// (<c>pricelists/{PriceListId}/pricelistitems.json</c>), which hold gross prices on accounts that store prices
/// including VAT (channels.md §3.5): map the channel <c>Prices: Gross</c> then.
/// </summary>
public sealed class SitooCatalogueSettings : ChannelCatalogueSettings
{
    public override string MappingChannel { get; set; } = "sitoo";

    /// <summary>Products per call: the same 1,000 as Sitoo's other batch writes.</summary>
    public override int MaxItemsPerCall { get; set; } = 500;

    /// <summary>Sitoo publishes no numeric limit (channels.md §3.1); it answers 429. A call is up to four requests.</summary>
    public override int RequestsPerWindow { get; set; } = 75;

    public string BaseUrl { get; set; } = "";
    public int SiteId { get; set; } = 1;
    public string ApiId { get; set; } = "";
    public string ApiPassword { get; set; } = "";

    /// <summary>The Sitoo price list the SAP prices go to (1 is the default list that <c>moneyprice</c> also writes).</summary>
    public int PriceListId { get; set; } = 1;

    internal override int ApiMaxItems => 1000;

    public Uri SiteRoot => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), $"sites/{SiteId}/");

    internal override void Validate(string section, OrderMapping mapping)
    {
        Url(section, nameof(BaseUrl), BaseUrl);
        Secret(section, nameof(ApiId), ApiId);
        Secret(section, nameof(ApiPassword), ApiPassword);
        if (SiteId < 1)
            throw new ArgumentException($"{section}:SiteId must be at least 1, was {SiteId}.", $"{section}:SiteId");
        if (PriceListId < 1)
            throw new ArgumentException($"{section}:PriceListId must be a Sitoo price list id (1 or more), was {PriceListId}.", $"{section}:PriceListId");
        base.Validate(section, mapping);
    }
}

/// <summary>
/// <c>Catalogue:BigCommerce</c>: catalog products (<c>GET</c>/<c>POST</c>/<c>PUT /v3/catalog/products</c>; the batch
/// update takes at most 10), the SAP item code as the product's <c>sku</c>. BigCommerce stores the price as entered
/// (net or gross per the store's tax settings): map the channel <c>Prices</c> to match.
/// </summary>
public sealed class BigCommerceCatalogueSettings : ChannelCatalogueSettings
{
    public override string MappingChannel { get; set; } = "bigcommerce";

    /// <summary>Products per call: the batch update's limit.</summary>
    public override int MaxItemsPerCall { get; set; } = 10;

    /// <summary>The store's quota is shared with stock publishing and every other app (150 per 30 s on Standard/Plus).</summary>
    public override int RequestsPerWindow { get; set; } = 50;

    public string StoreHash { get; set; } = "";
    public string AccessToken { get; set; } = "";

    /// <summary>The store's API root; <c>v3/…</c> goes below it. Default <c>https://api.bigcommerce.com/stores/{StoreHash}/</c>.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The weight a new product is created with (BigCommerce requires one; SAP's is not read).</summary>
    public decimal NewProductWeight { get; set; }

    internal override int ApiMaxItems => 10;

    public Uri ApiRoot => new(ApiBaseUrl is { Length: > 0 } url ? (url.EndsWith('/') ? url : url + "/") : $"https://api.bigcommerce.com/stores/{StoreHash}/");

    internal override void Validate(string section, OrderMapping mapping)
    {
        if (string.IsNullOrEmpty(StoreHash) || !StoreHash.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"{section}:StoreHash must be the store hash (letters and digits), was '{StoreHash}'.", $"{section}:StoreHash");
        Secret(section, nameof(AccessToken), AccessToken);
        if (ApiBaseUrl is { Length: > 0 }) Url(section, nameof(ApiBaseUrl), ApiBaseUrl);
        if (NewProductWeight < 0)
            throw new ArgumentException($"{section}:NewProductWeight must be 0 or more, was {NewProductWeight}.", $"{section}:NewProductWeight");
        base.Validate(section, mapping);
    }
}

/// <summary>
/// <c>Catalogue:Magento</c>: <c>PUT /V1/products/{sku}</c>, one product a request (it creates the product when the SKU is
/// new); a call is up to <see cref="MaxItemsPerCall"/> such requests in turn. Magento stores the price as entered (net
/// or gross per its tax configuration): map the channel <c>Prices</c> to match.
/// </summary>
public sealed class MagentoCatalogueSettings : ChannelCatalogueSettings
{
    public override string MappingChannel { get; set; } = "magento";

    /// <summary>Products per call (each its own request).</summary>
    public override int MaxItemsPerCall { get; set; } = 20;

    /// <summary>Core Magento has no REST rate limit (channels.md §1.8); hosting WAFs do. A conservative default, per call.</summary>
    public override int RequestsPerWindow { get; set; } = 30;

    public string BaseUrl { get; set; } = "";
    public string StoreCode { get; set; } = "all";
    public string AuthMode { get; set; } = MagentoAuthorization.OAuth1Mode;
    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string AccessTokenSecret { get; set; } = "";

    /// <summary>The attribute set a new product gets (4 is Magento's Default).</summary>
    public int AttributeSetId { get; set; } = 4;

    internal override int ApiMaxItems => 100;

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
        if (AttributeSetId < 1)
            throw new ArgumentException($"{section}:AttributeSetId must be a Magento attribute set id (1 or more), was {AttributeSetId}.", $"{section}:AttributeSetId");
        base.Validate(section, mapping);
    }
}

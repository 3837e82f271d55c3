using ActorSync.Channels.Webhooks;
using static ActorSync.Engine.Connectors.SettingChecks;

namespace ActorSync.Engine.Connectors.BigCommerce;

/// <summary>
/// Section <c>Connectors:BigCommerce</c>: one store's inbound connector (webhooks into a durable inbox, a reconciling
/// poll). Secrets come from the environment (<c>Connectors__BigCommerce__AccessToken</c>,
/// <c>Connectors__BigCommerce__WebhookSecret</c>); <see cref="ToString"/> and every error leave them out.
/// </summary>
public sealed class BigCommerceConnectorSettings
{
    public const string DefaultApiHost = "https://api.bigcommerce.com/";

    /// <summary>The store hash of the API account (letters and digits).</summary>
    public string StoreHash { get; set; } = "";

    /// <summary>The store-level API account's token (<c>X-Auth-Token</c>); Orders read-only is enough.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The store's API root; default <c>https://api.bigcommerce.com/stores/{StoreHash}/</c> (v2 and v3 paths go under it).</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The value of <see cref="WebhookHeader"/> the hooks were registered with (<c>headers</c> on <c>POST /v3/hooks</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    public string WebhookHeader { get; set; } = "X-ActorSync-Secret";

    /// <summary>Optional <c>whsec_&lt;base64&gt;</c>: when set, deliveries must also carry a valid Standard Webhooks signature.</summary>
    public string? StandardWebhooksSecret { get; set; }

    /// <summary>How often the reconciling poll reads orders modified since its cursor (hooks that never came).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the very first poll reads (later polls go on from the journaled cursor).</summary>
    public TimeSpan ReconcileLookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Orders per page of the poll (BigCommerce allows 1–250).</summary>
    public int ReconcilePageSize { get; set; } = 50;

    /// <summary>A webhook body larger than this is refused with 413 (BigCommerce's callbacks are a few hundred bytes).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Per request to the store.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Inbox entries processed at once (each costs a few store requests of the shared quota).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The first wait after a failed fetch; later waits double up to 5 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a BigCommerce refund puts its goods back in stock (the credit note's lines to the returns warehouse).</summary>
    public bool RefundsReturnToStock { get; set; } = true;

    /// <summary>The inbox's source name and persistence id suffix.</summary>
    public string Source => $"bigcommerce-{StoreHash.ToLowerInvariant()}";

    public Uri ApiRoot
    {
        get
        {
            var url = string.IsNullOrWhiteSpace(ApiBaseUrl) ? $"{DefaultApiHost}stores/{StoreHash}/" : ApiBaseUrl;
            return new Uri(url.EndsWith('/') ? url : url + "/");
        }
    }

    public void Validate(string section)
    {
        if (string.IsNullOrEmpty(StoreHash) || !StoreHash.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"{section}:StoreHash must be the store hash (letters and digits), was '{StoreHash}'.", $"{section}:StoreHash");
        Secret(section, nameof(AccessToken), AccessToken);
        Secret(section, nameof(WebhookSecret), WebhookSecret);
        if (WebhookSecret.Trim().Length < 24)
            throw new ArgumentException($"{section}:WebhookSecret is shorter than 24 characters; use a long random value (for example `openssl rand -hex 32`).", $"{section}:WebhookSecret");
        if (string.IsNullOrWhiteSpace(WebhookHeader) || !WebhookHeader.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException($"{section}:WebhookHeader must be a header name (letters, digits and '-'), was '{WebhookHeader}'.", $"{section}:WebhookHeader");
        if (!string.IsNullOrEmpty(StandardWebhooksSecret) && StandardWebhooks.KeyOf(StandardWebhooksSecret) is null)
            throw new ArgumentException($"{section}:StandardWebhooksSecret must be whsec_ followed by the base64 of at least 16 bytes.", $"{section}:StandardWebhooksSecret");
        if (!string.IsNullOrWhiteSpace(ApiBaseUrl) && (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0))
            throw new ArgumentException($"{section}:ApiBaseUrl must be an absolute http(s) URL such as {DefaultApiHost}stores/{{hash}}/, was '{ApiBaseUrl}'.", $"{section}:ApiBaseUrl");
        Range(section, nameof(ReconcileInterval), ReconcileInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Range(section, nameof(ReconcileLookBack), ReconcileLookBack, TimeSpan.Zero, TimeSpan.FromDays(365));
        Range(section, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(section, nameof(RetryDelay), RetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Range(section, nameof(ReconcilePageSize), ReconcilePageSize, 1, 250);
        Range(section, nameof(MaxBodyBytes), MaxBodyBytes, 1024, 1_000_000);
        Range(section, nameof(Parallelism), Parallelism, 1, 32);
    }



    public override string ToString() =>
        $"BigCommerce connector {{ StoreHash = {StoreHash}, ApiRoot = {ApiRoot}, AccessToken = ***, WebhookHeader = {WebhookHeader}, WebhookSecret = ***, " +
        $"StandardWebhooks = {(string.IsNullOrEmpty(StandardWebhooksSecret) ? "off" : "***")}, ReconcileInterval = {ReconcileInterval} }}";
}

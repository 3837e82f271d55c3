using static ActorSync.Engine.Connectors.SettingChecks;

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>
/// Section <c>Connectors:Sitoo</c>: one Sitoo account's inbound connector (the Events SPI endpoint and the polls,
/// into a durable inbox). Secrets come from the environment (<c>Connectors__Sitoo__ApiPassword</c>,
/// <c>Connectors__Sitoo__EventsPassword</c>); <see cref="ToString"/> and every error leave them out.
/// </summary>
public sealed class SitooConnectorSettings
{
    /// <summary>The API host of the account (Backoffice › REST API shows it; it varies per account, channels.md §3.1).</summary>
    public string BaseUrl { get; set; } = "https://api.mysitoo.com/";

    /// <summary>The account id (digits), the first part of the API ID.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>The site (<c>eshopid</c>) whose orders and warehouses are read; usually 1.</summary>
    public int SiteId { get; set; } = 1;

    /// <summary>The API ID (<c>{accountid}-{n}</c>), the Basic user name.</summary>
    public string ApiId { get; set; } = "";

    public string ApiPassword { get; set; } = "";

    /// <summary>Optional Basic auth of the Events SPI endpoint: credentials of its own, never the API's.</summary>
    public string? EventsUser { get; set; }

    public string? EventsPassword { get; set; }

    /// <summary>How often the polls read new orders and warehouse transactions (and re-read held orders).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per read (<c>num</c>).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The first order id the order poll reads; unset: orders after the newest one at the first start.</summary>
    public long? StartOrderId { get; set; }

    /// <summary>The first warehouse transaction id the warehouse poll reads; unset: those after the newest one at the first start.</summary>
    public long? StartTransactionId { get; set; }

    /// <summary>How long an order that is not final (unpaid, a booking, a parked sale) is re-read by the poll.</summary>
    public TimeSpan WatchFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sitoo warehouse ids whose stock movements (Move In, Move Out, stock-taking) are booked in SAP; empty: none are.</summary>
    public List<string> BookWarehouseTransactions { get; set; } = [];

    /// <summary>An SPI delivery larger than this is refused with 413 (ten light events are a few kB).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait after a failed read; later waits double up to 5 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Inbox entries processed at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The inbox's source name and persistence id suffix.</summary>
    public string Source => $"sitoo-{AccountId}";

    public bool EventsAuthRequired => !string.IsNullOrEmpty(EventsUser);

    /// <summary>The site's API root: <c>{BaseUrl}/v2/accounts/{AccountId}/sites/{SiteId}/</c>.</summary>
    public Uri SiteRoot => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), $"v2/accounts/{AccountId}/sites/{SiteId}/");

    public void Validate(string section)
    {
        if (string.IsNullOrEmpty(AccountId) || !AccountId.All(char.IsAsciiDigit))
            throw new ArgumentException($"{section}:AccountId must be the Sitoo account id (digits), was '{AccountId}'.", $"{section}:AccountId");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.AbsolutePath.Trim('/').Length > 0)
            throw new ArgumentException($"{section}:BaseUrl must be the API host only, such as https://api.mysitoo.com/ (trim everything after the host), was '{BaseUrl}'.", $"{section}:BaseUrl");
        if (SiteId < 1)
            throw new ArgumentException($"{section}:SiteId must be a positive site id, was {SiteId}.", $"{section}:SiteId");
        if (string.IsNullOrWhiteSpace(ApiId) || !ApiId.StartsWith(AccountId + "-", StringComparison.Ordinal))
            throw new ArgumentException($"{section}:ApiId must be the API ID of account {AccountId} ({AccountId}-<n>), was '{ApiId}'.", $"{section}:ApiId");
        Secret(section, nameof(ApiPassword), ApiPassword);
        if (EventsUser is not null || EventsPassword is not null)
        {
            if (string.IsNullOrWhiteSpace(EventsUser) || EventsUser.Contains(':', StringComparison.Ordinal))
                throw new ArgumentException($"{section}:EventsUser must be a user name without ':' when EventsPassword is set.", $"{section}:EventsUser");
            Secret(section, nameof(EventsPassword), EventsPassword);
            if (EventsPassword!.Length < 16)
                throw new ArgumentException($"{section}:EventsPassword is shorter than 16 characters; use a long random value.", $"{section}:EventsPassword");
            if (EventsUser == ApiId || EventsPassword == ApiPassword)
                throw new ArgumentException($"{section}:EventsUser and EventsPassword must not be the API credentials (Sitoo: the SPI's Basic auth is its own).", $"{section}:EventsPassword");
        }
        Range(section, nameof(PollInterval), PollInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Range(section, nameof(WatchFor), WatchFor, TimeSpan.Zero, TimeSpan.FromDays(90));
        Range(section, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(section, nameof(RetryDelay), RetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Range(section, nameof(PageSize), PageSize, 1, 1000);
        if (StartOrderId is < 1)
            throw new ArgumentException($"{section}:StartOrderId must be a positive order id, was {StartOrderId}.", $"{section}:StartOrderId");
        if (StartTransactionId is < 1)
            throw new ArgumentException($"{section}:StartTransactionId must be a positive transaction id, was {StartTransactionId}.", $"{section}:StartTransactionId");
        for (var i = 0; i < BookWarehouseTransactions.Count; i++)
            if (string.IsNullOrEmpty(BookWarehouseTransactions[i]) || !BookWarehouseTransactions[i].All(char.IsAsciiDigit))
                throw new ArgumentException($"{section}:BookWarehouseTransactions:{i} must be a Sitoo warehouse id (digits), was '{BookWarehouseTransactions[i]}'.", $"{section}:BookWarehouseTransactions:{i}");
        Range(section, nameof(MaxBodyBytes), MaxBodyBytes, 1024, 1_000_000);
        Range(section, nameof(Parallelism), Parallelism, 1, 32);
    }



    public override string ToString() =>
        $"Sitoo connector {{ AccountId = {AccountId}, SiteRoot = {SiteRoot}, ApiId = {ApiId}, ApiPassword = ***, " +
        $"EventsAuth = {(EventsAuthRequired ? "Basic ***" : "off")}, PollInterval = {PollInterval}, BookWarehouseTransactions = [{string.Join(", ", BookWarehouseTransactions)}] }}";
}

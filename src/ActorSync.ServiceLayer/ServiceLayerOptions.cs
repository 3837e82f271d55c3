namespace ActorSync.ServiceLayer;

/// <summary>Which OData flavour of the Service Layer to talk to (reference §1).</summary>
public enum ServiceLayerVersion
{
    /// <summary><c>/b1s/v1</c>, OData v3: <c>odata.nextLink</c>, <c>$batch</c> answers 202.</summary>
    V1,

    /// <summary><c>/b1s/v2</c>, OData v4: <c>@odata.nextLink</c>, <c>$batch</c> answers 200, Content-ID mandatory.</summary>
    V2,
}

/// <summary>
/// Settings of one <see cref="ServiceLayerClient"/> (one company + one user, as reference §3 recommends).
/// A plain POCO so it binds from <c>IConfiguration</c>; the client reads it once at construction.
/// </summary>
public sealed class ServiceLayerOptions
{
    /// <summary>Scheme, host and port of the Service Layer (or its load balancer). The service root is
    /// <c>BaseUrl + "b1s/v1/"</c> or <c>"b1s/v2/"</c>; a path prefix (reverse proxy) is kept.</summary>
    public Uri BaseUrl { get; set; } = new("https://localhost:50000/");

    public ServiceLayerVersion Version { get; set; } = ServiceLayerVersion.V1;

    public string CompanyDb { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>Sent only in the Login body. Never logged, never in exception messages or <see cref="ToString"/>.</summary>
    public string Password { get; set; } = "";

    /// <summary>Optional <c>UserLanguages</c> code sent at login; it sets the language of SAP's error texts (reference §2).</summary>
    public int? Language { get; set; }

    /// <summary>The session budget: never more concurrent SL sessions than this. Each request holds one session
    /// exclusively, so this is also the maximum number of requests in flight.</summary>
    public int MaxSessions { get; set; } = 4;

    /// <summary>Per-attempt timeout of ordinary requests (and of the Login call).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-attempt timeout of <c>$batch</c>; B1SLayer uses 300 s (reference §7).</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Sent as <c>Prefer: odata.maxpagesize=N</c> on reads (reference §5). 0 asks SAP not to page at all.</summary>
    public int PageSize { get; set; } = 100;

    public RetrySettings Retry { get; set; } = new();

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    /// <summary>How SAP errors map to <see cref="ErrorCategory"/>. Each access of
    /// <see cref="ErrorClassificationTable.Default"/> is a fresh copy, so editing this one is safe.</summary>
    public ErrorClassificationTable Errors { get; set; } = ErrorClassificationTable.Default;

    // ---- SAP's TLS certificate: at most one of the three below; none gives the machine's normal validation. ----
    // Real installs answer on :50000 with a self-signed certificate (reference §1, §9). Honoured only when the client
    // builds its own handler; a handler passed to the client is used as it is.

    /// <summary>SHA-256 thumbprints of SAP's certificate (64 hex digits, colons and case ignored); the connection is
    /// accepted only when the leaf presented hashes to one of them. Several for a renewal; an entry may hold several
    /// separated by commas. Chain and host name are not checked in this mode: the pin names the exact certificate.</summary>
    public List<string> ServerCertificateThumbprints { get; set; } = [];

    /// <summary>A PEM file of the CA certificate(s) that issued SAP's: the chain must end at one of them (only those,
    /// not the machine's roots) and the certificate must name BaseUrl's host. Revocation is not checked.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>Development only: no check at all, logged as a WARNING when the client starts.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the bad
    /// setting. The password's value is never part of the message.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
            throw Bad(nameof(BaseUrl), "must be an absolute http(s) URL such as https://sap-host:50000/.");
        if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            throw Bad(nameof(BaseUrl), "must not carry a query or fragment.");
        if (!Enum.IsDefined(Version))
            throw Bad(nameof(Version), $"must be V1 or V2 (was {(int)Version}).");
        if (string.IsNullOrWhiteSpace(CompanyDb))
            throw Bad(nameof(CompanyDb), "is required (the company database to log in to).");
        if (string.IsNullOrWhiteSpace(UserName))
            throw Bad(nameof(UserName), "is required.");
        if (string.IsNullOrEmpty(Password))
            throw Bad(nameof(Password), "is required."); // never echo the value, not even its length
        if (MaxSessions < 1)
            throw Bad(nameof(MaxSessions), $"must be at least 1 (was {MaxSessions}).");
        RequirePositive(nameof(RequestTimeout), RequestTimeout);
        RequirePositive(nameof(BatchTimeout), BatchTimeout);
        if (PageSize < 0)
            throw Bad(nameof(PageSize), $"must be 0 (no paging) or more (was {PageSize}).");

        if (Retry is null) throw Bad(nameof(Retry), "is required.");
        if (Retry.MaxAttempts < 1)
            throw Bad("Retry.MaxAttempts", $"must be at least 1, the first try included (was {Retry.MaxAttempts}).");
        if (Retry.BaseDelay < TimeSpan.Zero)
            throw Bad("Retry.BaseDelay", $"must not be negative (was {Retry.BaseDelay}).");
        if (Retry.MaxDelay < Retry.BaseDelay)
            throw Bad("Retry.MaxDelay", $"must be at least Retry.BaseDelay (was {Retry.MaxDelay} < {Retry.BaseDelay}).");

        // Polly's own limits (CircuitBreakerStrategyOptions): checked here so the message names our setting.
        var cb = CircuitBreaker ?? throw Bad(nameof(CircuitBreaker), "is required.");
        if (!(cb.FailureRatio > 0 && cb.FailureRatio <= 1))
            throw Bad("CircuitBreaker.FailureRatio", $"must be in (0, 1] (was {cb.FailureRatio}).");
        if (cb.MinimumThroughput < 2)
            throw Bad("CircuitBreaker.MinimumThroughput", $"must be at least 2 (was {cb.MinimumThroughput}).");
        if (cb.SamplingDuration < TimeSpan.FromMilliseconds(500) || cb.SamplingDuration > TimeSpan.FromDays(1))
            throw Bad("CircuitBreaker.SamplingDuration", $"must be between 0.5 s and 1 day (was {cb.SamplingDuration}).");
        if (cb.BreakDuration < TimeSpan.FromMilliseconds(500) || cb.BreakDuration > TimeSpan.FromDays(1))
            throw Bad("CircuitBreaker.BreakDuration", $"must be between 0.5 s and 1 day (was {cb.BreakDuration}).");

        if (Errors is null) throw Bad(nameof(Errors), "is required.");
        Errors.Validate(nameof(Errors));

        // Thumbprint text, the CA file and conflicting modes.
        _ = CertificatePolicy(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System);
    }

    internal Transport.ServerCertificatePolicy CertificatePolicy(Microsoft.Extensions.Logging.ILogger log, TimeProvider time) =>
        Transport.ServerCertificatePolicy.FromOptions(this, log, time);

    /// <summary>Never shows the password.</summary>
    public override string ToString() =>
        $"ServiceLayerOptions {{ BaseUrl = {BaseUrl}, Version = {Version}, CompanyDb = {CompanyDb}, UserName = {UserName}, Password = ***, MaxSessions = {MaxSessions} }}";

    private static void RequirePositive(string name, TimeSpan value)
    {
        // Polly's timeout strategy accepts 10 ms to 1 day.
        if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1))
            throw Bad(name, $"must be between 10 ms and 1 day (was {value}).");
    }

    /// <summary>Names the configuration key (<c>ServiceLayer:Retry:MaxAttempts</c>), as an operator would look for it.</summary>
    internal static ArgumentException Bad(string setting, string problem) =>
        new($"ServiceLayer:{setting.Replace('.', ':').Replace("[", ":").Replace("]", "")} {problem}");

    internal Uri ServiceRoot
    {
        get
        {
            var baseText = BaseUrl.GetLeftPart(UriPartial.Path);
            if (!baseText.EndsWith('/')) baseText += "/";
            return new Uri(baseText + (Version == ServiceLayerVersion.V2 ? "b1s/v2/" : "b1s/v1/"));
        }
    }
}

/// <summary>Jittered exponential back-off for failures that are safe to try again.</summary>
public sealed class RetrySettings
{
    /// <summary>Attempts in total, the first one included. 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; later ones grow exponentially (with jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of one delay. A server <c>Retry-After</c> longer than this is not waited for: the call returns
    /// <see cref="WriteOutcome.NotApplied"/> carrying it instead.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>One breaker per client: when SAP (or its load balancer) keeps failing, stop sending for a while.</summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed attempts in <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the window before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before letting one probe through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

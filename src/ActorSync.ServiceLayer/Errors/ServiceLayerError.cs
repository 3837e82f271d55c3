using System.Globalization;

namespace ActorSync.ServiceLayer;

/// <summary>What the caller should make of a failure. Decided by <see cref="ErrorClassificationTable"/>, not by code.</summary>
public enum ErrorCategory
{
    /// <summary>HTTP 401 with SAP code 301: the session is missing, expired or invalid (also a wrong-case URL, reference §1–2).</summary>
    InvalidSession,

    /// <summary>Worth trying again later: proxy errors, unavailable nodes, timeouts.</summary>
    Transient,

    /// <summary>Someone else changed or holds the record (-2039, ETag 412, "another user" texts).</summary>
    LockConflict,

    /// <summary>The entity already exists (-2035, "already exists").</summary>
    Duplicate,

    /// <summary>SAP refused the data or the operation; sending it again unchanged fails again.</summary>
    Validation,

    /// <summary>The key does not exist (404 / -2028).</summary>
    NotFound,

    /// <summary>No rule matched.</summary>
    Unknown,
}

/// <summary>
/// One error from SAP or from the road to it. <paramref name="Code"/> is SAP's code as text ("-2039", "301") because
/// SAP sends it as a number or as a string (reference §4); it is empty when the body held no SAP envelope (an Apache
/// HTML page, an empty body) and starts with <c>ActorSync.</c> for failures without an HTTP answer
/// (<paramref name="HttpStatus"/> is then 0); see <see cref="ClientErrorCodes"/>.
/// </summary>
public sealed record ServiceLayerError(int HttpStatus, string Code, string Message, ErrorCategory Category)
{
    /// <summary>The code as a number when it is one (SAP codes are ints, e.g. -2028 or 100000027).</summary>
    public int? NumericCode =>
        int.TryParse(Code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Name of the classification rule that chose <see cref="Category"/>, for diagnostics; null for the fallback.</summary>
    public string? MatchedRule { get; init; }

    /// <summary>Server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>Codes of <see cref="ServiceLayerError"/>s made by this client, for failures that have no SAP code.</summary>
public static class ClientErrorCodes
{
    public const string Timeout = "ActorSync.Timeout";
    public const string ConnectionFailed = "ActorSync.ConnectionFailed";

    /// <summary>SAP's TLS certificate did not pass the configured check (see <see cref="ServiceLayerClient.CertificateRefused"/>).</summary>
    public const string CertificateRefused = "ActorSync.CertificateRefused";
    public const string ConnectionLost = "ActorSync.ConnectionLost";
    public const string CircuitOpen = "ActorSync.CircuitOpen";
    public const string UnreadableResponse = "ActorSync.UnreadableResponse";
    public const string ForeignNextLink = "ActorSync.ForeignNextLink";
}

/// <summary>Thrown by reads (<see cref="ServiceLayerClient.GetAsync"/>, <see cref="ServiceLayerClient.QueryAsync"/>) and
/// by any call whose login SAP refuses. Writes report SAP's answers as <see cref="WriteOutcome"/> instead.</summary>
public sealed class ServiceLayerException : Exception
{
    public ServiceLayerException(ServiceLayerError error, string? message = null, Exception? innerException = null)
        : base(message ?? Describe(error), innerException)
    {
        Error = error;
    }

    public ServiceLayerError Error { get; }

    /// <summary>True when SAP refused to open a session (bad credentials, locked user, unknown company…).</summary>
    public bool IsLoginFailure { get; init; }

    /// <summary>When it is sensible to try again (open circuit, <c>Retry-After</c>), if known.</summary>
    public TimeSpan? RetryAfter => Error.RetryAfter;

    internal static string Describe(ServiceLayerError e)
    {
        var where = e.HttpStatus == 0 ? "no HTTP answer" : $"HTTP {e.HttpStatus}";
        var code = e.Code.Length == 0 ? "" : $", code {e.Code}";
        return $"{e.Message} ({where}{code}, {e.Category})";
    }
}

using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Logging;

/// <summary>
/// Every log line of the client, with structured fields. Deliberately absent: request and response bodies (the Login
/// body holds the password), cookies and session ids. Sessions are named by their number (<c>SessionNumber</c>).
/// </summary>
internal static partial class ServiceLayerLog
{
    [LoggerMessage(1, LogLevel.Information, "SL session #{SessionNumber} logged in (route {RouteId}, SL version {ServerVersion})")]
    public static partial void LoggedIn(ILogger logger, int sessionNumber, string? routeId, string? serverVersion);

    [LoggerMessage(2, LogLevel.Warning, "SL login to company {CompanyDb} as {UserName} failed: HTTP {Status}, code {Code}: {ErrorMessage}")]
    public static partial void LoginFailed(ILogger logger, string companyDb, string userName, int status, string code, string errorMessage);

    [LoggerMessage(3, LogLevel.Information, "SL session #{SessionNumber} logging in again: {Reason}")]
    public static partial void Relogin(ILogger logger, int sessionNumber, string reason);

    [LoggerMessage(4, LogLevel.Debug, "SL session #{SessionNumber} logged out")]
    public static partial void LoggedOut(ILogger logger, int sessionNumber);

    [LoggerMessage(5, LogLevel.Debug, "SL session #{SessionNumber} logout failed: {Reason}")]
    public static partial void LogoutFailed(ILogger logger, int sessionNumber, string reason);

    [LoggerMessage(6, LogLevel.Debug, "SL {Method} {Path} → {Status} in {ElapsedMs} ms on session #{SessionNumber}")]
    public static partial void Answered(ILogger logger, string method, string path, int status, long elapsedMs, int sessionNumber);

    [LoggerMessage(7, LogLevel.Debug, "SL {Method} {Path} failed without an answer on session #{SessionNumber}: {Reason}")]
    public static partial void NoAnswer(ILogger logger, string method, string path, int sessionNumber, string reason);

    [LoggerMessage(8, LogLevel.Warning, "SL {Method} {Path}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(9, LogLevel.Warning, "SL {Method} {Path} may or may not have been applied: {Reason}")]
    public static partial void WriteUncertain(ILogger logger, string method, string path, string reason);

    [LoggerMessage(10, LogLevel.Error, "SL circuit opened for {BreakSeconds} s: {Reason}")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds, string reason);

    [LoggerMessage(11, LogLevel.Information, "SL circuit half-open: letting one request probe")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "SL circuit closed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(13, LogLevel.Warning, "SL rejected session #{SessionNumber} again right after a fresh login on {Method} {Path}; not retrying (a wrong-case path gives the same answer)")]
    public static partial void InvalidSessionAfterRelogin(ILogger logger, int sessionNumber, string method, string path);

    [LoggerMessage(14, LogLevel.Information, "SL $batch answered {Answered} of {Requested} parts; SAP stops at the first failure, the rest were not executed")]
    public static partial void BatchStoppedEarly(ILogger logger, int answered, int requested);

    [LoggerMessage(15, LogLevel.Warning, "SL $batch answered {Answered} parts for {Requested} requested; ignoring the extra ones")]
    public static partial void BatchExtraParts(ILogger logger, int answered, int requested);

    [LoggerMessage(16, LogLevel.Debug, "SL {Method} {Path} refused without sending: circuit open")]
    public static partial void CircuitRefused(ILogger logger, string method, string path);

    /// <summary>The message already holds the presented certificate's SHA-256 thumbprint and subject (public, never secret).</summary>
    [LoggerMessage(17, LogLevel.Error, "SL connection refused by the certificate check ({Mode}): {Reason}")]
    public static partial void CertificateRefused(ILogger logger, string mode, string reason);

    [LoggerMessage(18, LogLevel.Warning, "INSECURE, development only: ServiceLayer:AcceptAnyServerCertificate is on: SAP's TLS certificate is NOT checked and anyone between this node and {BaseUrl} can read the SAP password and every document. Pin SAP's certificate with ServiceLayer:ServerCertificateThumbprints or trust its CA with ServiceLayer:TrustedCaFile.")]
    public static partial void AcceptingAnyCertificate(ILogger logger, string baseUrl);
}

using Microsoft.Extensions.Logging;

namespace ActorSync.Channels.Outbound;

/// <summary>
/// Every log line of the publishers. Deliberately absent: headers (the token travels in one) and request bodies.
/// Reasons pass through <see cref="OutboundHttp.Redact"/> before they get here.
/// </summary>
internal static partial class OutboundLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Channel} {Method} {Path} → {Status} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string channel, string method, string path, int status, long elapsedMs);

    [LoggerMessage(2, LogLevel.Debug, "{Channel} {Method} {Path} got no answer after {ElapsedMs} ms: {Reason}")]
    public static partial void NoAnswer(ILogger logger, string channel, string method, string path, long elapsedMs, string reason);

    [LoggerMessage(3, LogLevel.Information, "{Channel} read {Path}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string channel, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(4, LogLevel.Information, "{Channel} order {OrderId} dispatch {DispatchId}: shipment {ShipmentId} created")]
    public static partial void Created(ILogger logger, string channel, string orderId, string dispatchId, string shipmentId);

    [LoggerMessage(5, LogLevel.Information, "{Channel} order {OrderId} dispatch {DispatchId}: shipment {ShipmentId} was already there (an earlier attempt created it)")]
    public static partial void AlreadyThere(ILogger logger, string channel, string orderId, string dispatchId, string shipmentId);

    [LoggerMessage(6, LogLevel.Warning, "{Channel} order {OrderId} dispatch {DispatchId} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string channel, string orderId, string dispatchId, string reason);

    [LoggerMessage(7, LogLevel.Warning, "{Channel} order {OrderId} dispatch {DispatchId} failed, will be retried: {Reason}")]
    public static partial void Failed(ILogger logger, string channel, string orderId, string dispatchId, string reason);
}

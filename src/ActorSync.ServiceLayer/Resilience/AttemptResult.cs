using ActorSync.ServiceLayer.Errors;
using ActorSync.ServiceLayer.Transport;

namespace ActorSync.ServiceLayer.Resilience;

/// <summary>What kind of call this is; it decides which failures may be sent again.</summary>
internal enum RequestKind
{
    /// <summary>GET: no side effects, retried on any transient failure.</summary>
    Read,

    /// <summary>PATCH or DELETE of an existing entity: sent twice, it changes (or removes) the same record.</summary>
    Update,

    /// <summary>POST to a bound or service action ("Orders(12)/Close"). Some actions create documents (Cancel).</summary>
    Action,

    /// <summary>POST creating an entity: sent twice, it creates two documents.</summary>
    Create,

    /// <summary>$batch: may hold creates, and SAP commits changesets independently.</summary>
    Batch,
}

/// <summary>How one attempt ended, seen from "was it applied?".</summary>
internal enum AttemptDisposition
{
    Succeeded,

    /// <summary>SAP answered with an error: nothing was applied.</summary>
    Rejected,

    /// <summary>Certainly not processed: never sent (connection refused, DNS, login failed, circuit open) or refused
    /// before processing (503 Service Unavailable, 429, 408).</summary>
    NotProcessed,

    /// <summary>May have been processed: timeout or broken connection after sending, 502/504 proxy errors, an empty 500.</summary>
    Uncertain,
}

internal sealed record AttemptResult(AttemptDisposition Disposition, WireResponse? Response, ServiceLayerError? Error, string Reason)
{
    /// <summary>Counts against the circuit breaker: SAP or the road to it is unwell. A business rejection is not.</summary>
    public bool IsInfrastructureFailure { get; init; }

    public TimeSpan? RetryAfter => Error?.RetryAfter;

    public static AttemptResult FromResponse(WireResponse response, ErrorClassificationTable table)
    {
        if (response.IsSuccess)
            return new AttemptResult(AttemptDisposition.Succeeded, response, null, $"HTTP {response.Status}");

        var parsed = ServiceLayerErrorParser.Parse(response.Status, response.ReasonPhrase, response.Body);
        var (category, rule) = table.Classify(response.Status, parsed.Code, parsed.Message, parsed.HasEnvelope);
        var error = new ServiceLayerError(response.Status, parsed.Code, parsed.Message, category)
        {
            MatchedRule = rule?.Name,
            RetryAfter = response.RetryAfter,
        };
        var reason = $"HTTP {response.Status}: {error.Message}";

        return response.Status switch
        {
            // The load balancer or node refused before any processing: "SAP did not process" (reference §1, §4).
            503 or 429 or 408 => new AttemptResult(AttemptDisposition.NotProcessed, response, error, reason) { IsInfrastructureFailure = true },
            // Apache's 502 "Error reading from remote server" and 504 come after the request reached a node that may
            // have committed it (reference §4, B1SLayer #78); so does an empty 500 we cannot explain.
            502 or 504 => new AttemptResult(AttemptDisposition.Uncertain, response, error, reason) { IsInfrastructureFailure = true },
            500 when !parsed.HasEnvelope => new AttemptResult(AttemptDisposition.Uncertain, response, error, reason) { IsInfrastructureFailure = true },
            _ => new AttemptResult(AttemptDisposition.Rejected, response, error, reason),
        };
    }

    public static AttemptResult FromFailure(WireFailure failure) => failure.Kind switch
    {
        WireFailureKind.NotSent => new AttemptResult(AttemptDisposition.NotProcessed, null,
            new ServiceLayerError(0, failure.Code ?? ClientErrorCodes.ConnectionFailed, failure.Description, ErrorCategory.Transient), failure.Description)
            { IsInfrastructureFailure = true },
        WireFailureKind.Timeout => new AttemptResult(AttemptDisposition.Uncertain, null,
            new ServiceLayerError(0, ClientErrorCodes.Timeout, failure.Description, ErrorCategory.Transient), failure.Description)
            { IsInfrastructureFailure = true },
        _ => new AttemptResult(AttemptDisposition.Uncertain, null,
            new ServiceLayerError(0, ClientErrorCodes.ConnectionLost, failure.Description, ErrorCategory.Transient), failure.Description)
            { IsInfrastructureFailure = true },
    };

    /// <summary>The session could not be opened for a transient reason: the request itself never left.</summary>
    public static AttemptResult LoginUnavailable(ServiceLayerError loginError) =>
        new(AttemptDisposition.NotProcessed, null, loginError, $"could not log in: {loginError.Message}") { IsInfrastructureFailure = true };

    public static AttemptResult CircuitOpen(TimeSpan? retryAfter) =>
        new(AttemptDisposition.NotProcessed, null,
            new ServiceLayerError(0, ClientErrorCodes.CircuitOpen, "circuit open: SAP failed repeatedly, not sending for now", ErrorCategory.Transient)
            { RetryAfter = retryAfter },
            "circuit open: SAP failed repeatedly, not sending for now");
}

/// <summary>
/// The one table that says what may be sent again. A create or a batch is never re-sent once its bytes may have
/// reached SAP: two sends can mean two orders.
/// </summary>
internal static class RetryRules
{
    public static bool MayRetry(RequestKind kind, AttemptResult result) => result.Disposition switch
    {
        AttemptDisposition.Succeeded => false,
        // Nothing reached SAP's business logic: safe for every kind, creates included.
        AttemptDisposition.NotProcessed => true,
        // Only reads may repeat what SAP might already have done.
        AttemptDisposition.Uncertain => kind == RequestKind.Read,
        // A clear rejection that the table calls transient (e.g. -2039 if configured so): SAP applied nothing, so a
        // PATCH or an action may go again. Creates and batches are left to the caller, who sees Rejected(Transient).
        AttemptDisposition.Rejected => result.Error?.Category == ErrorCategory.Transient &&
                                       kind is RequestKind.Read or RequestKind.Update or RequestKind.Action,
        _ => false,
    };
}

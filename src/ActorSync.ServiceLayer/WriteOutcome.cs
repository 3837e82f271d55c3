using System.Text.Json;

namespace ActorSync.ServiceLayer;

/// <summary>
/// What became of a write. Writes never throw for SAP's answers or for network trouble: the caller must be able to
/// tell "not applied" (safe to send again) from "maybe applied" (look the document up first).
/// </summary>
public abstract record WriteOutcome
{
    private WriteOutcome() { }

    /// <summary>SAP applied it. <paramref name="Body"/> is the returned entity (null for 204),
    /// <paramref name="Location"/> the <c>Location</c> header of a create.</summary>
    public sealed record Succeeded(int Status, JsonElement? Body, string? Location) : WriteOutcome;

    /// <summary>SAP answered with an error: not applied. <see cref="ServiceLayerError.Category"/> says whether trying
    /// again can help.</summary>
    public sealed record Rejected(ServiceLayerError Error) : WriteOutcome;

    /// <summary>Sent, but whether SAP applied it is unknown (timeout, connection dropped, 502 proxy error after
    /// sending). The caller must look the document up before trying again.</summary>
    public sealed record Uncertain(string Reason) : WriteOutcome;

    /// <summary>Definitely not applied and worth trying later: circuit open, connection refused before sending, 503,
    /// retries exhausted on pre-send failures. <paramref name="RetryAfter"/> when the server or breaker said.</summary>
    public sealed record NotApplied(string Reason, TimeSpan? RetryAfter) : WriteOutcome;

    /// <summary>Batch only: SAP stopped at an earlier failure and never ran this part (reference §7).</summary>
    public sealed record NotExecuted : WriteOutcome
    {
        public static NotExecuted Instance { get; } = new();
    }
}

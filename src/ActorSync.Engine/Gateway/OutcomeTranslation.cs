using System.Text.Json;
using ActorSync.Domain.Posting;
using ActorSync.ServiceLayer;
using ActorSync.ServiceLayer.Batching;
using ActorSync.ServiceLayer.Errors;

namespace ActorSync.Engine.Gateway;

/// <summary>Turns the client's view of an answer into what an entity needs to decide its next step.</summary>
internal static class OutcomeTranslation
{
    public static PostOutcome ToPostOutcome(WriteOutcome outcome, RequestKind kind = RequestKind.Document) => outcome switch
    {
        // Only a document has keys to read; an action or master data succeeded when SAP said yes.
        WriteOutcome.Succeeded when kind != RequestKind.Document => new PostOutcome.Applied(),
        WriteOutcome.Succeeded s when TryReadKeys(s.Body, out var entry, out var num) => new PostOutcome.Created(entry, num),
        // SAP said yes but we cannot read the key: the document exists, so the entity must find it rather than post again.
        WriteOutcome.Succeeded => new PostOutcome.Uncertain("SAP accepted the document but its answer carried no DocEntry."),
        WriteOutcome.Rejected r => new PostOutcome.Rejected(ToKind(r.Error.Category), r.Error.Code, r.Error.Message),
        WriteOutcome.Uncertain u => new PostOutcome.Uncertain(u.Reason),
        WriteOutcome.NotApplied n => new PostOutcome.NotApplied(n.Reason, n.RetryAfter),
        WriteOutcome.NotExecuted => new PostOutcome.NotApplied("SAP stopped the batch before this document.", TimeSpan.Zero),
        _ => new PostOutcome.Uncertain($"Unrecognised outcome {outcome.GetType().Name}."),
    };

    public static RejectionKind ToKind(ErrorCategory category) => category switch
    {
        ErrorCategory.LockConflict => RejectionKind.LockConflict,
        ErrorCategory.Transient or ErrorCategory.InvalidSession => RejectionKind.Transient,
        ErrorCategory.Duplicate => RejectionKind.Duplicate,
        _ => RejectionKind.Validation,
    };

    public static bool TryReadKeys(JsonElement? body, out int docEntry, out int docNum)
    {
        docEntry = docNum = 0;
        if (body is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("DocEntry", out var entry) || !entry.TryGetInt32(out docEntry))
            return false;
        if (json.TryGetProperty("DocNum", out var num) && num.TryGetInt32(out var n)) docNum = n;
        return true;
    }
}

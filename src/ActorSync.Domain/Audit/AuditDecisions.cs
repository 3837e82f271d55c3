using System.Collections.Immutable;
using static ActorSync.Domain.Audit.AuditCommands;
using static ActorSync.Domain.Audit.AuditEvents;

namespace ActorSync.Domain.Audit;

/// <summary>A decision: the events to journal (possibly none) and the reply.</summary>
public sealed record AuditDecision(ImmutableList<IAuditEvent> Events, AuditCommandResult Reply);

/// <summary>
/// The audit trail's rules as pure functions. Entries are only ever added and completed once: there is no command that
/// changes or removes one, so nothing built on the trail can edit it.
/// </summary>
public static class AuditDecisions
{
    /// <summary>Longer details are cut (a note is a sentence or two, not a document).</summary>
    public const int MaxDetail = 1_000;

    public const int MaxTarget = 300;

    public const int MaxName = 100;

    public static AuditDecision ProcessCommand(this AuditTrailState state, RecordAction cmd)
    {
        if (string.IsNullOrWhiteSpace(cmd.Who))
            return Reply(AuditResultCode.Invalid, 0, "An audit entry needs who acted (the token's name).");
        if (string.IsNullOrWhiteSpace(cmd.Action))
            return Reply(AuditResultCode.Invalid, 0, "An audit entry needs the action.");
        var number = state.NextNumber;
        return new([new OperatorActed(number, cmd.At, Cut(cmd.Who.Trim(), MaxName)!, Cut(cmd.From, MaxName), Cut(cmd.Action.Trim(), MaxName)!,
                Cut(cmd.Target, MaxTarget), Cut(cmd.Detail, MaxDetail))],
            new AuditCommandResult(AuditResultCode.Accepted, number, $"Audit entry {number} recorded."));
    }

    public static AuditDecision ProcessCommand(this AuditTrailState state, RecordOutcome cmd)
    {
        if (cmd.Status is < 100 or > 599)
            return Reply(AuditResultCode.Invalid, cmd.Number, $"{cmd.Status} is not an HTTP status.");
        if (cmd.Number < 1 || cmd.Number >= state.NextNumber)
            return Reply(AuditResultCode.NotFound, cmd.Number, $"No audit entry {cmd.Number}.");
        if (state.Find(cmd.Number) is not { } entry)
            return Reply(AuditResultCode.NoOp, cmd.Number, $"Audit entry {cmd.Number} is older than the {AuditTrailState.Kept} entries held; its outcome is not recorded.");
        if (entry.Status is { } status)
            return Reply(AuditResultCode.NoOp, cmd.Number, $"Audit entry {cmd.Number} already ended with {status}.");
        return new([new OperatorActionCompleted(cmd.Number, cmd.Status, cmd.At)],
            new AuditCommandResult(AuditResultCode.Accepted, cmd.Number, $"Audit entry {cmd.Number} ended with {cmd.Status}."));
    }

    public static AuditTrailState ProcessEvent(this AuditTrailState state, IAuditEvent evt) => evt switch
    {
        OperatorActed e => Add(state, new AuditEntry(e.Number, e.At, e.Who, e.From, e.Action, e.Target, e.Detail)),
        OperatorActionCompleted e => state.Find(e.Number) is { } entry
            ? state with { Entries = state.Entries.SetItem((int)(e.Number - state.Entries[0].Number), entry with { Status = e.Status, CompletedAt = e.At }) }
            : state,
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt.GetType().Name, "Unknown audit event."),
    };

    private static AuditTrailState Add(AuditTrailState state, AuditEntry entry)
    {
        var entries = state.Entries.Add(entry);
        if (entries.Count > AuditTrailState.Kept) entries = entries.RemoveRange(0, entries.Count - AuditTrailState.Kept);
        return state with { Entries = entries, NextNumber = Math.Max(state.NextNumber, entry.Number + 1) };
    }

    private static string? Cut(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : trimmed[..(max - 1)] + "…";
    }

    private static AuditDecision Reply(AuditResultCode code, long number, string message) => new([], new AuditCommandResult(code, number, message));
}

using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;
using static ActorSync.Domain.Connectors.Inbox.InboxEvents;

namespace ActorSync.Domain.Connectors.Inbox;

/// <summary>A decision of the inbox: the events to journal (none, or one) and the reply once they are.</summary>
public sealed record InboxDecision<TReply>(ImmutableList<IInboxEvent> Events, TReply Reply);

/// <summary>What processing one entry came to, as the source's processor reports it.</summary>
public abstract record InboxOutcome
{
    /// <summary>Finished (posted, a duplicate, or nothing to do); the note says which.</summary>
    public sealed record Done(string Note) : InboxOutcome;

    /// <summary>
    /// The source or the engine cannot be reached now (outage, 429, timeout): wait and try again, for as long as it
    /// takes; never parked. <paramref name="After"/> is the source's own hint (BigCommerce's
    /// <c>X-Rate-Limit-Time-Reset-Ms</c>), else the inbox backs off. <paramref name="WholeSource"/> pauses every entry.
    /// </summary>
    public sealed record Wait(string Reason, TimeSpan? After = null, bool WholeSource = false) : InboxOutcome;

    /// <summary>
    /// Something it needs has not happened yet (a refund for an order still incomplete): retried, parked after
    /// <see cref="InboxRetryPolicy.MaxNotYetAttempts"/> as <paramref name="GiveUpAs"/> when given (the exception with
    /// the right owner, e.g. a dispatch of an order never received), else as an <c>invalid-channel-record</c>.
    /// </summary>
    public sealed record NotYet(string Reason, ExceptionDetails? GiveUpAs = null) : InboxOutcome;

    /// <summary>The record is poison: it goes to the exception queue with its payload and the inbox moves on.</summary>
    public sealed record Poison(ExceptionDetails Details) : InboxOutcome;
}

/// <summary>The inbox's rules, without actors.</summary>
public static class InboxDecisions
{
    /// <param name="maxPayloadChars">Entries hold their payload until done: a larger one is refused, never journaled.</param>
    public static InboxDecision<AcceptResult> ProcessCommand(this InboxState state, AcceptEntry cmd, DateTimeOffset now, int maxPayloadChars = 1_000_000)
    {
        if (string.IsNullOrEmpty(cmd.Key))
            return new([], new AcceptResult(cmd.Key, false, false, "An inbox entry needs a key."));
        if (cmd.Payload.Length > maxPayloadChars)
            return new([], new AcceptResult(cmd.Key, false, false, $"The payload is {cmd.Payload.Length} characters; the {state.Source} inbox takes at most {maxPayloadChars}."));
        if (state.Find(cmd.Key) is { } known)
            return new([], new AcceptResult(cmd.Key, true, true, $"Seen before (entry {known.Sequence}, {known.Status.ToString().ToLowerInvariant()}); nothing more to do."));
        return new([new EntryAccepted(cmd.Key, cmd.Kind, cmd.Payload, now)], new AcceptResult(cmd.Key, true, false, $"Taken into the {state.Source} inbox."));
    }

    public static InboxDecision<RequeueResult> ProcessCommand(this InboxState state, RequeueEntry cmd, DateTimeOffset now) =>
        state.Find(cmd.Key) switch
        {
            { Status: InboxEntryStatus.Parked } => new([new EntryRequeued(cmd.Key, now)], new RequeueResult(cmd.Key, true, $"Entry {cmd.Key} of {state.Source} goes to work again.")),
            { Status: InboxEntryStatus.Pending } => new([], new RequeueResult(cmd.Key, true, $"Entry {cmd.Key} of {state.Source} is already pending.")),
            { Status: InboxEntryStatus.Done } => new([], new RequeueResult(cmd.Key, false, $"Entry {cmd.Key} of {state.Source} is done; nothing to retry.")),
            _ => new([], new RequeueResult(cmd.Key, false, $"The {state.Source} inbox no longer holds entry {cmd.Key} (parked entries are kept {InboxState.ParkedRetention.TotalDays:0} days).")),
        };

    /// <summary>The event an outcome journals for a pending entry: Done or Parked; null for a retry (kept in memory only) or an entry not pending.</summary>
    public static IInboxEvent? Finish(this InboxState state, string key, InboxOutcome outcome, DateTimeOffset now) =>
        state.Find(key) is not { Status: InboxEntryStatus.Pending }
            ? null
            : outcome switch
            {
                InboxOutcome.Done d => new EntryDone(key, d.Note, now),
                InboxOutcome.Poison p => new EntryParked(key, $"{p.Details.Type}: {p.Details.Reason}", now),
                _ => null,
            };
}

/// <summary>How long an entry waits before its next attempt, and when a "not yet" becomes poison.</summary>
public static class InboxRetryPolicy
{
    public const int MaxNotYetAttempts = 12;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>The source's hint when it gave one (at least <see cref="FirstDelay"/>' tenth), else doubling from <see cref="FirstDelay"/> to <see cref="MaxDelay"/>.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan? hint = null, TimeSpan? first = null)
    {
        if (hint is { } h && h > TimeSpan.Zero) return h < MaxDelay ? h : MaxDelay;
        var start = first ?? FirstDelay;
        var ticks = start.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A "not yet" after this many attempts is parked (the thing it waits for is not coming by itself).</summary>
    public static InboxOutcome Escalate(InboxOutcome outcome, int attempt) =>
        outcome is InboxOutcome.NotYet notYet && attempt >= MaxNotYetAttempts
            ? new InboxOutcome.Poison(notYet.GiveUpAs is { } details
                ? details with { Reason = $"{details.Reason} (still so after {attempt} attempts)" }
                : ExceptionTypes.InvalidChannelRecord($"{notYet.Reason} (still so after {attempt} attempts)"))
            : outcome;
}

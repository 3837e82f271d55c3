using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.Inbox;

/// <summary>What a durable inbox journals. Every event names its entry by <see cref="IInboxEvent.Key"/>, the de-duplication key.</summary>
public static class InboxEvents
{
    public interface IInboxEvent : IJournaled
    {
        string Key { get; }
        DateTimeOffset At { get; }
    }

    /// <summary>
    /// An inbound record was taken: journaled before its sender hears "accepted", so from then on it cannot be lost.
    /// <paramref name="Payload"/> is the record as it came (bounded by the source's body limit; never logged).
    /// </summary>
    public sealed record EntryAccepted(string Key, string Kind, string Payload, DateTimeOffset At) : IInboxEvent;

    /// <summary>The entry was processed (what it led to, in a few words); its payload is forgotten, its key kept for de-duplication.</summary>
    public sealed record EntryDone(string Key, string Outcome, DateTimeOffset At) : IInboxEvent;

    /// <summary>The entry cannot be processed as it is (a poison payload); it waits in the exception queue with its payload.</summary>
    public sealed record EntryParked(string Key, string Reason, DateTimeOffset At) : IInboxEvent;

    /// <summary>An operator asked to try a parked entry again: it is pending once more.</summary>
    public sealed record EntryRequeued(string Key, DateTimeOffset At) : IInboxEvent;
}

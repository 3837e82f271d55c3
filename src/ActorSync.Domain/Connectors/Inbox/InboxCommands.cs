namespace ActorSync.Domain.Connectors.Inbox;

/// <summary>The inbox's messages; they cross nodes (the inbox is a cluster singleton), so they are in the journal contract.</summary>
public static class InboxCommands
{
    /// <summary>Take a record: answered with <see cref="AcceptResult"/> once it is journaled (or known already).</summary>
    public sealed record AcceptEntry(string Key, string Kind, string Payload);

    /// <param name="Duplicate">True when the key was seen before: nothing was journaled, nothing will be done again.</param>
    public sealed record AcceptResult(string Key, bool Accepted, bool Duplicate, string Message);

    /// <summary>Put a parked entry back to work (an operator's retry from the exception queue); answered with <see cref="RequeueResult"/>.</summary>
    public sealed record RequeueEntry(string Key);

    public sealed record RequeueResult(string Key, bool Accepted, string Message);

    /// <summary>How the inbox stands; answered with <see cref="InboxView"/>.</summary>
    public sealed record GetInbox
    {
        public static readonly GetInbox Instance = new();
    }

    public sealed record InboxView(string Source, long Accepted, long Done, long Parked, string[] PendingKeys, string[] ParkedKeys);
}

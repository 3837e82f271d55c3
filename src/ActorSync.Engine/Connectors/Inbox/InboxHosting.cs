using ActorSync.Domain.ExceptionQueue;
using ActorSync.Engine.ExceptionQueue;
using Akka.Actor;
using Akka.Pattern;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.Inbox;

/// <summary>What every connector's inbox and poll share when they are hosted.</summary>
public static class InboxHosting
{
    /// <summary>Under a backoff supervisor (1 s doubling to 30 s): a journal failure stops the actor, which comes back from its journal.</summary>
    public static Props Supervised(Props child, string name) =>
        BackoffSupervisor.Props(Backoff.OnStop(child, name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));

    /// <summary>
    /// An operator's retry of a parked entry puts it back into the source's inbox: record ids are
    /// <c>&lt;source&gt;/&lt;key&gt;</c>, so the owner claims that prefix among the owners of <c>channel-record</c>s.
    /// <paramref name="address"/> wraps the request when the inbox is reached through a router.
    /// </summary>
    public static RecordOwner RetryOwner(IActorRef inbox, string source, Func<RequeueEntry, object>? address = null)
    {
        var prefix = source + "/";
        return new RecordOwner(RecordKinds.ChannelRecord, inbox,
            recordId =>
            {
                var requeue = new RequeueEntry(recordId.StartsWith(prefix, StringComparison.Ordinal) ? recordId[prefix.Length..] : recordId);
                return address is null ? requeue : address(requeue);
            },
            answer => answer switch
            {
                RequeueResult result => new RetryAnswer(result.Accepted, result.Message),
                _ => new RetryAnswer(false, $"Unexpected answer from the {source} inbox: {answer.GetType().Name}."),
            },
            prefix);
    }
}

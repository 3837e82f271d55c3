using ActorSync.Engine.Gateway;
using Akka.Actor;

namespace ActorSync.Engine.Posting;

/// <summary>
/// An entity's side of its exchanges with SAP, shared by every flow: one request in flight at a time, numbered so a
/// late answer to an abandoned attempt is recognised, with a timer that turns silence into a look-up. The entity keeps
/// its decisions; this keeps the bookkeeping that is the same for all of them.
/// </summary>
public sealed class GatewayConversation(ServiceLayerGatewayQueue gateway, TimeSpan attemptTimeout)
{
    private const string TimerKey = "attempt";

    /// <summary>No answer to <see cref="Attempt"/> in time: the entity should look the document up.</summary>
    public sealed record AttemptTimedOut(int Attempt) : INoSerializationVerificationNeeded;

    /// <summary>The request could not even be queued.</summary>
    public sealed record EnqueueFailed(int Attempt, Exception Cause) : INoSerializationVerificationNeeded;

    /// <summary>The request is queued; its answer comes later.</summary>
    public sealed record Enqueued : INoSerializationVerificationNeeded
    {
        public static readonly Enqueued Instance = new();
    }

    public int Attempt { get; private set; }

    /// <summary>An answer is awaited; the entity must not start another request meanwhile.</summary>
    public bool InFlight { get; private set; }

    public void Post(ITimerScheduler timers, IActorRef self, Func<int, PostDocument> request) =>
        Send(timers, self, attempt => gateway.EnqueueAsync(request(attempt)));

    public void LookUp(ITimerScheduler timers, IActorRef self, Func<int, LookUpDocument> request) =>
        Send(timers, self, attempt => gateway.EnqueueAsync(request(attempt)));

    /// <summary>Starts an attempt that is not a gateway request (an Ask with its own timeout); answers it like any other.</summary>
    public int Begin()
    {
        InFlight = true;
        return ++Attempt;
    }

    /// <summary>True when the message answers the attempt in flight; that attempt is then over.</summary>
    public bool Answers(ITimerScheduler timers, int attempt)
    {
        if (attempt != Attempt || !InFlight) return false;
        InFlight = false;
        timers.Cancel(TimerKey);
        return true;
    }

    private void Send(ITimerScheduler timers, IActorRef self, Func<int, Task> enqueue)
    {
        var attempt = Begin();
        timers.StartSingleTimer(TimerKey, new AttemptTimedOut(attempt), attemptTimeout);
        // Completion only says the request is queued; the answer comes later as DocumentPosted/DocumentLookedUp.
        enqueue(attempt).PipeTo(self, success: () => Enqueued.Instance, failure: ex => new EnqueueFailed(attempt, ex));
    }
}

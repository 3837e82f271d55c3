using Akka.Actor;
using Akka.Pattern;

namespace ActorSync.Engine.Hosting;

/// <summary>How the engine's long-lived actors come back after they fail.</summary>
public static class Supervision
{
    /// <summary>
    /// The child under a backoff supervisor that restarts it, slower each time, whatever it threw. Akka's default
    /// decider stops a child that fails while starting (<see cref="ActorInitializationException"/>, e.g. the SQL read
    /// journal not ready within its 5 s on a loaded node), and a backoff-on-failure supervisor whose child stops stops
    /// too, which for a cluster singleton means gone until the node restarts. A CI cluster run lost its unfinished-orders
    /// index that way, and with it the wake-up of a killed node's orders.
    /// </summary>
    public static Props RestartWithBackoff(Props child, string childName, TimeSpan minBackoff, TimeSpan maxBackoff) =>
        BackoffSupervisor.Props(Backoff.OnFailure(child, childName, minBackoff, maxBackoff, 0.2, -1)
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart)));
}

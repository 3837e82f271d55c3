using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;

namespace ActorSync.Engine.Gateway;

/// <summary>Asks the gateway for its counters.</summary>
public sealed record GetGatewayStats : INoSerializationVerificationNeeded
{
    public static readonly GetGatewayStats Instance = new();
}

/// <summary>
/// Owns the gateway's streams: materialised in this actor's context so they die with it, and restarted by the
/// backoff supervisor above it if they ever fail. Requests still in the queue survive a restart; requests that
/// were inside a failed stream get no answer, and their entities fall back to a look-up when their own timer fires.
/// </summary>
public sealed class ServiceLayerGatewayActor : ReceiveActor
{
    private sealed record StreamEnded(Exception? Cause) : INoSerializationVerificationNeeded;

    private readonly ServiceLayerGatewayQueue _queue;
    private readonly GatewayPipeline _pipeline;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ServiceLayerGatewayActor(ServiceLayerGatewayQueue queue, GatewayPipeline pipeline)
    {
        _queue = queue;
        _pipeline = pipeline;
        Receive<GetGatewayStats>(_ => Sender.Tell(_pipeline.Stats));
        Receive<StreamEnded>(ended =>
            throw new InvalidOperationException("The Service Layer gateway stream stopped; restarting it.", ended.Cause));
    }

    protected override void PreStart()
    {
        _pipeline.Run(_queue, Context.Materializer())
            .PipeTo(Self, success: (Done _) => new StreamEnded(null), failure: ex => new StreamEnded(ex));
        _log.Info("Service Layer gateway started");
    }

    public static Props Props(ServiceLayerGatewayQueue queue, GatewayPipeline pipeline) =>
        Akka.Actor.Props.Create(() => new ServiceLayerGatewayActor(queue, pipeline));
}

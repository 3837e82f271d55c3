using System.Threading.Channels;

namespace ActorSync.Engine.Gateway;

/// <summary>
/// The bounded front door of the gateway. Entities enqueue here (and pipe the completion back to themselves);
/// when the queue is full the enqueue simply completes later, which is the back-pressure the design asks for:
/// each entity has at most one request waiting, so memory is bounded by the entities alive, whatever the burst.
/// The queue outlives the gateway actor, so a restarted gateway picks up where the failed one stopped.
/// </summary>
public sealed class ServiceLayerGatewayQueue
{
    private readonly Channel<PostDocument> _posts;
    private readonly Channel<LookUpDocument> _lookUps;

    public ServiceLayerGatewayQueue(GatewaySettings settings)
    {
        var options = new BoundedChannelOptions(settings.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true };
        _posts = Channel.CreateBounded<PostDocument>(options);
        _lookUps = Channel.CreateBounded<LookUpDocument>(options);
    }

    public Task EnqueueAsync(PostDocument request, CancellationToken ct = default) => _posts.Writer.WriteAsync(request, ct).AsTask();

    public Task EnqueueAsync(LookUpDocument request, CancellationToken ct = default) => _lookUps.Writer.WriteAsync(request, ct).AsTask();

    /// <summary>Requests waiting for the stream (not counting those inside it).</summary>
    public int Waiting => _posts.Reader.Count + _lookUps.Reader.Count;

    internal ChannelReader<PostDocument> Posts => _posts.Reader;
    internal ChannelReader<LookUpDocument> LookUps => _lookUps.Reader;
}

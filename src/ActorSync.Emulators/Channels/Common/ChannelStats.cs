using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorSync.Emulators.Channels;

/// <summary>
/// What <c>GET /__emulator/stats</c> answers (camelCase JSON).
/// <list type="bullet">
/// <item><c>requests</c>: channel API requests by "METHOD route", e.g. "GET /V1/orders", "POST /V1/order/{id}/ship".</item>
/// <item><c>shipmentsPerOrder</c>: shipments that exist per order, keyed by the order's id in API paths (Magento
///   <c>entity_id</c>, BigCommerce <c>id</c>); a retried publish that created a second one shows 2 here.</item>
/// <item><c>shipmentsCreated</c>, <c>shipmentPostsRefused</c>: shipment requests committed and refused (4xx).</item>
/// <item><c>droppedResponses</c>: committed shipments whose answer was cut off by the drop fault.</item>
/// <item><c>unauthorized</c>, <c>rateLimited</c>, <c>outageAnswers</c>: 401s, 429s and outage answers given.</item>
/// </list>
/// </summary>
public sealed record ChannelStats(
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, int> ShipmentsPerOrder,
    long ShipmentsCreated,
    long ShipmentPostsRefused,
    long DroppedResponses,
    long Unauthorized,
    long RateLimited,
    long OutageAnswers)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Shipments of one order (0 when it has none).</summary>
    public int ShipmentsOf(string orderId) => ShipmentsPerOrder.TryGetValue(orderId, out var count) ? count : 0;
}

/// <summary>Counters behind <see cref="ChannelStats"/>; thread-safe.</summary>
internal sealed class ChannelCounters
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
    private long _created, _refused, _dropped, _unauthorized, _rateLimited, _outages;

    public void Request(string route)
    {
        lock (_lock)
            _requests[route] = _requests.GetValueOrDefault(route) + 1;
    }

    public void Created() => Interlocked.Increment(ref _created);
    public void Refused() => Interlocked.Increment(ref _refused);
    public void Dropped() => Interlocked.Increment(ref _dropped);
    public void Unauthorized() => Interlocked.Increment(ref _unauthorized);
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);
    public void Outage() => Interlocked.Increment(ref _outages);

    public ChannelStats Snapshot(IReadOnlyDictionary<string, int> shipmentsPerOrder)
    {
        lock (_lock)
        {
            return new ChannelStats(
                new SortedDictionary<string, long>(_requests, StringComparer.Ordinal),
                shipmentsPerOrder,
                Interlocked.Read(ref _created),
                Interlocked.Read(ref _refused),
                Interlocked.Read(ref _dropped),
                Interlocked.Read(ref _unauthorized),
                Interlocked.Read(ref _rateLimited),
                Interlocked.Read(ref _outages));
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _requests.Clear();
            _created = _refused = _dropped = _unauthorized = _rateLimited = _outages = 0;
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace ActorSync.Channels.Outbound;

/// <summary>The publishers by channel name (case-insensitive), e.g. "magento" and "bigcommerce".</summary>
public sealed class ShipmentPublishers
{
    private readonly Dictionary<string, IShipmentPublisher> _byChannel = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ArgumentException"/> when two publishers claim the same channel.</summary>
    public ShipmentPublishers(IEnumerable<IShipmentPublisher> publishers)
    {
        ArgumentNullException.ThrowIfNull(publishers);
        foreach (var publisher in publishers)
        {
            ArgumentNullException.ThrowIfNull(publisher, nameof(publishers));
            if (string.IsNullOrWhiteSpace(publisher.Channel))
                throw new ArgumentException($"{publisher.GetType().Name} names no channel.", nameof(publishers));
            if (!_byChannel.TryAdd(publisher.Channel, publisher))
                throw new ArgumentException($"Two shipment publishers for channel '{publisher.Channel}'.", nameof(publishers));
        }
    }

    public IReadOnlyCollection<string> Channels => _byChannel.Keys.Order(StringComparer.Ordinal).ToList();

    public bool TryGet(string channel, [NotNullWhen(true)] out IShipmentPublisher? publisher) =>
        _byChannel.TryGetValue(channel ?? "", out publisher);

    /// <summary>Throws <see cref="KeyNotFoundException"/> naming the channel and the ones there are.</summary>
    public IShipmentPublisher this[string channel] =>
        TryGet(channel, out var publisher)
            ? publisher
            : throw new KeyNotFoundException($"No shipment publisher for channel '{channel}' (there are: {string.Join(", ", Channels)}).");

    /// <summary>Publishes through the notice's channel; a channel without a publisher is <see cref="ShipmentPublishOutcome.Rejected"/>.</summary>
    public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return TryGet(notice.Channel, out var publisher)
            ? publisher.PublishAsync(notice, ct)
            : Task.FromResult<ShipmentPublishOutcome>(new ShipmentPublishOutcome.Rejected(
                $"No shipment publisher for channel '{notice.Channel}' (there are: {string.Join(", ", Channels)}); dispatch {notice.DispatchId} of order {notice.OrderExternalId} was not sent."));
    }
}

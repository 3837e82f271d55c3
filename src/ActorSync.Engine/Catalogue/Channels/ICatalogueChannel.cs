using ActorSync.Domain.Catalogue;
using ActorSync.Engine.StockPublishing.Channels;

namespace ActorSync.Engine.Catalogue.Channels;

/// <summary>
/// One channel's catalogue API: creates or updates these products (title, price, enabled), all or none. Answers as
/// the stock clients do (<see cref="StockCallResult"/>: accepted with the quota headers, refused for its items, 429,
/// unavailable), so the publishers share the quota and splitting rules.
/// </summary>
public interface ICatalogueChannel
{
    Task<StockCallResult> SendAsync(IReadOnlyList<ChannelProduct> products, CancellationToken ct);
}

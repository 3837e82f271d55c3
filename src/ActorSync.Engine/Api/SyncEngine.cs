using ActorSync.Domain.Orders;
using ActorSync.Domain.Stock;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Stock;
using Akka.Actor;
using Akka.Hosting;

namespace ActorSync.Engine.Api;

/// <summary>One SKU's figures in one warehouse, as SAP reports them.</summary>
public sealed record StockLevel(string Sku, string Warehouse, decimal InStock, decimal Committed, decimal Ordered = 0);

/// <summary>
/// The in-process entry point for work: connectors and tests submit orders and stock snapshots here and read
/// entities' state. Every call goes through the shard regions, so it works the same on any node of a cluster.
/// </summary>
public sealed class SyncEngine(IRequiredActor<OrderRegion> orders, IRequiredActor<StockRegion> stock,
    IRequiredActor<ServiceLayerGateway> gateway, IRequiredActor<UnfinishedOrders> unfinished)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Completes once the order is journaled (or recognised as a duplicate): from then on it cannot be lost.</summary>
    public async Task<OrderCommandResult> SubmitOrderAsync(ChannelOrder order, CancellationToken ct = default)
    {
        var region = await orders.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<OrderCommandResult>(new OrderCommands.SubmitOrder(order.Key.EntityId, order), DefaultTimeout, ct).ConfigureAwait(false);
    }

    public async Task<OrderCommandResult> RetryOrderAsync(string orderId, CancellationToken ct = default)
    {
        var region = await orders.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<OrderCommandResult>(new OrderCommands.RetryOrder(orderId), DefaultTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Records a dispatch: the order then owes SAP a delivery and an invoice. Idempotent per dispatch id.</summary>
    public Task<OrderCommandResult> RecordDispatchAsync(DispatchConfirmation dispatch, CancellationToken ct = default) =>
        AskOrderAsync(new OrderCommands.RecordDispatch(dispatch.OrderKey.EntityId, dispatch), ct);

    /// <summary>Records a refund: the order then owes SAP a credit note. Idempotent per refund id.</summary>
    public Task<OrderCommandResult> RecordRefundAsync(RefundRequest refund, CancellationToken ct = default) =>
        AskOrderAsync(new OrderCommands.RecordRefund(refund.OrderKey.EntityId, refund), ct);

    public Task<OrderCommandResult> CancelOrderAsync(OrderCancellation cancellation, CancellationToken ct = default) =>
        AskOrderAsync(new OrderCommands.CancelOrder(cancellation.OrderKey.EntityId, cancellation), ct);

    private async Task<OrderCommandResult> AskOrderAsync(OrderCommands.IOrderCommand command, CancellationToken ct)
    {
        var region = await orders.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<OrderCommandResult>(command, DefaultTimeout, ct).ConfigureAwait(false);
    }

    public async Task<OrderState> GetOrderAsync(string orderId, CancellationToken ct = default)
    {
        var region = await orders.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<OrderState>(new OrderQueries.GetOrderState(orderId), DefaultTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Applies a snapshot of SAP stock; the answer says, per position, whether the sellable quantity moved.</summary>
    public async Task<IReadOnlyList<StockUpdateResult>> ApplyStockSnapshotAsync(IEnumerable<StockLevel> levels, DateTimeOffset observedAt, CancellationToken ct = default)
    {
        var region = await stock.GetAsync(ct).ConfigureAwait(false);
        var asks = levels.Select(l => region.Ask<StockUpdateResult>(
            new StockCommands.ApplySapLevels(new StockKey(l.Warehouse, l.Sku).EntityId, l.InStock, l.Committed, l.Ordered, observedAt), DefaultTimeout, ct));
        return await Task.WhenAll(asks).ConfigureAwait(false);
    }

    public async Task<StockPositionState> GetStockAsync(StockKey key, CancellationToken ct = default)
    {
        var region = await stock.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<StockPositionState>(new StockQueries.GetStockPosition(key.EntityId), DefaultTimeout, ct).ConfigureAwait(false);
    }

    public async Task<GatewayStats> GetGatewayStatsAsync(CancellationToken ct = default)
    {
        var supervisor = await gateway.GetAsync(ct).ConfigureAwait(false);
        // The supervisor forwards to its child.
        return await supervisor.Ask<GatewayStats>(GetGatewayStats.Instance, DefaultTimeout, ct).ConfigureAwait(false);
    }

    public async Task<UnfinishedOrdersIndex.UnfinishedOrders> GetUnfinishedOrdersAsync(CancellationToken ct = default)
    {
        var index = await unfinished.GetAsync(ct).ConfigureAwait(false);
        return await index.Ask<UnfinishedOrdersIndex.UnfinishedOrders>(UnfinishedOrdersIndex.GetUnfinishedOrders.Instance, DefaultTimeout, ct).ConfigureAwait(false);
    }
}

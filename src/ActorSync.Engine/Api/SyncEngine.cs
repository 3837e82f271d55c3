using ActorSync.Domain.Posting;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Stock;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Posting;
using ActorSync.Engine.Pos;
using ActorSync.Engine.Stock;
using ActorSync.Engine.Warehouse;
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
    IRequiredActor<ServiceLayerGateway> gateway, IRequiredActor<UnfinishedOrders> unfinished,
    IRequiredActor<PosRegion> pos, IRequiredActor<WarehouseRegion> warehouse)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Completes once the order is journaled (or recognised as a duplicate): from then on it cannot be lost.</summary>
    public async Task<OrderCommandResult> SubmitOrderAsync(ChannelOrder order, CancellationToken ct = default)
    {
        if (Refused(RecordChecks.Check(order), OrderIdOf(order.Channel, order.ExternalId)) is { } refused) return refused;
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
        Refused(RecordChecks.Check(dispatch), OrderIdOf(dispatch.Channel, dispatch.OrderExternalId)) is { } refused
            ? Task.FromResult(refused)
            : AskOrderAsync(new OrderCommands.RecordDispatch(dispatch.OrderKey.EntityId, dispatch), ct);

    /// <summary>Records a refund: the order then owes SAP a credit note. Idempotent per refund id.</summary>
    public Task<OrderCommandResult> RecordRefundAsync(RefundRequest refund, CancellationToken ct = default) =>
        Refused(RecordChecks.Check(refund), OrderIdOf(refund.Channel, refund.OrderExternalId)) is { } refused
            ? Task.FromResult(refused)
            : AskOrderAsync(new OrderCommands.RecordRefund(refund.OrderKey.EntityId, refund), ct);

    /// <summary>
    /// Records money reported for an order after it arrived (cash on delivery collected, a bank transfer that came in,
    /// a capture the PSP reported): the order's open invoices are then paid in SAP, once. Idempotent per payment id.
    /// </summary>
    public Task<OrderCommandResult> RecordPaymentAsync(PaymentReport payment, CancellationToken ct = default) =>
        Refused(RecordChecks.Check(payment), OrderIdOf(payment.Channel, payment.OrderExternalId)) is { } refused
            ? Task.FromResult(refused)
            : AskOrderAsync(new PaymentCommands.RecordPayment(payment.OrderKey.EntityId, payment), ct);

    public Task<OrderCommandResult> CancelOrderAsync(OrderCancellation cancellation, CancellationToken ct = default) =>
        Refused(RecordChecks.Check(cancellation), OrderIdOf(cancellation.Channel, cancellation.OrderExternalId)) is { } refused
            ? Task.FromResult(refused)
            : AskOrderAsync(new OrderCommands.CancelOrder(cancellation.OrderKey.EntityId, cancellation), ct);

    /// <summary>
    /// A record that fails the boundary checks never reaches its entity (which could not do anything sound with it):
    /// the caller gets every problem at once, each at its JSON path.
    /// </summary>
    private static OrderCommandResult? Refused(IReadOnlyList<FieldProblem> problems, string orderId) =>
        problems.Count == 0 ? null : new OrderCommandResult(orderId, CommandResultCode.Rejected, Describe(problems));

    public static string Describe(IReadOnlyList<FieldProblem> problems) =>
        "Invalid record: " + string.Join("; ", problems.Select(p => $"{p.Path} {p.Problem}"));

    private static string OrderIdOf(string? channel, string? externalId) => $"{channel}:{externalId}";

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

    /// <summary>The order's state and what it waits for now.</summary>
    public async Task<OrderProgress> GetOrderProgressAsync(string orderId, CancellationToken ct = default)
    {
        var region = await orders.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<OrderProgress>(new OrderQueries.GetOrderProgress(orderId), DefaultTimeout, ct).ConfigureAwait(false);
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

    public async Task<UnfinishedEntitiesIndex.Unfinished> GetUnfinishedOrdersAsync(CancellationToken ct = default)
    {
        var index = await unfinished.GetAsync(ct).ConfigureAwait(false);
        return await index.Ask<UnfinishedEntitiesIndex.Unfinished>(UnfinishedEntitiesIndex.GetUnfinished.Instance, DefaultTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes once the receipt is journaled (or recognised as a duplicate): from then on it cannot be lost. A sale
    /// then owes SAP an invoice and its payments; a return a credit note (based on its sale's invoice when known).
    /// </summary>
    public Task<PosCommandResult> SubmitPosTransactionAsync(PosTransaction transaction, CancellationToken ct = default) =>
        RecordChecks.Check(transaction) is { Count: > 0 } problems
            ? Task.FromResult(new PosCommandResult($"{transaction.Channel}:{transaction.ExternalId}", CommandResultCode.Rejected, Describe(problems)))
            : AskPosAsync<PosCommandResult>(new PosCommands.SubmitPosTransaction(transaction.Key.EntityId, transaction), ct);

    /// <summary>Asks a parked transaction (or its parked document) to try again.</summary>
    public Task<PosCommandResult> RetryPosTransactionAsync(string transactionId, CancellationToken ct = default) =>
        AskPosAsync<PosCommandResult>(new PosCommands.RetryPosTransaction(transactionId), ct);

    /// <summary>The transaction's state (<see cref="PosTransactionState.IsEmpty"/> when the engine never received it).</summary>
    public Task<PosTransactionState> GetPosTransactionAsync(string transactionId, CancellationToken ct = default) =>
        AskPosAsync<PosTransactionState>(new PosQueries.GetPosTransactionState(transactionId), ct);

    private async Task<T> AskPosAsync<T>(object message, CancellationToken ct)
    {
        var region = await pos.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<T>(message, DefaultTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes once the movement is journaled in its window (or recognised as a duplicate): from then on it cannot be
    /// lost. The answer names the window; the window's documents post once it closes.
    /// </summary>
    public Task<WarehouseCommandResult> SubmitWarehouseMovementAsync(WarehouseMovement movement, CancellationToken ct = default) =>
        RecordChecks.Check(movement) is { Count: > 0 } problems
            ? Task.FromResult(new WarehouseCommandResult("", $"{movement.Source}:{movement.MovementId}", CommandResultCode.Rejected, Describe(problems)))
            : AskWarehouseAsync<WarehouseCommandResult>(new WarehouseCommands.AcceptMovement(movement), ct);

    /// <summary>Asks a rejected movement or a parked document of a window to try again.</summary>
    public Task<WarehouseCommandResult> RetryWarehouseItemAsync(string windowId, string itemKey, CancellationToken ct = default) =>
        AskWarehouseAsync<WarehouseCommandResult>(new WarehouseCommands.RetryWarehouseItem(windowId, itemKey), ct);

    /// <summary>A window's movements, batches and documents (<see cref="WarehouseWindowState.IsEmpty"/> when it holds none).</summary>
    public Task<WarehouseWindowState> GetWarehouseWindowAsync(string windowId, CancellationToken ct = default) =>
        AskWarehouseAsync<WarehouseWindowState>(new WarehouseQueries.GetWarehouseWindow(windowId), ct);

    private async Task<T> AskWarehouseAsync<T>(object message, CancellationToken ct)
    {
        var region = await warehouse.GetAsync(ct).ConfigureAwait(false);
        return await region.Ask<T>(message, DefaultTimeout, ct).ConfigureAwait(false);
    }
}

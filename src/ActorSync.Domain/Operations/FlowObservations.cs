using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.WarehouseFlow;

namespace ActorSync.Domain.Operations;

/// <summary>
/// Something worth counting that a flow's entity just journaled: a record taken in, a document SAP now holds, work
/// parked for an operator, a wait on records people have locked in SAP. Read from the events as they are written
/// (never from a replay), so each happens once per record however often the record is redelivered.
/// </summary>
public abstract record FlowObservation(string Flow, string EntityId)
{
    /// <param name="Source">The channel or warehouse source (<c>magento</c>, <c>sitoo</c>, <c>wms</c>).</param>
    public sealed record Received(string Flow, string EntityId, string Source, DateTimeOffset At) : FlowObservation(Flow, EntityId);

    /// <param name="Document">What SAP now holds: <c>sales-order</c>, or the job's key (<c>MAGENTO-1001/DS1</c>).</param>
    public sealed record Posted(string Flow, string EntityId, string Document, int? DocEntry, int? DocNum, bool FoundByLookup, DateTimeOffset At)
        : FlowObservation(Flow, EntityId);

    public sealed record Parked(string Flow, string EntityId, string Type, OwningTeam Team, DateTimeOffset At) : FlowObservation(Flow, EntityId);

    /// <param name="Attempts">How many times in a row SAP answered that the records were locked.</param>
    public sealed record LockWait(string Flow, string EntityId, int Attempts, DateTimeOffset At) : FlowObservation(Flow, EntityId);
}

/// <summary>The flows' events read as <see cref="FlowObservation"/>s. Pure; events that mean none of them give nothing.</summary>
public static class FlowObservations
{
    public const string Orders = "orders";
    public const string Pos = "pos";
    public const string Warehouse = "warehouse";

    public static IReadOnlyList<string> Flows { get; } = [Orders, Pos, Warehouse];

    /// <summary>The sales order itself; the other documents of an order are named by their job's key.</summary>
    public const string SalesOrder = "sales-order";

    public static IEnumerable<FlowObservation> Of(object evt) => evt switch
    {
        OrderEvents.OrderReceived e => [new FlowObservation.Received(Orders, e.OrderId, e.Order.Channel, e.At)],
        OrderEvents.OrderPosted e => [new FlowObservation.Posted(Orders, e.OrderId, SalesOrder, e.DocEntry, e.DocNum, e.FoundByLookup, e.At)],
        OrderEvents.JobCompleted e => [new FlowObservation.Posted(Orders, e.OrderId, e.Key, e.DocEntry, e.DocNum, e.FoundByLookup, e.At)],
        OrderEvents.OrderQuarantined e => [Parked(Orders, e.OrderId, e.Exception, e.At)],
        OrderEvents.JobParked e => [Parked(Orders, e.OrderId, e.Exception, e.At)],
        OrderEvents.TrackingParked e => [Parked(Orders, e.OrderId, e.Exception, e.At)],
        OrderEvents.PostingDeferred e => [new FlowObservation.LockWait(Orders, e.OrderId, e.LockAttempts, e.At)],
        OrderEvents.JobDeferred e => [new FlowObservation.LockWait(Orders, e.OrderId, e.LockAttempts, e.At)],

        PosEvents.PosTransactionReceived e => [new FlowObservation.Received(Pos, e.TransactionId, e.Transaction.Channel, e.At)],
        PosEvents.PosJobCompleted e => [new FlowObservation.Posted(Pos, e.TransactionId, e.Key, e.DocEntry, e.DocNum, e.FoundByLookup, e.At)],
        PosEvents.PosTransactionQuarantined e => e.Exceptions.Select(x => Parked(Pos, e.TransactionId, x, e.At)),
        PosEvents.PosJobParked e => [Parked(Pos, e.TransactionId, e.Exception, e.At)],
        PosEvents.PosJobDeferred e => [new FlowObservation.LockWait(Pos, e.TransactionId, e.LockAttempts, e.At)],

        WarehouseEvents.MovementAccepted e => [new FlowObservation.Received(Warehouse, e.WindowId, e.Movement.Source, e.At)],
        WarehouseEvents.WarehouseJobCompleted e => [new FlowObservation.Posted(Warehouse, e.WindowId, e.Key, e.DocEntry, e.DocNum, e.FoundByLookup, e.At)],
        WarehouseEvents.BatchClosed e => e.Rejected.SelectMany(r => r.Exceptions).Select(x => Parked(Warehouse, e.WindowId, x, e.At)),
        WarehouseEvents.WarehouseJobParked e => [Parked(Warehouse, e.WindowId, e.Exception, e.At)],
        WarehouseEvents.WarehouseJobDeferred e => [new FlowObservation.LockWait(Warehouse, e.WindowId, e.LockAttempts, e.At)],
        _ => [],
    };

    private static FlowObservation.Parked Parked(string flow, string id, ExceptionDetails exception, DateTimeOffset at) =>
        new(flow, id, exception.Type, exception.Team, at);
}

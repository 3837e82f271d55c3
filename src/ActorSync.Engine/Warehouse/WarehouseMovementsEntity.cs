using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using Akka.Actor;
using Akka.Hosting;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Engine.Warehouse;

/// <summary>
/// One source's coalescing window (<c>wms@20300115T090000Z</c>). Every movement is journaled before it is
/// acknowledged; a timer closes the batch once the window is over; the coalesced documents are journaled, then sent
/// through the gateway one at a time (the machinery in <see cref="PostingFlowEntity{TState, TEvent, TDecision}"/>). The
/// rules live in <see cref="WarehouseDecisions"/>; this actor adds the window's commands, its close timer and its
/// reports to the exception queue.
/// </summary>
public sealed class WarehouseMovementsEntity : PostingFlowEntity<WarehouseWindowState, IWarehouseEvent, WarehouseDecision>
{
    public const string PersistencePrefix = "warehouse-movements-";

    /// <summary>Wakes a window without changing it: recovery alone makes it re-arm its timer and resume posting.</summary>
    public sealed record Wake(string WindowId) : IWithWarehouseWindowId;

    private readonly WarehouseRules _rules;

    public WarehouseMovementsEntity(string windowId, WarehouseFlowSettings settings, WarehouseRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader)
        : base(PersistencePrefix + windowId, WarehouseWindowState.Empty(windowId), gateway, settings.AttemptTimeout, settings.PassivateAfter,
            registry, masterData, stockReader)
    {
        _rules = rules;

        Command<AcceptMovement>(cmd => Apply(State.ProcessCommand(cmd, _rules, DateTimeOffset.UtcNow)));
        Command<CloseBatch>(cmd => Apply(State.ProcessCommand(cmd, _rules, DateTimeOffset.UtcNow)));
        Command<RetryWarehouseItem>(cmd => Apply(State.ProcessCommand(cmd, _rules, DateTimeOffset.UtcNow)));
        Command<WarehouseQueries.GetWarehouseWindow>(_ => Sender.Tell(State));
        Command<Wake>(_ => { });
    }

    protected override string Describe => $"Warehouse window {State.WindowId}";
    protected override WarehouseWindowState Evolve(WarehouseWindowState state, IWarehouseEvent evt) => state.ProcessEvent(evt);
    protected override ImmutableList<IWarehouseEvent> StampProgress(ImmutableList<IWarehouseEvent> events) => State.StampProgress(events);
    protected override NextStep OnRecovery() => State.OnRecovery();
    protected override WarehouseDecision Outcome(string key, PostOutcome outcome, DateTimeOffset now) =>
        State.ProcessOutcome(key, outcome, _rules.LockRetry, now, Random.Shared.NextDouble());
    protected override WarehouseDecision Lookup(string key, LookupOutcome outcome, DateTimeOffset now) => State.ProcessLookup(key, outcome, now);
    protected override WarehouseDecision Pick(StockReading reading, MasterDataSnapshot masterData, DateTimeOffset now) =>
        State.PickStock(reading, masterData, _rules.Mapping.BatchAllocation, now);
    protected override ImmutableList<StockPlace> StockToRead(MasterDataSnapshot? masterData) => State.StockToRead(masterData);
    protected override WorkItem? CurrentWork() => State.CurrentWork();
    protected override bool HasUnfinishedWork => State.HasUnfinishedWork;

    /// <summary>The close timer follows the state: armed while movements are pending, whatever else is going on.</summary>
    protected override void AfterStep()
    {
        if (State is not { HasPending: true, CloseAt: { } closeAt }) return;
        var delay = closeAt - DateTimeOffset.UtcNow;
        Timers.StartSingleTimer("close", new CloseBatch(State.WindowId), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    /// <summary>
    /// Each rejected movement and each parked document is its own record in the exception queue
    /// (<c>{window}/{key}</c>), so one bad movement never hides another and a retry reaches exactly that item.
    /// Success is reported for items that had failed once their document is in SAP. Fire and forget.
    /// </summary>
    protected override IEnumerable<object> Report(IWarehouseEvent evt)
    {
        var messages = new List<object>();
        switch (evt)
        {
            case BatchClosed e:
                foreach (var rejection in e.Rejected)
                foreach (var problem in rejection.Exceptions.GroupBy(x => x.Type))
                    messages.Add(Raise(rejection.MovementKey, Combine(problem.ToList()), MovementPayload(rejection.MovementKey), e.At));
                // Released movements that needed no document (a move within one SAP warehouse) are done now.
                foreach (var key in e.Coalesced.Where(k => State.FindMovement(k) is { WasRejected: true } && !e.Documents.Any(d => d.MovementKeys.Contains(k))))
                    messages.Add(Succeeded(key, e.At));
                break;
            case WarehouseJobParked e:
                messages.Add(Raise(e.Key, e.Exception, DocumentPayload(e.Key), e.At));
                break;
            case WarehouseJobCompleted e when State.DocumentOf(e.Key) is { } document:
                if (document.WasParked) messages.Add(Succeeded(e.Key, e.At));
                messages.AddRange(document.MovementKeys.Where(k => State.FindMovement(k) is { WasRejected: true }).Select(k => Succeeded(k, e.At)));
                break;
        }
        return messages;
    }

    private object Raise(string itemKey, ExceptionDetails details, string payload, DateTimeOffset at) =>
        new ExceptionQueueCommands.RaiseException(RecordKinds.Warehouse, WarehouseWindows.RecordId(State.WindowId, itemKey), details, payload, at);

    private object Succeeded(string itemKey, DateTimeOffset at) =>
        new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Warehouse, WarehouseWindows.RecordId(State.WindowId, itemKey), at);

    private string MovementPayload(string key) => Payload(State.FindMovement(key)?.Movement);

    private string DocumentPayload(string jobKey) => Payload(new
    {
        document = State.Jobs.FirstOrDefault(j => j.Key == jobKey),
        movements = State.DocumentOf(jobKey)?.MovementKeys.Select(k => State.FindMovement(k)?.Movement),
    });

    public static Props Props(string windowId, WarehouseFlowSettings settings, WarehouseRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader) =>
        Akka.Actor.Props.Create(() => new WarehouseMovementsEntity(windowId, settings, rules, gateway, registry, masterData, stockReader));
}

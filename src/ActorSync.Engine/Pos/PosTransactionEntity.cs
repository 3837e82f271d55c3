using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using Akka.Actor;
using Akka.Hosting;
using static ActorSync.Domain.PosFlow.PosCommands;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Engine.Pos;

/// <summary>
/// One POS receipt: its invoice and payments (a sale) or its credit note and refunds (a return). The rules live in
/// <see cref="PosDecisions"/>; the posting machinery in <see cref="PostingFlowEntity{TState, TEvent, TDecision}"/>.
/// This actor adds the receipt's commands, asks a return's sale for its invoice, and reports parked work to the
/// exception queue.
/// </summary>
public sealed class PosTransactionEntity : PostingFlowEntity<PosTransactionState, IPosEvent, PosDecision>
{
    public const string PersistencePrefix = "pos-";

    /// <summary>Wakes a transaction without changing it: recovery alone makes it resume its unfinished work.</summary>
    public sealed record Wake(string TransactionId) : IWithPosTransactionId;

    private sealed record OriginalAnswered(int Attempt, OriginalSale Sale) : INoSerializationVerificationNeeded;

    private readonly PosFlowSettings _settings;
    private readonly PosRules _rules;

    public PosTransactionEntity(string transactionId, PosFlowSettings settings, PosRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader)
        : base(PersistencePrefix + transactionId, PosTransactionState.Empty(transactionId), gateway, settings.AttemptTimeout, settings.PassivateAfter,
            registry, masterData, stockReader)
    {
        (_settings, _rules) = (settings, rules);

        Command<SubmitPosTransaction>(cmd => Apply(State.ProcessCommand(cmd, _rules, DateTimeOffset.UtcNow)));
        Command<RetryPosTransaction>(cmd => Apply(State.ProcessCommand(cmd, _rules, DateTimeOffset.UtcNow)));
        Command<PosQueries.GetPosTransactionState>(_ => Sender.Tell(State));
        Command<Wake>(_ => { });
        Command<OriginalAnswered>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(State.ProcessOriginal(msg.Sale, _rules, DateTimeOffset.UtcNow));
        });
    }

    protected override string Describe => $"POS transaction {State.TransactionId}";
    protected override PosTransactionState Evolve(PosTransactionState state, IPosEvent evt) => state.ProcessEvent(evt);
    protected override ImmutableList<IPosEvent> StampProgress(ImmutableList<IPosEvent> events) => State.StampProgress(events);
    protected override NextStep OnRecovery() => State.OnRecovery();
    protected override PosDecision Outcome(string key, PostOutcome outcome, DateTimeOffset now) =>
        State.ProcessOutcome(key, outcome, _rules.LockRetry, now, Random.Shared.NextDouble());
    protected override PosDecision Lookup(string key, LookupOutcome outcome, DateTimeOffset now) => State.ProcessLookup(key, outcome, now);
    protected override PosDecision Pick(StockReading reading, MasterDataSnapshot masterData, DateTimeOffset now) =>
        State.PickStock(reading, masterData, _rules.Mapping.BatchAllocation, now);
    protected override ImmutableList<StockPlace> StockToRead(MasterDataSnapshot? masterData) => State.StockToRead(masterData);
    protected override WorkItem? CurrentWork() => State.CurrentWork();
    protected override bool HasUnfinishedWork => State.HasUnfinishedWork;
    protected override bool Parks(IPosEvent evt) => evt is PosTransactionQuarantined or PosJobParked;

    /// <summary>A waiting return asks its sale's own entity what became of its invoice; the answer comes back through PipeTo.</summary>
    protected override bool TakeOwnStep(NextStep step)
    {
        if (step is not NextStep.Post || State is not { Status: PosStatus.AwaitingOriginal, OriginalTransactionId: { } originalId }) return false;
        var attempt = BeginAttempt();
        Registry.Get<PosRegion>()
            .Ask<PosTransactionState>(new PosQueries.GetPosTransactionState(originalId), _settings.OriginalAskTimeout)
            .PipeTo(Self,
                success: sale => new OriginalAnswered(attempt, OriginalSale.Of(sale)),
                failure: ex => new OriginalAnswered(attempt, new OriginalSale.Pending($"sale {originalId} did not answer ({ex.GetType().Name})")));
        return true;
    }

    /// <summary>
    /// Parked work goes to the exception queue with the receipt as its payload (one exception per problem type, so each
    /// reaches its team). Success is reported only once nothing of the transaction is parked any more: a second payment
    /// going through must not resolve the first one's exception. Fire and forget; the journal is the truth.
    /// </summary>
    protected override IEnumerable<object> Report(IPosEvent evt)
    {
        var id = State.TransactionId;
        return evt switch
        {
            PosTransactionQuarantined e => e.Exceptions.GroupBy(x => x.Type).Select(g => Raise(Combine(g.ToList()), e.At)).ToList(),
            PosJobParked e => [Raise(e.Exception, e.At)],
            PosTransactionPlanned e when WasParked && !State.HasParkedWork => [new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Pos, id, e.At)],
            PosJobCompleted e when WasParked && !State.HasParkedWork => [new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Pos, id, e.At)],
            _ => [],
        };

        object Raise(ExceptionDetails details, DateTimeOffset at) =>
            new ExceptionQueueCommands.RaiseException(RecordKinds.Pos, id, details, Payload(State.Transaction), at);
    }

    public static Props Props(string transactionId, PosFlowSettings settings, PosRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader) =>
        Akka.Actor.Props.Create(() => new PosTransactionEntity(transactionId, settings, rules, gateway, registry, masterData, stockReader));
}

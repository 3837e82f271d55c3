using ActorSync.Domain.Audit;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Audit.AuditCommands;
using static ActorSync.Domain.Audit.AuditEvents;
using static ActorSync.Domain.Audit.AuditQueries;

namespace ActorSync.Engine.Audit;

/// <summary>
/// The audit trail: one per cluster (a singleton), journaled as <c>audit-trail</c>. The rules live in
/// <see cref="AuditDecisions"/>; this actor journals their events and answers once they are written. Writes are
/// <c>PersistAsync</c>, so a burst of actions shares journal round trips instead of queueing behind each one:
/// decisions are taken on <c>_decided</c> (every event decided so far), queries answered from <c>_written</c>
/// (only what the journal holds; a query waits for the writes before it). A write that fails stops the actor (its backoff supervisor restarts it from the
/// journal), so the two never drift apart, and the caller, without an answer, refuses the action.
/// </summary>
public sealed class AuditTrailActor : ReceivePersistentActor
{
    public const string Id = "audit-trail";

    private readonly AuditTrailSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AuditTrailState _written = AuditTrailState.Empty;
    private AuditTrailState _decided = AuditTrailState.Empty;

    public override string PersistenceId => Id;

    public AuditTrailActor(AuditTrailSettings settings)
    {
        _settings = settings;

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is AuditTrailSnapshot s) _written = AuditTrailState.FromSnapshot(s); });
        Recover<IAuditEvent>(evt => _written = _written.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ =>
        {
            _decided = _written;
            _log.Info("Audit trail recovered: {0} entries held, next {1}", _written.Entries.Count, _written.NextNumber);
        });

        Command<RecordAction>(cmd => Apply(_decided.ProcessCommand(cmd)));
        Command<RecordOutcome>(cmd => Apply(_decided.ProcessCommand(cmd)));
        // Answered once every write before it is done, so a caller reads what it has just recorded (outcomes included).
        Command<ListAudit>(q =>
        {
            var sender = Sender;
            DeferAsync(q, query => sender.Tell(_written.List(query.Filter, query.Limit)));
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("Audit trail: snapshot failed: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("Audit trail: deleting old snapshots failed: {0}", f.Cause.Message));
    }

    private void Apply(AuditDecision decision)
    {
        // Outcomes arrive without a sender (fire-and-forget): nobody is waiting for their reply.
        var sender = Sender.Equals(Context.System.DeadLetters) ? ActorRefs.Nobody : Sender;
        if (decision.Events.IsEmpty)
        {
            if (decision.Reply.IsError) _log.Warning("Audit trail refused a report: {0}", decision.Reply.Message);
            sender.Tell(decision.Reply);
            return;
        }
        foreach (var evt in decision.Events) _decided = _decided.ProcessEvent(evt);
        var last = decision.Events[^1];
        PersistAllAsync(decision.Events, evt =>
        {
            _written = _written.ProcessEvent(evt);
            // Only the snapshot store is trimmed; the journal keeps every entry.
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_written.ToSnapshot());
            if (ReferenceEquals(evt, last)) sender.Tell(decision.Reply);
        });
    }

    /// <summary>A refused write would leave <c>_decided</c> ahead of the journal: start again from the journal instead.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    public static Props Props(AuditTrailSettings settings) => Akka.Actor.Props.Create(() => new AuditTrailActor(settings));
}

using ActorSync.Domain.ExceptionQueue;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueQueries;

namespace ActorSync.Engine.ExceptionQueue;

/// <summary>
/// The exception queue: one per cluster (a singleton), journaled. The rules live in <see cref="ExceptionQueueDecisions"/>;
/// this actor journals their events, answers operators, and carries retry requests to the record's owner
/// (<see cref="RecordOwner"/>), whose answer comes back through <c>PipeTo</c>, so the mailbox never blocks.
/// <see cref="RaiseException"/> and <see cref="RecordSucceeded"/> are fire-and-forget: they get no reply.
/// </summary>
public sealed class ExceptionQueueActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "exception-queue-";

    private sealed record OwnerAnswered(string ExceptionId, int RetryNumber, RetryAnswer Answer, IActorRef ReplyTo) : INoSerializationVerificationNeeded;
    private sealed class Maintain
    {
        public static readonly Maintain Instance = new();
    }

    private readonly ExceptionQueueSettings _settings;
    private readonly IReadOnlyList<RecordOwner> _owners;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ExceptionQueueState _state = ExceptionQueueState.Empty;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public ExceptionQueueActor(ExceptionQueueSettings settings, IEnumerable<RecordOwner> owners)
    {
        _settings = settings;
        _owners = owners.ToList();
        PersistenceId = PersistencePrefix + settings.Name;

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is ExceptionQueueSnapshot s) _state = ExceptionQueueState.FromSnapshot(s); });
        Recover<IExceptionQueueEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Info("Exception queue {0} recovered: {1} exceptions, {2} open; retry owners: {3}",
                PersistenceId, _state.Exceptions.Count, _state.OpenCount, string.Join(", ", _owners.Select(o => o.RecordKind + (o.RecordIdPrefix is null ? "" : $" ({o.RecordIdPrefix}…)"))));
            Timers.StartPeriodicTimer("maintain", Maintain.Instance, _settings.MaintenanceInterval);
        });

        Command<RaiseException>(cmd => Apply(_state.ProcessCommand(cmd), WarnIfRefused));
        Command<RecordSucceeded>(cmd => Apply(_state.ProcessCommand(cmd), WarnIfRefused));
        Command<RetryException>(Retry);
        Command<ResolveException>(cmd => Apply(_state.ProcessCommand(cmd, DateTimeOffset.UtcNow), ReplyToSender()));
        Command<IgnoreException>(cmd => Apply(_state.ProcessCommand(cmd, DateTimeOffset.UtcNow), ReplyToSender()));
        Command<OwnerAnswered>(OnOwnerAnswered);
        Command<ListExceptions>(q => Sender.Tell(new ExceptionList(_state.List(q.Filter))));
        Command<GetException>(q => Sender.Tell(new ExceptionLookup(q.ExceptionId, _state.Find(q.ExceptionId))));
        Command<Maintain>(_ =>
        {
            var now = DateTimeOffset.UtcNow;
            // Both are decided on the same state: one touches only retrying exceptions, the other only closed ones.
            var expired = _state.ProcessCommand(new ExpireStaleRetries(_settings.RetryOutcomeTimeout), now);
            var purged = _state.ProcessCommand(new PurgeClosed(now - _settings.ClosedRetention));
            Apply(expired with { Events = expired.Events.AddRange(purged.Events) }, _ => { });
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("Exception queue {0}: snapshot failed: {1}", PersistenceId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("Exception queue {0}: deleting old snapshots failed: {1}", PersistenceId, f.Cause.Message));
    }

    /// <summary>Journal the request first (the exception is retrying from then on), then ask the owner; the operator's
    /// answer waits for the owner's.</summary>
    private void Retry(RetryException cmd)
    {
        var sender = Sender;
        if (_state.Find(cmd.ExceptionId) is { } known && OwnerOf(known) is null)
        {
            sender.Tell(new ExceptionCommandResult(known.Id, ExceptionResultCode.Conflict,
                $"Nothing here can retry {known.RecordKind} record {known.RecordId} (no owner registered for that kind, or for that record); resolve or ignore {known.Id} instead.", known));
            return;
        }
        Apply(_state.ProcessCommand(cmd, DateTimeOffset.UtcNow), reply =>
        {
            if (reply.Code == ExceptionResultCode.Accepted) AskOwner(_state.Find(cmd.ExceptionId)!, sender);
            else sender.Tell(reply);
        });
    }

    private void AskOwner(ExceptionRecord exception, IActorRef replyTo)
    {
        var owner = OwnerOf(exception)!;
        var (id, number, kind) = (exception.Id, exception.RetryRequests, exception.RecordKind);
        owner.Owner.Ask<object>(owner.RetryMessage(exception.RecordId), _settings.RetryAnswerTimeout)
            .PipeTo(Self,
                success: answer => new OwnerAnswered(id, number, owner.ReadAnswer(answer), replyTo),
                failure: ex => new OwnerAnswered(id, number, new RetryAnswer(false, $"The {kind} owner did not answer the retry: {ex.Message}"), replyTo));
    }

    /// <summary>The first owner of the record's kind that owns its id.</summary>
    private RecordOwner? OwnerOf(ExceptionRecord exception) =>
        _owners.FirstOrDefault(o => string.Equals(o.RecordKind, exception.RecordKind, StringComparison.Ordinal) && o.Owns(exception.RecordId));

    private void OnOwnerAnswered(OwnerAnswered msg)
    {
        var decision = _state.ProcessCommand(new ReportRetryOutcome(msg.ExceptionId, msg.RetryNumber, msg.Answer.Accepted, msg.Answer.Message), DateTimeOffset.UtcNow);
        var code = msg.Answer.Accepted ? ExceptionResultCode.Accepted : ExceptionResultCode.Conflict;
        var what = msg.Answer.Accepted ? "took" : "refused";
        // A late answer (the record succeeded or failed again meanwhile) changes nothing, but the operator still hears it.
        Apply(decision, _ =>
        {
            var exception = _state.Find(msg.ExceptionId);
            msg.ReplyTo.Tell(new ExceptionCommandResult(msg.ExceptionId, code,
                $"The {exception?.RecordKind ?? "record's"} owner {what} retry {msg.RetryNumber} of {msg.ExceptionId}: {msg.Answer.Message}", exception));
        });
    }

    /// <summary>Journals the decision's events (if any), then hands its reply to <paramref name="then"/>.</summary>
    private void Apply(ExceptionQueueDecision decision, Action<ExceptionCommandResult> then)
    {
        if (decision.Events.IsEmpty)
        {
            then(decision.Reply);
            return;
        }
        var last = decision.Events[^1];
        PersistAll(decision.Events, evt =>
        {
            _state = _state.ProcessEvent(evt);
            if (evt is ExceptionRaised raised)
                _log.Info("{0} raised for {1} {2}: {3} ({4})", raised.ExceptionId, raised.RecordKind, raised.RecordId, raised.Details.Type, raised.Details.Team);
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state.ToSnapshot());
            if (ReferenceEquals(evt, last)) then(decision.Reply);
        });
    }

    private Action<ExceptionCommandResult> ReplyToSender()
    {
        var sender = Sender;
        return reply => sender.Tell(reply);
    }

    /// <summary>Fire-and-forget reports get no reply; a malformed one is logged so it is not lost without a trace.</summary>
    private void WarnIfRefused(ExceptionCommandResult reply)
    {
        if (reply.IsError) _log.Warning("Exception queue {0} refused a report: {1}", PersistenceId, reply.Message);
    }

    public static Props Props(ExceptionQueueSettings settings, IEnumerable<RecordOwner> owners)
    {
        var list = owners.ToList();
        return Akka.Actor.Props.Create(() => new ExceptionQueueActor(settings, list));
    }
}

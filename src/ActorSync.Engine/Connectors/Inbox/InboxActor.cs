using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.ExceptionQueue;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;
using static ActorSync.Domain.Connectors.Inbox.InboxEvents;

namespace ActorSync.Engine.Connectors.Inbox;

/// <summary>How an inbox works its entries.</summary>
/// <param name="FirstRetryDelay">The first wait after a failed attempt; later ones double (<see cref="InboxRetryPolicy"/>).</param>
/// <param name="ProcessTimeout">An attempt that takes longer is abandoned and retried.</param>
/// <param name="MaxPayloadChars">The largest payload an entry may hold (the source's body limit).</param>
public sealed record InboxSettings(int Parallelism = 4, TimeSpan? FirstRetryDelay = null, int SnapshotEvery = 500, TimeSpan? ProcessTimeout = null, int MaxPayloadChars = 1_000_000);

/// <summary>
/// A durable inbox of one source (<c>inbox-bigcommerce-&lt;storehash&gt;</c>), a cluster singleton: an accepted entry is
/// journaled before the sender hears back, then worked by the source's <see cref="IInboxProcessor"/>, a few at a time,
/// through <c>PipeTo</c>. Done and parked are journaled; a retry waits on a timer (a whole-source wait pauses every
/// entry, e.g. a 429 or an outage). After a crash the unfinished entries are worked again. The rules are
/// <see cref="InboxDecisions"/>; payloads are never logged.
/// </summary>
public sealed class InboxActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "inbox-";

    private sealed record Processed(string Key, InboxOutcome Outcome) : INoSerializationVerificationNeeded;
    private sealed record RetryDue(string Key) : INoSerializationVerificationNeeded;
    private sealed class Resume : INoSerializationVerificationNeeded
    {
        public static readonly Resume Instance = new();
    }

    private readonly IInboxProcessor _processor;
    private readonly InboxSettings _settings;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _inFlight = [];
    private readonly HashSet<string> _waiting = [];
    private readonly Dictionary<string, int> _attempts = [];
    private readonly HashSet<string> _requeued = [];
    private InboxState _state;
    private bool _paused;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public InboxActor(string source, IInboxProcessor processor, InboxSettings settings, IReadOnlyActorRegistry registry)
    {
        (_processor, _settings, _registry) = (processor, settings, registry);
        _state = InboxState.Empty(source);
        PersistenceId = PersistencePrefix + source;

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is InboxSnapshot s) _state = InboxState.FromSnapshot(s); });
        Recover<IInboxEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ =>
        {
            var unfinished = _state.Unfinished().Count;
            if (unfinished > 0) _log.Info("Inbox {0} recovered with {1} unfinished entries; working them again", PersistenceId, unfinished);
            Dispatch();
        });

        Command<AcceptEntry>(cmd => Apply(_state.ProcessCommand(cmd, DateTimeOffset.UtcNow, _settings.MaxPayloadChars), Sender));
        Command<RequeueEntry>(cmd =>
        {
            // Remembered so that its success resolves the exception (until a restart; then an operator resolves it).
            if (_state.Find(cmd.Key) is { Status: InboxEntryStatus.Parked }) _requeued.Add(cmd.Key);
            Apply(_state.ProcessCommand(cmd, DateTimeOffset.UtcNow), Sender);
        });
        Command<GetInbox>(_ => Sender.Tell(new InboxView(_state.Source, _state.AcceptedCount, _state.DoneCount, _state.ParkedCount,
            _state.Unfinished().Select(e => e.Key).ToArray(),
            _state.Entries.Values.Where(e => e.Status == InboxEntryStatus.Parked).OrderBy(e => e.Sequence).Select(e => e.Key).ToArray())));
        Command<Processed>(OnProcessed);
        Command<RetryDue>(r =>
        {
            _waiting.Remove(r.Key);
            Dispatch();
        });
        Command<Resume>(_ =>
        {
            _paused = false;
            Dispatch();
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("Inbox {0}: snapshot failed: {1}", PersistenceId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("Inbox {0}: deleting old snapshots failed: {1}", PersistenceId, f.Cause.Message));
    }

    private void Apply<TReply>(InboxDecision<TReply> decision, IActorRef replyTo)
    {
        if (decision.Events.IsEmpty)
        {
            replyTo.Tell(decision.Reply);
            return;
        }
        PersistAll(decision.Events, evt =>
        {
            Fold(evt);
            if (ReferenceEquals(evt, decision.Events[^1])) replyTo.Tell(decision.Reply);
            Dispatch();
        });
    }

    private void Fold(IInboxEvent evt)
    {
        _state = _state.ProcessEvent(evt);
        if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state.ToSnapshot());
    }

    /// <summary>Starts pending entries, oldest first, up to the parallelism, skipping those in flight or waiting.</summary>
    private void Dispatch()
    {
        if (_paused || _inFlight.Count >= _settings.Parallelism) return;
        foreach (var entry in _state.Unfinished())
        {
            if (_inFlight.Count >= _settings.Parallelism) break;
            if (_inFlight.Contains(entry.Key) || _waiting.Contains(entry.Key)) continue;
            _inFlight.Add(entry.Key);
            RunAsync(_processor, entry, _settings.ProcessTimeout ?? TimeSpan.FromMinutes(2))
                .PipeTo(Self, success: outcome => new Processed(entry.Key, outcome));
        }
    }

    private static async Task<InboxOutcome> RunAsync(IInboxProcessor processor, InboxEntry entry, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await processor.ProcessAsync(entry, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not the payload's fault as far as anyone knows (a timeout, the engine busy): try again later.
            return new InboxOutcome.Wait($"processing failed: {ex.GetBaseException().GetType().Name}: {ex.GetBaseException().Message}");
        }
    }

    private void OnProcessed(Processed msg)
    {
        _inFlight.Remove(msg.Key);
        var attempt = _attempts[msg.Key] = _attempts.GetValueOrDefault(msg.Key) + 1;
        var outcome = InboxRetryPolicy.Escalate(msg.Outcome, attempt);
        switch (outcome)
        {
            case InboxOutcome.Wait or InboxOutcome.NotYet:
            {
                var (reason, hint, whole) = outcome is InboxOutcome.Wait w ? (w.Reason, w.After, w.WholeSource) : (((InboxOutcome.NotYet)outcome).Reason, null, false);
                var delay = InboxRetryPolicy.Delay(attempt, hint, _settings.FirstRetryDelay);
                _log.Warning("Inbox {0}: entry {1} attempt {2} waits {3:0.###} s{4}: {5}", PersistenceId, msg.Key, attempt, delay.TotalSeconds, whole ? " (the whole source pauses)" : "", reason);
                _waiting.Add(msg.Key);
                Timers.StartSingleTimer("retry:" + msg.Key, new RetryDue(msg.Key), delay);
                if (whole)
                {
                    _paused = true;
                    Timers.StartSingleTimer("resume", Resume.Instance, delay);
                }
                break;
            }

            default:
            {
                var entry = _state.Find(msg.Key);
                if (_state.Finish(msg.Key, outcome, DateTimeOffset.UtcNow) is not { } evt || entry is null)
                {
                    Dispatch();
                    return;
                }
                Persist(evt, e =>
                {
                    Fold(e);
                    _attempts.Remove(msg.Key);
                    if (outcome is InboxOutcome.Poison poison) Park(entry, poison, e.At);
                    else if (_requeued.Remove(msg.Key) && _registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
                        queue.Tell(new ExceptionQueueCommands.RecordSucceeded(RecordKinds.ChannelRecord, RecordIdOf(_state.Source, msg.Key), e.At));
                    Dispatch();
                });
                break;
            }
        }
    }

    /// <summary>A poison entry goes to the exception queue with its payload; the rest of the inbox flows on.</summary>
    private void Park(InboxEntry entry, InboxOutcome.Poison poison, DateTimeOffset at)
    {
        _log.Warning("Inbox {0}: entry {1} ({2}) parked: {3}", PersistenceId, entry.Key, entry.Kind, poison.Details.Reason);
        if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
            queue.Tell(new ExceptionQueueCommands.RaiseException(RecordKinds.ChannelRecord, RecordIdOf(_state.Source, entry.Key), poison.Details, entry.Payload, at));
        else
            _log.Error("Inbox {0}: no exception queue to park entry {1} in", PersistenceId, entry.Key);
    }

    /// <summary>The exception queue's record id of an entry: <c>&lt;source&gt;/&lt;key&gt;</c>.</summary>
    public static string RecordIdOf(string source, string key) => $"{source}/{key}";

    public static Props Props(string source, IInboxProcessor processor, InboxSettings settings, IReadOnlyActorRegistry registry) =>
        Akka.Actor.Props.Create(() => new InboxActor(source, processor, settings, registry));
}

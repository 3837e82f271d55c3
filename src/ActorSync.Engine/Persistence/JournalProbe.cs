using ActorSync.Domain.Journal;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;

namespace ActorSync.Engine.Persistence;

/// <summary>The registry key of this node's <see cref="JournalProbe"/>.</summary>
public sealed class JournalHealthCheck;

/// <summary>The one event the probe journals: that this node could write to the journal at <see cref="At"/>.</summary>
public sealed record JournalProbeWritten(DateTimeOffset At) : IJournaled;

/// <summary>
/// Whether this node's journal takes writes now, for readiness: every <see cref="Interval"/> a short-lived writer
/// recovers the probe's own persistence id (a read), journals one <see cref="JournalProbeWritten"/> through the same
/// plugin, serializer and circuit breaker every entity uses (a write) and, every <see cref="DeleteEvery"/> probes,
/// deletes the rows before it, so the probe keeps no more than that many rows and two. A database that is down,
/// read-only or full, or the journal's breaker open after failures, shows as a failed probe with the journal's own
/// words, within one interval. The persistence id names the node's
/// address, so nodes sharing a database never write under the same id. Until it has worked once, each probe also
/// makes sure a journal written before has its tags column (<see cref="JournalTagColumn"/>); the host tried that at
/// start, and this is where a database that was down then gets it.
/// </summary>
public sealed class JournalProbe : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A delete is a write outside the journal's write stream. On SQLite it waits for the stream's lock, and the plugin
    /// runs it to completion on the journal actor's own thread (Microsoft.Data.Sqlite answers synchronously, sleeping
    /// while the database is busy), so every entity's reads and writes wait with it: a thread-time trace of a burst
    /// showed 0.6 s of such sleep in 8 s when the probe deleted at every write. Once a minute keeps that rare.
    /// </summary>
    public const int DeleteEvery = 30;

    /// <summary>A probe older than this is no news: readiness fails rather than trust it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public sealed record GetJournalHealth : INoSerializationVerificationNeeded
    {
        public static readonly GetJournalHealth Instance = new();
    }

    /// <param name="Writable">The last probe wrote and no later one failed.</param>
    /// <param name="LastWrite">When a probe last wrote (null: never since start).</param>
    /// <param name="Problem">Why the last probe failed, in the journal's words (no connection string in it).</param>
    public sealed record JournalHealth(bool Writable, DateTimeOffset? LastWrite, TimeSpan? Took, string? Problem) : INoSerializationVerificationNeeded;

    private sealed record Probe(int Number) : INoSerializationVerificationNeeded;
    private sealed record Written(int Number, TimeSpan Took) : INoSerializationVerificationNeeded;
    private sealed record Failed(int Number, string Reason) : INoSerializationVerificationNeeded;
    private sealed record NoAnswer(int Number) : INoSerializationVerificationNeeded;
    private sealed record TagColumnReady(JournalTagColumn.Outcome Outcome, long RowsTagged) : INoSerializationVerificationNeeded;
    private sealed record TagColumnFailed(string Reason) : INoSerializationVerificationNeeded;

    private readonly string _persistenceId;
    private readonly TimeSpan _interval;
    private readonly int _deleteEvery;
    private readonly PersistenceSettings? _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _number;
    private bool _inFlight;
    private bool _migrating;
    private bool _tagColumnReady;
    private JournalHealth _health = new(false, null, null, "not probed yet");

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">The journal's settings, for its tags column; null: the column is not this probe's concern.</param>
    public JournalProbe(PersistenceSettings? settings = null) : this(settings, null, Interval, DeleteEvery)
    {
    }

    /// <summary>A probe under its own persistence id, at its own pace (specs; public because Akka creates actors through public constructors).</summary>
    public JournalProbe(PersistenceSettings? settings, string? persistenceId, TimeSpan interval, int deleteEvery)
    {
        var self = Cluster.Get(Context.System).SelfAddress;
        _persistenceId = persistenceId ?? $"journal-probe-{self.Host}-{self.Port}";
        (_interval, _deleteEvery, _settings) = (interval, deleteEvery, settings);

        Receive<Probe>(_ =>
        {
            EnsureTagColumn();
            Start();
        });
        Receive<Written>(msg => Finish(msg.Number, new JournalHealth(true, DateTimeOffset.UtcNow, msg.Took, null)));
        Receive<TagColumnReady>(msg =>
        {
            _migrating = false;
            // No journal yet: the plugin creates it with the column; a later probe confirms.
            if (msg.Outcome == JournalTagColumn.Outcome.NoJournalYet) return;
            _tagColumnReady = true;
            if (msg.Outcome == JournalTagColumn.Outcome.Migrated)
                _log.Info("Journal tags moved into the journal's tags column ({0} rows)", msg.RowsTagged);
        });
        Receive<TagColumnFailed>(msg =>
        {
            _migrating = false;
            _log.Warning("The journal's tags column could not be made yet ({0}); trying again at the next probe", msg.Reason);
        });
        Receive<Failed>(msg => Finish(msg.Number, _health with { Writable = false, Took = null, Problem = msg.Reason }));
        Receive<NoAnswer>(msg => Finish(msg.Number, _health with { Writable = false, Took = null, Problem = $"the journal did not answer a write within {_interval.TotalSeconds:0} s" }));
        Receive<GetJournalHealth>(_ => Sender.Tell(Stale(_health)));
        Receive<Terminated>(_ => { }); // a writer ends either way; its answer (or the timer) says how
    }

    protected override void PreStart()
    {
        Self.Tell(new Probe(0));
        Timers.StartPeriodicTimer("probe", new Probe(0), _interval);
    }

    private void Start()
    {
        if (_inFlight) return; // a slow journal: the running probe's answer, or its timeout, comes first
        _inFlight = true;
        var number = ++_number;
        Context.Watch(Context.ActorOf(Akka.Actor.Props.Create(() => new Writer(_persistenceId, number, _deleteEvery)), $"writer-{number}"));
        Timers.StartSingleTimer("no-answer", new NoAnswer(number), _interval);
    }

    private void EnsureTagColumn()
    {
        if (_settings is null || _tagColumnReady || _migrating) return;
        _migrating = true;
        JournalTagColumn.EnsureAsync(_settings, CancellationToken.None)
            .PipeTo(Self, success: r => new TagColumnReady(r.Outcome, r.RowsTagged), failure: e => new TagColumnFailed(e.GetBaseException().Message));
    }

    private void Finish(int number, JournalHealth health)
    {
        if (number != _number || !_inFlight) return;
        _inFlight = false;
        Timers.Cancel("no-answer");
        _health = health;
    }

    private static JournalHealth Stale(JournalHealth health) =>
        health is { Writable: true, LastWrite: { } at } && DateTimeOffset.UtcNow - at > StaleAfter
            ? health with { Writable = false, Problem = $"no probe has written since {at:u}" }
            : health;

    /// <summary>One probe: recover (read), persist (write), delete the previous row, tell the parent, stop.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly int _number;
        private readonly int _deleteEvery;
        private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

        public override string PersistenceId { get; }

        // The probe's own rows are all it needs; a snapshot query would only add a second round trip.
        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

        public Writer(string persistenceId, int number, int deleteEvery)
        {
            (PersistenceId, _number, _deleteEvery) = (persistenceId, number, deleteEvery);
            Recover<JournalProbeWritten>(_ => { });
            Recover<RecoveryCompleted>(_ => Persist(new JournalProbeWritten(DateTimeOffset.UtcNow), _ =>
            {
                Context.Parent.Tell(new Written(_number, DateTimeOffset.UtcNow - _started));
                if (LastSequenceNr % _deleteEvery == 0) DeleteMessages(LastSequenceNr - 1);
                else Context.Stop(Self);
            }));
            Command<DeleteMessagesSuccess>(_ => Context.Stop(Self));
            Command<DeleteMessagesFailure>(_ => Context.Stop(Self)); // the write worked; an old row left is harmless
        }

        protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
            Context.Parent.Tell(new Failed(_number, $"reading the journal failed: {reason.GetBaseException().Message}"));

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
            Context.Parent.Tell(new Failed(_number, $"writing to the journal failed: {cause.GetBaseException().Message}"));

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            Context.Parent.Tell(new Failed(_number, $"the journal rejected a write: {cause.GetBaseException().Message}"));
            Context.Stop(Self);
        }
    }
}

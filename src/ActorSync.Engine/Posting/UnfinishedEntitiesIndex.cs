using ActorSync.Engine.Hosting;
using Akka;
using Akka.Actor;
using Akka.Pattern;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Engine.Posting;

/// <summary>
/// Knows which entities of one kind (orders, POS transactions, warehouse windows) still
/// owe SAP some work from their progress-tagged events (each says, after it was applied, whether work is pending) and
/// wakes them through their shard region: once at start (after a crash nothing else would), then on an interval,
/// which also revives entities whose shard moved to another node. A woken entity that is already busy ignores the poke.
/// </summary>
public sealed class UnfinishedEntitiesIndex : ReceiveActor, IWithTimers
{
    /// <summary>What the index needs to know about one kind of entity.</summary>
    /// <param name="Tag">The journal tag its progress events carry.</param>
    /// <param name="PersistencePrefix">Its persistence ids' prefix; the rest is the entity id.</param>
    /// <param name="WorkPending">Reads an event: true/false for progress events, null for anything else.</param>
    /// <param name="Wake">The message that wakes entity <c>id</c> through the region.</param>
    public sealed record Kind(string Name, string Tag, string PersistencePrefix, Func<object, bool?> WorkPending, Func<string, object> Wake);

    public sealed record GetUnfinished
    {
        public static readonly GetUnfinished Instance = new();
    }

    public sealed record Unfinished(IReadOnlyCollection<string> EntityIds, bool Loaded);

    private sealed record Progress(string EntityId, long SequenceNr, bool Pending) : INoSerializationVerificationNeeded;
    private sealed record Loaded(long Count, Offset LastOffset) : INoSerializationVerificationNeeded;
    private sealed record LiveStreamEnded(Exception? Cause) : INoSerializationVerificationNeeded;
    private sealed record WakeAll : INoSerializationVerificationNeeded
    {
        public static readonly WakeAll Instance = new();
    }

    private readonly IActorRef _region;
    private readonly Kind _kind;
    private readonly ITagQueries _queries;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (long Seq, bool Pending)> _latest = new();
    private bool _loaded;
    private IMaterializer _materializer = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public UnfinishedEntitiesIndex(IActorRef region, Kind kind, TimeSpan interval, ITagQueries? queries = null)
    {
        (_region, _kind, _interval) = (region, kind, interval);
        _queries = queries ?? new SqlTagQueries(Context.System);

        Receive<Progress>(p =>
        {
            if (_latest.TryGetValue(p.EntityId, out var seen) && seen.Seq >= p.SequenceNr) return;
            _latest[p.EntityId] = (p.SequenceNr, p.Pending);
        });
        Receive<Loaded>(l =>
        {
            _loaded = true;
            var unfinished = Pending().ToList();
            _log.Info("Unfinished {0} index loaded {1} progress events; waking {2}", _kind.Name, l.Count, unfinished.Count);
            Wake(unfinished);
            Timers.StartPeriodicTimer("wake", WakeAll.Instance, _interval);
            FollowLiveEvents(l.LastOffset);
        });
        Receive<WakeAll>(_ => Wake(Pending().ToList()));
        Receive<GetUnfinished>(_ => Sender.Tell(new Unfinished(Pending().ToList(), _loaded)));
        Receive<Status.Failure>(f => throw new InvalidOperationException($"The unfinished {_kind.Name} index query failed.", f.Cause));
        // The live stream never ends by itself: when it fails (the database went away) or stops, the index fails, and
        // its backoff supervisor starts it afresh, which reloads from the journal and follows the tag again.
        Receive<LiveStreamEnded>(e => throw new InvalidOperationException($"The unfinished {_kind.Name} index lost its live tag stream.", e.Cause));
    }

    private IEnumerable<string> Pending() => _latest.Where(kv => kv.Value.Pending).Select(kv => kv.Key);

    private void Wake(IReadOnlyCollection<string> ids) =>
        // Paced so that a restart with many unfinished entities does not recover them all in the same instant.
        Source.From(ids)
            .Throttle(500, TimeSpan.FromSeconds(1), 500, ThrottleMode.Shaping)
            .RunForeach(id => _region.Tell(_kind.Wake(id)), _materializer);

    protected override void PreStart()
    {
        _materializer = Context.Materializer();
        var self = Self;
        _queries.Current(_kind.Tag)
            .RunAggregate((Count: 0L, Last: Offset.NoOffset()), (acc, envelope) =>
            {
                if (ToProgress(envelope) is { } progress) self.Tell(progress);
                return (acc.Count + 1, envelope.Offset);
            }, _materializer)
            .PipeTo(self, success: acc => new Loaded(acc.Count, acc.Last));
    }

    private void FollowLiveEvents(Offset from)
    {
        var self = Self;
        _queries.Live(_kind.Tag, from)
            .RunForeach(envelope => { if (ToProgress(envelope) is { } progress) self.Tell(progress); }, _materializer)
            .PipeTo(self, success: () => new LiveStreamEnded(null), failure: cause => new LiveStreamEnded(cause));
    }

    private Progress? ToProgress(EventEnvelope envelope) =>
        envelope.PersistenceId.StartsWith(_kind.PersistencePrefix, StringComparison.Ordinal) && _kind.WorkPending(envelope.Event) is { } pending
            ? new Progress(envelope.PersistenceId[_kind.PersistencePrefix.Length..], envelope.SequenceNr, pending)
            : null;

    /// <summary>The index under a backoff supervisor (1 s doubling to 30 s), which forwards every message to it.</summary>
    public static Props Props(IActorRef region, Kind kind, TimeSpan interval, ITagQueries? queries = null) =>
        Supervision.RestartWithBackoff(Akka.Actor.Props.Create(() => new UnfinishedEntitiesIndex(region, kind, interval, queries)),
            "index", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}

/// <summary>Where an index reads its tag: what the journal holds now, and what it gets from an offset on.</summary>
public interface ITagQueries
{
    Source<EventEnvelope, NotUsed> Current(string tag);
    Source<EventEnvelope, NotUsed> Live(string tag, Offset from);
}

public sealed class SqlTagQueries(ActorSystem system) : ITagQueries
{
    private SqlReadJournal Journal => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    public Source<EventEnvelope, NotUsed> Current(string tag) => Journal.CurrentEventsByTag(tag, Offset.NoOffset());

    public Source<EventEnvelope, NotUsed> Live(string tag, Offset from) => Journal.EventsByTag(tag, from);
}

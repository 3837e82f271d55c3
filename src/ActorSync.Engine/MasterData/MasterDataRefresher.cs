using Akka.Actor;
using Akka.Event;

namespace ActorSync.Engine.MasterData;

/// <summary>Asks for a reload now; the answer is <see cref="MasterDataRefreshed"/>.</summary>
public sealed record RefreshMasterData : INoSerializationVerificationNeeded
{
    public static readonly RefreshMasterData Instance = new();
}

public sealed record MasterDataRefreshed(bool Ok, DateTimeOffset? LoadedAt, int Items, string? Error) : INoSerializationVerificationNeeded;

/// <summary>
/// Keeps this node's copy of SAP's master data current: at start, on an interval, and on demand (an operator retry
/// asks first, so a record retried right after a fix in SAP is checked against the fix). A failed load keeps the last
/// good snapshot; requests that arrive while a load runs share its answer.
/// </summary>
public sealed class MasterDataRefresher : ReceiveActor, IWithTimers
{
    private sealed record Loaded(Domain.Validation.MasterDataSnapshot Snapshot) : INoSerializationVerificationNeeded;
    private sealed record LoadFailed(Exception Cause) : INoSerializationVerificationNeeded;
    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }

    private readonly MasterDataLoader _loader;
    private readonly MasterDataSnapshotHolder _holder;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private readonly TimeSpan _interval;
    private bool _loading;

    /// <summary>The first wait after a failed load; it doubles up to the refresh interval.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);

    private int _failures;

    public ITimerScheduler Timers { get; set; } = null!;

    public MasterDataRefresher(MasterDataLoader loader, MasterDataSnapshotHolder holder, TimeSpan interval)
    {
        _loader = loader;
        _holder = holder;
        Receive<Tick>(_ => Load());
        Receive<RefreshMasterData>(_ =>
        {
            _waiting.Add(Sender);
            Load();
        });
        Receive<Loaded>(loaded =>
        {
            var at = DateTimeOffset.UtcNow;
            _holder.Set(loaded.Snapshot, at);
            _failures = 0;
            _log.Info("Master data loaded: {0} items, {1} business partners", loaded.Snapshot.Items.Count, loaded.Snapshot.BusinessPartners.Count);
            Answer(new MasterDataRefreshed(true, at, loaded.Snapshot.Items.Count, null));
        });
        Receive<LoadFailed>(failed =>
        {
            _failures++;
            // Orders of registered customers wait for a first snapshot, so after a failed load (SAP down at start) the
            // next try comes soon, doubling from 5 s, not a whole interval later.
            var retry = TimeSpan.FromTicks(Math.Min(_interval.Ticks, FirstRetry.Ticks << Math.Min(_failures - 1, 10)));
            _log.Warning("Master data could not be loaded ({0}); keeping the snapshot from {1}; trying again in {2:0} s",
                failed.Cause.Message, _holder.LoadedAt?.ToString("u") ?? "never", retry.TotalSeconds);
            Timers.StartSingleTimer("retry", Tick.Instance, retry);
            Answer(new MasterDataRefreshed(false, _holder.LoadedAt, _holder.Current?.Items.Count ?? 0, failed.Cause.Message));
        });
        _interval = interval;
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("refresh", Tick.Instance, TimeSpan.Zero, _interval);

    private void Load()
    {
        if (_loading) return;
        _loading = true;
        _loader.LoadAsync().PipeTo(Self, success: s => new Loaded(s), failure: ex => new LoadFailed(ex));
    }

    private void Answer(MasterDataRefreshed answer)
    {
        _loading = false;
        foreach (var waiter in _waiting) waiter.Tell(answer);
        _waiting.Clear();
    }

    public static Props Props(MasterDataLoader loader, MasterDataSnapshotHolder holder, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new MasterDataRefresher(loader, holder, interval));
}

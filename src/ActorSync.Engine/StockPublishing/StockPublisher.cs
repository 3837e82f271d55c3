using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.StockPublishing.StockPublisherEvents;

namespace ActorSync.Engine.StockPublishing;

/// <summary>
/// One channel's stock publisher (cluster singleton <c>stock-publisher-&lt;channel&gt;</c>): takes SAP's latest
/// quantities, keeps the latest per location and SKU (<see cref="OwedStock"/>), and sends what differs from what the
/// channel was told, a full call at a time (one location, up to the API's limit), one call in flight, at the pace
/// <see cref="ChannelQuota"/> allows. What the channel accepted is journaled (<see cref="StockPublisherState"/>), so
/// a restart sends nothing again. A call the channel refuses for its items is split in two and each half sent again,
/// down to the single SKU, which is parked for merchandising: one bad SKU never holds back the rest.
/// </summary>
public sealed class StockPublisher : ReceivePersistentActor, IWithTimers
{
    private const int SnapshotEvery = 200;

    private sealed record Send : INoSerializationVerificationNeeded { public static readonly Send Instance = new(); }
    private sealed record CallDone(PublishCall Call, StockCallResult Result) : INoSerializationVerificationNeeded;

    private readonly string _channel;
    private readonly ChannelStockSettings _settings;
    private readonly IStockChannel _api;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OwedStock _owed = new();
    private readonly Queue<(string Location, ImmutableList<string> Skus)> _splits = new();
    private readonly PublishLags _lags = new();
    private StockPublisherState _state = StockPublisherState.Empty;
    private ChannelQuota _quota;
    private bool _inFlight;
    private long _callsThisRun, _itemsThisRun, _rateLimited, _failures, _refused, _refusedCalls;
    private string? _lastProblem;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public StockPublisher(ChannelStockSettings settings, IStockChannel api, IReadOnlyActorRegistry registry)
    {
        (_settings, _api, _registry) = (settings, api, registry);
        _channel = settings.MappingChannel;
        _quota = ChannelQuota.Of(settings.RequestsPerWindow, settings.Window);
        PersistenceId = settings.PublisherName;

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is StockPublisherSnapshot s) _state = StockPublisherState.FromSnapshot(s); });
        Recover<IStockPublisherEvent>(e => _state = _state.ProcessEvent(e));

        Command<OfferStock>(offer =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var target in offer.Targets) _owed.Offer(target, _state, now);
            Sender.Tell(new StockOffered(offer.Targets.Count, _owed.Count));
            TrySend();
        });
        Command<Send>(_ => TrySend());
        Command<CallDone>(OnCallDone);
        Command<RetryRefusedSku>(retry =>
        {
            var sender = Sender;
            if (_state.RefusedOf(retry.Location, retry.Sku) is null)
            {
                sender.Tell(new RetryRefusedSkuResult(true, $"{retry.Sku} is not refused at {_channel} location {retry.Location} (any more)."));
                return;
            }

            Persist(new RefusalCleared(retry.Location, retry.Sku, DateTimeOffset.UtcNow), e =>
            {
                _state = _state.ProcessEvent(e);
                if (_registry.TryGet<StockSapReader>(out var reader)) reader.Tell(new SapStockHint([retry.Sku]));
                sender.Tell(new RetryRefusedSkuResult(true, $"{retry.Sku} will be sent to {_channel} location {retry.Location} with SAP's latest quantity."));
            });
        });
        Command<GetStockPublishing>(_ => Sender.Tell(View()));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("Stock publisher {0}: snapshot failed: {1}", _channel, f.Cause.Message));
    }

    private void TrySend()
    {
        if (_inFlight || (_owed.Count == 0 && _splits.Count == 0)) return;
        var now = DateTimeOffset.UtcNow;
        var wait = _quota.WaitFrom(now);
        if (wait > TimeSpan.Zero)
        {
            if (!Timers.IsTimerActive("send")) Timers.StartSingleTimer("send", Send.Instance, wait);
            return;
        }

        var call = NextCall();
        if (call is null) return;
        _inFlight = true;
        _quota = _quota.Sent(now, _api.RequestsFor(call.Items.Count));
        _api.SendAsync(call.Location, call.Items, CancellationToken.None)
            .PipeTo(Self, success: r => new CallDone(call, r), failure: ex => new CallDone(call, new StockCallResult.Unavailable(ex.Message, null)));
    }

    private PublishCall? NextCall()
    {
        while (_splits.TryDequeue(out var split))
        {
            var items = _owed.Of(split.Location, split.Skus);
            if (!items.IsEmpty) return new PublishCall(split.Location, items);
        }

        return _owed.Next(_settings.MaxItemsPerCall);
    }

    private void OnCallDone(CallDone done)
    {
        _inFlight = false;
        var now = DateTimeOffset.UtcNow;
        var call = done.Call;
        switch (done.Result)
        {
            case StockCallResult.Accepted accepted:
                _quota = _quota.Answered(now, accepted.Quota);
                var wasRefused = call.Items.Where(i => _state.RefusedOf(call.Location, i.Sku) is not null).Select(i => i.Sku).ToList();
                Persist(new StockTold(call.Location, call.Items.Select(i => new ToldQuantity(i.Sku, i.Quantity)).ToImmutableList(), now), e =>
                {
                    _state = _state.ProcessEvent(e);
                    _callsThisRun++;
                    _itemsThisRun += call.Items.Count;
                    _lags.AddRange(_owed.Settle(call.Location, call.Items, now));
                    if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
                        foreach (var sku in wasRefused) queue.Tell(new ExceptionQueueCommands.RecordSucceeded(RecordKinds.StockSku, RecordId(call.Location, sku), now));
                    if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(_state.ToSnapshot());
                    TrySend();
                });
                return;
            case StockCallResult.Refused refused when call.Items.Count > 1:
                // Which SKU? Halve the call until it is one: log2(n) extra calls per bad SKU, and the rest go through.
                _refusedCalls++;
                _quota = _quota.Answered(now, refused.Quota);
                var half = call.Items.Count / 2;
                _splits.Enqueue((call.Location, call.Items.Take(half).Select(i => i.Sku).ToImmutableList()));
                _splits.Enqueue((call.Location, call.Items.Skip(half).Select(i => i.Sku).ToImmutableList()));
                TrySend();
                return;
            case StockCallResult.Refused refused:
                _refused++;
                _quota = _quota.Answered(now, refused.Quota);
                var item = call.Items[0];
                Persist(new StockRefused(call.Location, item.Sku, item.Quantity, refused.Reason, now), e =>
                {
                    _state = _state.ProcessEvent(e);
                    _owed.Settle(call.Location, call.Items, now);
                    _log.Warning("Stock publisher {0}: location {1} refused {2} at {3}: {4}", _channel, call.Location, item.Sku, item.Quantity, refused.Reason);
                    if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
                        queue.Tell(new ExceptionQueueCommands.RaiseException(RecordKinds.StockSku, RecordId(call.Location, item.Sku),
                            ExceptionTypes.StockSkuRefused($"{_channel} location {call.Location} refused the stock of {item.Sku} ({item.Quantity}): {refused.Reason}"),
                            $$"""{"channel":"{{_channel}}","location":"{{call.Location}}","sku":{{System.Text.Json.JsonSerializer.Serialize(item.Sku)}},"quantity":{{item.Quantity}}}""", now));
                    TrySend();
                });
                return;
            case StockCallResult.Throttled throttled:
                _rateLimited++;
                _quota = _quota.Throttled(now, throttled.Reset);
                _lastProblem = "429 Too Many Requests";
                break;
            case StockCallResult.Unavailable unavailable:
                _failures++;
                _quota = _quota.Unavailable(now, unavailable.After);
                _lastProblem = unavailable.Reason;
                _log.Warning("Stock publisher {0}: {1}; trying again in {2:0.#} s, nothing owed is dropped", _channel, unavailable.Reason, _quota.WaitFrom(now).TotalSeconds);
                break;
        }

        TrySend();
    }

    private string RecordId(string location, string sku) => $"{_channel}/{location}/{sku}";

    private ChannelPublishingView View()
    {
        var counts = _owed.Counts;
        var now = DateTimeOffset.UtcNow;
        var waiting = _quota.WaitFrom(now);
        var state = _inFlight ? "sending" : _owed.Count == 0 ? "idle" : waiting > TimeSpan.Zero ? "waiting" : "ready";
        return new ChannelPublishingView(_channel, counts.Offered, counts.ChangesSeen, counts.Replaced, counts.AlreadyThere, _state.ItemsSent, _state.Calls,
            _callsThisRun, _itemsThisRun, counts.Owed, _rateLimited, _failures, _state.Refused.Values.Sum(r => r.Count), _state.ToldCount, state,
            waiting > TimeSpan.Zero ? now + waiting : null, _lastProblem)
        {
            NeverListedAtZero = counts.NeverListedAtZero,
            RefusedCalls = _refusedCalls,
            LagP50Ms = _lags.Percentile(0.50),
            LagP99Ms = _lags.Percentile(0.99),
        };
    }

    public static Props Props(ChannelStockSettings settings, IStockChannel api, IReadOnlyActorRegistry registry) =>
        Akka.Actor.Props.Create(() => new StockPublisher(settings, api, registry));
}

/// <summary>How long SKUs waited between SAP's change being seen and the channel taking it: a bounded sample for p50/p99.</summary>
internal sealed class PublishLags
{
    private const int Capacity = 100_000;
    private readonly double[] _sample = new double[Capacity];
    private long _seen;
    private readonly Random _random = new(11);

    public void AddRange(IEnumerable<TimeSpan> lags)
    {
        foreach (var lag in lags)
        {
            // Reservoir sampling: every lag has the same chance to be in the sample, however many there are.
            var slot = _seen < Capacity ? _seen : _random.NextInt64(_seen + 1);
            if (slot < Capacity) _sample[slot] = lag.TotalMilliseconds;
            _seen++;
        }
    }

    public double? Percentile(double p)
    {
        var n = (int)Math.Min(_seen, Capacity);
        if (n == 0) return null;
        var sorted = _sample.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        return sorted[Math.Min(n - 1, (int)Math.Ceiling(p * n) - 1)];
    }
}

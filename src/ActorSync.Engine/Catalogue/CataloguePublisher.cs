using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.StockPublishing;
using ActorSync.Engine.Catalogue.Channels;
using ActorSync.Engine.StockPublishing.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.Catalogue.CataloguePublisherEvents;

namespace ActorSync.Engine.Catalogue;

/// <summary>
/// One channel's catalogue publisher (cluster singleton <c>catalogue-publisher-&lt;channel&gt;</c>): journals what SAP's
/// latest products owe the channel (<see cref="CataloguePublisherState"/>: latest per SKU, nothing the channel already
/// has), then sends it a full call at a time, one call in flight, at the pace <see cref="ChannelQuota"/> allows (the
/// stock publishers' quota, 429 and outage rules). A call the channel refuses for its items is halved until the one
/// bad SKU is alone; that SKU is parked for merchandising and the rest are sent again and land.
/// </summary>
public sealed class CataloguePublisher : ReceivePersistentActor, IWithTimers
{
    private const int SnapshotEvery = 200;

    private sealed record Send : INoSerializationVerificationNeeded { public static readonly Send Instance = new(); }
    private sealed record CallDone(ImmutableList<ChannelProduct> Call, StockCallResult Result) : INoSerializationVerificationNeeded;

    private readonly string _channel;
    private readonly ChannelCatalogueSettings _settings;
    private readonly ICatalogueChannel _api;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<ImmutableList<string>> _splits = new();
    private CataloguePublisherState _state = CataloguePublisherState.Empty;
    private ChannelQuota _quota;
    private bool _inFlight;
    private long _callsThisRun, _rateLimited, _failures;
    private string? _lastProblem;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public CataloguePublisher(ChannelCatalogueSettings settings, ICatalogueChannel api, IReadOnlyActorRegistry registry)
    {
        (_settings, _api, _registry) = (settings, api, registry);
        _channel = settings.MappingChannel;
        _quota = ChannelQuota.Of(settings.RequestsPerWindow, settings.Window);
        PersistenceId = settings.PublisherName;

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is CataloguePublisherSnapshot s) _state = CataloguePublisherState.FromSnapshot(s); });
        Recover<ICataloguePublisherEvent>(e => _state = _state.ProcessEvent(e));
        // What was owed when the node stopped is journaled: it goes out now.
        Recover<RecoveryCompleted>(_ => Self.Tell(Send.Instance));

        Command<OfferProducts>(offer =>
        {
            var sender = Sender;
            var events = _state.ProcessCommand(offer.Products, DateTimeOffset.UtcNow);
            if (events.Count == 0)
            {
                sender.Tell(new ProductsOffered(offer.Products.Count, _state.Owed.Count));
                return;
            }

            PersistAll(events, Apply);
            DeferAsync(offer, _ =>
            {
                sender.Tell(new ProductsOffered(offer.Products.Count, _state.Owed.Count));
                TrySend();
            });
        });
        Command<Send>(_ => TrySend());
        Command<CallDone>(OnCallDone);
        Command<RetryRefusedProduct>(retry =>
        {
            var sender = Sender;
            if (!_state.Refused.ContainsKey(retry.Sku))
            {
                sender.Tell(new RetryRefusedProductResult(true, $"{retry.Sku} is not refused by {_channel} (any more)."));
                return;
            }

            Persist(new ProductRefusalCleared(retry.Sku, DateTimeOffset.UtcNow), e =>
            {
                Apply(e);
                sender.Tell(new RetryRefusedProductResult(true, $"{retry.Sku} will be sent to {_channel} again."));
                TrySend();
            });
        });
        Command<GetCatalogue>(_ => Sender.Tell(View()));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("Catalogue publisher {0}: snapshot failed: {1}", _channel, f.Cause.Message));
    }

    private void Apply(ICataloguePublisherEvent e)
    {
        _state = _state.ProcessEvent(e);
        if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(_state.ToSnapshot());
    }

    private void TrySend()
    {
        if (_inFlight || (_state.Owed.IsEmpty && _splits.Count == 0)) return;
        var now = DateTimeOffset.UtcNow;
        var wait = _quota.WaitFrom(now);
        if (wait > TimeSpan.Zero)
        {
            if (!Timers.IsTimerActive("send")) Timers.StartSingleTimer("send", Send.Instance, wait);
            return;
        }

        var call = NextCall();
        if (call.IsEmpty) return;
        _inFlight = true;
        _quota = _quota.Sent(now);
        _api.SendAsync(call, CancellationToken.None)
            .PipeTo(Self, success: r => new CallDone(call, r), failure: ex => new CallDone(call, new StockCallResult.Unavailable(ex.Message, null)));
    }

    private ImmutableList<ChannelProduct> NextCall()
    {
        while (_splits.TryDequeue(out var split))
        {
            var products = _state.OwedOf(split);
            if (!products.IsEmpty) return products;
        }

        return _state.NextCall(_settings.MaxItemsPerCall);
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
                var wasRefused = call.Where(p => _state.Refused.ContainsKey(p.Sku)).Select(p => p.Sku).ToList();
                Persist(new ProductsTold(call, now), e =>
                {
                    Apply(e);
                    _callsThisRun++;
                    if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
                        foreach (var sku in wasRefused) queue.Tell(new ExceptionQueueCommands.RecordSucceeded(RecordKinds.CatalogueSku, RecordId(sku), now));
                    TrySend();
                });
                return;
            case StockCallResult.Refused refused when call.Count > 1:
                // Which SKU? Halve the call until it is one: the good ones are sent again and land.
                _quota = _quota.Answered(now, refused.Quota);
                _splits.Enqueue(call.Take(call.Count / 2).Select(p => p.Sku).ToImmutableList());
                _splits.Enqueue(call.Skip(call.Count / 2).Select(p => p.Sku).ToImmutableList());
                break;
            case StockCallResult.Refused refused:
                _quota = _quota.Answered(now, refused.Quota);
                var product = call[0];
                Persist(new ProductRefused(product, refused.Reason, now), e =>
                {
                    Apply(e);
                    _log.Warning("Catalogue publisher {0}: refused {1}: {2}", _channel, product.Sku, refused.Reason);
                    if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
                        queue.Tell(new ExceptionQueueCommands.RaiseException(RecordKinds.CatalogueSku, RecordId(product.Sku),
                            ExceptionTypes.CatalogueSkuRefused($"{_channel} refused the product {product.Sku}: {refused.Reason}"),
                            JsonSerializer.Serialize(new { channel = _channel, sku = product.Sku, title = product.Title, price = product.Price, enabled = product.Enabled }), now));
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
                _log.Warning("Catalogue publisher {0}: {1}; trying again in {2:0.#} s, nothing owed is dropped", _channel, unavailable.Reason, _quota.WaitFrom(now).TotalSeconds);
                break;
        }

        TrySend();
    }

    private string RecordId(string sku) => $"{_channel}/{sku}";

    private CatalogueChannelView View()
    {
        var now = DateTimeOffset.UtcNow;
        var waiting = _quota.WaitFrom(now);
        var state = _inFlight ? "sending" : _state.Owed.IsEmpty ? "idle" : waiting > TimeSpan.Zero ? "waiting" : "ready";
        return new CatalogueChannelView(_channel, _state.Told.Count, _state.Owed.Count, _state.Refused.Count, _state.Calls, _state.ItemsSent,
            _callsThisRun, _rateLimited, _failures, state, waiting > TimeSpan.Zero ? now + waiting : null, _lastProblem);
    }

    public static Props Props(ChannelCatalogueSettings settings, ICatalogueChannel api, IReadOnlyActorRegistry registry) =>
        Akka.Actor.Props.Create(() => new CataloguePublisher(settings, api, registry));
}

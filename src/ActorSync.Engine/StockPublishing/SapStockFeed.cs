using System.Collections.Immutable;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.StockPublishing.SapStockCursorEvents;

namespace ActorSync.Engine.StockPublishing;

/// <summary>A publisher the feed offers SAP's quantities to: its channel's locations and the publisher's proxy.</summary>
public sealed record PublisherRoute(PublishedChannel Channel, IActorRef Publisher);

/// <summary>
/// Reads SAP's stock and offers every channel publisher what each of its locations should show (cluster singleton
/// <c>stock-sap-reader</c>). One SAP read at a time, in this order of urgency: items known to have moved (the
/// engine's own posts, audit rows, changed orders), the audit and orders polls when due, then the next page of a
/// sweep. Reads are serialised so a publisher never gets an older reading of an item after a newer one. A sweep runs
/// at every start (the publishers' owed quantities are not journaled, so this is how nothing owed is forgotten) and
/// every <see cref="SapStockSettings.SweepInterval"/>; its pages are offered and acknowledged before the next is read,
/// so memory holds one page. A reading made because the item moved (a hint, an audit row, a changed order) also goes to
/// the item's stock position entities (one per SKU × warehouse, <c>stock-&lt;warehouse&gt;:&lt;sku&gt;</c>), which
/// journal it only when it moved, so operators see SAP's own figures with <c>actorsync entity show stock</c>; they are
/// written by a <see cref="StockPositionWriter"/> off the publishing path, so the next read does not wait for them. A
/// sweep's readings do not go to the positions: at a million SKU × warehouse positions that is a million entities and
/// journal writes per sweep (the stock-storm benchmark measured about 500 a second, over half an hour before the first
/// publish), for figures SAP itself shows.
/// </summary>
public sealed class SapStockFeed : ReceivePersistentActor, IWithTimers
{
    public const string Name = "stock-sap-reader";

    private sealed record Tick : INoSerializationVerificationNeeded { public static readonly Tick Instance = new(); }
    private sealed record StepDone(object? Event, ImmutableList<ItemLevels> Items, ImmutableHashSet<string> MoreToRead, string? SweptTo, bool SweepEnded, bool PollAgain, bool? AuditAvailable) : INoSerializationVerificationNeeded
    {
        /// <summary>A page of a sweep, not a read of items known to have moved: its readings skip the position entities.</summary>
        public bool FromSweep { get; init; }
    }
    private sealed record StepFailed(string Reason) : INoSerializationVerificationNeeded;
    private sealed record Offered : INoSerializationVerificationNeeded { public static readonly Offered Instance = new(); }

    private readonly SapStockSettings _settings;
    private readonly SapStockQueries _sap;
    private readonly IReadOnlyList<PublisherRoute> _routes;
    private readonly IActorRef? _positions;
    private IActorRef? _positionWriter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SapStockCursorState _state = SapStockCursorState.Empty;
    private readonly HashSet<string> _toRead = new(StringComparer.Ordinal);
    private bool _busy, _auditDue = true, _ordersDue = true, _auditAvailable = true, _sweeping = true, _initialised;
    private string? _sweptTo;
    private long _sweepItems, _itemsRead, _hints;
    private string? _lastProblem;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId => Name;

    public SapStockFeed(SapStockSettings settings, SapStockQueries sap, IReadOnlyList<PublisherRoute> routes, IActorRef? positions = null)
    {
        (_settings, _sap, _routes, _positions) = (settings, sap, routes, positions);
        _auditAvailable = settings.AuditView.Length > 0;

        Recover<ISapStockCursorEvent>(e => _state = _state.ProcessEvent(e));
        Recover<RecoveryCompleted>(_ =>
        {
            Timers.StartPeriodicTimer("poll", Tick.Instance, settings.PollInterval);
            Self.Tell(Tick.Instance);
        });

        Command<Tick>(_ =>
        {
            (_auditDue, _ordersDue) = (true, true);
            if (!_sweeping && _state.SweepDue(DateTimeOffset.UtcNow, settings.SweepInterval)) StartSweep();
            Next();
        });
        Command<SapStockHint>(hint =>
        {
            _hints++;
            _toRead.UnionWith(hint.ItemCodes);
            Next();
        });
        Command<StepDone>(OnStepDone);
        Command<Offered>(_ => { _busy = false; Next(); });
        Command<StepFailed>(failed =>
        {
            // SAP down or the circuit open: the poll timer tries again; nothing read is lost (cursors did not move).
            _lastProblem = failed.Reason;
            _log.Warning("Stock reader: SAP read failed, tried again at the next poll: {0}", failed.Reason);
            _busy = false;
        });
        Command<GetStockPublishing>(_ => Sender.Tell(new SapStockReaderView(_state.Sweeps, _state.LastSweepAt, _sweeping, _sweepItems,
            _state.AuditTransNum, _state.OrdersFrom, _itemsRead, _hints, _auditAvailable, _lastProblem)));
    }

    private void StartSweep()
    {
        _sweeping = true;
        _sweptTo = null;
        _sweepItems = 0;
    }

    /// <summary>Starts the most urgent read, if none is running.</summary>
    private void Next()
    {
        if (_busy) return;
        Task<object>? step = null;
        var sap = _sap;
        if (!_initialised)
            step = InitialiseAsync(sap, _settings, _state);
        else if (_toRead.Count > 0)
        {
            var codes = _toRead.Take(_settings.PageSize).ToList();
            _toRead.ExceptWith(codes);
            step = Run(async () => new StepDone(null, await sap.ItemsAsync(codes, CancellationToken.None), [], null, false, false, null));
        }
        else if (_auditDue && _auditAvailable && _state.AuditTransNum is { } after)
        {
            _auditDue = false;
            var (view, size) = (_settings.AuditView, _settings.AuditPageSize);
            step = Run(async () =>
            {
                var (items, last, rows) = await sap.AuditAsync(view, after, size, CancellationToken.None);
                return new StepDone(last > after ? new AuditRead(last, items.Count, DateTimeOffset.UtcNow) : null, [], items, null, false, rows == size, null);
            });
        }
        else if (_ordersDue && _settings.ReadOrders && _state.OrdersFrom is { } from)
        {
            _ordersDue = false;
            step = Run(async () =>
            {
                var (items, through, _) = await sap.OrdersChangedAsync(from, CancellationToken.None);
                return new StepDone(through > from ? new OrdersRead(through, items.Count, DateTimeOffset.UtcNow) : null, [], items, null, false, false, null);
            });
        }
        else if (_sweeping)
        {
            var (sweptTo, size) = (_sweptTo, _settings.PageSize);
            step = Run(async () =>
            {
                var page = await sap.SweepPageAsync(sweptTo, size, CancellationToken.None);
                var ended = page.Count < size;
                return new StepDone(ended ? new SweepCompleted(0, DateTimeOffset.UtcNow) : null, page, [], page.Count > 0 ? page[^1].ItemCode : sweptTo, ended, false, null) { FromSweep = true };
            });
        }

        if (step is null) return;
        _log.Debug("Stock reader: read started (to read {0}, audit due {1}, orders due {2}, sweeping {3} after {4})", _toRead.Count, _auditDue, _ordersDue, _sweeping, _sweptTo);
        _busy = true;
        step.PipeTo(Self);
    }

    /// <summary>The audit's and the orders' starting points, read before the first sweep so that nothing after them is missed.</summary>
    private static Task<object> InitialiseAsync(SapStockQueries sap, SapStockSettings settings, SapStockCursorState state) => Run(async () =>
    {
        var events = new List<ISapStockCursorEvent>();
        bool? auditAvailable = null;
        if (settings.AuditView.Length > 0 && state.AuditTransNum is null)
        {
            var latest = await sap.LatestAuditAsync(settings.AuditView, CancellationToken.None);
            auditAvailable = latest is not null;
            if (latest is { } n) events.Add(new AuditRead(n, 0, DateTimeOffset.UtcNow));
        }

        if (settings.ReadOrders && state.OrdersFrom is null)
            events.Add(new OrdersRead(await sap.LatestOrderStampAsync(CancellationToken.None) ?? DateTime.MinValue, 0, DateTimeOffset.UtcNow));
        return new StepDone(events, [], [], null, false, true, auditAvailable);
    });

    private static async Task<object> Run(Func<Task<StepDone>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new StepFailed(ex.Message);
        }
    }

    private void OnStepDone(StepDone done)
    {
        _log.Debug("Stock reader: read done, {0} items, event {1}", done.Items.Count, done.Event);
        if (done.AuditAvailable is false && _auditAvailable)
        {
            _auditAvailable = false;
            _log.Warning("Stock reader: SAP has no view.svc/{0} (or the user may not read it): stock changes reach the channels by sweeps every {1}, changed orders and the engine's own documents only",
                _settings.AuditView, _settings.SweepInterval);
        }

        _initialised = true;
        _toRead.UnionWith(done.MoreToRead);
        // A full page of audit rows: more are waiting, read on without waiting for the timer.
        if (done.PollAgain) _auditDue = true;
        if (done.SweptTo is not null || done.SweepEnded)
        {
            _sweptTo = done.SweptTo;
            _sweepItems += done.Items.Count;
        }

        _itemsRead += done.Items.Count;
        var events = done.Event switch
        {
            List<ISapStockCursorEvent> list => list,
            SweepCompleted s => [s with { Items = _sweepItems }],
            ISapStockCursorEvent e => [e],
            _ => new List<ISapStockCursorEvent>(),
        };
        if (done.SweepEnded)
        {
            _sweeping = false;
            _log.Info("Stock reader: sweep of {0} items done", _sweepItems);
        }

        var offers = Offer(done.Items, toPositions: !done.FromSweep);
        // The next read waits for the publishers to take this one (back-pressure). A cursor may be journaled before its
        // items are read; a crash then loses nothing, because every start sweeps every item.
        offers.PipeTo(Self, success: () => Offered.Instance, failure: ex => new StepFailed($"a publisher did not take the offer: {ex.Message}"));
        if (events.Count > 0)
        {
            PersistAll(events, e => _state = _state.ProcessEvent(e));
        }
    }

    private Task Offer(ImmutableList<ItemLevels> items, bool toPositions)
    {
        if (items.IsEmpty) return Task.CompletedTask;
        var asks = _routes.Select(route =>
        {
            var targets = items.SelectMany(item => AvailableStock.Targets(route.Channel, item)).ToImmutableList();
            return (Task)route.Publisher.Ask<StockOffered>(new OfferStock(targets), TimeSpan.FromSeconds(30));
        }).ToList();
        if (toPositions && _positions is { } positions)
        {
            _positionWriter ??= Context.ActorOf(StockPositionWriter.Props(positions), "positions");
            _positionWriter.Tell(new StockPositionWriter.Readings(items, DateTimeOffset.UtcNow));
        }

        return Task.WhenAll(asks);
    }

    public static Props Props(SapStockSettings settings, SapStockQueries sap, IReadOnlyList<PublisherRoute> routes, IActorRef? positions = null) =>
        Akka.Actor.Props.Create(() => new SapStockFeed(settings, sap, routes, positions));
}

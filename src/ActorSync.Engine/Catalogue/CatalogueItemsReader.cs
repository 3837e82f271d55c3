using System.Collections.Immutable;
using ActorSync.Domain.Catalogue;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Catalogue.CatalogueReaderEvents;

namespace ActorSync.Engine.Catalogue;

/// <summary>A publisher the reader offers products to: its channel's catalogue mapping and the publisher's proxy.</summary>
public sealed record CatalogueRoute(ChannelCatalogue Catalogue, IActorRef Publisher);

/// <summary>
/// Reads SAP's items and offers each channel's publisher what its products should be (cluster singleton
/// <c>catalogue-items-reader</c>). The first start takes SAP's newest item stamp, then reads every item by code; after
/// that, every <see cref="SapCatalogueSettings.PollInterval"/>, the items changed since the cursor, a page at a time
/// (a full page reads on at once). A page's cursor is journaled only after every publisher journaled what it owes
/// from it, so a crash at any point reads the page again rather than losing it (a page read twice only finds that
/// nothing differs).
/// </summary>
public sealed class CatalogueItemsReader : ReceivePersistentActor, IWithTimers
{
    public const string Name = "catalogue-items-reader";

    private sealed record Tick : INoSerializationVerificationNeeded { public static readonly Tick Instance = new(); }
    private sealed record Read(ICatalogueReaderEvent? Event, ImmutableList<SapItem> Items, VatRates Rates, bool More) : INoSerializationVerificationNeeded;
    private sealed record Offered(ICatalogueReaderEvent? Event, bool More) : INoSerializationVerificationNeeded;
    private sealed record Failed(string Reason) : INoSerializationVerificationNeeded;

    private readonly SapCatalogueSettings _settings;
    private readonly SapItemQueries _sap;
    private readonly IReadOnlyList<CatalogueRoute> _routes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private CatalogueReaderState _state = CatalogueReaderState.Empty;
    private bool _busy;
    private string? _lastProblem;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId => Name;

    public CatalogueItemsReader(SapCatalogueSettings settings, SapItemQueries sap, IReadOnlyList<CatalogueRoute> routes)
    {
        (_settings, _sap, _routes) = (settings, sap, routes);

        Recover<ICatalogueReaderEvent>(e => _state = _state.ProcessEvent(e));
        Recover<RecoveryCompleted>(_ =>
        {
            Timers.StartPeriodicTimer("poll", Tick.Instance, settings.PollInterval);
            Self.Tell(Tick.Instance);
        });

        Command<Tick>(_ => Next());
        Command<Read>(read =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var asks = read.Items.IsEmpty ? [] : _routes.Select(route => (Task)route.Publisher.Ask<ProductsOffered>(
                new OfferProducts(read.Items.Select(item => CatalogueRules.ProductFor(route.Catalogue, item, read.Rates, today)).ToImmutableList()),
                TimeSpan.FromSeconds(30))).ToList();
            Task.WhenAll(asks).PipeTo(Self, success: () => new Offered(read.Event, read.More), failure: ex => new Failed($"a publisher did not take the offer: {ex.Message}"));
        });
        Command<Offered>(offered =>
        {
            if (offered.Event is null)
            {
                Done(offered.More);
                return;
            }

            var events = offered.Event is FullReadPage { Items: var n } page && !offered.More && _state.Through is not null
                ? new ICatalogueReaderEvent[] { page, new FullReadCompleted(_state.ItemsRead + n, page.At) }
                : [offered.Event];
            PersistAll(events, e => _state = _state.ProcessEvent(e));
            DeferAsync(offered, _ => Done(offered.More || !_state.FullReadDone));
        });
        Command<Failed>(failed =>
        {
            // SAP down or a publisher away: the poll timer tries again from the same cursor; nothing is lost.
            _lastProblem = failed.Reason;
            _log.Warning("Catalogue reader: {0}; tried again at the next poll", failed.Reason);
            _busy = false;
        });
        Command<GetCatalogue>(_ => Sender.Tell(new CatalogueReaderView(_state.FullReadDone, _state.Through, _state.LastCode, _state.ItemsRead, _lastProblem)));
    }

    private void Done(bool more)
    {
        _busy = false;
        _lastProblem = null;
        if (more) Next();
    }

    /// <summary>Starts the next read, if none is running: the starting stamp, the full read's next page, or the changes since.</summary>
    private void Next()
    {
        if (_busy) return;
        _busy = true;
        var (sap, size, state) = (_sap, _settings.PageSize, _state);
        Run(async () =>
        {
            if (state.Through is null)
            {
                var from = await sap.LatestStampAsync(CancellationToken.None) ?? DateTime.MinValue;
                return new Read(new FullReadStarted(from, DateTimeOffset.UtcNow), [], VatRates.None, true);
            }

            var rates = await sap.VatRatesAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
            if (!state.FullReadDone)
            {
                var page = await sap.FullPageAsync(state.FullReadAfter, size, CancellationToken.None);
                // An empty last page still ends the read.
                ICatalogueReaderEvent progress = page.IsEmpty
                    ? new FullReadCompleted(state.ItemsRead, DateTimeOffset.UtcNow)
                    : new FullReadPage(page[^1].ItemCode, page.Count, DateTimeOffset.UtcNow);
                return new Read(progress, page, rates, page.Count == size);
            }

            var changed = await sap.ChangedAsync(state.Through.Value, state.LastCode, size, CancellationToken.None);
            var full = changed.Count == size;
            // Caught up: keep the last second open (LastCode ""), SAP may still stamp more items with it.
            var cursor = changed.IsEmpty ? null : new ChangesRead(changed[^1].UpdateStamp, full ? changed[^1].ItemCode : "", changed.Count, DateTimeOffset.UtcNow);
            return new Read(cursor is not null && (cursor.Through, cursor.LastCode) == (state.Through, state.LastCode) ? null : cursor, changed, rates, full);
        }).PipeTo(Self);
    }

    private static async Task<object> Run(Func<Task<Read>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new Failed($"SAP read failed: {ex.Message}");
        }
    }

    public static Props Props(SapCatalogueSettings settings, SapItemQueries sap, IReadOnlyList<CatalogueRoute> routes) =>
        Akka.Actor.Props.Create(() => new CatalogueItemsReader(settings, sap, routes));
}

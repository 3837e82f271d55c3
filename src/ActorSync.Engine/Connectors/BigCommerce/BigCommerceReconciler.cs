using System.Globalization;
using ActorSync.Channels.BigCommerce;
using ActorSync.Domain.Connectors.BigCommerce;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.BigCommerce;

/// <summary>
/// The reconciling poll of one store (<c>bigcommerce-reconcile-&lt;storehash&gt;</c>), a cluster singleton: every
/// <see cref="BigCommerceConnectorSettings.ReconcileInterval"/> it reads <c>GET /v2/orders?min_date_modified=…&amp;sort=date_modified:asc</c>
/// from its journaled cursor and files each order it finds in the store's inbox, as a webhook would have, so a hook
/// that never came is caught and de-duplication and processing are the inbox's. The cursor is journaled only after a
/// page's orders are in the inbox, so a crash or a failed read loses nothing (the next poll reads the page again).
/// The rules are <see cref="ReconcileDecisions"/>.
/// </summary>
public sealed class BigCommerceReconciler : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "bigcommerce-reconcile-";

    /// <summary>How soon a poll that failed (429, outage, timeout) is tried again when the interval is longer.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private sealed class Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }
    private sealed record PageRead(PageRequest Request, IReadOnlyList<ModifiedOrder> Rows) : INoSerializationVerificationNeeded;
    private sealed record PageFiled(PageDecision Decision) : INoSerializationVerificationNeeded;
    private sealed record PollFailed(string Reason) : INoSerializationVerificationNeeded;

    private readonly BigCommerceConnectorSettings _settings;
    private readonly BigCommerceStoreApi _api;
    private readonly IActorRef _inbox;
    private readonly ConnectorPollWatch? _watch;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ReconcileCursorState _state = ReconcileCursorState.Empty;
    private bool _busy;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public BigCommerceReconciler(BigCommerceConnectorSettings settings, BigCommerceStoreApi api, IActorRef inbox, ConnectorPollWatch? watch = null)
    {
        (_settings, _api, _inbox, _watch) = (settings, api, inbox, watch);
        PersistenceId = PersistencePrefix + settings.StoreHash.ToLowerInvariant();

        Recover<ReconcileEvents.IReconcileEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ =>
        {
            Timers.StartPeriodicTimer("poll", Tick.Instance, TimeSpan.FromSeconds(1), settings.ReconcileInterval);
        });

        Command<Tick>(_ =>
        {
            if (_busy) return;
            _busy = true;
            if (_state.Start(DateTimeOffset.UtcNow, settings.ReconcileLookBack) is { } start)
                Persist(start, e =>
                {
                    _state = _state.ProcessEvent(e);
                    Read();
                });
            else Read();
        });
        Command<PageRead>(OnPageRead);
        Command<PageFiled>(filed =>
        {
            var advance = filed.Decision.Advance!;
            Persist(advance, e =>
            {
                _state = _state.ProcessEvent(e);
                if (advance.Enqueued > 0) _log.Info("BigCommerce poll of {0}: {1} orders filed; cursor now {2:O}", settings.StoreHash, advance.Enqueued, advance.ModifiedFrom);
                if (filed.Decision.More) Read();
                else CaughtUp();
            });
        });
        Command<PollFailed>(failed =>
        {
            _log.Warning("BigCommerce poll of {0} stopped for now (the next one reads from the journaled cursor again): {1}", settings.StoreHash, failed.Reason);
            _busy = false;
            // A 429 or an outage should not cost a whole interval (5 minutes by default) of hooks that never came.
            if (settings.ReconcileInterval > RetryAfterFailure) Timers.StartSingleTimer("retry", Tick.Instance, RetryAfterFailure);
        });
    }

    private void Read()
    {
        var request = _state.NextRequest(_settings.ReconcilePageSize);
        ReadAsync(_api, request).PipeTo(Self);
    }

    private static async Task<object> ReadAsync(BigCommerceStoreApi api, PageRequest request)
    {
        var since = Uri.EscapeDataString(request.MinModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
        try
        {
            var json = await api.GetAsync($"v2/orders?min_date_modified={since}&sort=date_modified:asc&page={request.Page}&limit={request.Limit}", CancellationToken.None).ConfigureAwait(false);
            return new PageRead(request, BigCommerceOrderParser.ParseModifiedList(json));
        }
        catch (Exception ex)
        {
            return new PollFailed(ex.Message);
        }
    }

    private void OnPageRead(PageRead read)
    {
        var decision = _state.AfterPage(read.Request, read.Rows, DateTimeOffset.UtcNow);
        if (decision.Advance is null)
        {
            CaughtUp();
            return;
        }
        var (inbox, hash, timeout) = (_inbox, _settings.StoreHash, _settings.RequestTimeout);
        var filing = decision.ToEnqueue.Select(order =>
        {
            var payload = BigCommerceWebhookParser.ForPolledOrder(hash, hash, order.Id, order.Modified);
            return inbox.Ask<AcceptResult>(new AcceptEntry(BigCommerceWebhookParser.InboxKey(BigCommerceWebhookParser.Parse(payload)), "store/order/updated", payload), timeout);
        });
        Task.WhenAll(filing).PipeTo(Self, success: _ => new PageFiled(decision), failure: ex => new PollFailed($"filing in the inbox failed: {ex.Message}"));
    }

    private void CaughtUp()
    {
        _busy = false;
        _watch?.CaughtUp(PersistenceId);
    }

    public static Props Props(BigCommerceConnectorSettings settings, BigCommerceStoreApi api, IActorRef inbox, ConnectorPollWatch? watch = null) =>
        Akka.Actor.Props.Create(() => new BigCommerceReconciler(settings, api, inbox, watch));
}

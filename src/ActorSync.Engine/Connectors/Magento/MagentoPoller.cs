using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Domain.Connectors.Magento;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.Magento;

/// <summary>
/// The poll of one Magento store view (<c>magento-poll-&lt;storecode&gt;</c>), a cluster singleton: every
/// <see cref="MagentoConnectorSettings.PollInterval"/> it reads orders, then shipments, then credit memos changed
/// since each feed's journaled cursor and files each record, as read, in the store's inbox. A page's cursor event is
/// journaled only after its records are in the inbox, so a crash or a failed read loses nothing (the read is made
/// again and the inbox knows the records by id and <c>updated_at</c>). A record the poll cannot place (no id, no
/// <c>updated_at</c>) or the inbox refuses goes to the exception queue and the cursor moves on. The rules are
/// <see cref="MagentoPollDecisions"/>.
/// </summary>
public sealed class MagentoPoller : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "magento-poll-";

    /// <summary>Shipments before credit memos: a refund of goods usually follows their shipment, and the inbox takes entries oldest first.</summary>
    private static readonly MagentoFeed[] Feeds = [MagentoFeed.Orders, MagentoFeed.Shipments, MagentoFeed.CreditMemos];

    private sealed class Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Row(PolledRow Polled, string Payload);
    private sealed record PageRead(PollRequest Request, IReadOnlyList<Row> Rows, int Total) : INoSerializationVerificationNeeded;
    private sealed record PageFiled(PollPageDecision Decision) : INoSerializationVerificationNeeded;
    private sealed record PollFailed(string Reason) : INoSerializationVerificationNeeded;

    private readonly MagentoConnectorSettings _settings;
    private readonly MagentoStoreApi _api;
    private readonly IActorRef _inbox;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ConnectorPollWatch? _watch;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MagentoPollState _state = MagentoPollState.Empty;
    private int _feed = -1;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public MagentoPoller(MagentoConnectorSettings settings, MagentoStoreApi api, IActorRef inbox, IReadOnlyActorRegistry registry, ConnectorPollWatch? watch = null)
    {
        (_settings, _api, _inbox, _registry, _watch) = (settings, api, inbox, registry, watch);
        PersistenceId = PersistencePrefix + settings.StoreCode.ToLowerInvariant();

        Recover<MagentoPollEvents.IMagentoPollEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ => Timers.StartPeriodicTimer("poll", Tick.Instance, TimeSpan.FromMilliseconds(200), settings.PollInterval));

        Command<Tick>(_ =>
        {
            if (_feed >= 0) return; // a round is still reading
            _feed = 0;
            StartFeed();
        });
        Command<PageRead>(OnPageRead);
        Command<PageReadWithUnplaced>(read =>
        {
            var kind = KindOf(read.Page.Request.Feed);
            foreach (var (path, payload) in read.Unplaced)
                Park($"{_settings.Source}/{kind}:unplaced:{Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(payload)))[..12]}",
                    $"Magento {kind}: {path} is missing or not a timestamp like 2017-08-21 22:22:19, so the poll cannot place it", payload);
            OnPageRead(read.Page);
        });
        Command<PageFiled>(filed =>
        {
            if (filed.Decision.Advance is not { } advance)
            {
                Next(filed.Decision.More);
                return;
            }

            Persist(advance, e =>
            {
                _state = _state.ProcessEvent(e);
                if (e.Filed > 0) _log.Info("Magento poll of {0}: {1} {2} filed; cursor now {3:O} ({4})", settings.StoreCode, e.Filed, e.Feed, e.From, e.Stage);
                Next(filed.Decision.More);
            });
        });
        Command<PollFailed>(failed =>
        {
            _log.Warning("Magento poll of {0} stopped for now ({1}); the next one reads from the journaled cursor again: {2}", settings.StoreCode, Feeds[_feed], failed.Reason);
            _feed = -1;
        });
    }

    private void StartFeed()
    {
        if (_feed >= Feeds.Length)
        {
            _feed = -1;
            _watch?.CaughtUp(PersistenceId);
            return;
        }

        if (_state.Start(Feeds[_feed], DateTimeOffset.UtcNow, _settings.LookBack) is { } start)
            Persist(start, e =>
            {
                _state = _state.ProcessEvent(e);
                Read();
            });
        else Read();
    }

    private void Next(bool more)
    {
        if (more) Read();
        else
        {
            _feed++;
            StartFeed();
        }
    }

    private void Read() => ReadAsync(_api, _state.NextRequest(Feeds[_feed], _settings.PageSize)).PipeTo(Self);

    private static async Task<object> ReadAsync(MagentoStoreApi api, PollRequest request)
    {
        try
        {
            var json = await api.GetAsync(Query(request), CancellationToken.None).ConfigureAwait(false);
            return Parse(request, json);
        }
        catch (Exception ex)
        {
            return new PollFailed(ex.Message);
        }
    }

    private void OnPageRead(PageRead read)
    {
        var decision = _state.AfterPage(read.Request, read.Rows.Select(r => r.Polled).ToList(), read.Total, DateTimeOffset.UtcNow);
        var payloads = read.Rows.GroupBy(r => r.Polled).ToDictionary(g => g.Key, g => g.First().Payload);
        var (inbox, timeout, kind) = (_inbox, _settings.RequestTimeout, KindOf(read.Request.Feed));
        var filing = decision.ToFile.Select(async row =>
        {
            var key = $"{kind}:{row.EntityId}:{row.UpdatedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
            var result = await inbox.Ask<AcceptResult>(new AcceptEntry(key, kind, payloads[row]), timeout).ConfigureAwait(false);
            return (Key: key, Payload: payloads[row], Result: result);
        }).ToList();
        Task.WhenAll(filing).PipeTo(Self,
            success: results =>
            {
                foreach (var refused in results.Where(r => !r.Result.Accepted))
                    Park($"{_settings.Source}/{refused.Key}", $"Magento {kind}: the inbox refused it: {refused.Result.Message}", refused.Payload);
                return new PageFiled(decision);
            },
            failure: ex => new PollFailed($"filing in the inbox failed: {ex.GetBaseException().Message}"));
    }

    /// <summary>A record the poll cannot take goes to the integration team with its payload; the poll moves on.</summary>
    private void Park(string recordId, string reason, string payload)
    {
        _log.Warning("Magento poll of {0}: {1} parked: {2}", _settings.StoreCode, recordId, reason);
        if (_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
            queue.Tell(new ExceptionQueueCommands.RaiseException(RecordKinds.ChannelRecord, recordId, ExceptionTypes.InvalidChannelRecord(reason), payload, DateTimeOffset.UtcNow));
    }

    private static string KindOf(MagentoFeed feed) => feed switch
    {
        MagentoFeed.Orders => MagentoInboxProcessor.OrderKind,
        MagentoFeed.CreditMemos => MagentoInboxProcessor.CreditMemoKind,
        _ => MagentoInboxProcessor.ShipmentKind,
    };

    /// <summary>The search of one read (channels.md §1.2): always <c>currentPage</c> 1, with the tie-breaker sort.</summary>
    internal static string Query(PollRequest request)
    {
        var path = request.Feed switch { MagentoFeed.Orders => "V1/orders", MagentoFeed.CreditMemos => "V1/creditmemos", _ => "V1/shipments" };
        var since = Uri.EscapeDataString(request.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var condition = request.Stage switch { PollStage.AtOrAfter => "gteq", PollStage.SameSecond => "eq", _ => "gt" };
        var query = $"{path}?searchCriteria[filter_groups][0][filters][0][field]=updated_at&searchCriteria[filter_groups][0][filters][0][value]={since}" +
                    $"&searchCriteria[filter_groups][0][filters][0][condition_type]={condition}";
        if (request.Stage == PollStage.SameSecond && request.Seen.Count > 0)
            query += "&searchCriteria[filter_groups][1][filters][0][field]=entity_id&searchCriteria[filter_groups][1][filters][0][value]=" +
                     Uri.EscapeDataString(string.Join(',', request.Seen)) + "&searchCriteria[filter_groups][1][filters][0][condition_type]=nin";
        query += request.Stage == PollStage.SameSecond
            ? "&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC"
            : "&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC" +
              "&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC";
        return query + $"&searchCriteria[pageSize]={request.PageSize}&searchCriteria[currentPage]=1";
    }

    /// <summary>A search answer's records with their place (<c>entity_id</c>, <c>updated_at</c>) and <c>total_count</c>.</summary>
    private static object Parse(PollRequest request, string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            return new PollFailed($"the search answer is not a JSON object ({ex.Message})");
        }

        if (root["items"] is not JsonArray items || root["total_count"] is not JsonValue total || !total.TryGetValue<int>(out var count))
            return new PollFailed("the search answer has no items and total_count");
        var rows = new List<Row>();
        var unplaced = new List<(string Path, string Payload)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject;
            var payload = items[i]?.ToJsonString() ?? "null";
            if (item?["entity_id"] is JsonValue id && id.TryGetValue<long>(out var entityId) && item["updated_at"] is JsonValue at
                && at.TryGetValue<string>(out var text) && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var updatedAt))
                rows.Add(new Row(new PolledRow(entityId, new DateTimeOffset(updatedAt, TimeSpan.Zero)), payload));
            else
                unplaced.Add(($"$.items[{i}].{(item?["entity_id"] is JsonValue ? "updated_at" : "entity_id")}", payload));
        }

        return unplaced.Count == 0 ? new PageRead(request, rows, count) : new PageReadWithUnplaced(new PageRead(request, rows, count), unplaced);
    }

    private sealed record PageReadWithUnplaced(PageRead Page, IReadOnlyList<(string Path, string Payload)> Unplaced) : INoSerializationVerificationNeeded;

    public static Props Props(MagentoConnectorSettings settings, MagentoStoreApi api, IActorRef inbox, IReadOnlyActorRegistry registry, ConnectorPollWatch? watch = null) =>
        Akka.Actor.Props.Create(() => new MagentoPoller(settings, api, inbox, registry, watch));
}

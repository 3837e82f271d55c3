using ActorSync.Domain.Connectors.Sitoo;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>
/// One Sitoo poll (<c>sitoo-orders-&lt;accountid&gt;</c> or <c>sitoo-warehouse-transactions-&lt;accountid&gt;</c>), a
/// cluster singleton: every <see cref="SitooConnectorSettings.PollInterval"/> it reads ids from its journaled cursor,
/// page by page while <c>totalcount</c> says more remain, files every row in the account's inbox, and journals the
/// cursor only once they are filed, so a crash or a failed read loses nothing (the page is read again; the inbox's
/// keys make that a duplicate). The order poll then reads its watched (held) orders again and files those that
/// changed. The rules are <see cref="SitooPollDecisions"/>.
/// </summary>
public sealed class SitooPoller : ReceivePersistentActor, IWithTimers
{
    private sealed class Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }
    private sealed record StartRead(long? NewestId) : INoSerializationVerificationNeeded;
    private sealed record PageRead(IdPageRequest Request, SitooPage Page) : INoSerializationVerificationNeeded;
    private sealed record PageFiled(IdPageDecision Decision) : INoSerializationVerificationNeeded;
    private sealed record Rechecked(IReadOnlyList<long> Asked, SitooPage Page) : INoSerializationVerificationNeeded;
    private sealed record RecheckFiled(IReadOnlyList<long> Asked, RecheckDecision Decision) : INoSerializationVerificationNeeded;
    private sealed record PollFailed(string Reason) : INoSerializationVerificationNeeded;

    private readonly ISitooPollSource _source;
    private readonly SitooConnectorSettings _settings;
    private readonly IActorRef _inbox;
    private readonly ConnectorPollWatch? _watch;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SitooPollState _state = SitooPollState.Empty;
    private bool _busy;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public SitooPoller(string persistenceId, ISitooPollSource source, SitooConnectorSettings settings, IActorRef inbox, ConnectorPollWatch? watch = null)
    {
        (PersistenceId, _source, _settings, _inbox, _watch) = (persistenceId, source, settings, inbox, watch);

        Recover<SitooPollEvents.ISitooPollEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ => Timers.StartPeriodicTimer("poll", Tick.Instance, TimeSpan.FromMilliseconds(500), settings.PollInterval));

        Command<Tick>(_ =>
        {
            if (_busy) return;
            _busy = true;
            if (_state.From is not null) Read();
            else if (_source.ConfiguredStart is not null) Self.Tell(new StartRead(null));
            else _source.NewestIdAsync(CancellationToken.None).PipeTo(Self, success: id => new StartRead(id), failure: ex => new PollFailed(ex.Message));
        });
        Command<StartRead>(start => Persist(_state.Start(DateTimeOffset.UtcNow, _source.ConfiguredStart, start.NewestId)!, e =>
        {
            _state = _state.ProcessEvent(e);
            _log.Info("Sitoo {0} poll of account {1} starts at id {2}", _source.Name, settings.AccountId, e.From);
            Read();
        }));
        Command<PageRead>(read =>
        {
            var decision = _state.AfterPage(read.Request, [.. read.Page.Rows.Where(r => r.Row is not null).Select(r => r.Row!)], read.Page.TotalCount, DateTimeOffset.UtcNow);
            if (decision.Advance is null)
            {
                Recheck(0);
                return;
            }
            var toFile = decision.ToFile.ToHashSet();
            FileAsync(read.Page.Rows.Where(r => r.Row is null || toFile.Contains(r.Row.Id))).PipeTo(Self, success: () => new PageFiled(decision), failure: ex => new PollFailed(ex.Message));
        });
        Command<PageFiled>(filed => Persist(filed.Decision.Advance!, e =>
        {
            _state = _state.ProcessEvent(e);
            if (e.Filed > 0) _log.Info("Sitoo {0} poll of account {1}: {2} filed, {3} skipped; cursor now {4}", _source.Name, settings.AccountId, e.Filed, e.Skipped, e.From);
            if (filed.Decision.More) Read();
            else Recheck(0);
        }));
        Command<Rechecked>(read =>
        {
            var decision = _state.AfterRecheck(read.Asked, [.. read.Page.Rows.Where(r => r.Row is not null).Select(r => r.Row!)], DateTimeOffset.UtcNow, settings.WatchFor);
            var toFile = decision.ToFile.ToHashSet();
            FileAsync(read.Page.Rows.Where(r => r.Row is not null && toFile.Contains(r.Row.Id))).PipeTo(Self, success: () => new RecheckFiled(read.Asked, decision), failure: ex => new PollFailed(ex.Message));
        });
        Command<RecheckFiled>(filed =>
        {
            var next = filed.Asked.Max();
            if (filed.Decision.Settle is not { } settle)
            {
                Recheck(next);
                return;
            }
            Persist(settle, e =>
            {
                _state = _state.ProcessEvent(e);
                if (e.Expired.Count > 0) _log.Warning("Sitoo orders {0} of account {1} were still not final after {2}; the poll no longer reads them (an SPI update or an operator can still bring them)", string.Join(", ", e.Expired), settings.AccountId, settings.WatchFor);
                Recheck(next);
            });
        });
        Command<PollFailed>(failed =>
        {
            _log.Warning("Sitoo {0} poll of account {1} stopped for now (the next one reads from the journaled cursor again): {2}", _source.Name, settings.AccountId, failed.Reason);
            _busy = false;
        });
    }

    private void Read()
    {
        var request = _state.NextRequest(_settings.PageSize);
        _source.ReadFromAsync(request.From, request.Num, CancellationToken.None)
            .PipeTo(Self, success: page => new PageRead(request, page), failure: ex => new PollFailed(ex.Message));
    }

    /// <summary>Reads the watched orders above <paramref name="afterId"/> again, a page at a time; the poll ends when none are left.</summary>
    private void Recheck(long afterId)
    {
        var ids = _source.Watches ? _state.Watched.Keys.Where(id => id > afterId).Take(_settings.PageSize).ToList() : [];
        if (ids.Count == 0)
        {
            _busy = false;
            _watch?.CaughtUp(PersistenceId);
            return;
        }
        _source.ReadIdsAsync(ids, CancellationToken.None)
            .PipeTo(Self, success: page => new Rechecked(ids, page), failure: ex => new PollFailed(ex.Message));
    }

    /// <summary>Files the rows in the inbox (each answered once journaled, or known); any refusal fails the page, which is read again.</summary>
    private Task FileAsync(IEnumerable<SitooFiledRow> rows)
    {
        var (inbox, timeout) = (_inbox, _settings.RequestTimeout);
        return Task.WhenAll(rows.Select(async row =>
        {
            var result = await inbox.Ask<AcceptResult>(new AcceptEntry(row.Key, row.Kind, row.Json), timeout).ConfigureAwait(false);
            if (!result.Accepted) throw new InvalidOperationException($"the inbox refused {row.Key}: {result.Message}");
        }));
    }

    public static Props Props(string persistenceId, ISitooPollSource source, SitooConnectorSettings settings, IActorRef inbox, ConnectorPollWatch? watch = null) =>
        Akka.Actor.Props.Create(() => new SitooPoller(persistenceId, source, settings, inbox, watch));
}

using ActorSync.Domain.Exceptions;
using System.Collections.Immutable;
using ActorSync.Domain.Operations.Alerts;
using Akka.Actor;
using Akka.Event;

namespace ActorSync.Engine.Alerts;

/// <summary>
/// The cluster's one alert watch (a singleton, so a webhook hears each alert once): every
/// <see cref="AlertSettings.CheckInterval"/> it reads the engine, lets <see cref="AlertDecisions"/> judge, logs each
/// alert started or ended and sends it to the webhook, in order, one at a time. A notice the webhook did not take is
/// sent again at the next look; nothing else is held back by it. What is firing lives in memory: a watch that moves to
/// another node starts afresh and tells once more what still holds.
/// </summary>
public sealed class AlertWatch : ReceiveActor, IWithTimers
{
    public sealed record GetAlerts
    {
        public static readonly GetAlerts Instance = new();
    }

    public sealed record FiringAlerts(IReadOnlyList<FiringAlert> Alerts, DateTimeOffset? LastLook);

    private sealed record Look : INoSerializationVerificationNeeded
    {
        public static readonly Look Instance = new();
    }

    private sealed record Read(AlertSnapshot Snapshot) : INoSerializationVerificationNeeded;
    private sealed record Sent(string? Problem) : INoSerializationVerificationNeeded;

    /// <summary>Past this many unsent notices the oldest are dropped (and said so): the log keeps every one of them.</summary>
    private const int OutboxLimit = 500;

    private readonly AlertReadings _readings;
    private readonly AlertWebhook _webhook;
    private readonly AlertThresholds _thresholds;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AlertState _state = AlertState.Empty;
    private ImmutableQueue<AlertNotice> _outbox = [];
    private int _waiting;
    private DateTimeOffset? _lastLook;
    private bool _reading;
    private bool _sending;
    private string? _lastProblem;

    public ITimerScheduler Timers { get; set; } = null!;

    public AlertWatch(AlertReadings readings, AlertWebhook webhook, AlertSettings settings)
    {
        (_readings, _webhook, _thresholds, _interval) = (readings, webhook, settings.Thresholds(), settings.CheckInterval);

        Receive<Look>(_ =>
        {
            if (!_reading)
            {
                _reading = true;
                _readings.ReadAsync(CancellationToken.None).PipeTo(Self, success: s => new Read(s));
            }
            SendNext();
        });
        Receive<Read>(r =>
        {
            _reading = false;
            _lastLook = r.Snapshot.At;
            (_state, var notices) = AlertDecisions.Evaluate(_state, r.Snapshot, _thresholds);
            foreach (var notice in notices) Record(notice);
            SendNext();
        });
        Receive<Status.Failure>(f =>
        {
            // Only the reading is piped with a failure (the webhook answers with its problem): look again next time.
            _reading = false;
            _log.Warning("The alert watch could not read the engine: {0}", f.Cause.Message);
        });
        Receive<Sent>(s =>
        {
            _sending = false;
            if (s.Problem is null)
            {
                (_outbox, _waiting) = (_outbox.Dequeue(), _waiting - 1);
                if (_lastProblem is not null) _log.Info("The alert webhook takes notices again.");
                _lastProblem = null;
                SendNext();
            }
            else if (s.Problem != _lastProblem)
            {
                _lastProblem = s.Problem;
                _log.Warning("An alert notice was not delivered ({0}); {1} notice(s) wait and are sent again at the next look.", s.Problem, _waiting);
            }
        });
        Receive<GetAlerts>(_ => Sender.Tell(new FiringAlerts(_state.Firing.Values.OrderBy(f => f.Since).ToList(), _lastLook)));
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("look", Look.Instance, TimeSpan.Zero, _interval);

    private void Record(AlertNotice notice)
    {
        if (notice.Status == AlertStatus.Firing)
            _log.Warning("Alert {0} for {1}: {2} Next: {3}", notice.Alert.Key, notice.Alert.Team.Name(), notice.Alert.Summary, notice.Alert.Action);
        else
            _log.Info("Alert {0} resolved (firing since {1:u}).", notice.Alert.Key, notice.Since);
        if (!_webhook.Configured) return;
        (_outbox, _waiting) = (_outbox.Enqueue(notice), _waiting + 1);
        if (_waiting > OutboxLimit && !_sending)
        {
            (_outbox, _waiting) = (_outbox.Dequeue(), _waiting - 1);
            _log.Warning("More than {0} alert notices wait for the webhook; the oldest was dropped (it is in this log).", OutboxLimit);
        }
    }

    private void SendNext()
    {
        if (_sending || _outbox.IsEmpty) return;
        _sending = true;
        _webhook.SendAsync(_outbox.Peek(), CancellationToken.None).PipeTo(Self, success: problem => new Sent(problem), failure: e => new Sent(e.Message));
    }
}

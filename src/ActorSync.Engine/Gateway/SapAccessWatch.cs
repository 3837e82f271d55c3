using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.ServiceLayer;
using ActorSync.ServiceLayer.Sessions;
using Akka.Actor;
using Akka.Hosting;

namespace ActorSync.Engine.Gateway;

/// <summary>Registry key of this node's SAP access watch.</summary>
public sealed class SapAccess;

/// <summary>
/// Tells the exception queue, once per refusal, when SAP has refused this node's login (credentials, a locked user, a
/// licence), and that it is over when logins work again. The client has already stopped logging in; an operator's
/// retry of the exception lets it log in once more at once (it reloads SAP's master data) (<see cref="AllowLogins"/>).
/// A retry SAP refuses again is a new refusal, reported again, so the exception goes back to open with that answer
/// instead of waiting as "retrying" for an outcome that never comes (and refusing the next retry meanwhile).
/// </summary>
public sealed class SapAccessWatch : ReceiveActor, IWithTimers
{
    /// <summary>The exception queue's retry of the refusal (the queue's node asks its own watch).</summary>
    public sealed record AllowLogins(string RecordId) : INoSerializationVerificationNeeded;

    public sealed record LoginsAllowed(string Message) : INoSerializationVerificationNeeded;

    private sealed record Look : INoSerializationVerificationNeeded
    {
        public static readonly Look Instance = new();
    }

    private readonly ServiceLayerClient _client;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly string _recordId;
    private readonly TimeSpan _interval;
    private LoginRefusal? _reported;
    private DateTimeOffset _allowedAt = DateTimeOffset.MinValue;

    public ITimerScheduler Timers { get; set; } = null!;

    public SapAccessWatch(ServiceLayerClient client, IReadOnlyActorRegistry registry, string recordId, TimeSpan interval)
    {
        (_client, _registry, _recordId, _interval) = (client, registry, recordId, interval);
        Receive<Look>(_ => LookAtLogins());
        Receive<MasterData.MasterDataRefreshed>(_ => { }); // the reload's outcome shows in the next look at the logins
        Receive<AllowLogins>(_ =>
        {
            var refused = _client.LoginRefused;
            _client.AllowLogins();
            _allowedAt = DateTimeOffset.UtcNow;
            // Log in again now rather than at the next request: reloading SAP's master data is what a retry after a fix wants anyway.
            if (_registry.TryGet<MasterData.MasterDataRefresh>(out var refresher)) refresher.Tell(MasterData.RefreshMasterData.Instance);
            Sender.Tell(new LoginsAllowed(refused is null ? "SAP logins were not stopped." : $"Logins to SAP allowed again after {refused.Kind} ({refused.Code}); the engine logs in once now."));
        });
        Timers.StartPeriodicTimer("look", Look.Instance, interval);
    }

    private void LookAtLogins()
    {
        var refused = _client.LoginRefused;
        var now = DateTimeOffset.UtcNow;
        object? report = refused switch
        {
            // A refusal not reported yet: the first, or SAP refusing the login a retry allowed.
            { } r when !ReferenceEquals(r, _reported) => new ExceptionQueueCommands.RaiseException(RecordKinds.SapLogin, _recordId,
                ExceptionTypes.SapLoginRefused($"SAP refused the login of {_recordId} ({r.Kind}: {r.Code} {r.Message}) at {r.At:u}; logins are stopped."), "", r.At),
            // Over only once the login a retry allowed has had a look's time to be refused again.
            null when _reported is not null && now - _allowedAt >= _interval =>
                new ExceptionQueueCommands.RecordSucceeded(RecordKinds.SapLogin, _recordId, now),
            _ => null,
        };
        if (report is null || !_registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue)) return;
        queue.Tell(report);
        _reported = refused;
    }

    public static Props Props(ServiceLayerClient client, IReadOnlyActorRegistry registry, string recordId, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new SapAccessWatch(client, registry, recordId, interval));

    /// <summary>The exception queue's owner of <see cref="RecordKinds.SapLogin"/> records: a retry lets logins be tried again.</summary>
    public static readonly Func<IReadOnlyActorRegistry, RecordOwner?> Owner = registry =>
        registry.TryGet<SapAccess>(out var watch)
            ? new RecordOwner(RecordKinds.SapLogin, watch, id => new AllowLogins(id), answer => answer switch
            {
                LoginsAllowed allowed => new RetryAnswer(true, allowed.Message),
                _ => new RetryAnswer(false, $"Unexpected answer from the SAP access watch: {answer.GetType().Name}."),
            })
            : null;
}

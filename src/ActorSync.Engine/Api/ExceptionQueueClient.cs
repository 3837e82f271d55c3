using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using Akka.Actor;
using Akka.Hosting;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueQueries;
using ExceptionQueueKey = ActorSync.Engine.ExceptionQueue.ExceptionQueue;

namespace ActorSync.Engine.Api;

/// <summary>
/// The in-process entry point to the exception queue for operators (the ops API, later the console and CLI) and for
/// code that reports records. Every call goes through the singleton proxy, so it works the same on any node.
/// </summary>
public sealed class ExceptionQueueClient(IRequiredActor<ExceptionQueueKey> queue)
{
    /// <summary>Longer than the queue's wait for a record's owner, so a retry's answer always arrives first.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Oldest first.</summary>
    public async Task<ImmutableList<ExceptionRecord>> ListAsync(ExceptionFilter? filter = null, CancellationToken ct = default)
    {
        var proxy = await queue.GetAsync(ct).ConfigureAwait(false);
        var list = await proxy.Ask<ExceptionList>(new ListExceptions(filter ?? ExceptionFilter.All), DefaultTimeout, ct).ConfigureAwait(false);
        return list.Items;
    }

    /// <summary>Null when the queue has no such exception.</summary>
    public async Task<ExceptionRecord?> GetAsync(string exceptionId, CancellationToken ct = default)
    {
        var proxy = await queue.GetAsync(ct).ConfigureAwait(false);
        var found = await proxy.Ask<ExceptionLookup>(new GetException(exceptionId), DefaultTimeout, ct).ConfigureAwait(false);
        return found.Exception;
    }

    /// <summary>Asks the record's owner to try again; the answer carries the owner's reply.</summary>
    public Task<ExceptionCommandResult> RetryAsync(string exceptionId, CancellationToken ct = default) =>
        CommandAsync(new RetryException(exceptionId), ct);

    public Task<ExceptionCommandResult> ResolveAsync(string exceptionId, string? note, CancellationToken ct = default) =>
        CommandAsync(new ResolveException(exceptionId, note), ct);

    /// <summary>Refused (<see cref="ExceptionResultCode.Invalid"/>) without a reason.</summary>
    public Task<ExceptionCommandResult> IgnoreAsync(string exceptionId, string? reason, CancellationToken ct = default) =>
        CommandAsync(new IgnoreException(exceptionId, reason), ct);

    /// <summary>Fire-and-forget: reports a failed record. Actors should tell the registry's proxy directly.</summary>
    public async Task RaiseAsync(RaiseException report, CancellationToken ct = default) =>
        (await queue.GetAsync(ct).ConfigureAwait(false)).Tell(report);

    /// <summary>Fire-and-forget: reports that a record went through, resolving its open exceptions.</summary>
    public async Task RecordSucceededAsync(RecordSucceeded report, CancellationToken ct = default) =>
        (await queue.GetAsync(ct).ConfigureAwait(false)).Tell(report);

    private async Task<ExceptionCommandResult> CommandAsync(IExceptionQueueCommand command, CancellationToken ct)
    {
        var proxy = await queue.GetAsync(ct).ConfigureAwait(false);
        return await proxy.Ask<ExceptionCommandResult>(command, DefaultTimeout, ct).ConfigureAwait(false);
    }
}

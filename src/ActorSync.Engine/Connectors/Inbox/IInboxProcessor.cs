using ActorSync.Domain.Connectors.Inbox;

namespace ActorSync.Engine.Connectors.Inbox;

/// <summary>
/// What a source does with one of its inbox entries (fetch, parse, submit to the engine). It may run for an entry more
/// than once (a retry, a replay after a crash), so it must be idempotent: the engine's entities make a second submit a
/// Duplicate. It reports the outcome and does not throw for expected failures; an exception counts as a
/// <see cref="InboxOutcome.Wait"/>.
/// </summary>
public interface IInboxProcessor
{
    Task<InboxOutcome> ProcessAsync(InboxEntry entry, CancellationToken ct);
}

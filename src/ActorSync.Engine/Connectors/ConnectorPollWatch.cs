using System.Collections.Concurrent;

namespace ActorSync.Engine.Connectors;

/// <summary>
/// When each of this node's channel polls last read everything its channel had: the moment a round found nothing more
/// to read. How far a poll's cursor trails the channel is the time since then; it stays within one poll interval while
/// the poll keeps up and grows while the channel refuses it (outage, 429s) or the round cannot finish. The polls are
/// cluster singletons, so a poll is listed by the node that runs it; when it moves, the new node lists it after its
/// first round.
/// </summary>
public sealed class ConnectorPollWatch(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _caughtUp = new(StringComparer.Ordinal);

    public ConnectorPollWatch() : this(TimeProvider.System)
    {
    }

    /// <summary>The poll named <paramref name="poll"/> (its persistence id) has just read to the end of its channel.</summary>
    public void CaughtUp(string poll) => _caughtUp[poll] = time.GetUtcNow();

    /// <summary>Each poll this node has seen finish a round, with the time since it last did.</summary>
    public IReadOnlyList<(string Poll, TimeSpan Behind)> Lags()
    {
        var now = time.GetUtcNow();
        return [.. _caughtUp.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, now - p.Value))];
    }
}

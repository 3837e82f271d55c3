using System.Collections.Immutable;

namespace ActorSync.Domain.ExceptionQueue;

/// <summary>
/// The journaled state of one exception queue: every exception it still remembers (open and recently closed), an index
/// of the latest exception per (record, type) for idempotent raises, and when each record last succeeded, so that a
/// failure from before that success, arriving late, is recognised as stale. Rebuilt from events; never changed in place.
/// Keys are plain strings so the state snapshots as simple JSON.
/// </summary>
public sealed record ExceptionQueueState
{
    public static readonly ExceptionQueueState Empty = new();

    /// <summary>By exception id.</summary>
    public ImmutableDictionary<string, ExceptionRecord> Exceptions { get; init; } = ImmutableDictionary<string, ExceptionRecord>.Empty;

    /// <summary>(kind, record id, type) → the latest exception raised for it, open or closed.</summary>
    public ImmutableDictionary<string, string> LatestByKey { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>(kind, record id) → the time of the latest success reported for the record.</summary>
    public ImmutableDictionary<string, DateTimeOffset> LastSuccess { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The number of the next exception; ids are never reused.</summary>
    public long NextNumber { get; init; } = 1;

    public int OpenCount => Exceptions.Values.Count(e => e.IsOpen);

    public ExceptionRecord? Find(string exceptionId) => Exceptions.GetValueOrDefault(exceptionId);

    /// <summary>The exceptions matching <paramref name="filter"/>, oldest first.</summary>
    public ImmutableList<ExceptionRecord> List(ExceptionFilter filter) =>
        Exceptions.Values.Where(filter.Matches).OrderBy(e => e.Number).ToImmutableList();

    public ExceptionRecord? LatestFor(string recordKind, string recordId, string type) =>
        LatestByKey.TryGetValue(Key(recordKind, recordId, type), out var id) ? Find(id) : null;

    public DateTimeOffset? LastSuccessOf(string recordKind, string recordId) =>
        LastSuccess.TryGetValue(Key(recordKind, recordId), out var at) ? at : null;

    /// <summary>
    /// The state as plain lists for the snapshot store: the journal's JSON serializer preserves object references,
    /// which it cannot do for immutable dictionaries. The index is rebuilt from the records.
    /// </summary>
    public ExceptionQueueSnapshot ToSnapshot() => new(
        Exceptions.Values.OrderBy(e => e.Number).ToArray(),
        LastSuccess.Select(kv => new ExceptionQueueSnapshot.Success(kv.Key, kv.Value)).ToArray(),
        NextNumber);

    public static ExceptionQueueState FromSnapshot(ExceptionQueueSnapshot snapshot) => new()
    {
        Exceptions = snapshot.Exceptions.ToImmutableDictionary(e => e.Id),
        // The latest exception per key has the highest number: a new one is only raised once the previous one closed.
        LatestByKey = snapshot.Exceptions.GroupBy(Key).ToImmutableDictionary(g => g.Key, g => g.MaxBy(e => e.Number)!.Id),
        LastSuccess = snapshot.Successes.ToImmutableDictionary(s => s.Key, s => s.At),
        NextNumber = snapshot.NextNumber,
    };

    internal static string Key(string recordKind, string recordId) => recordKind + "\u001f" + recordId;

    internal static string Key(string recordKind, string recordId, string type) => Key(recordKind, recordId) + "\u001f" + type;

    internal static string Key(ExceptionRecord record) => Key(record.RecordKind, record.RecordId, record.Type);

    /// <summary>Logs print counts, not the whole queue.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Exceptions = {Exceptions.Count}, Open = {OpenCount}, NextNumber = {NextNumber}");
        return true;
    }
}

/// <summary>
/// What the exception queue saves in its snapshot store (see <see cref="ExceptionQueueState.ToSnapshot"/>). Arrays, not
/// interfaces or immutable collections: the JSON serializer must be able to rebuild them with references preserved.
/// </summary>
public sealed record ExceptionQueueSnapshot(ExceptionRecord[] Exceptions, ExceptionQueueSnapshot.Success[] Successes, long NextNumber) : Journal.IJournaled
{
    public sealed record Success(string Key, DateTimeOffset At);
}

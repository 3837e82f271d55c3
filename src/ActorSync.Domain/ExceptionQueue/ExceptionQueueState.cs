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

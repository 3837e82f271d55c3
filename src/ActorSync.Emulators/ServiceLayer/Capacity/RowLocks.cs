using System.Collections.Concurrent;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Capacity;

/// <summary>An item × warehouse row (OITW) a document touches.</summary>
internal readonly record struct RowKey(string ItemCode, string WarehouseCode) : IComparable<RowKey>
{
    public int CompareTo(RowKey other)
    {
        var byItem = string.CompareOrdinal(ItemCode, other.ItemCode);
        return byItem != 0 ? byItem : string.CompareOrdinal(WarehouseCode, other.WarehouseCode);
    }

    public override string ToString() => $"{ItemCode}@{WarehouseCode}";
}

/// <summary>
/// Row locks on item × warehouse, held by a posting document for its whole simulated work time (as the DI core
/// holds database row locks for the transaction) or by a simulated SAP user. A writer that cannot get a row
/// within the lock-wait timeout fails the way SAP reports conflicts: HTTP 400, -2039 "Another user or another
/// operation modified data…" (reference §4; code and text configurable).
/// </summary>
internal sealed class RowLockTable
{
    private readonly ConcurrentDictionary<RowKey, SemaphoreSlim> _rows = new();

    public SemaphoreSlim Row(RowKey key) => _rows.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Takes the rows not already in <paramref name="held"/>, in sorted order (so two documents never deadlock on
    /// each other's rows within one request). On timeout releases nothing already held and returns the row
    /// that could not be taken.
    /// </summary>
    public async Task<RowKey?> AcquireAsync(IEnumerable<RowKey> keys, RowLockSet held, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var key in keys.Distinct().Order())
        {
            if (held.Contains(key))
            {
                continue;
            }

            var row = Row(key);
            if (!await row.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                return key;
            }

            held.Add(key, row);
        }

        return null;
    }
}

/// <summary>The rows one request (or one changeset) holds; disposing releases them.</summary>
internal sealed class RowLockSet : IDisposable
{
    private readonly Dictionary<RowKey, SemaphoreSlim> _held = [];

    public bool Contains(RowKey key) => _held.ContainsKey(key);
    public void Add(RowKey key, SemaphoreSlim row) => _held[key] = row;

    public void Dispose()
    {
        foreach (var row in _held.Values)
        {
            row.Release();
        }

        _held.Clear();
    }
}

/// <summary>Conflict answer, configurable because SAP documents disagree about the envelope (reference §4).</summary>
public sealed record LockConflictAnswer(int Code = SapErrors.ConflictCode, string Message = SapErrors.ConflictText, int HttpStatus = 400)
{
    internal SapException ToException() => new(HttpStatus, Code, Message) { IsLockConflict = true };
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.ServiceLayer.Control;

/// <summary>Session counters: currently active (not expired), peak, logins since start/reset, expired.</summary>
public sealed record SessionStats(int Active, int Peak, long Logins, long Expired);

/// <summary>
/// What <c>GET /__emulator/stats</c> answers (camelCase JSON).
/// <list type="bullet">
/// <item><c>requests</c>: top-level HTTP requests by "METHOD Resource", e.g. "POST Login", "GET Items", "POST $batch",
///   "POST Orders", "POST Orders/Close". Sub-requests of a <c>$batch</c> are not counted here.</item>
/// <item><c>batches</c>, <c>batchChangesets</c>: $batch requests and the changesets they carried (executed or failed).</item>
/// <item><c>documentsCreated</c>: committed documents per set, directly or inside batches (rolled-back ones do not count).</item>
/// <item><c>duplicateNumAtCard</c>: documents whose NumAtCard was already used by another document of the same set
///   (empty NumAtCard never counts). SAP accepts the duplicate.</item>
/// <item><c>lockConflicts</c>: writes answered -2039 because a row was locked by another document or a simulated user.</item>
/// <item><c>rejections</c>: error answers by SAP code (as string), including those inside batches.</item>
/// </list>
/// </summary>
public sealed record EmulatorStats(
    IReadOnlyDictionary<string, long> Requests,
    long Batches,
    long BatchChangesets,
    IReadOnlyDictionary<string, long> DocumentsCreated,
    IReadOnlyDictionary<string, long> DuplicateNumAtCard,
    long LockConflicts,
    SessionStats Sessions,
    IReadOnlyDictionary<string, long> Rejections)
{
    /// <summary>Simulated people working in SAP and the latencies they saw (<see cref="Capacity.PeopleOptions"/>).</summary>
    public Capacity.PeopleStats? People { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static EmulatorStats FromJson(string json) =>
        JsonSerializer.Deserialize<EmulatorStats>(json, JsonOptions) ?? throw new JsonException("Empty stats document.");
}

/// <summary>Thread-safe counters behind <see cref="EmulatorStats"/>.</summary>
internal sealed class StatsCollector
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _duplicates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private long _batches;
    private long _changesets;
    private long _lockConflicts;

    public StatsCollector() => Reset();

    public void Request(string key) => _requests.AddOrUpdate(key, 1, (_, n) => n + 1);
    public void Batch() => Interlocked.Increment(ref _batches);
    public void Changeset() => Interlocked.Increment(ref _changesets);
    public void LockConflict() => Interlocked.Increment(ref _lockConflicts);
    public void Rejection(int code) => _rejections.AddOrUpdate(code.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);

    public void DocumentCreated(string entitySet, bool duplicateNumAtCard)
    {
        _documents.AddOrUpdate(entitySet, 1, (_, n) => n + 1);
        if (duplicateNumAtCard)
        {
            _duplicates.AddOrUpdate(entitySet, 1, (_, n) => n + 1);
        }
    }

    public EmulatorStats Snapshot(SessionStats sessions) => new(
        Sorted(_requests), Interlocked.Read(ref _batches), Interlocked.Read(ref _changesets),
        Sorted(_documents), Sorted(_duplicates), Interlocked.Read(ref _lockConflicts), sessions, Sorted(_rejections));

    private static SortedDictionary<string, long> Sorted(ConcurrentDictionary<string, long> source) =>
        new(source.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    public void Reset()
    {
        _requests.Clear();
        _rejections.Clear();
        _documents.Clear();
        _duplicates.Clear();
        foreach (var set in DocumentSets.All)
        {
            _documents[set.Name] = 0;
            _duplicates[set.Name] = 0;
        }

        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _changesets, 0);
        Interlocked.Exchange(ref _lockConflicts, 0);
    }
}

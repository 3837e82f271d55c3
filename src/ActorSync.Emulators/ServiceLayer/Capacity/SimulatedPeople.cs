using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorSync.Emulators.ServiceLayer.Capacity;

/// <summary>
/// People working in SAP while the integration runs: <paramref name="Users"/> users, each acting about
/// <paramref name="ActionsPerMinute"/> times a minute of SAP time (think times drawn from an exponential distribution,
/// scaled like every other cost). An action occupies one of the same workers the Service Layer's requests use, so
/// people and the integration queue behind each other as in SAP.
/// </summary>
/// <param name="Seed">Fixes the think times and the mix, so two runs see the same people.</param>
public sealed record PeopleOptions(int Users, double ActionsPerMinute = 6, int Seed = 17)
{
    public void Validate()
    {
        if (Users is < 0 or > 500) throw new FormatException($"people.users must be between 0 and 500 (was {Users}).");
        if (ActionsPerMinute is <= 0 or > 600) throw new FormatException($"people.actionsPerMinute must be above 0 and at most 600 (was {ActionsPerMinute}).");
    }
}

/// <summary>Latency people saw for one kind of action (real milliseconds, from asking for a worker to the answer).</summary>
public sealed record PeopleLatency(long Actions, double P50Ms, double P95Ms, double P99Ms);

/// <summary>What <c>people</c> in <c>GET /__emulator/stats</c> says: users working now, and their latencies by kind and in all.</summary>
public sealed record PeopleStats(int Users, IReadOnlyDictionary<string, PeopleLatency> ByKind, PeopleLatency All);

/// <summary>
/// The users behind <see cref="PeopleOptions"/>. What people do, in SAP time (calibrated against the capacity
/// model's document cost, reference §9): open a list (sales orders to deliver, 250 ms, 45 % of actions), open a
/// document (150 ms, 40 %), add a document of eight lines (the model's document cost, 15 %). Latencies are kept for
/// the last 20,000 actions of each kind.
/// </summary>
internal sealed class SimulatedPeople(CapacityModel capacity)
{
    private const int Kept = 20_000;

    private static readonly (string Kind, double Share, Func<CapacityOptions, TimeSpan> Cost)[] Mix =
    [
        ("open-list", 0.45, _ => TimeSpan.FromMilliseconds(250)),
        ("open-document", 0.40, _ => TimeSpan.FromMilliseconds(150)),
        ("add-document", 0.15, o => o.DocumentBaseCost + o.PerLineCost * 8),
    ];

    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private CancellationTokenSource? _running;
    private int _users;

    public int Users => Volatile.Read(ref _users);

    /// <summary>Replaces whoever was working with <paramref name="options"/>' users (0 stops them all), latencies counted afresh.</summary>
    public void Start(PeopleOptions options)
    {
        options.Validate();
        lock (_sync)
        {
            Stop();
            ResetLatencies();
            if (options.Users == 0) return;
            var running = new CancellationTokenSource();
            _running = running;
            _users = options.Users;
            for (var user = 0; user < options.Users; user++)
            {
                var random = new Random(options.Seed * 1009 + user);
                _ = Task.Run(() => WorkAsync(random, options.ActionsPerMinute, running.Token));
            }
        }
    }

    public void Stop()
    {
        lock (_sync)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
            _users = 0;
        }
    }

    public void ResetLatencies() => _latencies.Clear();

    public PeopleStats Snapshot()
    {
        var byKind = _latencies.ToDictionary(p => p.Key, p => Summarise(p.Value.ToArray()), StringComparer.Ordinal);
        return new PeopleStats(Users, new SortedDictionary<string, PeopleLatency>(byKind, StringComparer.Ordinal),
            Summarise(_latencies.Values.SelectMany(q => q).ToArray()));
    }

    private async Task WorkAsync(Random random, double actionsPerMinute, CancellationToken ct)
    {
        try
        {
            // Users start spread over one think time, not all in the same instant.
            await Task.Delay(Think(random, actionsPerMinute) * random.NextDouble(), ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                var (kind, cost) = Pick(random.NextDouble());
                var clock = Stopwatch.StartNew();
                if (capacity.Options.Enabled)
                {
                    using var worker = await capacity.AcquireWorkerAsync(ct).ConfigureAwait(false);
                    await capacity.WorkAsync(cost(capacity.Options), ct).ConfigureAwait(false);
                }
                Record(kind, clock.Elapsed.TotalMilliseconds);
                await Task.Delay(Think(random, actionsPerMinute), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The users went home.
        }
    }

    private TimeSpan Think(Random random, double actionsPerMinute)
    {
        var sapSeconds = -Math.Log(1 - random.NextDouble()) * 60 / actionsPerMinute;
        var real = capacity.Options.Scale(TimeSpan.FromSeconds(sapSeconds));
        return real > TimeSpan.Zero ? real : TimeSpan.FromMilliseconds(sapSeconds * 1000 * 0.01);
    }

    private static (string Kind, Func<CapacityOptions, TimeSpan> Cost) Pick(double draw)
    {
        foreach (var (kind, share, cost) in Mix)
        {
            if (draw < share) return (kind, cost);
            draw -= share;
        }
        return (Mix[^1].Kind, Mix[^1].Cost);
    }

    private void Record(string kind, double ms)
    {
        var queue = _latencies.GetOrAdd(kind, _ => new ConcurrentQueue<double>());
        queue.Enqueue(ms);
        while (queue.Count > Kept && queue.TryDequeue(out _))
        {
        }
    }

    private static PeopleLatency Summarise(double[] samples)
    {
        if (samples.Length == 0) return new PeopleLatency(0, 0, 0, 0);
        Array.Sort(samples);
        double At(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
        return new PeopleLatency(samples.Length, At(0.50), At(0.95), At(0.99));
    }
}

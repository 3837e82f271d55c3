using ActorSync.Engine.Api;
using ActorSync.Engine.Operations;
using ActorSync.ServiceLayer;

namespace ActorSync.Host.WebConsole;

/// <summary>One look at the flows and at SAP: throughput and error rate per flow, the adaptive limit and sessions in use.</summary>
public sealed record FlowSample(DateTimeOffset At, IReadOnlyDictionary<string, double> PostedPerMinute, IReadOnlyDictionary<string, double?> ErrorRate,
    int? Limit, int? InFlight, int SessionsInUse);

/// <summary>
/// A short history of <see cref="FlowSample"/>s in memory, for the flow page's chart: one every
/// <see cref="Interval"/> while anyone uses the console (it starts with the first console request, so a service nobody
/// looks at never samples), the newest <see cref="Capacity"/> kept (30 minutes). Not journaled: a restart starts over,
/// and Prometheus keeps the long view.
/// </summary>
public sealed class FlowHistory(IServiceProvider services, CancellationToken stopping)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public const int Capacity = 180;

    private readonly Queue<FlowSample> _samples = new();
    private readonly object _sync = new();
    private int _started;

    public IReadOnlyList<FlowSample> Samples()
    {
        lock (_sync) return [.. _samples];
    }

    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await SampleAsync(stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The engine stopping or restarting under its supervisors: no sample this time.
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Takes a sample now (the flow page does too, so its chart ends at the moment it is drawn).</summary>
    public async Task<FlowSample> SampleAsync(CancellationToken ct)
    {
        var snapshot = services.GetRequiredService<FlowActivity>().Snapshot();
        int? limit = null, inFlight = null;
        try
        {
            var gateway = await services.GetRequiredService<SyncEngine>().GetGatewayStatsAsync(ct);
            (limit, inFlight) = (gateway.Concurrency?.Limit, gateway.Concurrency?.InFlight);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A gateway restarting under its supervisor: this sample has no limit, the next one will.
        }
        var sample = new FlowSample(DateTimeOffset.UtcNow,
            snapshot.ToDictionary(s => s.Flow, s => s.Recent.PostedPerMinute),
            snapshot.ToDictionary(s => s.Flow, s => s.Recent.ErrorRate),
            limit, inFlight, services.GetRequiredService<ServiceLayerClient>().Sessions.Leased);
        lock (_sync)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > Capacity) _samples.Dequeue();
        }
        return sample;
    }
}

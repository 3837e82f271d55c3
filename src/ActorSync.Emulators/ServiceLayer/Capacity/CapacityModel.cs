namespace ActorSync.Emulators.ServiceLayer.Capacity;

/// <summary>
/// The worker pool. Work is simulated with <c>Task.Delay</c> while holding a worker (a <see cref="SemaphoreSlim"/>
/// slot), never while holding the company lock, so concurrent requests overlap as on a real server.
/// Reconfiguring swaps in a new pool; requests already holding a slot release it to the pool they took it from.
/// </summary>
internal sealed class CapacityModel(CapacityOptions options)
{
    private sealed record Pool(CapacityOptions Options, SemaphoreSlim Slots);

    private volatile Pool _pool = Create(options);

    private static Pool Create(CapacityOptions options) =>
        new(options, new SemaphoreSlim(Math.Max(1, options.Workers), Math.Max(1, options.Workers)));

    public CapacityOptions Options => _pool.Options;

    public void Reconfigure(CapacityOptions options) => _pool = Create(options);

    /// <summary>Occupies a worker until the lease is disposed; a no-op when the model is off.</summary>
    public async ValueTask<WorkerLease> AcquireWorkerAsync(CancellationToken cancellationToken)
    {
        var pool = _pool;
        if (!pool.Options.Enabled)
        {
            return default;
        }

        await pool.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WorkerLease(pool.Slots);
    }

    /// <summary>Simulated work of <paramref name="sapTime"/> (scaled); returns at once when the model is off.</summary>
    public Task WorkAsync(TimeSpan sapTime, CancellationToken cancellationToken)
    {
        var real = _pool.Options.Scale(sapTime);
        return real > TimeSpan.Zero ? Task.Delay(real, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Occupy a worker for a fixed cost (login, read, batch overhead).</summary>
    public async Task OccupyAsync(Func<CapacityOptions, TimeSpan> cost, CancellationToken cancellationToken)
    {
        var options = _pool.Options;
        if (!options.Enabled)
        {
            return;
        }

        using var lease = await AcquireWorkerAsync(cancellationToken).ConfigureAwait(false);
        await WorkAsync(cost(options), cancellationToken).ConfigureAwait(false);
    }
}

internal readonly struct WorkerLease(SemaphoreSlim? slots) : IDisposable
{
    public void Dispose() => slots?.Release();
}

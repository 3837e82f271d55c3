namespace ActorSync.Emulators.Channels;

/// <summary>The faults in force on one channel emulator; thread-safe. Time comes from the emulator's clock.</summary>
internal sealed class ChannelFaultState(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private (int Status, long Until)? _outage;
    private int _drops, _responseDrops;
    private int _latencyMs;

    public int LatencyMs
    {
        get
        {
            lock (_lock)
                return _latencyMs;
        }
    }

    public void Apply(ChannelFaultSettings settings)
    {
        lock (_lock)
        {
            if (settings.Clear == true)
            {
                _outage = null;
                _drops = 0;
                _responseDrops = 0;
                _latencyMs = 0;
            }

            if (settings.LatencyMs is { } latency)
                _latencyMs = Math.Max(0, latency);
            if (settings.DropShipmentResponses is { } drops)
                _drops = Math.Max(0, drops);
            if (settings.DropResponses is { } responseDrops)
                _responseDrops = Math.Max(0, responseDrops);
            if (settings.Outage is { } outage)
                _outage = outage.ForMs <= 0
                    ? null
                    : (outage.Status, clock.GetTimestamp() + (long)(outage.ForMs / 1000.0 * clock.TimestampFrequency));
        }
    }

    /// <summary>The status to answer with while an outage lasts, else null.</summary>
    public int? CurrentOutage()
    {
        lock (_lock)
        {
            if (_outage is { } outage && clock.GetTimestamp() < outage.Until)
                return outage.Status;
            _outage = null;
            return null;
        }
    }

    /// <summary>True, using one count up, when the read just handled must lose its answer.</summary>
    public bool ConsumeResponseDrop()
    {
        lock (_lock)
        {
            if (_responseDrops <= 0)
                return false;
            _responseDrops--;
            return true;
        }
    }

    /// <summary>True, using one count up, when the shipment just committed must lose its answer.</summary>
    public bool ConsumeDrop()
    {
        lock (_lock)
        {
            if (_drops <= 0)
                return false;
            _drops--;
            return true;
        }
    }
}

/// <summary>
/// BigCommerce's quota (channels.md §2.2): a fixed window that starts with the first request after the previous one
/// ended. Every answered request uses one; with none left the answer is 429. Thread-safe.
/// </summary>
internal sealed class ChannelRateLimiter(TimeProvider clock, ChannelRateLimit initial)
{
    private readonly Lock _lock = new();
    private ChannelRateLimit _limit = initial;
    private long _windowStart = long.MinValue;
    private int _used;

    public readonly record struct Decision(bool Allowed, int Quota, int Left, long WindowMs, long ResetMs);

    public void Replace(ChannelRateLimit limit)
    {
        lock (_lock)
        {
            _limit = limit;
            _windowStart = clock.GetTimestamp();
            _used = limit.RequestsLeft is { } left ? Math.Max(0, limit.Quota - left) : 0;
        }
    }

    public Decision Take()
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            var window = (long)(_limit.WindowMs / 1000.0 * clock.TimestampFrequency);
            if (_windowStart == long.MinValue || now - _windowStart >= window)
            {
                _windowStart = now;
                _used = 0;
            }

            var resetMs = Math.Max(0, (long)Math.Ceiling((_windowStart + window - now) * 1000.0 / clock.TimestampFrequency));
            if (_used >= _limit.Quota)
                return new Decision(false, _limit.Quota, 0, _limit.WindowMs, resetMs);
            _used++;
            return new Decision(true, _limit.Quota, _limit.Quota - _used, _limit.WindowMs, resetMs);
        }
    }
}

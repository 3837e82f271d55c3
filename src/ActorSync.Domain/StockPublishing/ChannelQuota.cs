namespace ActorSync.Domain.StockPublishing;

/// <summary>A channel's rate-limit headers on an answer (BigCommerce: <c>X-Rate-Limit-Requests-Left</c>, <c>-Time-Reset-Ms</c>).</summary>
public sealed record QuotaReading(int Left, TimeSpan ResetIn);

/// <summary>
/// When the next call to a channel may go (channels.md §2.2, §5 item 7): never faster than the configured quota
/// (<c>RequestsPerWindow</c> per <c>Window</c>, spread evenly), the channel's own headers spreading what is left of its
/// window over the time to its reset (the quota is shared with every other app of the store), a 429 waiting the reset
/// it names, or doubling when it names none; an outage doubles from a second to five minutes.
/// </summary>
public sealed record ChannelQuota(TimeSpan MinInterval, DateTimeOffset NextAt, TimeSpan Backoff)
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public static ChannelQuota Of(int requestsPerWindow, TimeSpan window) =>
        new(requestsPerWindow > 0 ? window / requestsPerWindow : TimeSpan.Zero, DateTimeOffset.MinValue, FirstBackoff);

    /// <summary>
    /// A call just went out, costing <paramref name="requests"/> of the quota: a Sitoo call reads its SKUs' levels
    /// before it writes, and each read counts against the account's limit as the write does (the stock storm got 429s
    /// while the pacing counted one per call).
    /// </summary>
    public ChannelQuota Sent(DateTimeOffset now, int requests = 1) => this with { NextAt = now + MinInterval * Math.Max(1, requests) };

    /// <summary>The channel answered (2xx or a refusal of the items): its headers, when sent, may ask for more room.</summary>
    public ChannelQuota Answered(DateTimeOffset now, QuotaReading? reading)
    {
        var next = NextAt;
        if (reading is { } r)
        {
            var spread = r.Left <= 0 ? r.ResetIn : r.ResetIn / (r.Left + 1);
            if (now + spread > next) next = now + spread;
        }

        return this with { NextAt = next, Backoff = FirstBackoff };
    }

    /// <summary>429: the reset the channel named (plus a little, windows are not exactly aligned), else doubling.</summary>
    public ChannelQuota Throttled(DateTimeOffset now, TimeSpan? reset) => reset is { } wait
        ? this with { NextAt = now + wait + TimeSpan.FromMilliseconds(50) }
        : Doubled(now);

    /// <summary>Outage, timeout, dropped answer: doubling from a second to five minutes (or the channel's hint when longer).</summary>
    public ChannelQuota Unavailable(DateTimeOffset now, TimeSpan? after)
    {
        var doubled = Doubled(now);
        return after is { } hint && now + hint > doubled.NextAt ? doubled with { NextAt = now + hint } : doubled;
    }

    private ChannelQuota Doubled(DateTimeOffset now) => this with
    {
        NextAt = now + Backoff,
        Backoff = Backoff * 2 > MaxBackoff ? MaxBackoff : Backoff * 2,
    };

    public TimeSpan WaitFrom(DateTimeOffset now) => NextAt > now ? NextAt - now : TimeSpan.Zero;
}

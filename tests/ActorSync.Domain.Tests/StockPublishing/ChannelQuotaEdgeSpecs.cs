using ActorSync.Domain.StockPublishing;

namespace ActorSync.Domain.Tests.StockPublishing;

/// <summary>
/// When a stock publisher may call its channel next: the configured quota spread evenly, the channel's own headers,
/// a 429's reset, an outage's doubling and its hint, each at its edge.
/// </summary>
public class ChannelQuotaEdgeSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_quota_is_spread_evenly_over_its_window_and_none_configured_means_no_wait()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).MinInterval);
        Assert.Equal(TimeSpan.Zero, ChannelQuota.Of(0, TimeSpan.FromSeconds(30)).MinInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(200), ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).Sent(Now).WaitFrom(Now));
    }

    [Fact]
    public void A_call_of_several_requests_waits_the_quota_of_each_of_them()
    {
        var quota = ChannelQuota.Of(300, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromMilliseconds(600), quota.Sent(Now, 6).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(100), quota.Sent(Now, 0).WaitFrom(Now));
    }

    [Fact]
    public void The_channel_s_headers_spread_what_is_left_over_the_time_to_its_reset()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).Sent(Now);

        Assert.Equal(TimeSpan.FromSeconds(2), quota.Answered(Now, new QuotaReading(4, TimeSpan.FromSeconds(10))).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromSeconds(10), quota.Answered(Now, new QuotaReading(0, TimeSpan.FromSeconds(10))).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(200), quota.Answered(Now, new QuotaReading(999, TimeSpan.FromSeconds(10))).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(200), quota.Answered(Now, null).WaitFrom(Now));
    }

    [Fact]
    public void A_throttled_call_waits_the_named_reset_and_a_little_else_it_doubles_up_to_five_minutes()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromMilliseconds(1550), quota.Throttled(Now, TimeSpan.FromMilliseconds(1500)).WaitFrom(Now));
        var once = quota.Throttled(Now, null);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), (once.WaitFrom(Now), once.Backoff));
        var near = quota with { Backoff = TimeSpan.FromSeconds(150) };
        Assert.Equal(ChannelQuota.MaxBackoff, near.Throttled(Now, null).Backoff);
        Assert.Equal(ChannelQuota.MaxBackoff, (quota with { Backoff = TimeSpan.FromSeconds(200) }).Throttled(Now, null).Backoff);
        Assert.Equal(ChannelQuota.FirstBackoff, once.Answered(Now, null).Backoff);
    }

    [Fact]
    public void An_outage_takes_the_channel_s_hint_only_when_it_is_longer_than_the_doubling()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30)) with { Backoff = TimeSpan.FromSeconds(4) };

        Assert.Equal(TimeSpan.FromSeconds(4), quota.Unavailable(Now, null).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromSeconds(4), quota.Unavailable(Now, TimeSpan.FromSeconds(3)).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromSeconds(30), quota.Unavailable(Now, TimeSpan.FromSeconds(30)).WaitFrom(Now));
        Assert.Equal(TimeSpan.FromSeconds(8), quota.Unavailable(Now, TimeSpan.FromSeconds(30)).Backoff);
    }

    [Fact]
    public void A_moment_already_past_is_no_wait()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).Sent(Now);

        Assert.Equal(TimeSpan.Zero, quota.WaitFrom(Now.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, quota.WaitFrom(Now.AddMilliseconds(200)));
    }
}

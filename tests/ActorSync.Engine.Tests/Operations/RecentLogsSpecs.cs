using ActorSync.Domain.Operations;
using ActorSync.Engine.Operations;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tests.Operations;

/// <summary>The recent-log ring behind <c>log tail</c>: bounded, found by record, never a secret or a whole payload.</summary>
public class RecentLogsSpecs
{
    private static ILogger Logger(RecentLogs ring) => new RecentLogsProvider(ring).CreateLogger("ActorSync.Test");

    [Fact]
    public void Values_named_like_credentials_are_dropped_and_masked_in_the_text()
    {
        var ring = new RecentLogs();
        Logger(ring).LogWarning("Login as {UserName} with {Password} refused; token {AccessToken}", "manager", "S3cret-Pa55!", "tok-123456789");

        var line = Assert.Single(ring.Tail(10));
        Assert.Equal("Login as manager with *** refused; token ***", line.Message);
        Assert.Equal("manager", line.Properties["UserName"]);
        Assert.False(line.Properties.ContainsKey("Password"));
        Assert.False(line.Properties.ContainsKey("AccessToken"));
    }

    [Fact]
    public void A_long_message_is_cut_and_an_exception_keeps_only_its_first_line()
    {
        var ring = new RecentLogs();
        var payload = "{\"items\":[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"ITM00001\",\"price\":19.99}", 100)) + "]}";
        Logger(ring).LogError(new InvalidOperationException("bad answer\n   at Somewhere.Deep()"), "Answer was {Body}", payload);

        var line = Assert.Single(ring.Tail(10));
        Assert.Equal(RecentLogs.MaxMessageChars + 1, line.Message.Length);
        Assert.Equal("InvalidOperationException: bad answer", line.Error);
        Assert.True(line.Properties["Body"].Length <= 201);
    }

    [Fact]
    public void The_ring_keeps_its_capacity_and_tail_finds_the_lines_of_one_record_oldest_first()
    {
        var ring = new RecentLogs(capacity: 5);
        var log = Logger(ring);
        for (var i = 1; i <= 8; i++) log.LogInformation("{Flow} {EntityId}: step {Step}", "orders", i % 2 == 0 ? "magento:1002" : "magento:1001", i);

        Assert.Equal([4L, 5, 6, 7, 8], ring.Tail(100).Select(l => l.Sequence));
        Assert.Equal(["4", "6", "8"], ring.Tail(100, "magento:1002").Select(l => l.Properties["Step"]));
        Assert.Equal(["6", "8"], ring.Tail(2, "MAGENTO:1002").Select(l => l.Properties["Step"]));
    }
}

/// <summary>The numbers of <c>actorsync flows</c>: what a flow journaled, over the window, and how long records waited for SAP.</summary>
public class FlowActivitySpecs
{
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delay_is_from_journaling_to_the_first_document_and_later_documents_add_none()
    {
        var time = new ManualTime(T0);
        var activity = new FlowActivity(time);
        activity.Record(new FlowObservation.Received("orders", "magento:1", "magento", T0));
        activity.Record(new FlowObservation.Received("orders", "magento:2", "magento", T0.AddSeconds(1)));

        var first = activity.Record(new FlowObservation.Posted("orders", "magento:1", FlowObservations.SalesOrder, 41, 1041, false, T0.AddSeconds(2.5)));
        var second = activity.Record(new FlowObservation.Posted("orders", "magento:2", FlowObservations.SalesOrder, 42, 1042, true, T0.AddSeconds(8)));
        var later = activity.Record(new FlowObservation.Posted("orders", "magento:1", "MAGENTO-1/DS1", 7, 7, false, T0.AddSeconds(30)));

        Assert.Equal((TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(7), (TimeSpan?)null), (first, second, later));
        var orders = activity.Snapshot().Single(s => s.Flow == "orders");
        Assert.Equal(new FlowCounts(2, 3, 0, 0), orders.SinceStart);
        Assert.Equal(new DelayStats(2, 2.5, 7, 7), orders.Recent.DelaySeconds);
        Assert.Equal(3 / FlowActivity.Window.TotalMinutes, orders.Recent.PostedPerMinute);
    }

    [Fact]
    public void Error_rate_is_parked_over_posted_and_parked_in_the_window_and_old_activity_leaves_it()
    {
        var time = new ManualTime(T0);
        var activity = new FlowActivity(time);
        activity.Record(new FlowObservation.Posted("pos", "sitoo:1", "SITOO-1/INV", 1, 1, false, T0));
        activity.Record(new FlowObservation.Parked("pos", "sitoo:2", "unmapped-payment", Domain.Exceptions.OwningTeam.Finance, T0));
        activity.Record(new FlowObservation.LockWait("pos", "sitoo:3", 1, T0));
        activity.Record(new FlowObservation.Posted("pos", "sitoo:3", "SITOO-3/INV", 3, 3, false, T0));

        var now = activity.Snapshot().Single(s => s.Flow == "pos");
        time.Now = T0 + FlowActivity.Window + TimeSpan.FromSeconds(1);
        var afterWindow = activity.Snapshot().Single(s => s.Flow == "pos");

        Assert.Equal(1 / 3.0, now.Recent.ErrorRate!.Value, 6);
        Assert.Equal(new FlowCounts(0, 2, 1, 1), now.SinceStart);
        Assert.Null(afterWindow.Recent.ErrorRate);
        Assert.Equal(new FlowCounts(0, 0, 0, 0), afterWindow.Recent.Counts);
        Assert.Equal(now.SinceStart, afterWindow.SinceStart);
    }
}

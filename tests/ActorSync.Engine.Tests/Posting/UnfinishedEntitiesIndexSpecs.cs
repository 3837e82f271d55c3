using ActorSync.Engine.Posting;
using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;

namespace ActorSync.Engine.Tests.Posting;

/// <summary>The unfinished-entities index with its tag queries played by the test.</summary>
public class UnfinishedEntitiesIndexSpecs() : TestKit("akka.loglevel = ERROR")
{
    private static readonly UnfinishedEntitiesIndex.Kind Orders = new("orders", "order-progress", "order-",
        evt => evt is "pending" ? true : evt is "settled" ? false : null, id => $"wake:{id}");

    private static EventEnvelope Progress(string persistenceId, long seq, string evt) =>
        new(new Sequence(seq), persistenceId, seq, evt, 0, ["order-progress"]);

    /// <summary>The journal holds order a; the first live stream dies (the database went away), the next one brings order b.</summary>
    private sealed class LiveStreamThatFailsOnce : ITagQueries
    {
        private int _live;
        public int LiveStarts => _live;

        public Source<EventEnvelope, NotUsed> Current(string tag) => Source.From([Progress("order-a", 1, "pending")]);

        public Source<EventEnvelope, NotUsed> Live(string tag, Offset from) =>
            Interlocked.Increment(ref _live) == 1
                ? Source.Failed<EventEnvelope>(new InvalidOperationException("connection reset"))
                : Source.From([Progress("order-b", 1, "pending")]).Concat(Source.Never<EventEnvelope>());
    }

    [Fact]
    public async Task An_index_whose_live_tag_stream_fails_starts_again_and_follows_the_tag_from_the_journal()
    {
        var region = CreateTestProbe();
        var queries = new LiveStreamThatFailsOnce();
        var index = Sys.ActorOf(UnfinishedEntitiesIndex.Props(region.Ref, Orders, TimeSpan.FromMinutes(10), queries));

        region.ExpectMsg("wake:a");
        region.ExpectMsg("wake:a", TimeSpan.FromSeconds(10)); // woken again by the restarted index after its reload

        await AwaitAssertAsync(async () =>
        {
            var unfinished = await index.Ask<UnfinishedEntitiesIndex.Unfinished>(UnfinishedEntitiesIndex.GetUnfinished.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(["a", "b"], unfinished.EntityIds.Order());
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(2, queries.LiveStarts);
    }

    /// <summary>The first read of the journal throws while the index starts (the SQL read journal was not ready in time).</summary>
    private sealed class JournalNotReadyAtFirst : ITagQueries
    {
        private int _current;

        public Source<EventEnvelope, NotUsed> Current(string tag) =>
            Interlocked.Increment(ref _current) == 1
                ? throw new AskTimeoutException("Timeout after 5.00 seconds")
                : Source.From([Progress("order-c", 4, "pending")]);

        public Source<EventEnvelope, NotUsed> Live(string tag, Offset from) => Source.Never<EventEnvelope>();
    }

    [Fact]
    public async Task An_index_that_fails_while_starting_is_started_again_and_wakes_what_is_unfinished()
    {
        var region = CreateTestProbe();
        var index = Sys.ActorOf(UnfinishedEntitiesIndex.Props(region.Ref, Orders, TimeSpan.FromMinutes(10), new JournalNotReadyAtFirst()));
        Watch(index);

        region.ExpectMsg("wake:c", TimeSpan.FromSeconds(10));
        var unfinished = await index.Ask<UnfinishedEntitiesIndex.Unfinished>(UnfinishedEntitiesIndex.GetUnfinished.Instance, TimeSpan.FromSeconds(3));
        Assert.Equal(["c"], unfinished.EntityIds);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the supervisor, a singleton in the cluster, never stopped
    }

    [Fact]
    public async Task An_entity_the_live_stream_reports_settled_leaves_the_index_and_is_not_woken_again()
    {
        var region = CreateTestProbe();
        var queries = new Settling();
        var index = Sys.ActorOf(UnfinishedEntitiesIndex.Props(region.Ref, Orders, TimeSpan.FromMinutes(10), queries));

        region.ExpectMsg("wake:a");
        await AwaitAssertAsync(async () =>
        {
            var unfinished = await index.Ask<UnfinishedEntitiesIndex.Unfinished>(UnfinishedEntitiesIndex.GetUnfinished.Instance, TimeSpan.FromSeconds(3));
            Assert.True(unfinished.Loaded);
            Assert.Empty(unfinished.EntityIds);
        }, TimeSpan.FromSeconds(5));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private sealed class Settling : ITagQueries
    {
        public Source<EventEnvelope, NotUsed> Current(string tag) => Source.From([Progress("order-a", 1, "pending")]);

        public Source<EventEnvelope, NotUsed> Live(string tag, Offset from) =>
            Source.From([Progress("order-a", 2, "settled")]).Concat(Source.Never<EventEnvelope>());
    }
}

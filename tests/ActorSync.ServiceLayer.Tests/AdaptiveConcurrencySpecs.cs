using ActorSync.ServiceLayer.Concurrency;

namespace ActorSync.ServiceLayer.Tests;

public class AdaptiveConcurrencySpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Unloaded = TimeSpan.FromMilliseconds(43.7);

    private static AdaptiveConcurrencyLimit Limit(int min = 1, int max = 8, int initial = 2) => new(new AdaptiveLimitOptions(min, max, initial));

    /// <summary>Answers at the given latency, each sent with the whole limit in use.</summary>
    private static void AnswerFull(AdaptiveConcurrencyLimit limit, int answers, TimeSpan perDocument)
    {
        for (var i = 0; i < answers; i++) limit.Observe(LimitSignal.Answered, perDocument, limit.Current, T0.AddSeconds(i));
    }

    [Fact]
    public void The_limit_grows_by_one_per_round_of_answers_while_SAP_answers_at_its_unloaded_speed()
    {
        var limit = Limit(initial: 2);
        AnswerFull(limit, 2, Unloaded);   // one round at 2
        Assert.Equal(3, limit.Current);
        AnswerFull(limit, 3, Unloaded);   // one round at 3
        Assert.Equal(4, limit.Current);
        Assert.Contains("SAP has room", limit.LastChange!.Reason);
        Assert.Equal((3, 4), (limit.LastChange.From, limit.LastChange.To));
    }

    [Fact]
    public void The_limit_never_passes_its_maximum_the_cap_less_the_reserve()
    {
        var limit = Limit(max: 5);
        AnswerFull(limit, 500, Unloaded);
        Assert.Equal(5, limit.Current);
    }

    [Fact]
    public void An_engine_that_does_not_use_its_whole_limit_learns_nothing_and_does_not_grow()
    {
        var limit = Limit(initial: 3);
        for (var i = 0; i < 100; i++) limit.Observe(LimitSignal.Answered, Unloaded, inFlight: 2, T0);
        Assert.Equal(3, limit.Current);
        Assert.Null(limit.LastChange);
    }

    [Fact]
    public void Once_SAP_queues_the_limit_falls_by_a_quarter_at_most_once_per_round_and_never_below_the_minimum()
    {
        var limit = Limit(min: 2, initial: 8);
        AnswerFull(limit, 8, Unloaded);
        var queueing = Unloaded * 1.9;
        limit.Observe(LimitSignal.Answered, queueing, 8, T0);   // smoothed: 1.27x, not yet past 1.3x
        Assert.Equal(8, limit.Current);
        limit.Observe(LimitSignal.Answered, queueing, 8, T0);   // smoothed: 1.46x
        Assert.Equal(6, limit.Current);
        Assert.Contains("SAP is queueing", limit.LastChange!.Reason);
        // The answers of batches sent before the decrease still show the old load: no second cut in this round.
        AnswerFull(limit, 5, queueing);
        Assert.Equal(6, limit.Current);
        AnswerFull(limit, 100, queueing);
        Assert.Equal(2, limit.Current);
    }

    [Fact]
    public void A_timeout_or_an_outage_backs_off_at_once_whatever_the_latency()
    {
        var limit = Limit(initial: 4);
        Assert.NotNull(limit.Observe(LimitSignal.Overloaded, TimeSpan.Zero, 4, T0));
        Assert.Equal(3, limit.Current);
        Assert.Equal("SAP timed out, refused for load or is unreachable", limit.LastChange!.Reason);
        Assert.Null(limit.Observe(LimitSignal.Overloaded, TimeSpan.Zero, 3, T0)); // same round
    }

    [Fact]
    public void A_SAP_that_became_slower_for_good_is_learned_again_instead_of_read_as_overload()
    {
        var limit = Limit(initial: 4, min: 1);
        AnswerFull(limit, 20, Unloaded);
        AnswerFull(limit, 60, Unloaded * 3);      // a minute of slow answers reads as SAP queueing
        Assert.Equal(1, limit.Current);
        for (var i = 0; i < 1200; i++)            // ten more minutes: two baseline windows later it is SAP's new speed
            limit.Observe(LimitSignal.Answered, Unloaded * 3, limit.Current, T0.AddMinutes(1).AddSeconds(i / 2.0));
        Assert.Equal((Unloaded * 3).TotalMilliseconds, limit.Unloaded!.Value.TotalMilliseconds, 2);
        Assert.Equal(8, limit.Current);
    }

    [Fact]
    public void Bad_bounds_are_refused_naming_the_problem()
    {
        Assert.Contains("minimum", Assert.Throws<ArgumentException>(() => Limit(min: 0)).Message);
        Assert.Contains("must not be below", Assert.Throws<ArgumentException>(() => Limit(min: 4, max: 3, initial: 3)).Message);
        Assert.Contains("initial", Assert.Throws<ArgumentException>(() => Limit(initial: 9)).Message);
    }

    /// <summary>
    /// A toy SAP: <paramref name="workers"/> workers shared with <paramref name="people"/> busy people; a document costs
    /// one unit while a worker is free for each request and queues beyond that. The limit should settle on the room
    /// people leave, not on the cap, and follow it when people come and go.
    /// </summary>
    [Theory]
    [InlineData(8, 0, 8)]
    [InlineData(8, 3, 5)]
    [InlineData(8, 6, 2)]
    public void Against_a_SAP_shared_with_people_the_limit_settles_on_the_room_they_leave(int workers, int people, int room)
    {
        var limit = Limit(max: 8, initial: 2);
        var settled = new List<int>();
        for (var i = 0; i < 3000; i++)
        {
            var demand = limit.Current + people;
            var perDocument = Unloaded * Math.Max(1.0, (double)demand / workers);
            limit.Observe(LimitSignal.Answered, perDocument, limit.Current, T0);
            if (i >= 2000) settled.Add(limit.Current);
        }
        // One request past the room shows as 1.125x, just over the growth threshold: it stops there.
        Assert.InRange(settled.Min(), room, Math.Min(8, room + 1));
        Assert.InRange(settled.Max(), room, Math.Min(8, room + 1));
    }

    [Fact]
    public async Task The_gate_admits_up_to_the_limit_and_lets_the_next_in_as_one_leaves()
    {
        var gate = ConcurrencyGate.Fixed(2);
        var first = await gate.EnterAsync();
        var second = await gate.EnterAsync();
        var third = gate.EnterAsync();
        Assert.False(third.IsCompleted);
        Assert.Equal((2, 2, 1), (gate.View.Limit, gate.View.InFlight, gate.View.Waiting));
        Assert.Equal((1, 2), (first.InFlight, second.InFlight));

        gate.Leave(first, LimitSignal.Answered, Unloaded);
        var admitted = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, admitted.InFlight);
        Assert.Equal(0, gate.View.Waiting);
    }

    [Fact]
    public async Task The_adaptive_gate_reports_each_change_and_admits_waiters_when_the_limit_grows()
    {
        var changes = new List<LimitChange>();
        var gate = ConcurrencyGate.Adaptive(new AdaptiveLimitOptions(1, 4, 1), changes.Add);
        var first = await gate.EnterAsync();
        var waiting = gate.EnterAsync();
        Assert.False(waiting.IsCompleted);

        gate.Leave(first, LimitSignal.Answered, Unloaded); // the whole limit was in use at SAP's unloaded speed: 1 -> 2
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((1, 2), (changes.Single().From, changes.Single().To));
        var view = gate.View;
        Assert.Equal((true, 2, 1, 4, 1), (view.Adaptive, view.Limit, view.Min, view.Max, view.InFlight));
        Assert.Equal(Unloaded.TotalMilliseconds, view.UnloadedMsPerDocument!.Value, 3);
    }

    [Fact]
    public async Task Work_that_goes_again_keeps_its_place_at_a_limit_of_one_instead_of_queueing_behind_the_next_and_leaves_it_once_done()
    {
        // The gateway's deadlock at a limit of one: a group's skipped documents must go again without queueing behind the
        // next group, which would hold the only place while the skipped documents wait for it.
        var gate = ConcurrencyGate.Fixed(1);
        var group = await gate.EnterAsync();
        var next = gate.EnterAsync();

        var again = gate.Renew(group, LimitSignal.Answered, Unloaded);

        Assert.False(next.IsCompleted); // still one place, still the group's
        Assert.Equal((1, 1, 1), (again.InFlight, gate.View.InFlight, gate.View.Waiting));
        gate.Leave(again, LimitSignal.Answered, Unloaded);
        Assert.Equal(1, (await next.WaitAsync(TimeSpan.FromSeconds(5))).InFlight);
    }

    [Fact]
    public async Task A_renewed_place_feeds_the_adaptive_limit_its_outcome()
    {
        var changes = new List<LimitChange>();
        var gate = ConcurrencyGate.Adaptive(new AdaptiveLimitOptions(1, 4, 2), changes.Add);
        var a = await gate.EnterAsync();
        await gate.EnterAsync();

        gate.Renew(a, LimitSignal.Overloaded, Unloaded); // a timeout backs off at once, even for work that goes again

        Assert.Equal((2, 1), (changes.Single().From, changes.Single().To));
        Assert.Equal((1, 2), (gate.View.Limit, gate.View.InFlight)); // both places kept: a lower limit waits for work to leave
    }
}

using ActorSync.Domain.Connectors.BigCommerce;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>The reconciling poll's cursor on <c>min_date_modified</c>: where it starts, how it moves, when it pages.</summary>
public class ReconcileCursorSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static ReconcileCursorState Started(DateTimeOffset from) =>
        ReconcileCursorState.Empty.ProcessEvent(new ReconcileEvents.ReconcileStarted(from, from));

    [Fact]
    public void The_first_poll_reads_back_the_look_back_and_a_later_start_keeps_the_journaled_cursor()
    {
        var start = ReconcileCursorState.Empty.Start(T0, TimeSpan.FromDays(1));
        var state = ReconcileCursorState.Empty.ProcessEvent(start!);

        Assert.Equal(T0.AddDays(-1), state.NextRequest(50).MinModified);
        Assert.Null(state.Start(T0.AddDays(3), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void The_cursor_moves_to_the_latest_date_modified_read_and_the_next_read_starts_at_page_one_from_there()
    {
        var state = Started(T0);
        var request = state.NextRequest(3);
        ModifiedOrder[] rows = [new("100", T0.AddSeconds(5), 11), new("101", T0.AddSeconds(9), 11), new("102", T0.AddSeconds(9), 0)];

        var decision = state.AfterPage(request, rows, T0.AddMinutes(5));
        var next = state.ProcessEvent(decision.Advance!);

        Assert.Equal(["100", "101"], decision.ToEnqueue.Select(o => o.Id)); // status 0 (incomplete) is not taken
        Assert.True(decision.More); // a full page: read on
        Assert.Equal(new PageRequest(T0.AddSeconds(9), 1, 3), next.NextRequest(3));
        Assert.Equal(2, next.Enqueued);
    }

    [Fact]
    public void A_full_page_of_one_second_goes_to_the_next_page_of_that_second_so_the_poll_cannot_loop()
    {
        var state = Started(T0);
        ModifiedOrder[] rows = [new("1", T0, 11), new("2", T0, 11)];

        var first = state.AfterPage(state.NextRequest(2), rows, T0);
        state = state.ProcessEvent(first.Advance!);
        var second = state.AfterPage(state.NextRequest(2), [new("3", T0, 11)], T0);
        state = state.ProcessEvent(second.Advance!);

        Assert.Equal(new PageRequest(T0, 1, 2), state.NextRequest(2));
        Assert.Equal(2, first.Advance!.Page);
        Assert.False(second.More);
    }

    [Fact]
    public void An_empty_page_moves_nothing_and_ends_the_poll()
    {
        var state = Started(T0);

        var decision = state.AfterPage(state.NextRequest(50), [], T0.AddMinutes(5));

        Assert.Null(decision.Advance);
        Assert.False(decision.More);
        Assert.Empty(decision.ToEnqueue);
    }
}

using ActorSync.Domain.Catalogue;
using static ActorSync.Domain.Catalogue.CatalogueReaderEvents;

namespace ActorSync.Domain.Tests.Catalogue;

public class CatalogueReaderStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_full_read_keeps_its_progress_and_changes_are_read_from_the_stamp_taken_before_it()
    {
        var state = new ICatalogueReaderEvent[]
        {
            new FullReadStarted(new DateTime(2026, 12, 7, 8, 59, 58), T0),
            new FullReadPage("ITM00100", 100, T0),
        }.Aggregate(CatalogueReaderState.Empty, (s, e) => s.ProcessEvent(e));

        Assert.Equal(("ITM00100", false), (state.FullReadAfter, state.FullReadDone));
        state = state.ProcessEvent(new FullReadCompleted(100, T0));
        Assert.Equal((new DateTime(2026, 12, 7, 8, 59, 58), "", true, null), (state.Through, state.LastCode, state.FullReadDone, state.FullReadAfter));
    }

    [Fact]
    public void The_change_cursor_orders_by_stamp_then_code_and_never_goes_back()
    {
        var second = new DateTime(2026, 12, 7, 10, 15, 0);
        var state = CatalogueReaderState.Empty.ProcessEvent(new FullReadStarted(second.AddMinutes(-5), T0))
            .ProcessEvent(new ChangesRead(second, "ITM00020", 20, T0));

        Assert.True(state.After(second, "ITM00021"));
        Assert.False(state.After(second, "ITM00020"));
        Assert.False(state.After(second.AddSeconds(-1), "ITM00099"));

        var unchanged = state.ProcessEvent(new ChangesRead(second.AddSeconds(-1), "ITM00099", 3, T0));
        Assert.Equal((second, "ITM00020"), (unchanged.Through, unchanged.LastCode));
    }

    [Fact]
    public void A_read_that_caught_up_keeps_its_last_second_open_for_items_SAP_still_stamps_in_it()
    {
        var second = new DateTime(2026, 12, 7, 10, 15, 0);
        var state = CatalogueReaderState.Empty.ProcessEvent(new FullReadStarted(second.AddMinutes(-5), T0))
            .ProcessEvent(new ChangesRead(second, "ITM00020", 20, T0))
            .ProcessEvent(new ChangesRead(second, "", 2, T0));

        Assert.True(state.After(second, "ITM00005"));
        Assert.Equal((second, ""), (state.Through, state.LastCode));
        Assert.Equal(second, state.ProcessEvent(new ChangesRead(second.AddSeconds(-1), "", 1, T0)).Through);
    }
}

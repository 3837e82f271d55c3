using ActorSync.Domain.Stock;

namespace ActorSync.Domain.Tests;

/// <summary><see cref="StockDecisions"/> and <see cref="StockKey"/> at their edges: nothing in stock, one figure moving, two readings of one instant.</summary>
public class StockPositionEdgeSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static StockPositionState Apply(StockPositionState state, StockCommands.ApplySapLevels cmd) =>
        state.ProcessCommand(cmd).Events.Aggregate(state, (s, e) => s.ProcessEvent(e));

    [Fact]
    public void A_first_reading_of_nothing_in_stock_is_recorded_and_signalled_so_the_channels_hear_zero()
    {
        var (events, reply) = new StockPositionState().ProcessCommand(new StockCommands.ApplySapLevels("01:A", 0, 0, 0, Now));

        Assert.Single(events);
        Assert.Equal((true, 0m, 1L), (reply.AvailableChanged, reply.Available, reply.Version));
    }

    [Fact]
    public void A_first_reading_with_everything_committed_is_signalled_though_nothing_can_be_sold()
    {
        var (_, reply) = new StockPositionState().ProcessCommand(new StockCommands.ApplySapLevels("01:A", 5, 5, 0, Now));

        Assert.Equal((true, 0m), (reply.AvailableChanged, reply.Available));
    }

    [Fact]
    public void Committed_moving_alone_is_a_change_of_what_can_be_sold()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));

        var (events, reply) = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 10, 4, 0, Now.AddMinutes(1)));

        Assert.Single(events);
        Assert.Equal((true, 6m, 2L), (reply.AvailableChanged, reply.Available, reply.Version));
    }

    [Fact]
    public void Ordered_moving_alone_is_journaled_without_a_signal()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));

        var (events, reply) = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 10, 3, 20, Now.AddMinutes(1)));

        Assert.Equal(20m, Assert.IsType<StockEvents.StockLevelsChanged>(Assert.Single(events)).Ordered);
        Assert.Equal((false, 7m, 2L), (reply.AvailableChanged, reply.Available, reply.Version));
    }

    [Fact]
    public void A_second_reading_of_the_same_instant_with_other_figures_is_taken_but_an_older_one_is_not()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));

        var same = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 8, 3, 0, Now));
        var older = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 8, 3, 0, Now.AddTicks(-1)));

        Assert.Equal((true, 5m), (same.Reply.AvailableChanged, same.Reply.Available));
        Assert.Empty(older.Events);
        Assert.Equal((false, 7m, 1L), (older.Reply.AvailableChanged, older.Reply.Available, older.Reply.Version));
    }

    [Fact]
    public void A_stock_id_is_warehouse_colon_sku_and_names_without_either_part_are_refused()
    {
        var key = StockKey.Parse("01:A-100:RED");

        Assert.Equal(("01", "A-100:RED", "01:A-100:RED"), (key.Warehouse, key.Sku, key.EntityId));
        Assert.Equal("WH2:B", new StockKey("WH2", "B").EntityId);
        Assert.Throws<FormatException>(() => StockKey.Parse(":A"));
        Assert.Throws<FormatException>(() => StockKey.Parse("01:"));
        Assert.Throws<FormatException>(() => StockKey.Parse("01A"));
    }
}

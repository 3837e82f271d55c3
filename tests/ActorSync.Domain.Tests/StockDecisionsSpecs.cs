using ActorSync.Domain.Stock;

namespace ActorSync.Domain.Tests;

public class StockDecisionsSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static StockPositionState Apply(StockPositionState state, StockCommands.ApplySapLevels cmd)
    {
        var (events, _) = state.ProcessCommand(cmd);
        return events.Aggregate(state, (s, e) => s.ProcessEvent(e));
    }

    [Fact]
    public void The_first_figures_are_a_change_and_available_is_in_stock_minus_committed()
    {
        var (events, reply) = new StockPositionState().ProcessCommand(new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));

        Assert.Single(events);
        Assert.True(reply.AvailableChanged);
        Assert.Equal(7, reply.Available);
        Assert.Equal(1, reply.Version);
    }

    [Fact]
    public void The_same_figures_again_change_nothing()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));
        var (events, reply) = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now.AddMinutes(1)));

        Assert.Empty(events);
        Assert.False(reply.AvailableChanged);
    }

    [Fact]
    public void Figures_that_move_but_keep_available_are_journaled_without_a_signal()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));
        // A delivery: on hand and committed both drop by 2, so what can be sold is unchanged.
        var (events, reply) = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 8, 1, 0, Now.AddMinutes(1)));

        Assert.Single(events);
        Assert.False(reply.AvailableChanged);
        Assert.Equal(7, reply.Available);
        Assert.Equal(2, reply.Version);
    }

    [Fact]
    public void An_older_snapshot_never_rolls_the_position_back()
    {
        var state = Apply(new StockPositionState(), new StockCommands.ApplySapLevels("01:A", 10, 3, 0, Now));
        var (events, reply) = state.ProcessCommand(new StockCommands.ApplySapLevels("01:A", 50, 0, 0, Now.AddMinutes(-5)));

        Assert.Empty(events);
        Assert.Equal(7, reply.Available);
    }

    [Fact]
    public void Publishing_the_same_quantity_to_a_location_twice_is_recorded_once()
    {
        var state = new StockPositionState { StockId = "01:A" };
        var first = state.ProcessCommand(new StockCommands.RecordPublished("01:A", "web", 7));
        state = first.Aggregate(state, (s, e) => s.ProcessEvent(e));

        Assert.Single(first);
        Assert.Empty(state.ProcessCommand(new StockCommands.RecordPublished("01:A", "web", 7)));
        Assert.Single(state.ProcessCommand(new StockCommands.RecordPublished("01:A", "web", 6)));
    }

    [Theory]
    [InlineData("01:ITM:1", "01", "ITM:1")]
    [InlineData("DMG:X", "DMG", "X")]
    public void Stock_ids_split_at_the_first_colon(string id, string warehouse, string sku)
    {
        Assert.Equal(new StockKey(warehouse, sku), StockKey.Parse(id));
    }

    [Fact]
    public void A_malformed_stock_id_names_the_problem()
    {
        var ex = Assert.Throws<FormatException>(() => StockKey.Parse("nocolon"));
        Assert.Contains("nocolon", ex.Message);
    }
}

using ActorSync.Host.Demo;

namespace ActorSync.Engine.Tests.Demo;

/// <summary><c>actorsync demo</c>'s options: defaults per mode, each option read, and a bad one named with what it takes.</summary>
public class DemoOptionsSpecs
{
    [Fact]
    public void Without_options_the_demo_runs_the_channels_at_their_default_size()
    {
        var options = DemoOptions.Parse([]);
        Assert.Equal(new DemoOptions(DemoOptions.ChannelOrders, 2000, 0.02, 4, "data/demo", Direct: false), options);
    }

    [Fact]
    public void Direct_keeps_the_old_burst_and_its_default_size()
    {
        Assert.Equal(DemoOptions.DirectOrders, DemoOptions.Parse(["--direct"]).Orders);
        Assert.True(DemoOptions.Parse(["--direct", "--orders", "120"]) is { Direct: true, Orders: 120 });
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = DemoOptions.Parse(["--orders", "250", "--items", "400", "--time-scale", "0.5", "--sessions", "6", "--data", "/tmp/x"]);
        Assert.Equal(new DemoOptions(250, 400, 0.5, 6, "/tmp/x", Direct: false), options);
    }

    [Theory]
    [InlineData(new[] { "--order", "5" }, "Unknown option '--order'")]
    [InlineData(new[] { "--orders", "0" }, "--orders takes a positive whole number (was '0')")]
    [InlineData(new[] { "--orders", "ten" }, "--orders takes a positive whole number (was 'ten')")]
    [InlineData(new[] { "--sessions", "-2" }, "--sessions takes a positive whole number (was '-2')")]
    [InlineData(new[] { "--time-scale", "fast" }, "--time-scale takes a number >= 0")]
    [InlineData(new[] { "--time-scale", "-1" }, "--time-scale takes a number >= 0")]
    [InlineData(new[] { "--items", "5" }, "--items takes at least 20 (was 5)")]
    [InlineData(new[] { "--data" }, "Option --data needs a value.")]
    [InlineData(new[] { "--orders", "--direct" }, "Option --orders needs a value.")]
    public void A_bad_option_is_named_with_what_it_takes(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

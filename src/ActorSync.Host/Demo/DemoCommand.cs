namespace ActorSync.Host.Demo;

/// <summary>
/// <c>actorsync demo</c>: the whole loop through the channel emulators and the real connectors (<see cref="ChannelDemo"/>),
/// or with <c>--direct</c> a burst straight into the engine (<see cref="DirectDemo"/>).
/// </summary>
public static class DemoCommand
{
    public static Task<int> RunAsync(string[] args, string? akkaHocon)
    {
        var options = DemoOptions.Parse(args);
        return options.Direct ? DirectDemo.RunAsync(options, akkaHocon) : ChannelDemo.RunAsync(options, akkaHocon);
    }
}

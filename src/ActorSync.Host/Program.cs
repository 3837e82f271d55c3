using ActorSync.Host.Api;
using ActorSync.Host.Demo;

// actorsync demo [options]   a peak through the channel emulators and the real connectors, in one process (--direct: straight into the engine)
// actorsync [run]            the service: engine + ops API, configured from appsettings.json and environment variables
var akkaHocon = File.Exists(Path.Combine(AppContext.BaseDirectory, "akka.hocon"))
    ? File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon"))
    : null;

try
{
    return args.FirstOrDefault() switch
    {
        "demo" => await DemoCommand.RunAsync(args[1..], akkaHocon),
        null or "run" => await ServiceHost.RunAsync(args.Length > 0 ? args[1..] : args, akkaHocon),
        var other => Usage($"Unknown command '{other}'."),
    };
}
catch (ArgumentException ex)
{
    return Usage(ex.Message);
}

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine("Usage: " + DemoOptions.Usage);
    Console.Error.WriteLine("       actorsync run   (configuration: appsettings.json, environment variables such as ServiceLayer__Password)");
    return 2;
}

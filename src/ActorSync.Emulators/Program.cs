using ActorSync.Emulators.ServiceLayer.Hosting;

// Each emulator is a sub-command: "sap" today; channel emulators are added next to it.
return args switch
{
    ["sap", .. var rest] => await ServiceLayerCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ActorSync.Emulators <emulator> [options]");
    Console.Error.WriteLine("emulators:");
    Console.Error.WriteLine("  sap    SAP Business One Service Layer emulator (sap --help for options)");
    return 2;
}

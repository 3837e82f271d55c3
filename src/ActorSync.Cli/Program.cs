// actorsync: the operator CLI. This file only dispatches; commands live in their own folders.
return await ActorSync.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);

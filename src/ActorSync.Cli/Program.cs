// actorsync: the operator CLI. This file only dispatches; commands live in their own folders.
return ActorSync.Cli.CliApp.Run(args, Console.Out, Console.Error);

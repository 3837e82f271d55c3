namespace ActorSync.ServiceLayer; internal static class Placeholder { }

namespace ActorSync.Engine.Posting;

/// <summary>Journal event-adapter wiring for a flow's tagger, merged into the SQL journal's configuration.</summary>
public static class JournalTagging
{
    public static string Hocon(string name, Type adapter, Type events) => $$"""
        akka.persistence.journal.sql {
          event-adapters { {{name}} = "{{adapter.AssemblyQualifiedName}}" }
          event-adapter-bindings { "{{events.AssemblyQualifiedName}}" = {{name}} }
        }
        """;
}

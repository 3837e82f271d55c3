using Akka.Hosting;
using Akka.Persistence.Sql;

namespace ActorSync.Engine.Persistence;

public static class PersistenceHostingExtensions
{
    /// <summary>
    /// Akka.Persistence.Sql as the default journal, snapshot store and read journal. There is no Hosting package for
    /// the plugin in our registry, so this is the one place that writes HOCON for it; the plugin's own defaults are
    /// appended as the fallback it needs (without them it cannot find its class names).
    /// </summary>
    public static AkkaConfigurationBuilder AddActorSyncPersistence(this AkkaConfigurationBuilder builder, PersistenceSettings settings)
    {
        settings.Validate();
        settings.PrepareSqlite();
        var connection = Quote(settings.ConnectionString);
        var provider = Quote(settings.ProviderName);
        var readIsolation = settings.ReadIsolationLevel;
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  parallelism = {{settings.WriterParallelism}}
                  read-isolation-level = {{readIsolation}}
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  read-isolation-level = {{readIsolation}}
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                refresh-interval = 1s
                read-isolation-level = {{readIsolation}}
              }
            }
            """;
        return builder
            .AddHocon(hocon, HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

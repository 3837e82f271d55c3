using System.Diagnostics;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Journal;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Journal;
using ActorSync.Engine.Persistence;
using ActorSync.Host.Demo;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf;

/// <summary>
/// What the journal costs per order: a run of orders through the engine into the emulator on a fresh SQLite journal,
/// then every row read back. "After" is what this build wrote; "before" is the same events written as the build
/// before the versioned format wrote them (Akka's default JSON serializer), so both columns describe one run.
/// </summary>
public sealed class JournalBytes(int orders)
{
    public sealed record Result(int Orders, long Events, long Bytes, long LegacyBytes, long FileBytes, long LargestEvent, long LargestLegacyEvent, TimeSpan Drain)
    {
        /// <summary>Rows of other persistence ids the run also wrote (readiness's journal probe, the exception queue), read back but not counted per order.</summary>
        public long OtherEvents { get; init; }
    }

    public async Task<Result> RunAsync()
    {
        var unique = new DemoOrderGenerator(2_000).Generate(orders).ToList();
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 2_000 } });
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-perf");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"journal-{Guid.NewGuid():N}.db");
        var settings = new EngineSettings
        {
            Persistence = new PersistenceSettings { ConnectionString = $"Data Source={file}" },
            ServiceLayer = new ServiceLayerOptions { BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" },
            Orders = { Mapping = OrderMapping.ForDemoCompany("magento") },
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon")));
        var clock = Stopwatch.StartNew();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var engine = host.Services.GetRequiredService<SyncEngine>();
            Console.WriteLine($"Journal bytes: {orders} orders through the engine into the emulator, journal {file}");
            await Parallel.ForEachAsync(unique, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (order, ct) => await engine.SubmitOrderAsync(order, ct));
            while (sap.Company.Orders.Count < orders)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Only {sap.Company.Orders.Count} of {orders} orders reached SAP.");
                Console.Write($"\r  {sap.Company.Orders.Count,6} of {orders} in SAP");
                await Task.Delay(500);
            }
            Console.WriteLine($"\r  {orders} of {orders} in SAP after {clock.Elapsed.TotalSeconds:F1} s");
            await host.StopAsync();
        }
        return Measure(file, orders, clock.Elapsed);
    }

    private static Result Measure(string file, int orders, TimeSpan drain)
    {
        var contracts = JournalHostingExtensions.Areas.ToDictionary(a => a.Identifier, a => a.Contract);
        using var system = ActorSystem.Create("journal-bytes", "akka.loglevel = WARNING");
        var legacy = new NewtonSoftJsonSerializer((ExtendedActorSystem)system);
        long events = 0, others = 0, bytes = 0, legacyBytes = 0, largest = 0, largestLegacy = 0;
        using (var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select identifier, manifest, message, persistence_id from journal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var payload = (byte[])reader["message"];
                var value = JournalCodec.Read(contracts[reader.GetInt32(0)], reader.GetString(1), payload);
                // Every row must decode; only the orders' own rows are what this scenario measures per order.
                if (!reader.GetString(3).StartsWith("order-", StringComparison.Ordinal)) { others++; continue; }
                var before = legacy.ToBinary(value).Length;
                events++;
                bytes += payload.Length;
                legacyBytes += before;
                largest = Math.Max(largest, payload.Length);
                largestLegacy = Math.Max(largestLegacy, before);
            }
        }
        var fileBytes = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
        return new Result(orders, events, bytes, legacyBytes, fileBytes, largest, largestLegacy, drain) { OtherEvents = others };
    }

    public static string Render(Result r) => string.Create(CultureInfo.InvariantCulture, $"""
        ## Journal bytes per order

        Generated by `dotnet run -c Release --project perf/ActorSync.Perf -- journal-bytes --orders {r.Orders}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.

        {r.Orders} generated orders (one to three lines, three VAT rates, fractional prices) through the engine into the emulator, each
        journaled as received, validated and posted. "Before" is the same events as the previous build wrote them (Akka's default
        JSON with CLR type names and reference ids); "after" is the versioned format (short manifests, plain JSON without what reads
        back the same, deflated above {JournalCodec.CompressAbove} bytes). Payload bytes only; the SQLite file also holds row, index and tag overhead.

        | | before | after | after / before |
        |---|---:|---:|---:|
        | events per order | {r.Events / (double)r.Orders:F2} | {r.Events / (double)r.Orders:F2} | |
        | payload bytes per order | {r.LegacyBytes / (double)r.Orders:F0} | {r.Bytes / (double)r.Orders:F0} | {r.Bytes / (double)r.LegacyBytes:F2} |
        | largest event (bytes) | {r.LargestLegacyEvent} | {r.LargestEvent} | {r.LargestEvent / (double)r.LargestLegacyEvent:F2} |
        | SQLite file bytes per order (after) | | {r.FileBytes / (double)r.Orders:F0} | |
        """);
}

using ActorSync.Emulators.ServiceLayer.Capacity;
using System.Diagnostics;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Host.Demo;

/// <summary>
/// <c>actorsync demo --direct</c>: one node on SQLite against the in-process Service Layer emulator (capacity model on),
/// a burst of generated orders pushed straight into the engine's <c>SyncEngine</c> (no channels, no connectors) with a
/// progress line, then what reached SAP. The engine's own throughput, as before the connectors existed.
/// </summary>
public static class DirectDemo
{
    public static async Task<int> RunAsync(DemoOptions options, string? akkaHocon)
    {
        Console.WriteLine($"ActorSync demo (direct): {options.Orders} orders, {options.Items} items, emulator time scale {options.TimeScale}, {options.Sessions} SAP sessions for the engine");

        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = options.Items },
            Capacity = CapacityOptions.Calibrated(options.TimeScale),
        });
        Console.WriteLine($"Service Layer emulator at {sap.BaseAddress}b1s/v1 (company {new ServiceLayerEmulatorOptions().CompanyDb})");

        Directory.CreateDirectory(options.DataFolder);
        var database = Path.Combine(options.DataFolder, $"actorsync-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db");
        var settings = new EngineSettings
        {
            Persistence = new PersistenceSettings { Provider = PersistenceProvider.Sqlite, ConnectionString = $"Data Source={database}" },
            ServiceLayer = new ServiceLayerOptions { BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" },
            Gateway = { Sessions = options.Sessions },
            Orders = { Mapping = OrderMapping.ForDemoCompany("magento") },
        };

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Akka's own INFO lines would bury the progress display.
        builder.Services.AddActorSyncEngine(settings, akkaHocon + "\nakka.loglevel = WARNING\n");
        using var host = builder.Build();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<SyncEngine>();

        var orders = new DemoOrderGenerator(options.Items).Generate(options.Orders).ToList();
        var clock = Stopwatch.StartNew();
        var accepted = 0;
        var submitting = Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (order, ct) =>
        {
            var result = await engine.SubmitOrderAsync(order, ct);
            if (result.Code == CommandResultCode.Accepted) Interlocked.Increment(ref accepted);
        });

        var deadline = TimeSpan.FromMinutes(30);
        long posted = 0;
        while (clock.Elapsed < deadline)
        {
            await Task.Delay(1000);
            var stats = sap.GetStats();
            posted = stats.DocumentsCreated.GetValueOrDefault("Orders");
            var gateway = await engine.GetGatewayStatsAsync();
            Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] accepted {accepted,6}/{orders.Count} | posted to SAP {posted,6}/{orders.Count} " +
                              $"| batches {gateway.Batches,5} | SAP sessions {stats.Sessions.Active} | {posted / Math.Max(clock.Elapsed.TotalSeconds, 0.001),7:F1} orders/s");
            if (submitting.IsCompleted && posted >= orders.Count) break;
        }
        await submitting;
        clock.Stop();

        var final = sap.GetStats();
        var gatewayFinal = await engine.GetGatewayStatsAsync();
        var duplicates = final.DuplicateNumAtCard.GetValueOrDefault("Orders");
        Console.WriteLine();
        Console.WriteLine("What reached SAP");
        Console.WriteLine($"  sales orders created     {final.DocumentsCreated.GetValueOrDefault("Orders")} of {orders.Count} accepted");
        Console.WriteLine($"  duplicates (NumAtCard)   {duplicates}");
        Console.WriteLine($"  $batch calls             {final.Batches} ({(double)orders.Count / Math.Max(final.Batches, 1):F1} orders per call)");
        Console.WriteLine($"  SAP sessions, peak       {final.Sessions.Peak} (engine budget {options.Sessions} + 1 for look-ups)");
        Console.WriteLine($"  logins                   {final.Sessions.Logins}");
        Console.WriteLine($"  elapsed                  {clock.Elapsed.TotalSeconds:F1}s, {posted / clock.Elapsed.TotalSeconds:F1} orders/s");
        Console.WriteLine($"  gateway                  sent {gatewayFinal.DocumentsSent}, created {gatewayFinal.Created}, rejected {gatewayFinal.Rejected}, re-sent after a skipped part {gatewayFinal.Resent}");
        Console.WriteLine($"  journal                  {database}");

        await host.StopAsync();
        var ok = duplicates == 0 && posted == orders.Count;
        Console.WriteLine(ok ? "Every order reached SAP exactly once." : "NOT every order reached SAP exactly once: see above.");
        return ok ? 0 : 1;
    }
}

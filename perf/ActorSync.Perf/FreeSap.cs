using System.Diagnostics;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Perf;

/// <summary>The emulated SAP with its cost switched off, for the scenarios that measure the engine itself (journal, growth).</summary>
public static class FreeSap
{
    public static Task<ServiceLayerEmulator> StartAsync(int items) =>
        ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = items }, Capacity = CapacityOptions.Off });

    /// <summary>Waits until <paramref name="expected"/> distinct orders are in SAP, showing progress; fails after 15 minutes.</summary>
    public static async Task WaitForOrdersAsync(ServiceLayerEmulator sap, int expected, string phase, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var stats = sap.GetStats();
            var distinct = stats.DocumentsCreated.GetValueOrDefault("Orders") - stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
            if (distinct >= expected)
            {
                Console.WriteLine($"\r  [{phase} {clock.Elapsed.TotalSeconds,6:F1}s] {distinct,7} of {expected} in SAP");
                return;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"{phase}: only {distinct} of {expected} orders reached SAP in 15 minutes.");
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(2))
            {
                lastReport = clock.Elapsed;
                Console.Write($"\r  [{phase} {clock.Elapsed.TotalSeconds,6:F1}s] {distinct,7} of {expected} in SAP");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The managed heap after full compacting collections: what is still referenced.</summary>
    public static long SettledHeap()
    {
        for (var i = 0; i < 3; i++) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

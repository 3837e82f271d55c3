using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf;

/// <summary>The engine as a scenario runs it: one node, its own fresh journal, pointed at an emulated SAP.</summary>
public sealed class PerfEngine : IAsyncDisposable
{
    private readonly IHost _host;

    private PerfEngine(IHost host) => _host = host;

    public SyncEngine Engine => _host.Services.GetRequiredService<SyncEngine>();

    /// <summary>The settings every scenario starts from: the demo company's mapping, <paramref name="sessions"/> for writes.</summary>
    public static EngineSettings Settings(ServiceLayerEmulator sap, PersistenceSettings journal, int sessions) => new()
    {
        Persistence = journal,
        ServiceLayer = new ServiceLayerOptions { BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" },
        Gateway = { Sessions = sessions },
        Orders = { Mapping = OrderMapping.ForDemoCompany("magento"), LockRetryMaxElapsed = TimeSpan.FromMinutes(10), LockRetryMaxAttempts = 50 },
    };

    public static async Task<PerfEngine> StartAsync(EngineSettings settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon")));
        var host = builder.Build();
        await host.StartAsync();
        return new PerfEngine(host);
    }

    /// <summary>A fresh SQLite journal file under the temp folder.</summary>
    public static PersistenceSettings NewSqliteJournal()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-perf");
        Directory.CreateDirectory(folder);
        return new PersistenceSettings { ConnectionString = $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}" };
    }

    /// <summary>Every delivery at once, as a channel's webhooks arrive: one that failed (the journal timed out on a starved
    /// machine) is sent again, as a channel would.</summary>
    public Task SubmitAllAsync(IReadOnlyList<ChannelOrder> deliveries) =>
        Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (order, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Engine.SubmitOrderAsync(order, ct);
                    return;
                }
                catch (Exception ex) when (attempt < 10 && ex is not OperationCanceledException)
                {
                    await Task.Delay(500, ct);
                }
            }
        });

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}

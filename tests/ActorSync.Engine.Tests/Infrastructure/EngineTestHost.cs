using ActorSync.Domain.Documents;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tests.Infrastructure;

/// <summary>The whole engine on one in-process node (the production <c>AddActorSyncEngine</c>), pointed at an emulator.</summary>
public sealed class EngineTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private EngineTestHost(IHost host)
    {
        _host = host;
        Engine = host.Services.GetRequiredService<SyncEngine>();
    }

    public SyncEngine Engine { get; }

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public IServiceProvider Services => _host.Services;

    public static EngineSettings DefaultSettings(ServiceLayerEmulator sap, PersistenceSettings persistence) => new()
    {
        Persistence = persistence,
        ServiceLayer = new ServiceLayerOptions
        {
            BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager",
            RequestTimeout = TimeSpan.FromSeconds(20), BatchTimeout = TimeSpan.FromSeconds(30),
        },
        Gateway = { Sessions = 3, BatchWindow = TimeSpan.FromMilliseconds(20), MaxBatchSize = 25 },
        Orders =
        {
            Mapping = OrderMapping.ForDemoCompany("magento", "bigcommerce"),
            LockRetryBaseDelay = TimeSpan.FromMilliseconds(100), LockRetryMaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(40), WakeInterval = TimeSpan.FromSeconds(5),
        },
    };

    public static async Task<EngineTestHost> StartAsync(EngineSettings settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, TestHocon());
        var host = builder.Build();
        await host.StartAsync();
        return new EngineTestHost(host);
    }

    /// <summary>
    /// As close to kill -9 as one process allows: the actor system is aborted with no coordinated shutdown, so
    /// nothing is flushed, passivated or answered; only what was already journaled survives.
    /// </summary>
    public async Task CrashAsync()
    {
        ((ExtendedActorSystem)System).Abort();
        await System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        _stopped = true;
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        var wire = LocalOnlySerializer.Of(System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
        AssertEveryMessageHadAWireFormat(wire);
    }

    /// <summary>Fails the test when an ActorSync message went through an actor without a wire format (see <see cref="LocalOnlySerializer"/>).</summary>
    public static void AssertEveryMessageHadAWireFormat(LocalOnlySerializer wire) =>
        Assert.True(wire.MissingWireFormat.IsEmpty, "Messages without a wire format: " + string.Join(", ", wire.MissingWireFormat.Select(kv => $"{kv.Key} x{kv.Value}")));

    /// <summary>
    /// <c>akka.hocon</c> as the service reads it, plus serialize-messages: every message an actor is sent goes
    /// through its serializer and back, as it would between nodes, so a message that cannot cross the wire fails here.
    /// </summary>
    public static string TestHocon()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "akka.hocon");
            if (File.Exists(candidate)) return File.ReadAllText(candidate) + "\n" + LocalOnlySerializer.Hocon();
        }
        throw new FileNotFoundException("akka.hocon not found above the test binaries.");
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the last observation.</summary>
    public static async Task HoldsAsync(Func<Task<(bool Ok, string Observed)>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var observed = "";
        while (DateTime.UtcNow < deadline)
        {
            (var ok, observed) = await condition();
            if (ok) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}; last seen: {observed}");
    }
}

using ActorSync.Domain.Reconciliation;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Reconciliation;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>A run whose node dies mid-read is closed from the journal as not checked (never clean) and the next run starts.</summary>
public class ReconRecoverySpecs
{
    /// <summary>A channel that never answers (until the run's timeout, far away).</summary>
    private sealed class SilentSource : IReconSource
    {
        public string Name => "magento";
        public IReadOnlyList<ReconFlow> Flows { get; } = [ReconFlow.Orders];

        public async Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }
    }

    private sealed class CleanSource : IReconSource
    {
        public string Name => "magento";
        public IReadOnlyList<ReconFlow> Flows { get; } = [ReconFlow.Orders];

        public Task<IReadOnlyList<SourceResult>> ReadAsync(IReadOnlyList<ReconFlow> flows, ReconWindow window, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<SourceResult>>([SourceResult.Clean("magento", ReconFlow.Orders, 12, [])]);
    }

    [Fact]
    public async Task A_run_interrupted_by_a_crash_is_closed_as_not_checked_after_the_restart_and_the_next_run_goes()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 10 } });
        var journal = TestDatabases.NewSqlite();
        var settings = EngineTestHost.DefaultSettings(sap, journal);
        settings.Reconciliation = new ReconciliationSettings { Interval = TimeSpan.Zero };

        var first = await OpsTestHost.StartAsync(settings, services: s => s.AddSingleton(new ReconSources([new SilentSource()])));
        var started = await first.Services.GetRequiredService<ReconciliationClient>().StartAsync([ReconFlow.Orders], null, "spec", CancellationToken.None);
        Assert.True(started.Started, started.Message);
        await first.CrashAsync();

        await using var second = await OpsTestHost.StartAsync(settings, services: s => s.AddSingleton(new ReconSources([new CleanSource()])));
        var recon = second.Services.GetRequiredService<ReconciliationClient>();
        ReconRun? interrupted = null;
        await Eventually.HoldsAsync(async () =>
        {
            interrupted = await recon.GetAsync(started.RunId, CancellationToken.None);
            return (interrupted?.Completed == true, interrupted is null ? "no run" : $"waiting for {string.Join(", ", interrupted.Waiting)}");
        }, ReconRig.Patience, "the interrupted run closed");
        var next = await recon.StartAsync([ReconFlow.Orders], null, "spec", CancellationToken.None);

        var result = Assert.Single(interrupted!.Results);
        Assert.False(result.Checked);
        Assert.Contains("interrupted", result.NotChecked);
        Assert.True(next.Started, next.Message);
        Assert.NotEqual(started.RunId, next.RunId);
    }
}

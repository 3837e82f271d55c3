using System.Text.Json;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tests.Infrastructure;

/// <summary>The service as <c>run</c> starts it (engine + ops API) on a loopback port, with the wire check.</summary>
public sealed class OpsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpsTestHost(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Http { get; }
    public SyncEngine Engine => _app.Services.GetRequiredService<SyncEngine>();
    public ExceptionQueueClient Queue => _app.Services.GetRequiredService<ExceptionQueueClient>();

    public IServiceProvider Services => _app.Services;

    /// <param name="logs">Also receives every log line (the specs that prove what is never logged).</param>
    /// <param name="access">The ops tokens; without, the API is open (as on loopback without Ops:Token).</param>
    /// <param name="services">Registrations made before the engine's (the engine's own give way where they are TryAdd).</param>
    public static async Task<OpsTestHost> StartAsync(EngineSettings settings, ILoggerProvider? logs = null, string url = "http://127.0.0.1:0", OpsAccessSettings? access = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        services?.Invoke(builder.Services);
        builder.Services.AddActorSyncEngine(settings, EngineTestHost.TestHocon()).AddOpsApi();
        var app = builder.Build();
        if (access is not null) app.UseOpsAccess(access);
        app.MapOpsApi();
        await app.StartAsync();
        return new OpsTestHost(app);
    }

    public async Task<JsonElement> GetJson(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private bool _stopped;

    /// <summary>As close to kill -9 as one process allows (see <see cref="EngineTestHost.CrashAsync"/>): only what was journaled survives.</summary>
    public async Task CrashAsync()
    {
        _stopped = true;
        Http.Dispose();
        var system = _app.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        ((Akka.Actor.ExtendedActorSystem)system).Abort();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        Http.Dispose();
        var wire = LocalOnlySerializer.Of(_app.Services.GetRequiredService<Akka.Actor.ActorSystem>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        EngineTestHost.AssertEveryMessageHadAWireFormat(wire);
    }
}

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

    public static async Task<OpsTestHost> StartAsync(EngineSettings settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, EngineTestHost.TestHocon()).AddOpsApi();
        var app = builder.Build();
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        var wire = LocalOnlySerializer.Of(_app.Services.GetRequiredService<Akka.Actor.ActorSystem>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        EngineTestHost.AssertEveryMessageHadAWireFormat(wire);
    }
}

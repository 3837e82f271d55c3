using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>
/// An in-process Sitoo REST API (v2) on Kestrel (loopback, port 0 by default), with the Events SPI sender.
/// API root: <see cref="ApiBaseAddress"/> (<c>BaseAddress + "v2/accounts/{accountid}/"</c>).
/// </summary>
public sealed class SitooEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SitooEmulator(WebApplication app, SitooEmulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:43121/ (what stands for https://api.mysitoo.com/).</summary>
    public Uri BaseAddress { get; }

    /// <summary>e.g. http://127.0.0.1:43121/v2/accounts/90316/</summary>
    public Uri ApiBaseAddress => new(BaseAddress, $"v2/accounts/{State.Options.AccountId}/");

    public SitooEmulatorState State { get; }

    public SitooEvents Events => State.Events;

    public static async Task<SitooEmulator> StartAsync(SitooEmulatorOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        var state = new SitooEmulatorState(options);
        var app = BuildApp(state, url, logToConsole: false);
        await app.StartAsync(ct).ConfigureAwait(false);
        return new SitooEmulator(app, state, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    internal static WebApplication BuildApp(SitooEmulatorState state, string url, bool logToConsole) =>
        ChannelEmulatorHost.BuildApp(url, logToConsole, app => app.MapSitooEmulator(state));

    /// <summary>Adds an order (vendor shape) and queues its SPI event; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void SeedOrder(JsonObject order, bool fireEvent = true)
    {
        if (State.CreateOrder(order, fireEvent) is { } problem) throw new ArgumentException("Sitoo emulator order: " + problem, nameof(order));
    }

    public ChannelStats GetStats() => State.GetStats();

    public void ApplyFaults(ChannelFaultSettings faults) => State.ApplyFaults(faults);

    public async ValueTask DisposeAsync()
    {
        State.Faults.Apply(new ChannelFaultSettings { Clear = true });
        await State.Events.DisposeAsync().ConfigureAwait(false);
        await ChannelEmulatorHost.StopAsync(_app).ConfigureAwait(false);
    }
}

using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Control;
using ActorSync.Emulators.ServiceLayer.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Emulators.ServiceLayer;

/// <summary>
/// An in-process Service Layer on Kestrel (loopback, port 0 by default, so many tests can run their own).
/// Service roots: <c>BaseAddress + "b1s/v1/"</c> and <c>BaseAddress + "b1s/v2/"</c>.
/// </summary>
public sealed class ServiceLayerEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceLayerEmulatorState _state;

    private ServiceLayerEmulator(WebApplication app, ServiceLayerEmulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:43121/ (https://… with a <see cref="ServiceLayerEmulatorOptions.ServerCertificate"/>)</summary>
    public Uri BaseAddress { get; }

    public Uri ServiceRootV1 => new(BaseAddress, "b1s/v1/");
    public Uri ServiceRootV2 => new(BaseAddress, "b1s/v2/");

    /// <summary>Read access for assertions: items, stock per item × warehouse, business partners, documents by set.</summary>
    public CompanyData Company => _state.Company;

    public ServiceLayerEmulatorState State => _state;

    /// <param name="url">Default: <c>http://127.0.0.1:0</c>, or <c>https://127.0.0.1:0</c> when the options carry a
    /// <see cref="ServiceLayerEmulatorOptions.ServerCertificate"/>.</param>
    public static async Task<ServiceLayerEmulator> StartAsync(ServiceLayerEmulatorOptions? options = null, string? url = null, CancellationToken ct = default)
    {
        var state = new ServiceLayerEmulatorState(options);
        url ??= state.Options.ServerCertificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0";
        var app = BuildApp(state, url, logToConsole: false);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Urls.First();
        return new ServiceLayerEmulator(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A minimal Kestrel app with only the emulator mapped (shared by <see cref="StartAsync"/> and the CLI).</summary>
    internal static WebApplication BuildApp(ServiceLayerEmulatorState state, string url, bool logToConsole, string[]? args = null)
    {
        // The empty builder reads no appsettings or environment, so nothing but the given URL is bound.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        if (logToConsole)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        var certificate = state.Options.ServerCertificate;
        if (url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) != (certificate is not null))
            throw new ArgumentException(certificate is null
                ? $"The emulator was asked to listen on {url} without a ServerCertificate; give one (--https makes a self-signed one) or use http."
                : $"The emulator has a ServerCertificate but was asked to listen on {url}; use an https:// address.");
        builder.WebHost.UseUrls(url);
        // The core builder leaves out Kestrel's HTTPS setup; it is wanted only with a certificate.
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
            if (certificate is not null) kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapServiceLayerEmulator(state);
        return app;
    }

    public EmulatorStats GetStats() => _state.GetStats();

    /// <summary>
    /// The capacity model's ceiling for documents of <paramref name="lines"/> lines, in documents per real second
    /// (infinite when the model is off). Benchmarks report measured throughput as a fraction of it.
    /// </summary>
    public double TheoreticalDocumentsPerSecond(int lines) => _state.CurrentCapacity.TheoreticalDocumentsPerSecond(lines);

    public void ApplyFaults(FaultSettings faults) => _state.ApplyFaults(faults);

    public void Reset() => _state.Reset();

    public async ValueTask DisposeAsync()
    {
        _state.ApplyFaults(new FaultSettings { Clear = true });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Requests still running after the grace period are cut off.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

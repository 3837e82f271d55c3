using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>A clock tests move by hand (sessions, outages and stamps read it).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Starts a small emulator per test and logs in.</summary>
internal static class Emulators
{
    public static ServiceLayerEmulatorOptions Small(Func<ServiceLayerEmulatorOptions, ServiceLayerEmulatorOptions>? tweak = null)
    {
        var options = new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 60, Customers = 5 } };
        return tweak is null ? options : tweak(options);
    }

    public static Task<ServiceLayerEmulator> StartSmallAsync(ServiceLayerEmulatorOptions? options = null) =>
        ServiceLayerEmulator.StartAsync(options ?? Small());

    public static async Task<SlHttp> LoggedInAsync(ServiceLayerEmulator emulator, string version = "v1")
    {
        var http = new SlHttp(emulator, version);
        var response = await http.LoginAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return http;
    }
}

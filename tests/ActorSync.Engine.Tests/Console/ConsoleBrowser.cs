using Microsoft.Playwright;

namespace ActorSync.Engine.Tests.WebConsole;

/// <summary>
/// One headless Debian chromium per test class, driven by Playwright for .NET (its driver ships in the NuGet package;
/// no browser is ever downloaded). Missing browser: every spec of the class fails saying how to install it, never
/// skips. Each spec gets its own context (cookies apart) and leaves a screenshot in <c>artifacts/console/</c>.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/console</c> at the repository's root (git-ignored; CI keeps the folder).</summary>
    public static string Artifacts { get; } = Path.Combine(RepositoryRoot(), "artifacts", "console");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException(
                $"The web console specs need Debian's chromium at {Executable}, and it is not installed. Install it as root: " +
                "`DEBIAN_FRONTEND=noninteractive apt-get install -y chromium` (./test.sh and .ci/run install it when it is missing).");
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = Args });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        // A guard, not a timing assertion: the shared 2-core machine can be very busy.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string test) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, test + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSync.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

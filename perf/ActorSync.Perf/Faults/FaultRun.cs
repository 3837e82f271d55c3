using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Control;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.Host.Api;
using ActorSync.Host.Demo;
using ActorSync.ServiceLayer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Perf.Faults;

/// <summary>What one scenario ended with, for the table.</summary>
public sealed record ScenarioResult(string Name, string Fault, int Orders, int Accepted, int Posted, long Duplicates, int Lost, IReadOnlyList<string> Saw,
    TimeSpan Took, IReadOnlyList<string> Failures, string Log)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// The harness of one fault scenario: a fresh emulated company (capacity model on, time-scaled), the engine with its
/// ops API in-process on a fresh journal, a burst of orders through <see cref="SyncEngine"/>, the fault injected once
/// some orders have posted, a progress line per second, and the verdict from SAP's own accounting and the engine's view.
/// The engine's and Akka's logs go to a file per scenario, so the terminal shows only the progress.
/// </summary>
public sealed class FaultRun
{
    /// <summary>The integration user's password in every emulated company; never printed.</summary>
    internal const string SapPassword = "faults-manager-7";

    private readonly FaultScenario _scenario;
    private readonly TextWriter _terminal;
    private readonly ConcurrentDictionary<string, ChannelOrder> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly List<Sample> _samples = [];
    private readonly Lock _sampleLock = new();
    private int _submitFailures;
    private int _resubmitted;
    private volatile string? _fault;

    private FaultRun(FaultScenario scenario, ScenarioSize size, TextWriter terminal)
    {
        (_scenario, Size, _terminal) = (scenario, size, terminal);
    }

    public ScenarioSize Size { get; }
    public string Name => _scenario.Name;
    public Stopwatch Clock { get; } = Stopwatch.StartNew();
    public ServiceLayerEmulator Sap { get; private set; } = null!;
    public SyncEngine Engine { get; private set; } = null!;
    public HttpClient Ops { get; private set; } = null!;

    /// <summary>Submissions that failed (timed out, refused while the journal was away) and were sent again.</summary>
    public int SubmitFailures => _submitFailures;

    /// <summary>Orders the engine has accepted so far.</summary>
    public int AcceptedCount => _accepted.Count;

    /// <summary>Orders that needed more than one submission before the engine accepted them.</summary>
    public int Resubmitted => _resubmitted;

    /// <summary>Documents SAP had when the fault began.</summary>
    public long PostedAtFault { get; private set; } = -1;

    /// <summary>SAP's statistics when the fault began and when it was lifted.</summary>
    public EmulatorStats? StatsAtFault { get; private set; }
    public EmulatorStats? StatsAtLift { get; private set; }

    /// <summary>One look at what an operator sees: readiness and the SAP access state, at a moment, fault on or off.</summary>
    public sealed record Sample(TimeSpan At, bool FaultOn, bool Ready, string NotReadyBecause, string Circuit, string? LoginRefused);

    public IReadOnlyList<Sample> Samples
    {
        get { lock (_sampleLock) return _samples.ToList(); }
    }

    /// <summary>How long the operator's view showed what <paramref name="shows"/> matches (each sample until the next).</summary>
    public TimeSpan TimeSeen(Func<Sample, bool> shows)
    {
        var samples = Samples;
        var total = TimeSpan.Zero;
        for (var i = 0; i + 1 < samples.Count; i++)
            if (shows(samples[i])) total += samples[i + 1].At - samples[i].At;
        return total;
    }

    /// <summary>The scenario says its fault is on (named for the progress line), from now until <see cref="FaultLifted"/>.</summary>
    public void FaultBegins(string what)
    {
        PostedAtFault = Posted();
        StatsAtFault = Sap.GetStats();
        _fault = what;
        Say($"fault: {what} (with {PostedAtFault} of {Size.Orders} orders in SAP)");
    }

    public void FaultLifted()
    {
        StatsAtLift = Sap.GetStats();
        Say($"fault lifted: {_fault}");
        _fault = null;
    }

    public void Say(string line) => _terminal.WriteLine($"  [{Name,-17} {Clock.Elapsed.TotalSeconds,5:F1}s] {line}");

    /// <summary>Documents in SAP with distinct NumAtCards (SAP's own counters).</summary>
    public long Posted()
    {
        var stats = Sap.GetStats();
        return stats.DocumentsCreated.GetValueOrDefault("Orders") - stats.DuplicateNumAtCard.GetValueOrDefault("Orders");
    }

    public static async Task<ScenarioResult> RunAsync(FaultScenario scenario, ScenarioSize size, string logFolder)
    {
        var terminal = Console.Out;
        var log = Path.Combine(logFolder, $"{scenario.Name}.log");
        var run = new FaultRun(scenario, size, terminal);
        var verdict = new Verdict();
        var counts = (Accepted: 0, Posted: 0, Duplicates: 0L, Lost: 0);
        await using (var logWriter = new StreamWriter(log) { AutoFlush = true })
        {
            // Akka's standard-out logger and the console logger write here; progress goes to the terminal.
            Console.SetOut(TextWriter.Synchronized(logWriter));
            try
            {
                counts = await run.RunAsync(verdict);
            }
            catch (Exception error)
            {
                verdict.Fail($"{error.GetType().Name}: {error.Message}");
                Console.WriteLine(error);
            }
            finally
            {
                Console.SetOut(terminal);
            }
        }

        return new ScenarioResult(scenario.Name, scenario.Describe(size), size.Orders, counts.Accepted, counts.Posted, counts.Duplicates, counts.Lost,
            verdict.Saw, run.Clock.Elapsed, verdict.Failures, log);
    }

    private async Task<(int Accepted, int Posted, long Duplicates, int Lost)> RunAsync(Verdict verdict)
    {
        var journal = _scenario.JournalOnPostgres ? await LoopbackPostgres.NewJournalAsync(this) : NewSqliteJournal();
        var capacity = CapacityOptions.Calibrated(Size.TimeScale) with { Workers = Size.Workers };
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = 500 }, Capacity = capacity, Password = SapPassword,
        });
        Sap = sap;
        var orders = new DemoOrderGenerator(500, seed: 17).Generate(Size.Orders, "magento", $"{Name}-").ToList();
        var settings = Settings(sap, journal);
        _scenario.Configure(settings, Size);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddActorSyncEngine(settings, AkkaHocon()).AddOpsApi();
        await using var app = builder.Build();
        app.MapOpsApi();
        await app.StartAsync();
        using var ops = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
        (Ops, Engine) = (ops, app.Services.GetRequiredService<SyncEngine>());
        Say($"{orders.Count} orders, {_scenario.Describe(Size)}; SAP about {capacity.TheoreticalDocumentsPerSecond(2):F0} documents/s " +
            $"({Size.Workers} workers, time scale {Size.TimeScale}), journal {(journal.Provider == PersistenceProvider.PostgreSql ? "PostgreSQL" : "SQLite")}");

        using var stop = new CancellationTokenSource(Size.Deadline);
        var watching = WatchAsync(stop.Token);
        var submitting = SubmitAllAsync(orders, stop.Token);

        // The fault comes while the burst drains: once a share of it is in SAP, never before the first document.
        var trigger = Math.Max(5, Size.Orders * 15 / 100);
        while (Posted() < trigger && !stop.IsCancellationRequested) await Task.Delay(50, CancellationToken.None);
        if (stop.IsCancellationRequested) throw new TimeoutException($"only {Posted()} orders reached SAP before the deadline; the fault was never injected");
        await _scenario.InjectAsync(this, stop.Token);
        verdict.Require(PostedAtFault >= 1 && PostedAtFault < Size.Orders,
            $"the fault began with {PostedAtFault} of {Size.Orders} orders in SAP, so it did not strike mid-drain");

        // Drained: every accepted order is in SAP and nothing more arrives for a moment.
        while (!stop.IsCancellationRequested && !(submitting.IsCompleted && Posted() >= _accepted.Count))
            await Task.Delay(200, CancellationToken.None);
        await submitting;
        await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        var drained = !stop.IsCancellationRequested;
        verdict.Require(drained, $"not drained within {Size.Deadline.TotalSeconds:F0}s: {Posted()} of {_accepted.Count} accepted orders in SAP");

        var counts = await JudgeAsync(orders, verdict);
        await _scenario.JudgeAsync(this, verdict);
        await stop.CancelAsync();
        await watching;
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(shutdown.Token);
        return counts;
    }

    private static EngineSettings Settings(ServiceLayerEmulator sap, PersistenceSettings journal) => new()
    {
        Persistence = journal,
        ServiceLayer = new ServiceLayerOptions
        {
            BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = SapPassword,
            RequestTimeout = TimeSpan.FromSeconds(20), BatchTimeout = TimeSpan.FromSeconds(30),
            // The breaker's default 30 s pause would make every outage scenario last half a minute after SAP is back.
            CircuitBreaker = { BreakDuration = TimeSpan.FromSeconds(3), SamplingDuration = TimeSpan.FromSeconds(10) },
        },
        Gateway = { Sessions = 4 },
        Orders =
        {
            Mapping = OrderMapping.ForDemoCompany("magento"),
            // Minutes in production; seconds here, so a stalled order shows within a run instead of after it.
            AttemptTimeout = TimeSpan.FromSeconds(30), WakeInterval = TimeSpan.FromSeconds(5),
        },
    };

    private static PersistenceSettings NewSqliteJournal()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-faults", "journals");
        Directory.CreateDirectory(folder);
        return new PersistenceSettings { Provider = PersistenceProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}" };
    }

    private static string AkkaHocon() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "akka.hocon")).Replace("loglevel = INFO", "loglevel = WARNING", StringComparison.Ordinal);

    // ---- the burst ----------------------------------------------------------------------------------------------

    private async Task SubmitAllAsync(IReadOnlyList<ChannelOrder> orders, CancellationToken ct)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct };
        if (!_scenario.OrdersKeepArriving)
        {
            await Parallel.ForEachAsync(orders, parallel, SubmitOneAsync);
            return;
        }

        // Half at once, the rest spread over the fault's length and a bit, each webhook on its own.
        var half = orders.Count / 2;
        var first = Parallel.ForEachAsync(orders.Take(half), parallel, SubmitOneAsync);
        var rest = orders.Skip(half).ToList();
        var gap = (Size.FaultFor + TimeSpan.FromSeconds(4)) / Math.Max(1, rest.Count);
        var arriving = new List<Task>();
        foreach (var order in rest)
        {
            if (ct.IsCancellationRequested) break;
            arriving.Add(SubmitOneAsync(order, ct).AsTask());
            await Task.Delay(gap, CancellationToken.None);
        }

        await first;
        await Task.WhenAll(arriving);
    }

    /// <summary>As a channel delivers a webhook: until the engine accepts it, sent again half a second after any failure.</summary>
    private async ValueTask SubmitOneAsync(ChannelOrder order, CancellationToken ct)
    {
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var result = await Engine.SubmitOrderAsync(order, timeout.Token);
                if (result.Code is CommandResultCode.Accepted or CommandResultCode.Duplicate)
                {
                    _accepted[order.Key.NumAtCard] = order;
                    if (attempt > 0) Interlocked.Increment(ref _resubmitted);
                }
                else
                {
                    _refused.Enqueue($"{order.Key.EntityId}: {result.Code} {result.Message}");
                }

                return;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _submitFailures);
                await Task.Delay(500, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // ---- what the operator sees, and the progress line ----------------------------------------------------------

    private async Task WatchAsync(CancellationToken ct)
    {
        var nextLine = Clock.Elapsed;
        while (!ct.IsCancellationRequested)
        {
            var sample = await LookAsync();
            lock (_sampleLock) _samples.Add(sample);
            if (Clock.Elapsed >= nextLine)
            {
                nextLine += TimeSpan.FromSeconds(1);
                var stats = Sap.GetStats();
                var failedLogins = stats.Rejections.GetValueOrDefault("100000027");
                Say($"{Posted(),5}/{_accepted.Count,-5} in SAP, {stats.DuplicateNumAtCard.GetValueOrDefault("Orders")} dup | circuit {sample.Circuit,-8} " +
                    $"{(sample.Ready ? "ready" : "NOT READY")}{(sample.LoginRefused is null ? "" : $", login refused {sample.LoginRefused}")} | " +
                    $"{stats.Sessions.Active} sessions, {stats.Sessions.Logins} logins ({failedLogins} refused), {stats.Batches} batches" +
                    (_submitFailures > 0 ? $", {_submitFailures} submissions failed" : "") + (_fault is { } f ? $" | FAULT {f}" : ""));
            }

            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What <c>/health/ready</c> and <c>/api/gateway/sap</c> answer now.</summary>
    public async Task<Sample> LookAsync()
    {
        var at = Clock.Elapsed;
        var faultOn = _fault is not null;
        try
        {
            using var ready = await Ops.GetAsync("/health/ready");
            using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var failing = readyBody.RootElement.GetProperty("checks").EnumerateArray()
                .Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => c.GetProperty("name").GetString()).ToList();
            using var sap = await Ops.GetAsync("/api/gateway/sap");
            using var sapBody = JsonDocument.Parse(await sap.Content.ReadAsStringAsync());
            var refused = sapBody.RootElement.GetProperty("loginRefused");
            return new Sample(at, faultOn, ready.StatusCode == HttpStatusCode.OK, string.Join(", ", failing),
                sapBody.RootElement.GetProperty("circuit").GetString() ?? "?",
                refused.ValueKind == JsonValueKind.Object ? refused.GetProperty("code").ToString() : null);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return new Sample(at, faultOn, false, $"ops API did not answer: {error.GetType().Name}", "?", null);
        }
    }

    /// <summary>Exceptions in the queue, as <c>GET /api/exceptions?…</c> lists them.</summary>
    public async Task<IReadOnlyList<JsonElement>> ExceptionsAsync(string query)
    {
        using var response = await Ops.GetAsync($"/api/exceptions?{query}");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    // ---- the verdict every scenario shares ----------------------------------------------------------------------

    private async Task<(int Accepted, int Posted, long Duplicates, int Lost)> JudgeAsync(IReadOnlyList<ChannelOrder> orders, Verdict verdict)
    {
        // SAP's own accounting: documents per NumAtCard.
        var documents = Sap.Company.Orders.ToList();
        var byCard = documents.Where(d => d.NumAtCard is not null).GroupBy(d => d.NumAtCard!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var accepted = _accepted.Keys.ToHashSet(StringComparer.Ordinal);
        var posted = accepted.Count(byCard.ContainsKey);
        var duplicates = Math.Max(byCard.Values.Sum(g => g.Count - 1L), Sap.GetStats().DuplicateNumAtCard.GetValueOrDefault("Orders"));
        var lost = accepted.Count - posted;
        var foreign = byCard.Keys.Count(k => !accepted.Contains(k));
        var notAccepted = orders.Count - accepted.Count;

        verdict.Require(notAccepted == 0, $"{notAccepted} orders never accepted ({_refused.Count} refused{(_refused.TryPeek(out var r) ? $", e.g. {r}" : "")})");
        verdict.Require(lost == 0, $"{lost} accepted orders never reached SAP (e.g. {string.Join(", ", accepted.Where(c => !byCard.ContainsKey(c)).Take(3))})");
        verdict.Require(duplicates == 0, $"{duplicates} duplicate documents in SAP (e.g. {string.Join(", ", byCard.Where(g => g.Value.Count > 1).Take(3).Select(g => $"{g.Key} x{g.Value.Count}"))})");
        verdict.Require(foreign == 0, $"{foreign} documents in SAP for orders the engine never accepted");

        // The engine's view: every accepted order journaled as posted, with SAP's DocEntry.
        var wrong = new ConcurrentQueue<string>();
        var deadline = Stopwatch.StartNew();
        var pending = _accepted.Values.ToList();
        while (pending.Count > 0)
        {
            wrong.Clear();
            var stillPending = new ConcurrentBag<ChannelOrder>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, ct) =>
            {
                var state = await Engine.GetOrderAsync(order.Key.EntityId, ct);
                var sapEntry = byCard.TryGetValue(order.Key.NumAtCard, out var docs) ? docs[0].DocEntry : (int?)null;
                if (state.Status != OrderStatus.Posted || state.DocEntry != sapEntry)
                {
                    stillPending.Add(order);
                    wrong.Enqueue($"{order.Key.EntityId} {state.Status} DocEntry {state.DocEntry?.ToString() ?? "none"} (SAP {sapEntry?.ToString() ?? "none"})");
                }
            });
            pending = stillPending.ToList();
            if (pending.Count == 0 || deadline.Elapsed > TimeSpan.FromSeconds(15)) break;
            await Task.Delay(500);
        }

        verdict.Require(wrong.IsEmpty, $"the engine's view differs for {wrong.Count} orders (e.g. {string.Join("; ", wrong.Take(3))})");

        // Nothing left for an operator: no open exception, and ready again.
        var open = (await ExceptionsAsync("status=open")).Concat(await ExceptionsAsync("status=retrying")).ToList();
        verdict.Require(open.Count == 0, $"{open.Count} exceptions still open at the end (e.g. {string.Join("; ", open.Take(3).Select(e => $"{e.GetProperty("type")} {e.GetProperty("recordId")}"))})");
        var readyAgain = await EventuallyAsync(async () => (await LookAsync()).Ready, TimeSpan.FromSeconds(15));
        verdict.Require(readyAgain, $"/health/ready still not ready after the drain: {(await LookAsync()).NotReadyBecause}");
        if (_submitFailures > 0) verdict.Seen($"{_submitFailures} submissions failed and were sent again");
        return (accepted.Count, posted, duplicates, lost);
    }

    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return true;
            if (clock.Elapsed > within) return false;
            await Task.Delay(200);
        }
    }

    /// <summary>Waits while the fault is held, a little at a time, so the caller's deadline still counts.</summary>
    public static async Task HoldAsync(TimeSpan span, CancellationToken ct)
    {
        try
        {
            await Task.Delay(span, ct);
        }
        catch (OperationCanceledException)
        {
            // The scenario's deadline: lift the fault and let the verdict say what happened.
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace ActorSync.Host.Demo;

/// <summary>How a channel demo ended: the tally it was judged on, and where its journal and log are.</summary>
public sealed record DemoOutcome(bool Succeeded, DemoTally Tally, IReadOnlyList<string> Problems, TimeSpan Elapsed, string Database, string LogFile)
{
    public int ExitCode => Succeeded ? 0 : 1;
}

/// <summary>
/// <c>actorsync demo</c>: a peak across the channels, through the real connectors, in one process. The emulators
/// (<see cref="DemoChannels"/>) and the service as <c>run</c> builds it (<see cref="DemoService"/>) start; shoppers
/// place orders in Magento (polled), BigCommerce (webhooks, duplicated and reordered) and Sitoo (Events SPI and poll);
/// the warehouse ships what SAP has (signed webhooks), tracking goes back to Magento and BigCommerce, a few orders are
/// refunded and till sales returned (<see cref="DemoTraffic"/>). It ends when every document the traffic calls for is
/// in SAP (and every shipment in its channel) exactly once, or at the deadline, naming what did not complete.
/// </summary>
public static class ChannelDemo
{
    public static async Task<int> RunAsync(DemoOptions options, string? akkaHocon) =>
        (await RunAsync(options, akkaHocon, Console.Out)).ExitCode;

    /// <param name="deadline">How long the flows may take before the run is declared failed; by default generous for the size.</param>
    /// <param name="peak">How long the orders take to arrive; by default about 25 a second.</param>
    /// <param name="settle">How long a finished run waits for late deliveries (a duplicate sent again) before the verdict.</param>
    public static async Task<DemoOutcome> RunAsync(DemoOptions options, string? akkaHocon, TextWriter output, TimeSpan? deadline = null, TimeSpan? peak = null,
        TimeSpan? settle = null)
    {
        var plan = DemoPlan.For(options.Orders, peak);
        var limit = deadline ?? TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(options.Orders * 0.3);
        Directory.CreateDirectory(options.DataFolder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var database = Path.GetFullPath(Path.Combine(options.DataFolder, $"actorsync-{stamp}.db"));
        var logFile = Path.ChangeExtension(database, ".log");
        using var log = new DemoLogFile(logFile);
        output.WriteLine($"ActorSync demo: {options.Orders} orders ({plan.Magento} Magento, {plan.BigCommerce} BigCommerce, {plan.Sitoo} Sitoo) over {plan.Peak.TotalSeconds:F0}s, " +
                         $"{options.Items} items, SAP time scale {options.TimeScale.ToString(CultureInfo.InvariantCulture)}, {options.Sessions} SAP sessions for the engine");

        await using var channels = await DemoChannels.StartAsync(options);
        DemoService? service = null;
        try
        {
            service = await DemoService.StartAsync(DemoService.Configuration(options, channels, database), akkaHocon, log);
            channels.ConnectTo(service.Url);
            output.WriteLine($"Service at {service.Url} (ops API, the web console at {service.Url}console, /webhooks/bigcommerce, /webhooks/sitoo, /webhooks/wms/{DemoChannels.WmsSource}); " +
                             $"SAP emulator {channels.Sap.BaseAddress}, Magento {channels.Magento.BaseAddress}, BigCommerce {channels.BigCommerce.BaseAddress}, Sitoo {channels.Sitoo.BaseAddress}");
            output.WriteLine($"Journal {database}");
            output.WriteLine($"Log     {logFile}");
            var (inboxes, view) = await WaitForServiceAsync(service, TimeSpan.FromSeconds(90));
            return await DriveAsync(options, plan, limit, settle ?? TimeSpan.FromSeconds(2), channels, new DemoObserver(service, inboxes, view), output, database, logFile);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            output.WriteLine($"The demo stopped: {ex.Message}");
            output.WriteLine($"Log: {logFile}");
            return new DemoOutcome(false, DemoLedger.Tally([], DemoSnapshot.Empty), [ex.Message], TimeSpan.Zero, database, logFile);
        }
        finally
        {
            if (service is not null)
            {
                // Sharding hands its shards off on the way down, which can take a few seconds.
                output.WriteLine("Stopping the service and the emulators...");
                await service.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Waits until the service is ready (<c>/health/ready</c>: SAP lets it in, the journal writes), its connectors'
    /// inboxes answer (cluster singletons: once the node has joined itself) and its ops API does, so start-up is not
    /// counted in the peak.
    /// </summary>
    private static async Task<(DemoInboxes, DemoServiceView)> WaitForServiceAsync(DemoService service, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var waitingFor = "the service";
        while (true)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                waitingFor = "/health/ready";
                using (var ready = await service.Http.GetAsync("health/ready", attempt.Token))
                    if (ready.IsSuccessStatusCode)
                    {
                        waitingFor = "the connectors' inboxes";
                        var inboxes = await DemoObservation.ReadInboxesAsync(service.Services, attempt.Token);
                        waitingFor = "the ops API";
                        return (inboxes, await DemoObservation.ReadServiceAsync(service.Http, attempt.Token));
                    }
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or HttpRequestException or Akka.Actor.AskTimeoutException)
            {
            }
            if (DateTime.UtcNow >= until) throw new TimeoutException($"The service did not become ready in {timeout.TotalSeconds:F0}s (waiting for {waitingFor}).");
            await Task.Delay(200);
        }
    }

    private static async Task<DemoOutcome> DriveAsync(DemoOptions options, DemoPlan plan, TimeSpan limit, TimeSpan settle, DemoChannels channels,
        DemoObserver observer, TextWriter output, string database, string logFile)
    {
        var ledger = new DemoLedger();
        var traffic = new DemoTraffic(channels, ledger, plan);
        var clock = Stopwatch.StartNew();
        var nextLine = TimeSpan.FromSeconds(1);
        DemoTally tally;
        while (true)
        {
            if (!traffic.PeakDone) traffic.Place(clock.Elapsed);
            // Held orders are paid a little after the peak, so the polls meet them once held and once paid.
            else if (!traffic.AllPlaced && clock.Elapsed >= plan.Peak + TimeSpan.FromSeconds(2)) traffic.PayHeld();
            var snapshot = DemoObservation.Read(channels);
            traffic.FollowUp(DemoObservation.SalesOrders(channels), snapshot);
            tally = ledger.Tally(snapshot);
            if (traffic.AllPlaced && tally.Complete) break;
            if (clock.Elapsed >= limit) break;
            if (clock.Elapsed >= nextLine)
            {
                // The service's view comes from the last reading finished; asking must never hold up the traffic.
                observer.Refresh();
                output.WriteLine(DemoReport.Progress(clock.Elapsed, tally, observer.Inboxes, observer.View, channels.Sap.GetStats().Sessions.Active));
                nextLine += TimeSpan.FromSeconds(1);
            }
            await Task.Delay(traffic.PeakDone ? 500 : 200);
        }
        var elapsed = clock.Elapsed;
        var completed = traffic.AllPlaced && tally.Complete;
        if (completed)
        {
            // Late deliveries (a duplicate hook, a dispatch sent again) still arrive; the verdict waits for them.
            await channels.Wms.Delivery.WhenIdleAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(settle);
            tally = ledger.Tally(DemoObservation.Read(channels));
        }
        // The shops catch up with SAP's stock after the last document (the audit poll sees it within a second).
        var stockDifferences = completed ? await DemoStock.WaitUntilShopsMatchSapAsync(channels) : DemoStock.Differences(channels);
        await observer.ReadNowAsync();
        var (inboxes, view) = (observer.Inboxes, observer.View);
        var sap = channels.Sap.GetStats();
        output.WriteLine(DemoReport.Progress(elapsed, tally, inboxes, view, sap.Sessions.Active));
        foreach (var line in DemoReport.Summary(ledger, tally, inboxes, view, sap, channels, options.Sessions)) output.WriteLine(line);
        foreach (var line in DemoStock.Summary(await observer.StockAsync(), channels, stockDifferences)) output.WriteLine(line);
        var problems = traffic.Problems.ToList();
        if (stockDifferences.Count > 0) problems.Add($"{stockDifferences.Count} SKU × location positions in the shops differ from SAP.");
        if (sap.DuplicateNumAtCard.Values.Sum() > 0) problems.Add($"SAP holds documents with the same NumAtCard: {string.Join(", ", sap.DuplicateNumAtCard.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}"))}.");
        var ok = tally.ExactlyOnce && problems.Count == 0;
        output.WriteLine($"  elapsed {elapsed.TotalSeconds:F1}s; {tally.Done} records done, {tally.Done / Math.Max(elapsed.TotalSeconds, 0.001):F1} a second");
        output.WriteLine($"  journal {database}");
        output.WriteLine($"  log     {logFile}");
        output.WriteLine();
        if (ok)
        {
            output.WriteLine($"Every expected document is in SAP exactly once and every dispatch's tracking is in its shop once: {tally.Done} records " +
                             "(sales orders, deliveries with invoices and their payments, credit notes with refunds paid, till sales and returns with their payments, shipments).");
        }
        else
        {
            output.WriteLine(completed
                ? "NOT every document is in SAP exactly once:"
                : $"NOT complete after {limit.TotalSeconds:F0}s: these flows did not finish (the service's log says why; open exceptions are listed above):");
            foreach (var line in DemoReport.Incomplete(tally)) output.WriteLine(line);
            foreach (var problem in problems) output.WriteLine("  " + problem);
            output.WriteLine($"  log: {logFile}");
        }
        return new DemoOutcome(ok, tally, problems, elapsed, database, logFile);
    }
}

/// <summary>
/// The service's view of itself (inboxes, SAP limit, exceptions), read in the background: a slow answer at the peak
/// leaves the last reading in place rather than stall the traffic or the display.
/// </summary>
internal sealed class DemoObserver(DemoService service, DemoInboxes inboxes, DemoServiceView view)
{
    private Task? _reading;

    public DemoInboxes Inboxes { get; private set; } = inboxes;
    public DemoServiceView View { get; private set; } = view;

    /// <summary>Starts a reading unless one is under way.</summary>
    public void Refresh()
    {
        if (_reading is null || _reading.IsCompleted) _reading = ReadAsync();
    }

    /// <summary>The stock publishers' figures, or null when they do not answer in time.</summary>
    public async Task<ActorSync.Engine.StockPublishing.StockPublishingOverview?> StockAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await service.Services.GetRequiredService<ActorSync.Engine.StockPublishing.StockPublishingClient>().GetAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Akka.Actor.AskTimeoutException)
        {
            return null;
        }
    }

    public async Task ReadNowAsync()
    {
        if (_reading is not null) await _reading;
        await ReadAsync();
    }

    private async Task ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            Inboxes = await DemoObservation.ReadInboxesAsync(service.Services, timeout.Token);
            View = await DemoObservation.ReadServiceAsync(service.Http, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or HttpRequestException or Akka.Actor.AskTimeoutException)
        {
        }
    }
}

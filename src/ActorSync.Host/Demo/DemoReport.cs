using System.Globalization;
using System.Text;
using ActorSync.Emulators.ServiceLayer.Control;

namespace ActorSync.Host.Demo;

/// <summary>The channel demo's console: a progress line a second, then the summary table and the verdict.</summary>
public static class DemoReport
{
    private static readonly (string Channel, string Label)[] Channels =
        [(DemoTraffic.Magento, "magento"), (DemoTraffic.BigCommerce, "bigcommerce"), (DemoTraffic.Sitoo, "sitoo")];

    /// <summary>
    /// One line: per channel what is in SAP of what is expected so far (records its connector's inbox took), then
    /// dispatches (delivery and invoice) and tracking, refunds, SAP's concurrency limit and sessions, open exceptions.
    /// </summary>
    public static string Progress(TimeSpan elapsed, DemoTally tally, DemoInboxes inboxes, DemoServiceView service, int sapSessions)
    {
        string Flow(string channel, DemoFlow flow) => $"{tally.Of(channel, flow).Done}/{tally.Of(channel, flow).Expected}";
        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,6:F1}s]"));
        line.Append(CultureInfo.InvariantCulture, $" magento {Flow(DemoTraffic.Magento, DemoFlow.Order)} ({inboxes.Magento} in)");
        line.Append(CultureInfo.InvariantCulture, $" | bigcommerce {Flow(DemoTraffic.BigCommerce, DemoFlow.Order)} ({inboxes.BigCommerce} in)");
        line.Append(CultureInfo.InvariantCulture, $" | sitoo web {Flow(DemoTraffic.Sitoo, DemoFlow.Order)} POS {Flow(DemoTraffic.Sitoo, DemoFlow.PosSale)} returns {Flow(DemoTraffic.Sitoo, DemoFlow.PosReturn)} ({inboxes.Sitoo} in)");
        line.Append(CultureInfo.InvariantCulture, $" | dispatched {tally.DoneOf(DemoFlow.Dispatch)}/{tally.ExpectedOf(DemoFlow.Dispatch)} ({inboxes.Wms} in) tracking {tally.DoneOf(DemoFlow.Tracking)}/{tally.ExpectedOf(DemoFlow.Tracking)}");
        line.Append(CultureInfo.InvariantCulture, $" | paid {tally.DoneOf(DemoFlow.Payment)}/{tally.ExpectedOf(DemoFlow.Payment)}");
        line.Append(CultureInfo.InvariantCulture, $" | refunds {tally.DoneOf(DemoFlow.Refund)}/{tally.ExpectedOf(DemoFlow.Refund)}");
        line.Append(CultureInfo.InvariantCulture, $" | SAP limit {Show(service.Limit)}/{Show(service.MaxLimit)} sessions {sapSessions}");
        line.Append(CultureInfo.InvariantCulture, $" | exceptions {service.ExceptionsByTeam.Values.Sum()}");
        if (tally.Duplicates > 0) line.Append(CultureInfo.InvariantCulture, $" | DUPLICATES {tally.Duplicates}");
        return line.ToString();
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>The table of what arrived and what came of it, per channel, then SAP's side and the exceptions.</summary>
    public static IReadOnlyList<string> Summary(DemoLedger ledger, DemoTally tally, DemoInboxes inboxes, DemoServiceView service, EmulatorStats sap,
        DemoChannels channels, int sessions)
    {
        var lines = new List<string>
        {
            "",
            "What arrived and what came of it (done exactly once / expected)",
            $"  {"channel",-18} {"placed",7} {"inbox",7} {"in SAP",9} {"dup",4} {"dispatched",11} {"paid",9} {"tracking",9} {"credit notes",13}",
        };
        string Cell(string channel, DemoFlow flow) => tally.Of(channel, flow) is { Expected: > 0 } f ? $"{f.Done}/{f.Expected}" : "-";
        int Dup(string channel, params DemoFlow[] flows) => flows.Sum(f => tally.Of(channel, f).Duplicates);
        var all = Enum.GetValues<DemoFlow>();
        lines.Add(Row("magento", ledger.PlacedOf(DemoTraffic.Magento, "orders"), inboxes.Magento.ToString(CultureInfo.InvariantCulture), Cell(DemoTraffic.Magento, DemoFlow.Order),
            Dup(DemoTraffic.Magento, all), Cell(DemoTraffic.Magento, DemoFlow.Dispatch), Cell(DemoTraffic.Magento, DemoFlow.Payment), Cell(DemoTraffic.Magento, DemoFlow.Tracking), Cell(DemoTraffic.Magento, DemoFlow.Refund)));
        lines.Add(Row("bigcommerce", ledger.PlacedOf(DemoTraffic.BigCommerce, "orders"), inboxes.BigCommerce.ToString(CultureInfo.InvariantCulture), Cell(DemoTraffic.BigCommerce, DemoFlow.Order),
            Dup(DemoTraffic.BigCommerce, all), Cell(DemoTraffic.BigCommerce, DemoFlow.Dispatch), Cell(DemoTraffic.BigCommerce, DemoFlow.Payment), Cell(DemoTraffic.BigCommerce, DemoFlow.Tracking), Cell(DemoTraffic.BigCommerce, DemoFlow.Refund)));
        lines.Add(Row("sitoo webshop", ledger.PlacedOf(DemoTraffic.Sitoo, "web"), inboxes.Sitoo.ToString(CultureInfo.InvariantCulture) + "*", Cell(DemoTraffic.Sitoo, DemoFlow.Order),
            Dup(DemoTraffic.Sitoo, DemoFlow.Order, DemoFlow.Dispatch, DemoFlow.Payment), Cell(DemoTraffic.Sitoo, DemoFlow.Dispatch), Cell(DemoTraffic.Sitoo, DemoFlow.Payment), "-", "-"));
        lines.Add(Row("sitoo POS sales", ledger.PlacedOf(DemoTraffic.Sitoo, "sales"), "*", Cell(DemoTraffic.Sitoo, DemoFlow.PosSale),
            Dup(DemoTraffic.Sitoo, DemoFlow.PosSale), "-", "-", "-", "-"));
        lines.Add(Row("sitoo POS returns", ledger.PlacedOf(DemoTraffic.Sitoo, "returns"), "*", "-",
            Dup(DemoTraffic.Sitoo, DemoFlow.PosReturn), "-", "-", "-", Cell(DemoTraffic.Sitoo, DemoFlow.PosReturn)));
        lines.Add("  in SAP: the sales order (a till sale: its invoice and payment); dispatched: delivery and invoice; paid: the invoice's incoming payment");
        lines.Add("  (orders paid at checkout); tracking: the shop's shipment; credit notes: with the refund paid out; inbox: records journaled (* one Sitoo inbox);");
        lines.Add("  placed orders that must not post (cancelled, incomplete checkouts) are checked to stay out of SAP");
        lines.Add("");
        var wms = channels.Wms.GetStats();
        var hooks = channels.BigCommerce.Webhooks.GetStats();
        var spi = channels.Sitoo.Events.GetStats();
        lines.Add($"Deliveries to the service: BigCommerce hooks {hooks.Acknowledged} acknowledged ({hooks.Duplicates} sent twice, {hooks.Failed} failed); " +
                  $"Sitoo SPI {spi.Events} events in {spi.Acknowledged} calls ({spi.Duplicates} sent twice); WMS {wms.Events} dispatches, {wms.Acknowledged} acknowledged ({wms.Duplicates} sent twice, {wms.Retried} retried); " +
                  $"Magento polled {Requests(channels.Magento.GetStats().Requests, "GET /V1/orders")} times");
        lines.Add($"SAP: {string.Join(", ", sap.DocumentsCreated.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
        lines.Add($"     duplicates by NumAtCard {sap.DuplicateNumAtCard.Values.Sum()}, $batch calls {sap.Batches}, sessions peak {sap.Sessions.Peak} (engine cap {sessions} + 1 for look-ups), logins {sap.Sessions.Logins}, limit now {Show(service.Limit)} of {Show(service.MaxLimit)}");
        var teams = service.ExceptionsByTeam.Count == 0 ? "none" : string.Join(", ", service.ExceptionsByTeam.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"));
        lines.Add($"Open exceptions by team: {teams}");
        lines.AddRange(service.ExceptionSamples.Select(s => "  " + s));
        return lines;
    }

    private static long Requests(IReadOnlyDictionary<string, long> requests, string prefix) =>
        requests.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(r => r.Value);

    private static string Row(string label, int placed, string inbox, string inSap, int duplicates, string dispatched, string paid, string tracking, string refunds) =>
        $"  {label,-18} {placed,7} {inbox,7} {inSap,9} {duplicates,4} {dispatched,11} {paid,9} {tracking,9} {refunds,13}";

    /// <summary>For a run that did not finish: each flow that did not complete, with a few of the documents it lacks.</summary>
    public static IEnumerable<string> Incomplete(DemoTally tally) =>
        tally.Flows.Where(f => f.Done < f.Expected || f.Duplicates > 0).Select(f =>
            $"  {f.Channel} {f.Flow}: {f.Done} of {f.Expected} exactly once" +
            (f.Duplicates > 0 ? $", {f.Duplicates} duplicates" : "") +
            (f.Missing.Count > 0 ? $"; missing e.g. {string.Join(", ", f.Missing.Take(4))}" : ""));
}

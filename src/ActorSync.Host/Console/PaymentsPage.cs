using System.Globalization;
using ActorSync.Engine.Payments;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// Payments reconciliation for one channel and day, from the same reader as <c>GET /api/payments/reconciliation</c>:
/// per method what the channel captured and refunded against SAP's incoming and outgoing payments, differences
/// highlighted, and each order that differs.
/// </summary>
public static class PaymentsPage
{
    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/payments", console.Page(RenderAsync));

    private static async Task<IResult> RenderAsync(ConsoleContext context)
    {
        var channel = context.Query("channel");
        var dayText = context.Query("day") ?? DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var valid = DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        var result = channel is null ? H($"<p class=\"muted\">Choose a channel and a day.</p>")
            : !valid ? H($"<p class=\"error\">The day is written yyyy-MM-dd (2026-11-27); '{dayText}' is not.</p>")
            : await ReportAsync(context, channel, day);
        var body = H($"""
            <h1>Payments reconciliation</h1>
            <form method="get" action="/console/payments" class="row">
              <label for="channel">Channel</label><input id="channel" name="channel" list="channels" value="{channel ?? ""}" required>
              <datalist id="channels"><option value="magento"><option value="bigcommerce"><option value="sitoo"></datalist>
              <label for="day">Day</label><input id="day" name="day" type="date" value="{dayText}" required>
              <button type="submit">Reconcile</button>
            </form>
            <section id="payments">{result}</section>
            """);
        return await context.PageAsync("Payments", "payments", body);
    }

    private static async Task<Html> ReportAsync(ConsoleContext context, string channel, DateOnly day)
    {
        var report = await context.Service<PaymentReconciliationReader>().ReadAsync(channel, day, context.Ct);
        var methods = report.Methods.Select(m => H($"""
            <tr class="{(m.CapturedDifference != 0 || m.RefundedDifference != 0 ? "differs" : "")}" data-method="{m.Method}"><td>{m.Method}</td>
            <td class="num">{Money(m.ChannelCaptured)}</td><td class="num">{Money(m.SapIncoming)}</td><td class="num{Bad(m.CapturedDifference)}">{Money(m.CapturedDifference)}</td>
            <td class="num">{Money(m.ChannelRefunded)}</td><td class="num">{Money(m.SapOutgoing)}</td><td class="num{Bad(m.RefundedDifference)}">{Money(m.RefundedDifference)}</td></tr>
            """));
        var differences = report.Differences.Select(d => H($"""
            <tr><td><a href="/console/entities?kind=order&amp;id={Url(d.OrderId)}">{d.OrderId}</a></td><td>{d.Method}</td><td>{d.Direction}</td>
            <td class="num">{Money(d.Channel)}</td><td class="num">{Money(d.Sap)}</td><td class="num bad">{Money(d.Channel - d.Sap)}</td></tr>
            """));
        var methodsTable = report.Methods.Count == 0 ? H($"<p class=\"empty\">No payments that day.</p>") : H($"""
            <table class="list" id="methods"><thead><tr><th>Method</th><th>Captured (channel)</th><th>Incoming (SAP)</th><th>Difference</th><th>Refunded (channel)</th><th>Outgoing (SAP)</th><th>Difference</th></tr></thead>
            <tbody>{methods}</tbody></table>
            """);
        var differencesTable = report.Differences.Count == 0 ? H($"<p class=\"empty good\">None: every order's money is in SAP.</p>") : H($"""
            <table class="list" id="differences"><thead><tr><th>Order</th><th>Method</th><th>Direction</th><th>Channel</th><th>SAP</th><th>Difference</th></tr></thead>
            <tbody>{differences}</tbody></table>
            """);
        return H($"<h2>{report.Channel}, {report.Day:yyyy-MM-dd}</h2>{methodsTable}<h3>Orders that differ</h3>{differencesTable}");
    }


    private static string Bad(decimal difference) => difference != 0 ? " bad" : "";
}

using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// The place for reconciliation runs (issue 13's "latest reconciliation with drill-down"). Reconciliation itself is
/// built elsewhere (<c>Domain/Reconciliation</c>, <c>Engine/Reconciliation</c>, <c>GET /api/recon</c>); this page
/// type is where its latest run, findings per kind and drill-down to each finding's record or exception will be drawn,
/// reading what <c>/api/recon</c> reads. Until then it says so.
/// </summary>
public static class ReconciliationPage
{
    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/reconciliation", console.Page(RenderAsync));

    private static Task<IResult> RenderAsync(ConsoleContext context) =>
        context.PageAsync("Reconciliation", "reconciliation", H($"""
            <h1>Reconciliation</h1>
            <p class="empty" id="not-built">Reconciliation runs are not shown here yet: this page will list the latest run and its findings (orders with no
            SAP document, refunds with no credit note, POS takings, stock beyond its threshold) once <code>/api/recon</code> exists.
            Meanwhile, payments reconcile per channel and day under <a href="/console/payments">Payments</a>.</p>
            """));
}

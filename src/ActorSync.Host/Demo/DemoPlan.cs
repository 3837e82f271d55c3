using ActorSync.Emulators.Channels.Sitoo;

namespace ActorSync.Host.Demo;

/// <summary>
/// How the demo's orders are spread: 40 % Magento, 35 % BigCommerce, the rest Sitoo (till sales and returns, webshop
/// orders); among them orders that must not post (cancelled, incomplete checkouts), orders paid after the peak, and
/// one refund in 30 of each web channel's orders. All of it deterministic for a size.
/// </summary>
public sealed record DemoPlan(int Magento, int BigCommerce, int Sitoo, int MagentoRefunds, int BigCommerceRefunds, TimeSpan Peak)
{
    public static DemoPlan For(int orders, TimeSpan? peak = null)
    {
        var magento = (int)Math.Round(orders * 0.40);
        var bigCommerce = (int)Math.Round(orders * 0.35);
        var sitoo = Math.Max(0, orders - magento - bigCommerce);
        // The peak arrives at about 25 orders a second, within 2 to 30 seconds.
        var seconds = Math.Clamp(orders / 25.0, 2, 30);
        return new DemoPlan(magento, bigCommerce, sitoo, RefundsOf(magento), RefundsOf(bigCommerce), peak ?? TimeSpan.FromSeconds(seconds));
    }

    private static int RefundsOf(int orders) => orders == 0 ? 0 : Math.Max(1, orders / 30);

    /// <summary>Magento's <c>state</c> for its n-th order: mostly processing (paid), some new (paid after the peak), some cancelled.</summary>
    public static string MagentoState(int n) => (n % 20) switch
    {
        7 or 15 => "new",
        19 => "canceled",
        _ => "processing",
    };

    /// <summary>BigCommerce's <c>status_id</c> for its n-th order: mostly 11 Awaiting Fulfillment, some 0 (incomplete checkout), some 5 Cancelled.</summary>
    public static int BigCommerceStatus(int n) => (n % 20) switch
    {
        9 or 18 => 0,
        13 => 5,
        _ => 11,
    };

    private static readonly SitooOrderKind[] SitooCycle =
    [
        SitooOrderKind.PosCardSale, SitooOrderKind.PosCashSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosCardSale, SitooOrderKind.PosReturn,
        SitooOrderKind.PosCashSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosCardSale, SitooOrderKind.WebshopUnpaid, SitooOrderKind.PosReturn,
    ];

    /// <summary>Sitoo's n-th order: till card and cash sales, returns of the latest sale, webshop orders paid now or after the peak.</summary>
    public static SitooOrderKind SitooKind(int n) => SitooCycle[n % SitooCycle.Length];
}

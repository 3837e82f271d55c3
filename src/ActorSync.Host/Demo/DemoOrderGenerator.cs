using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Host.Demo;

/// <summary>
/// Deterministic channel orders over the plain items of an emulated company (the same seed gives the same orders),
/// for the demo, the benchmarks and the engine's tests.
/// </summary>
public sealed class DemoOrderGenerator(int itemCount, int seed = 7)
{
    private static readonly decimal[] Rates = [20m, 5m, 0m];

    public IEnumerable<ChannelOrder> Generate(int count, string channel = "magento", string idPrefix = "")
    {
        var random = new Random(seed);
        var plain = Enumerable.Range(1, itemCount).Where(n => CompanyCatalog.KindOf(n) == ItemKind.Plain).ToArray();
        if (plain.Length == 0) throw new ArgumentException($"A company of {itemCount} items has no plain items to order.");
        for (var i = 1; i <= count; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var number = plain[random.Next(plain.Length)];
                var rate = Rates[CompanyCatalog.SalesVatGroupOf(number) switch { CompanyCatalog.VatStandard => 0, CompanyCatalog.VatReduced => 1, _ => 2 }];
                var qty = random.Next(1, 3);
                var price = Math.Round((decimal)(random.NextDouble() * 90 + 5), 2);
                return new OrderLine(CompanyCatalog.ItemCode(number, itemCount), qty, price, Math.Round(qty * price * rate / 100m, 2), rate);
            }).ToImmutableList();
            var shipping = random.Next(3) == 0 ? 0m : 4.95m;
            var shippingTax = Math.Round(shipping * 0.2m, 2);
            var total = lines.Sum(l => l.NetTotal + l.TaxAmount) + shipping + shippingTax;
            yield return new ChannelOrder(channel, $"{idPrefix}{100000 + i}", new DateOnly(2026, 11, 27), CompanyCatalog.Currency,
                new CustomerRef($"shopper{i}@example.com", null, IsGuest: true), lines, shipping, shippingTax, total,
                ShippingMethod: random.Next(4) == 0 ? "express" : "standard");
        }
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Tests;

internal static class OrderFixtures
{
    public static ChannelOrder WebOrder(string id = "1001", string sku = "ITM00001", decimal qty = 2, decimal taxRate = 20m, string? shipping = "standard") =>
        new("magento", id, new DateOnly(2026, 11, 23), "GBP",
            new CustomerRef("jane@example.com", null, IsGuest: true),
            [new OrderLine(sku, qty, 10m, qty * 10m * taxRate / 100m, taxRate)],
            ShippingAmount: 5m, ShippingTax: 1m, TotalPaid: qty * 10m * (1 + taxRate / 100m) + 6m, ShippingMethod: shipping);
}

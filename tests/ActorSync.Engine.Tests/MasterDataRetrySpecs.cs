using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests;

/// <summary>SAP down when the engine starts: nothing to match a registered customer against until the first master-data load.</summary>
public class MasterDataRetrySpecs
{
    [Fact]
    public async Task A_registered_customers_order_taken_while_SAP_was_down_at_start_posts_soon_after_SAP_returns()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 200 } });
        sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });
        await using var engine = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite()));
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);
        var order = new ChannelOrder("magento", "MD-1", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("customer1@example.com", null, IsGuest: false),
            [new OrderLine(items[0].ItemCode, 1, 49.95m, 9.99m, 20m), new OrderLine(items[1].ItemCode, 2, 12.40m, 1.24m, 5m)],
            ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 91.92m, ShippingMethod: "standard");

        var accepted = await engine.Engine.SubmitOrderAsync(order);
        Assert.Equal(CommandResultCode.Accepted, accepted.Code);
        Assert.Contains("waiting for SAP's master data", accepted.Message);
        await Task.Delay(3000); // a load or two fail meanwhile
        sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });

        // The refresh interval is 5 minutes; the failed first load is tried again within seconds.
        await Eventually.HoldsAsync(async () =>
        {
            var state = await engine.Engine.GetOrderAsync(order.Key.EntityId);
            return (state.Status == OrderStatus.Posted, $"{state.Status}");
        }, TimeSpan.FromSeconds(40), "the order in SAP");
        Assert.Equal("C00001", Assert.Single(sap.Company.Orders).CardCode);
    }
}

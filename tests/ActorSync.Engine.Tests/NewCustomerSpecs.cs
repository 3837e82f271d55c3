using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>Registered customers SAP does not know yet, on a channel allowed to create them.</summary>
public class NewCustomerSpecs
{
    private const int Items = 200;

    [Fact]
    public async Task A_new_customer_gets_one_business_partner_and_both_their_orders_post_to_it()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Orders.Mapping = settings.Orders.Mapping with { CreateMissingCustomers = ["magento"] };
        await using var engine = await EngineTestHost.StartAsync(settings);
        var holder = engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
        var customer = new CustomerRef("first.time@example.com", "c-77", IsGuest: false, Name: "First Time");
        var orders = new DemoOrderGenerator(Items).Generate(2).Select(o => o with { Customer = customer }).ToList();

        foreach (var order in orders)
        {
            Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(order)).Code);
            await Eventually.HoldsAsync(async () =>
            {
                var state = await engine.Engine.GetOrderAsync(order.Key.EntityId);
                return (state.Status == OrderStatus.Posted, $"{state.Status} {state.Exception?.Reason}");
            }, TimeSpan.FromSeconds(30), $"order {order.ExternalId} in SAP");
        }

        var code = SapBusinessPartner.CodeFor("magento", "first.time@example.com");
        var partner = Assert.Single(sap.Company.BusinessPartners, p => p.EmailAddress == "first.time@example.com");
        Assert.Equal((code, "First Time", "cCustomer"), (partner.CardCode, partner.CardName, partner.CardType));
        Assert.All(sap.Company.Orders, o => Assert.Equal(code, o.CardCode));
        Assert.Equal(2, sap.Company.Orders.Count);
        // The second order's copy of SAP's master data did not know the partner yet: SAP's duplicate-key answer did.
        Assert.Equal(1, sap.GetStats().Rejections.GetValueOrDefault("-2035"));
    }
}

using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>Orders in a currency other than the company's, through the engine into the emulated SAP (local currency EUR).</summary>
public class CurrencySpecs
{
    private const int Items = 200;

    /// <summary>49.95 at 20 % and 2 x 12.40 at 5 %, shipping 4.95 at 20 %: 91.92 paid in <paramref name="currency"/>.</summary>
    private static ChannelOrder Order(string id, string currency, CustomerRef customer, IReadOnlyList<ItemRecord> items) =>
        new("magento", id, new DateOnly(2026, 11, 27), currency, customer,
            [new OrderLine(items[0].ItemCode, 1, 49.95m, 9.99m, 20m), new OrderLine(items[1].ItemCode, 2, 12.40m, 1.24m, 5m)],
            ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 91.92m, ShippingMethod: "standard");

    [Fact]
    public async Task A_usd_order_posts_in_usd_for_the_all_currencies_guest_and_parks_for_finance_for_a_eur_only_customer()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        await using var engine = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite()));
        var holder = engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
        Assert.Equal("EUR", holder.Current!.LocalCurrency);
        Assert.Equal(CompanyCatalog.AllCurrencies, holder.Current.BusinessPartners[CompanyCatalog.WebGuest].Currency);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);
        var guest = Order("FX-1", "USD", new CustomerRef("visitor@example.com", null, IsGuest: true), items);
        var registered = Order("FX-2", "USD", new CustomerRef("customer1@example.com", null, IsGuest: false), items);

        Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(guest)).Code);
        Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(registered)).Code);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await engine.Engine.GetOrderAsync(guest.Key.EntityId);
            return (state.Status == OrderStatus.Posted, $"{state.Status} {state.Exception?.Reason}");
        }, TimeSpan.FromSeconds(30), "the guest's USD order in SAP");
        var queue = engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await queue.ListAsync(new ExceptionFilter(Team: OwningTeam.Finance))).FirstOrDefault(e => e.RecordId == registered.Key.EntityId);
            return (parked is not null, "nothing for finance yet");
        }, TimeSpan.FromSeconds(20), "the registered customer's order parked for finance");
        await Task.Delay(500); // a post of the parked order would show up now

        var posted = Assert.Single(sap.Company.Orders);
        Assert.Equal((guest.Key.NumAtCard, CompanyCatalog.WebGuest, "USD"), (posted.NumAtCard, posted.CardCode, posted.DocCurrency));
        Assert.Equal(91.92m, posted.DocTotal); // what the customer paid, in USD
        Assert.Equal(CompanyCatalog.SeededRates["USD"], posted.DocRate);
        Assert.Equal(ExceptionTypes.CurrencyNotAcceptedType, parked!.Type);
        Assert.Contains("USD", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("business partner C00001 is in the local currency EUR only", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Quarantined, (await engine.Engine.GetOrderAsync(registered.Key.EntityId)).Status);
        Assert.DoesNotContain(sap.Company.Orders, o => o.NumAtCard == registered.Key.NumAtCard);
    }

    [Fact]
    public async Task An_order_in_a_currency_without_the_days_rate_parks_for_finance_and_posts_once_after_the_rate_is_entered()
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        await using var engine = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite()));
        var holder = engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
        var order = Order("FX-CHF-1", CompanyCatalog.Chf, new CustomerRef("visitor@example.com", null, IsGuest: true), sap.Company.FirstPlainActiveItemsWithStock(2, 5));
        Assert.Equal(CommandResultCode.Accepted, (await engine.Engine.SubmitOrderAsync(order)).Code);

        var queue = engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await queue.ListAsync()).FirstOrDefault(e => e.RecordId == order.Key.EntityId);
            return (parked is not null, "not parked yet");
        }, TimeSpan.FromSeconds(30), "the CHF order parked");
        Assert.Equal(("exchange-rate-missing", OwningTeam.Finance), (parked!.Type, parked.Team));
        Assert.Contains("'CHF'", parked.Reason, StringComparison.Ordinal);
        Assert.Empty(sap.Company.Orders);

        // Finance enters the day's rate in SAP, then retries the exception.
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = sap.ServiceRootV1 })
        {
            (await http.PostAsync("Login", new StringContent("""{"CompanyDB":"SBODEMO","UserName":"manager","Password":"manager"}"""))).EnsureSuccessStatusCode();
            (await http.PostAsync("SBOBobService_SetCurrencyRate", new StringContent("""{"RateDate":"20261127","Currency":"CHF","Rate":"1.0712"}"""))).EnsureSuccessStatusCode();
        }
        Assert.False((await queue.RetryAsync(parked.Id)).IsError);
        await Eventually.HoldsAsync(async () =>
        {
            var state = await engine.Engine.GetOrderAsync(order.Key.EntityId);
            return (state.Status == OrderStatus.Posted, $"{state.Status} {state.Exception?.Reason}");
        }, TimeSpan.FromSeconds(30), "the CHF order in SAP after the rate");

        var posted = Assert.Single(sap.Company.Orders);
        Assert.Equal((order.Key.NumAtCard, "CHF", 1.0712m, 91.92m), (posted.NumAtCard, posted.DocCurrency, posted.DocRate, posted.DocTotal));
    }
}

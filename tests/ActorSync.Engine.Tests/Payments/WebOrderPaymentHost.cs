using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.Payments;

/// <summary>
/// The engine against the Service Layer emulator with a merchant's payment mapping, and the Magento order every
/// payment spec uses: 3 × 12.49 at 20 % (tax 7.49), 2 × 8.35 at 5 % (tax 0.84), shipping 4.16 + 0.83, 67.49 paid.
/// Dispatched in two parts (2 + 1, then 1 + 1) its invoices are 43.73 (with the shipping) and 23.76.
/// </summary>
public abstract class WebOrderPaymentHost : IAsyncLifetime
{
    protected ServiceLayerEmulator Sap { get; private set; } = null!;
    protected EngineTestHost EngineHost { get; private set; } = null!;
    protected string ItemA { get; private set; } = "";
    protected string ItemB { get; private set; } = "";

    protected SyncEngine Engine => EngineHost.Engine;

    /// <summary>The payment methods (and the rest of the mapping) the merchant of the specs configured.</summary>
    protected abstract OrderMapping Mapping();

    public async Task InitializeAsync()
    {
        Sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = Sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (ItemA, ItemB) = (items[0].ItemCode, items[1].ItemCode);
        var settings = EngineTestHost.DefaultSettings(Sap, TestDatabases.NewSqlite());
        settings.Orders.Mapping = Mapping();
        EngineHost = await EngineTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await EngineHost.DisposeAsync();
        await Sap.DisposeAsync();
    }

    protected ChannelOrder AnOrder(string id, string method, PaymentState state = PaymentState.Captured) =>
        new ChannelOrder("magento", id, new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine(ItemA, 3, 12.49m, 7.49m, 20m), new OrderLine(ItemB, 2, 8.35m, 0.84m, 5m)],
            ShippingAmount: 4.16m, ShippingTax: 0.83m, TotalPaid: 67.49m, ShippingMethod: "standard")
        {
            Payments = [new OrderPayment(method, 67.49m, state, $"txn-{id}")],
        };

    protected DispatchConfirmation Dispatch(string orderId, string dispatchId, decimal a, decimal b) =>
        new("magento", orderId, dispatchId, new[] { (ItemA, a), (ItemB, b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(),
            new DateOnly(2026, 11, 28), "DHL", "JD0001");

    /// <summary>Waits until the order's state meets <paramref name="condition"/>; a timeout shows its jobs and why any parked.</summary>
    protected async Task<OrderState> Until(string orderId, Func<OrderState, bool> condition, string what)
    {
        var state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await Engine.GetOrderAsync(orderId);
            return (condition(state), $"{state.Status}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status} {j.Exception?.Reason}"))}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    /// <summary>Every job the order has so far is done or parked.</summary>
    protected static bool Settled(OrderState s) => s.NextJob is null && s.Jobs.Count > 0 && s.Jobs.All(j => j.Status != JobStatus.Pending);

    /// <summary>The order's payments in SAP (<c>IncomingPayments</c> or <c>VendorPayments</c>), found by their Remarks.</summary>
    protected IEnumerable<PaymentDocument> PaymentsOf(string entitySet, string numAtCard) =>
        (entitySet == "IncomingPayments" ? Sap.Company.IncomingPayments : Sap.Company.VendorPayments)
        .Where(p => p.Comments?.StartsWith(numAtCard + "/", StringComparison.Ordinal) == true);
}

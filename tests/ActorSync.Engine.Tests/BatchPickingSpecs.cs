using System.Collections.Immutable;
using System.Text;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>
/// Deliveries of batch- and serial-managed items, through the whole engine into the emulator: the engine reads SAP's
/// batches and serials just before posting and chooses them by the configured strategy (FEFO by default), so SAP
/// never answers -4014; what SAP cannot cover parks for operations and posts once after the stock is put right.
/// </summary>
public class BatchPickingSpecs : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private ServiceLayerEmulator _sap = null!;
    private EngineTestHost _engine = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 200 } });
        _engine = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite()));
        var holder = _engine.Services.GetRequiredService<MasterDataSnapshotHolder>();
        await Eventually.HoldsAsync(() => Task.FromResult((holder.Current is not null, "not loaded")), TimeSpan.FromSeconds(20), "master data");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    /// <summary>Unexpired batches of the item in 01, earliest expiry first: the order FEFO takes them in.</summary>
    private IReadOnlyList<BatchStock> LiveBatches(string itemCode) =>
        _sap.Company.GetBatches(itemCode, "01").Where(b => b.ExpiryDate is not { } e || e >= Today).ToList();

    private static ChannelOrder AnOrder(string id, params (string Sku, decimal Qty)[] lines)
    {
        var orderLines = lines.Select(l => new OrderLine(l.Sku, l.Qty, 10m, l.Qty * 2m, 20m)).ToImmutableList();
        return new ChannelOrder("magento", id, new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true), orderLines,
            ShippingAmount: 0m, ShippingTax: 0m, TotalPaid: orderLines.Sum(l => l.NetTotal + l.TaxAmount), ShippingMethod: "standard");
    }

    private async Task<OrderState> Until(string orderId, Func<OrderState, bool> condition, string what)
    {
        OrderState state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await _engine.Engine.GetOrderAsync(orderId);
            return (condition(state), $"{state.Status}, {state.LastProblem}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status}"))}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    private async Task<OrderState> DispatchedInFull(ChannelOrder order)
    {
        await _engine.Engine.SubmitOrderAsync(order);
        await Until(order.Key.EntityId, s => s.Status == OrderStatus.Posted, "the sales order");
        var dispatch = new DispatchConfirmation("magento", order.ExternalId, "S1", order.Lines.Select(l => new DispatchLine(l.Sku, l.Quantity)).ToImmutableList(), new DateOnly(2026, 11, 28));
        Assert.Equal(CommandResultCode.Accepted, (await _engine.Engine.RecordDispatchAsync(dispatch)).Code);
        return await _engine.Engine.GetOrderAsync(order.Key.EntityId);
    }

    [Fact]
    public async Task A_delivery_takes_the_earliest_expiring_batches_and_the_serials_sap_holds_so_sap_accepts_it_first_time()
    {
        var batchItem = _sap.Company.FirstItems(ItemKind.BatchManaged, 10).First(i => LiveBatches(i.ItemCode).Count >= 2).ItemCode;
        var serialItem = _sap.Company.FirstItems(ItemKind.SerialManaged, 10).First(i => _sap.Company.GetSerials(i.ItemCode, "01").Count >= 2).ItemCode;
        var batches = LiveBatches(batchItem);
        var needed = batches[0].Quantity + 1; // the whole first batch and one from the next
        var order = AnOrder("LOT-1", (batchItem, needed), (serialItem, 2));

        var state = await DispatchedInFull(order);
        state = await Until(state.OrderId, s => s.Status == OrderStatus.Invoiced, "delivery and invoice");

        var delivery = Assert.Single(_sap.Company.DeliveryNotes);
        Assert.Equal([(batches[0].BatchNumber, batches[0].Quantity), (batches[1].BatchNumber, 1m)],
            delivery.Lines[0].BatchNumbers.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(2, delivery.Lines[1].SerialNumbers.Count);
        Assert.Empty(_sap.Company.GetSerials(serialItem, "01").Intersect(delivery.Lines[1].SerialNumbers.Select(s => s.InternalSerialNumber)));
        Assert.DoesNotContain(LiveBatches(batchItem), b => b.BatchNumber == batches[0].BatchNumber);
        Assert.Equal(0, _sap.GetStats().Rejections.Values.Sum());
        Assert.NotNull(state.Jobs.Single(j => j.Key == "delivery:S1").Picks);
    }

    [Fact]
    public async Task Batches_that_cannot_cover_a_delivery_park_it_before_sap_and_it_posts_once_after_stock_is_received()
    {
        var batchItem = _sap.Company.FirstItems(ItemKind.BatchManaged, 10).First(i => LiveBatches(i.ItemCode).Count >= 1).ItemCode;
        var held = LiveBatches(batchItem).Sum(b => b.Quantity);
        var order = AnOrder("LOT-2", (batchItem, held + 5));

        var state = await DispatchedInFull(order);
        state = await Until(state.OrderId, s => s.Jobs.Any(j => j.Status == JobStatus.Parked), "the delivery to park");
        var parked = state.Jobs.Single(j => j.Status == JobStatus.Parked).Exception!;
        Assert.Equal("batch-allocation", parked.Type);
        Assert.Contains(batchItem, parked.Reason);
        Assert.Empty(_sap.Company.DeliveryNotes);
        Assert.Equal(0, _sap.GetStats().Rejections.Values.Sum()); // SAP never saw the delivery

        await ReceiveBatchAsync(batchItem, "RECEIVED-1", 10);
        var retry = await _engine.Engine.RetryOrderAsync(state.OrderId);
        await Until(state.OrderId, s => s.Status == OrderStatus.Invoiced, "delivery and invoice after the fix");
        await Task.Delay(300);

        Assert.Equal(CommandResultCode.Accepted, retry.Code);
        var delivery = Assert.Single(_sap.Company.DeliveryNotes);
        Assert.Equal(held + 5, delivery.Lines[0].BatchNumbers.Sum(b => b.Quantity));
        Assert.Contains(delivery.Lines[0].BatchNumbers, b => b.BatchNumber == "RECEIVED-1");
    }

    [Fact]
    public async Task A_refund_back_to_stock_returns_the_goods_into_the_batch_and_serials_they_were_delivered_from()
    {
        var batchItem = _sap.Company.FirstItems(ItemKind.BatchManaged, 10).First(i => LiveBatches(i.ItemCode).Count >= 1 && LiveBatches(i.ItemCode)[0].Quantity >= 3).ItemCode;
        var serialItem = _sap.Company.FirstItems(ItemKind.SerialManaged, 10).First(i => _sap.Company.GetSerials(i.ItemCode, "01").Count >= 1).ItemCode;
        var batch = LiveBatches(batchItem)[0];
        var order = AnOrder("LOT-3", (batchItem, 3), (serialItem, 1));
        var state = await DispatchedInFull(order);
        await Until(state.OrderId, s => s.Status == OrderStatus.Invoiced, "delivery and invoice");
        var serial = Assert.Single(_sap.Company.DeliveryNotes.Single().Lines[1].SerialNumbers).InternalSerialNumber;

        await _engine.Engine.RecordRefundAsync(new RefundRequest("magento", "LOT-3", "R1", [new RefundLine(batchItem, 2, 24m), new RefundLine(serialItem, 1, 12m)],
            0m, ReturnToStock: true, new DateOnly(2026, 11, 30)));
        await Until(state.OrderId, s => s.Status == OrderStatus.Refunded, "the credit note");

        var credit = Assert.Single(_sap.Company.CreditNotes);
        Assert.Equal([(batch.BatchNumber, 2m)], credit.Lines[0].BatchNumbers.Select(b => (b.BatchNumber, b.Quantity)));
        Assert.Equal(batch.Quantity - 1, _sap.Company.GetBatches(batchItem, "01").Single(b => b.BatchNumber == batch.BatchNumber).Quantity);
        Assert.Contains(serial, _sap.Company.GetSerials(serialItem, "01"));
        Assert.Equal(0, _sap.GetStats().Rejections.Values.Sum());
    }

    /// <summary>Someone in the warehouse books a goods receipt of a new batch into 01, as operations would after reading the exception.</summary>
    private async Task ReceiveBatchAsync(string itemCode, string batch, decimal quantity)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_sap.BaseAddress, "b1s/v1/") };
        using var login = await http.PostAsync("Login", new StringContent("""{"CompanyDB":"SBODEMO","UserName":"manager","Password":"manager"}""", Encoding.UTF8, "application/json"));
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var body = $$"""{"DocumentLines":[{"ItemCode":"{{itemCode}}","Quantity":{{quantity}},"WarehouseCode":"01","BatchNumbers":[{"BatchNumber":"{{batch}}","Quantity":{{quantity}},"ExpiryDate":"{{Today.AddDays(365):yyyy-MM-dd}}"}]}]}""";
        using var post = new HttpRequestMessage(HttpMethod.Post, "InventoryGenEntries") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        post.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(post);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

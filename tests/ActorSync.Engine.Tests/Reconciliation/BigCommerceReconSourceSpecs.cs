using System.Collections.Immutable;
using System.Net.Http.Json;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.StockPublishing;
using ActorSync.Domain.Reconciliation;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Reconciliation;
using ActorSync.Engine.StockPublishing;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>
/// The BigCommerce source against the BigCommerce and SAP emulators, without the engine: orders paged from
/// <c>v2/orders</c>, refunds and shipments read only for the orders that have some, compared with SAP by the order
/// flow's keys; a quota the store will not reset in time leaves the flows not checked.
/// </summary>
public sealed class BigCommerceReconSourceSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private BigCommerceEmulator _store = null!;
    private ServiceLayerClient _client = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 40 } });
        _store = await BigCommerceEmulator.StartAsync();
        _client = new ServiceLayerClient(new ServiceLayerOptions { BaseUrl = _sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _store.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private BigCommerceReconSource Source(ReconciliationSettings settings)
    {
        var api = new BigCommerceStoreApi(new HttpClient(), new BigCommerceConnectorSettings
            { StoreHash = _store.StoreHash, AccessToken = _store.AccessToken, ApiBaseUrl = _store.StoreRoot.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
        return new BigCommerceReconSource(new PacedReader(api.GetAsync, settings), new SapReconReads(_client), pageSize: 2);
    }

    private static ReconWindow Window => new(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));

    private async Task SalesOrderInSapAsync(long orderId) =>
        Assert.IsType<WriteOutcome.Succeeded>(await _client.CreateAsync("Orders",
            $$"""{"CardCode":"C00001","NumAtCard":"BIGCOMMERCE-{{orderId}}","DocDueDate":"2030-01-20","DocumentLines":[{"ItemCode":"ITM00001","Quantity":1,"WarehouseCode":"01","UnitPrice":18.37,"VatGroup":"O1"}]}"""));

    [Fact]
    public async Task Orders_are_paged_and_only_orders_with_refunds_or_shipments_cost_a_call_each_and_each_drift_is_keyed_as_the_order_flow_keys_it()
    {
        var ids = _store.State.Generate(5, [11, 11, 11, 11, 5]);
        foreach (var id in ids.Take(3)) await SalesOrderInSapAsync(id);
        var refunded = _store.GetOrder(ids[0])!.Value.Products[0];
        var (refundId, refused) = _store.State.Refund(ids[0], [(refunded["id"]!.GetValue<long>(), 1)]);
        Assert.Null(refused);
        var shippedProduct = _store.GetOrder(ids[1])!.Value.Products[0];
        using var http = new HttpClient { BaseAddress = _store.StoreRoot };
        http.DefaultRequestHeaders.Add("X-Auth-Token", _store.AccessToken);
        var shipment = await http.PostAsJsonAsync($"v2/orders/{ids[1]}/shipments", new
        {
            order_address_id = shippedProduct["order_address_id"]!.GetValue<long>(), tracking_number = "1Z999AA10123456784", shipping_provider = "ups",
            items = new[] { new { order_product_id = shippedProduct["id"]!.GetValue<long>(), quantity = 1 } },
        });
        Assert.True(shipment.IsSuccessStatusCode, await shipment.Content.ReadAsStringAsync());
        var shipmentId = (await shipment.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetRawText();

        var results = await Source(new ReconciliationSettings { RequestsPerSecond = 100 }).ReadAsync([ReconFlow.Orders, ReconFlow.Refunds, ReconFlow.Dispatches], Window, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Checked, r.NotChecked));
        Assert.Equal(
        [
            (FindingKind.OrderMissingInSap, $"bigcommerce:{ids[3]}"), // the cancelled order 4 rightly has none
            (FindingKind.RefundWithoutCreditNote, $"BIGCOMMERCE-{ids[0]}/R{refundId}"),
            (FindingKind.DispatchWithoutDelivery, $"BIGCOMMERCE-{ids[1]}/D{shipmentId}"),
        ], results.SelectMany(r => r.Findings).Select(f => (f.Kind, f.Subject)).OrderBy(f => f.Kind));
        var requests = _store.GetStats().Requests;
        Assert.Equal(1, requests.Where(r => r.Key.Contains("refunds", StringComparison.Ordinal)).Sum(r => r.Value));
        Assert.Equal(1, requests.Where(r => r.Key.EndsWith("/shipments", StringComparison.Ordinal)).Sum(r => r.Value) - 1); // less the merchant's POST above
    }

    [Fact]
    public async Task A_quota_the_store_will_not_reset_within_the_wait_fails_the_read_saying_so()
    {
        _store.State.Generate(1, [11]);
        _store.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(1, 120_000, RequestsLeft: 0) });

        var failure = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            Source(new ReconciliationSettings { RequestsPerSecond = 100, MaxQuotaWait = TimeSpan.FromSeconds(1) }).ReadAsync([ReconFlow.Orders], Window, CancellationToken.None));

        Assert.StartsWith("quota:", failure.Message);
        Assert.Contains("429", failure.Message);
    }

    [Fact]
    public async Task Stock_is_read_a_page_at_a_time_and_only_a_location_beyond_the_threshold_either_way_is_a_finding()
    {
        // Location 1 sells from warehouses 01 and 02 in whole units, keeping 2 back.
        var published = new PublishedChannel("bigcommerce",
            ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("01", ["01", "02"], 2m)), StockUnits.Whole);
        var skus = _sap.Company.FirstPlainActiveItemsWithStock(5, 6, "01").Select(i => i.ItemCode).ToList();
        decimal Allows(string sku) => AvailableStock.For(published.Locations["1"],
            [.. new[] { "01", "02" }.Select(w => _sap.Company.GetStock(sku, w)).Select((l, n) => new WarehouseLevel(n == 0 ? "01" : "02", l.InStock, l.Committed))], StockUnits.Whole);
        Assert.All(skus, sku => Assert.True(Allows(sku) >= 2, $"{sku} allows only {Allows(sku)}"));
        _store.State.Inventory.SetAll(
        [
            ("1", skus[0], Allows(skus[0])), ("1", skus[1], Allows(skus[1])),
            ("1", skus[2], Allows(skus[2]) + 3), // oversells
            ("1", skus[3], Allows(skus[3]) - 2), // loses sales
            ("1", skus[4], Allows(skus[4]) + 1), // within the threshold
            ("2", skus[0], 999m), // a location that is not published is not compared
        ]);
        var api = new BigCommerceStoreApi(new HttpClient(), new BigCommerceConnectorSettings
            { StoreHash = _store.StoreHash, AccessToken = _store.AccessToken, ApiBaseUrl = _store.StoreRoot.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
        var source = new StockReconSource("bigcommerce", published, StockReconSource.BigCommerce(new PacedReader(api.GetAsync, new ReconciliationSettings { RequestsPerSecond = 100 }), pageSize: 2),
            new SapStockQueries(_client), threshold: 1m);

        var result = (await source.ReadAsync([ReconFlow.Stock], Window, CancellationToken.None)).Single();

        Assert.True(result.Checked, result.NotChecked);
        Assert.Equal(5, result.Compared);
        Assert.Equal(
        [
            (FindingKind.StockAboveSap, $"bigcommerce/1/{skus[2]}", (decimal?)3m),
            (FindingKind.StockBelowSap, $"bigcommerce/1/{skus[3]}", (decimal?)-2m),
        ], result.Findings.Select(f => (f.Kind, f.Subject, f.ChannelValue - f.SapValue)).OrderBy(f => f.Kind));
        Assert.Equal(3, _store.GetStats().Requests.Where(r => r.Key.Contains("inventory/locations", StringComparison.Ordinal)).Sum(r => r.Value));
    }
}

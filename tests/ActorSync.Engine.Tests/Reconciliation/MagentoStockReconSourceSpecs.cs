using System.Collections.Immutable;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.StockPublishing;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Reconciliation;
using ActorSync.Engine.StockPublishing;
using ActorSync.ServiceLayer;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>
/// Magento stock against SAP, without the engine: the MSI source items of each published source read a page at a time
/// through <c>GET V1/inventory/source-items</c> (filtered on <c>source_code</c>, paged by <c>total_count</c> on a store
/// that repeats its last page), compared with what SAP allows by the publishing rule.
/// </summary>
public sealed class MagentoStockReconSourceSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private MagentoEmulator _store = null!;
    private ServiceLayerClient _client = null!;

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 40 } });
        _store = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true, ItemCount = 40, RepeatLastPage = true });
        _client = new ServiceLayerClient(new ServiceLayerOptions { BaseUrl = _sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _store.DisposeAsync();
        await _sap.DisposeAsync();
    }

    [Fact]
    public async Task Each_published_source_is_read_a_page_at_a_time_and_a_quantity_beyond_the_threshold_is_a_finding()
    {
        // Source "eu-main" sells warehouse 01 less a buffer of 1.5; "eu-outlet" sells 02 with none; "returns" is not published.
        var published = new PublishedChannel("magento", ImmutableDictionary<string, ChannelLocation>.Empty
            .Add("eu-main", new ChannelLocation("01", ["01"], 1.5m))
            .Add("eu-outlet", new ChannelLocation("02", ["02"], 0m)), StockUnits.Decimal);
        var skus = _sap.Company.FirstPlainActiveItemsWithStock(3, 4, "01").Select(i => i.ItemCode).ToList();
        decimal Allows(string source, string sku) => AvailableStock.For(published.Locations[source],
            [new WarehouseLevel(published.Locations[source].SellableWarehouses[0], _sap.Company.GetStock(sku, published.Locations[source].SellableWarehouses[0]).InStock,
                _sap.Company.GetStock(sku, published.Locations[source].SellableWarehouses[0]).Committed)], StockUnits.Decimal);
        _store.State.Inventory.SetAll(
        [
            ("eu-main", skus[0], Allows("eu-main", skus[0])),
            ("eu-main", skus[1], Allows("eu-main", skus[1]) + 2.25m), // oversells
            ("eu-main", skus[2], Allows("eu-main", skus[2]) + 0.5m), // within the threshold
            ("eu-outlet", skus[0], Allows("eu-outlet", skus[0])),
            ("eu-outlet", skus[1], Allows("eu-outlet", skus[1])),
            ("returns", skus[0], 42m),
        ]);
        var api = new MagentoStoreApi(new HttpClient(), new MagentoConnectorSettings
        {
            BaseUrl = _store.BaseAddress.ToString(), StoreCode = "default", AuthMode = "Bearer", AccessToken = _store.State.Options.AccessToken, RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var source = new StockReconSource("magento", published, StockReconSource.Magento(new PacedReader(api.GetAsync, new ReconciliationSettings { RequestsPerSecond = 100 }), pageSize: 2),
            new SapStockQueries(_client), threshold: 1m);

        var result = (await source.ReadAsync([ReconFlow.Stock], new ReconWindow(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow), CancellationToken.None)).Single();

        Assert.True(result.Checked, result.NotChecked);
        Assert.Equal(5, result.Compared);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingKind.StockAboveSap, $"magento/eu-main/{skus[1]}", (decimal?)2.25m), (finding.Kind, finding.Subject, finding.ChannelValue - finding.SapValue));
        // eu-main: pages 1 and 2 (3 items); eu-outlet: page 1 (2 items, the total read).
        Assert.Equal(3, _store.GetStats().Requests.Where(r => r.Key.Contains("source-items", StringComparison.Ordinal)).Sum(r => r.Value));
    }
}

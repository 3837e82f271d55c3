using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.StockPublishing;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Reconciliation;
using ActorSync.Engine.StockPublishing;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>
/// The SAP emulator, the Magento and Sitoo emulators and the service, with the reconciliation reading Magento's
/// orders, shipments and credit memos, Sitoo's till sales and Sitoo store 1's stock (warehouse 02) through the
/// connectors' clients. <see cref="StartInStepAsync"/> puts both sides in step the way the connectors would: Magento
/// orders, a shipment and a refund and Sitoo till sales go through the engine into SAP, and Sitoo shows SAP's stock.
/// </summary>
public sealed class ReconRig : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();

    private ReconRig(ServiceLayerEmulator sap, MagentoEmulator magento, SitooEmulator sitoo) => (Sap, Magento, Sitoo) = (sap, magento, sitoo);

    public ServiceLayerEmulator Sap { get; }
    public MagentoEmulator Magento { get; }
    public SitooEmulator Sitoo { get; }
    public OpsTestHost Host { get; private set; } = null!;
    public ImmutableList<long> Orders { get; private set; } = [];
    public ImmutableList<long> Receipts { get; private set; } = [];
    public ImmutableList<string> StockSkus { get; private set; } = [];

    /// <summary>Sitoo webshop orders: the first paid and in SAP, the second unpaid.</summary>
    public ImmutableList<long> WebOrders { get; private set; } = [];

    public static readonly PublishedChannel SitooStock = new("sitoo",
        ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("02", ["02"], 0m)), StockUnits.Decimal);

    public static async Task<ReconRig> StartAsync(Action<ReconciliationSettings>? configure = null)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 40 } });
        var rig = new ReconRig(sap, await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true, ItemCount = 40 }),
            await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = 40 }));
        var settings = FlowTestSettings.For(sap, rig._journal);
        settings.Orders.Mapping = settings.Orders.Mapping with
        {
            ShippingTypes = settings.Orders.Mapping.ShippingTypes.SetItems(new Dictionary<string, int> { ["flatrate_flatrate"] = 1, ["tablerate_bestway"] = 2 }),
            // Sitoo webshop buyers are created as SAP partners on their first order, as the Sitoo connector's rig does.
            CreateMissingCustomers = settings.Orders.Mapping.CreateMissingCustomers.Add("sitoo"),
        };
        settings.Reconciliation = new ReconciliationSettings { Interval = TimeSpan.Zero, Grace = TimeSpan.Zero, RequestsPerSecond = 100, SourceTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(settings.Reconciliation);
        var mapping = settings.Orders.EffectiveMapping;
        rig.Host = await OpsTestHost.StartAsync(settings, services: services => services.AddSingleton(sp => rig.Sources(sp, settings.Reconciliation, mapping)));
        return rig;
    }

    private ReconSources Sources(IServiceProvider sp, ReconciliationSettings settings, Domain.Documents.OrderMapping mapping)
    {
        var sap = new SapReconReads(sp.GetRequiredService<ServiceLayerClient>());
        PacedReader Paced(Func<string, CancellationToken, Task<string>> get) => new(get, settings);
        var magento = new MagentoStoreApi(new HttpClient(), new MagentoConnectorSettings
        {
            BaseUrl = Magento.BaseAddress.ToString(), StoreCode = "default", AuthMode = "Bearer", AccessToken = Magento.State.Options.AccessToken, RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var options = Sitoo.State.Options;
        var sitoo = new SitooApi(new HttpClient(), new SitooConnectorSettings
        {
            BaseUrl = Sitoo.BaseAddress.ToString(), AccountId = options.AccountId, ApiId = options.ApiId, ApiPassword = options.ApiPassword, RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var site = new SitooSiteReader(new HttpClient(), new SitooStockSettings
        {
            BaseUrl = new Uri(Sitoo.BaseAddress, $"v2/accounts/{options.AccountId}/").ToString(), ApiId = options.ApiId, ApiPassword = options.ApiPassword, RequestTimeout = TimeSpan.FromSeconds(5),
        });
        return new ReconSources(
        [
            new MagentoReconSource(Paced(magento.GetAsync), sap, 10),
            new SitooPosSource(Paced(sitoo.GetAsync), sap, mapping, 10),
            new StockReconSource("sitoo", SitooStock, StockReconSource.Sitoo(Paced(site.GetAsync), 10), sp.GetRequiredService<SapStockQueries>(), settings.StockThreshold),
        ]);
    }

    public ReconciliationClient Recon => Host.Services.GetRequiredService<ReconciliationClient>();

    public string IncrementId(long entityId) => (string)Magento.GetOrder(entityId)!["increment_id"]!;

    public string NumAtCard(long entityId) => new OrderKey("magento", IncrementId(entityId)).NumAtCard;

    /// <summary>
    /// Three Magento orders into SAP through the engine, the first two shipped (delivery and invoice) and the first
    /// refunded (credit note); three till sales (card, cash, card) with their invoices and payments; a paid Sitoo
    /// webshop order in SAP and an unpaid one not; Sitoo store 1 showing SAP's figure for five SKUs.
    /// </summary>
    public async Task StartInStepAsync()
    {
        Orders = [.. Magento.State.Generate(3, ["processing"])];
        foreach (var id in Orders)
            Assert.Equal(CommandResultCode.Accepted, (await Host.Engine.SubmitOrderAsync(MagentoOrderParser.Parse(Magento.GetOrder(id)!.ToJsonString()).Order)).Code);
        await Eventually.HoldsAsync(async () => (Orders.All(id => Has(Sap.Company.Orders, NumAtCard(id))),
            string.Join("; ", (await Host.Queue.ListAsync()).Select(e => e.Details.Reason))), Patience, "the sales orders in SAP");
        foreach (var id in Orders.Take(2)) await ShipThroughEngineAsync(id);
        await Eventually.HoldsAsync(() => Task.FromResult((Orders.Take(2).All(id => Has(Sap.Company.Invoices, NumAtCard(id) + "/I")), "invoices")), Patience, "the shipped orders invoiced");
        var (_, refused) = Magento.Refund(Orders[0]);
        Assert.Null(refused);
        var memo = Magento.GetCreditMemos(Orders[0]).Single();
        Assert.Equal(CommandResultCode.Accepted, (await Host.Engine.RecordRefundAsync(MagentoFulfilmentParser.ParseCreditMemo(memo.ToJsonString(), IncrementId(Orders[0]), returnToStock: true))).Code);

        Receipts = [.. Sitoo.State.Generate(3, [SitooOrderKind.PosCardSale, SitooOrderKind.PosCashSale])];
        foreach (var id in Receipts)
        {
            var tx = SitooOrderParser.ParseOrders(Sitoo.State.GetOrder(id)!.ToJsonString())[0].Pos!.Transaction;
            await Host.Engine.SubmitPosTransactionAsync(tx);
        }

        // Two Sitoo webshop orders: the paid one posts as a sales order, the unpaid one does not belong in SAP yet.
        WebOrders = [.. Sitoo.State.Generate(2, [SitooOrderKind.WebshopPaid, SitooOrderKind.WebshopUnpaid])];
        Assert.Equal(CommandResultCode.Accepted,
            (await Host.Engine.SubmitOrderAsync(SitooOrderParser.ParseOrders(Sitoo.State.GetOrder(WebOrders[0])!.ToJsonString())[0].WebOrder!.Order)).Code);

        await Eventually.HoldsAsync(() =>
        {
            var missing = Orders.Where(id => !Has(Sap.Company.Orders, NumAtCard(id))).Select(NumAtCard)
                .Concat(Has(Sap.Company.Orders, $"SITOO-{WebOrders[0]}") ? [] : [$"SITOO-{WebOrders[0]}"])
                .Concat(Has(Sap.Company.CreditNotes, NumAtCard(Orders[0]) + "/R") ? [] : ["credit note"])
                .Concat(Receipts.Where(r => !Has(Sap.Company.Invoices, $"SITOO-{r}")).Select(r => $"SITOO-{r}"))
                .Concat(Sap.Company.IncomingPayments.Count(p => p.Comments?.Contains(" POS payment ", StringComparison.Ordinal) == true) >= Receipts.Count ? [] : ["POS payments"])
                .ToList();
            return Task.FromResult((missing.Count == 0, string.Join(", ", missing)));
        }, Patience, "every document in SAP");

        // Once the till sales have taken their goods out of warehouse 02, as a publisher would tell the store.
        StockSkus = [.. Sap.Company.FirstPlainActiveItemsWithStock(5, 1, "02").Select(i => i.ItemCode)];
        Sitoo.State.Inventory.SetAll(StockSkus.Select(sku => ("1", sku, SapAllows(sku))));
    }

    public async Task ShipThroughEngineAsync(long id)
    {
        var (_, refused) = Magento.Ship(id);
        Assert.Null(refused);
        var shipment = Magento.GetShipments(id).Last();
        var result = await Host.Engine.RecordDispatchAsync(MagentoFulfilmentParser.ParseShipment(shipment.ToJsonString(), IncrementId(id)));
        Assert.True(result.Code == CommandResultCode.Accepted, result.Message);
    }

    private static bool Has(IEnumerable<MarketingDocument> documents, string numAtCardPrefix) =>
        documents.Any(d => d.NumAtCard?.StartsWith(numAtCardPrefix, StringComparison.Ordinal) == true);

    /// <summary>What Sitoo store 1 may sell of a SKU by SAP's figures (warehouse 02, no buffer).</summary>
    public decimal SapAllows(string sku)
    {
        var stock = Sap.Company.GetStock(sku, "02");
        return AvailableStock.For(SitooStock.Locations["1"], [new WarehouseLevel("02", stock.InStock, stock.Committed)], StockUnits.Decimal);
    }

    /// <summary>Starts a run and waits for it to complete.</summary>
    public async Task<ReconRun> RunAsync(params ReconFlow[] flows)
    {
        var accepted = await Recon.StartAsync([.. flows], null, "spec", CancellationToken.None);
        Assert.True(accepted.Started, accepted.Message);
        ReconRun? run = null;
        await Eventually.HoldsAsync(async () =>
        {
            run = await Recon.GetAsync(accepted.RunId, CancellationToken.None);
            return (run?.Completed == true, run is null ? "no run" : $"waiting for {string.Join(", ", run.Waiting)}");
        }, Patience, $"run {accepted.RunId} completed");
        return run!;
    }

    /// <summary>A person in SAP posting a document through their own session.</summary>
    public async Task<int> PostInSapAsync(string entitySet, string body)
    {
        await using var client = new ServiceLayerClient(new ServiceLayerOptions { BaseUrl = Sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" });
        var created = Assert.IsType<WriteOutcome.Succeeded>(await client.CreateAsync(entitySet, body));
        return created.Body!.Value.GetProperty("DocEntry").GetInt32();
    }

    public static string Q(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sitoo.DisposeAsync();
        await Magento.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

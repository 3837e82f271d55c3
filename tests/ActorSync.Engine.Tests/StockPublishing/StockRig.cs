using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.StockPublishing;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.StockPublishing;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.StockPublishing;

/// <summary>
/// The SAP emulator, the BigCommerce, Magento and Sitoo emulators and the service publishing stock to all three on one
/// journal. BigCommerce location 1 sells warehouses 01 and 03 less 2, Magento source <c>default</c> sells 01 less
/// 0.5, Sitoo warehouse 1 sells 02; QC and DMG are sellable nowhere. "Simulated users" post documents straight into
/// SAP through their own Service Layer session. A restart keeps the journal.
/// </summary>
public sealed class StockRig : IAsyncDisposable
{
    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();

    private StockRig(ServiceLayerEmulator sap, BigCommerceEmulator bigCommerce, MagentoEmulator magento, SitooEmulator sitoo) =>
        (Sap, BigCommerce, Magento, Sitoo) = (sap, bigCommerce, magento, sitoo);

    public ServiceLayerEmulator Sap { get; }
    public BigCommerceEmulator BigCommerce { get; }
    public MagentoEmulator Magento { get; }
    public SitooEmulator Sitoo { get; }
    public OpsTestHost Host { get; private set; } = null!;
    public StockPublishingSettings Settings { get; private set; } = null!;
    public ImmutableDictionary<string, ImmutableDictionary<string, ChannelLocation>> Locations { get; } = new Dictionary<string, ImmutableDictionary<string, ChannelLocation>>(StringComparer.OrdinalIgnoreCase)
    {
        ["bigcommerce"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("01", ["01", "03"], 2m)),
        ["magento"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("default", new ChannelLocation("01", ["01"], 0.5m)),
        ["sitoo"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("02", ["02"], 0m)),
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    public static async Task<StockRig> StartAsync(int items = 40)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = items, Customers = 5 } });
        var rig = new StockRig(sap, await BigCommerceEmulator.StartAsync(), await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true }),
            await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = items }));
        await rig.StartHostAsync();
        return rig;
    }

    public async Task StartHostAsync()
    {
        var settings = FlowTestSettings.For(Sap, _journal);
        settings.Orders.Mapping = settings.Orders.Mapping with { Locations = settings.Orders.Mapping.Locations.SetItems(Locations) };
        Settings = new StockPublishingSettings
        {
            Sap = new SapStockSettings { PollInterval = TimeSpan.FromMilliseconds(200), SweepInterval = TimeSpan.FromHours(1), PageSize = 15 },
            BigCommerce = new BigCommerceStockSettings
            {
                StoreHash = BigCommerce.StoreHash, AccessToken = BigCommerce.AccessToken, ApiBaseUrl = BigCommerce.StoreRoot.ToString(),
                RequestTimeout = TimeSpan.FromSeconds(5), MaxItemsPerCall = 10,
            },
            Magento = new MagentoStockSettings
            {
                BaseUrl = Magento.BaseAddress.ToString(), StoreCode = "default", AuthMode = "Bearer", AccessToken = Magento.State.Options.AccessToken,
                RequestTimeout = TimeSpan.FromSeconds(5),
            },
            Sitoo = new SitooStockSettings
            {
                BaseUrl = new Uri(Sitoo.BaseAddress, $"v2/accounts/{Sitoo.State.Options.AccountId}/").ToString(), ApiId = Sitoo.State.Options.ApiId,
                ApiPassword = Sitoo.State.Options.ApiPassword, RequestTimeout = TimeSpan.FromSeconds(5),
            },
        };
        settings.StockPublishing = Settings;
        Host = await OpsTestHost.StartAsync(settings);
    }

    public async Task RestartAfterCrashAsync()
    {
        await Host.CrashAsync();
        await StartHostAsync();
    }

    public StockPublishingClient Publishing => Host.Services.GetRequiredService<StockPublishingClient>();

    /// <summary>What SAP says each channel location should show, for every item (0 when nothing may be sold).</summary>
    public IEnumerable<(string Channel, string Location, string Sku, decimal Quantity)> Expected()
    {
        foreach (var item in Sap.Company.Items)
        {
            var levels = CompanyCatalog.WarehouseCodes.Select(w => { var s = Sap.Company.GetStock(item.ItemCode, w); return new WarehouseLevel(w, s.InStock, s.Committed); }).ToList();
            foreach (var (channel, locations) in Locations)
            foreach (var (code, location) in locations)
                yield return (channel, code, item.ItemCode, AvailableStock.For(location, levels, channel == "bigcommerce" ? StockUnits.Whole : StockUnits.Decimal));
        }
    }

    public decimal? Shown(string channel, string location, string sku) => channel switch
    {
        "bigcommerce" => BigCommerce.State.Inventory.Get(location, sku),
        "magento" => Magento.State.Inventory.Get(location, sku),
        _ => Sitoo.State.Inventory.Get(location, sku),
    };

    /// <summary>The differences between what the channels show (a SKU never told counts as 0) and what SAP says.</summary>
    public List<string> Differences() => Expected()
        .Where(e => (Shown(e.Channel, e.Location, e.Sku) ?? 0m) != e.Quantity)
        .Select(e => $"{e.Channel}/{e.Location}/{e.Sku}: shows {Shown(e.Channel, e.Location, e.Sku)?.ToString() ?? "nothing"}, SAP says {e.Quantity}")
        .ToList();

    public Task ChannelsEqualSapAsync(TimeSpan timeout, string what) => Eventually.HoldsAsync(async () =>
    {
        var differences = Differences();
        var view = differences.Count == 0 ? "" : JsonSerializer.Serialize(await Publishing.GetAsync(CancellationToken.None));
        return (differences.Count == 0, $"{differences.Count} differences: {string.Join("; ", differences.Take(5))}; publishing: {view}");
    }, timeout, what);

    /// <summary>A person in SAP: their own session, posting a document straight into the company.</summary>
    public async Task<int> PostInSapAsync(string entitySet, string body)
    {
        await using var client = new ServiceLayerClient(new ServiceLayerOptions { BaseUrl = Sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" });
        var outcome = await client.CreateAsync(entitySet, body);
        var created = Assert.IsType<WriteOutcome.Succeeded>(outcome);
        return created.Body!.Value.GetProperty("DocEntry").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sitoo.DisposeAsync();
        await Magento.DisposeAsync();
        await BigCommerce.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Catalogue;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Catalogue;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using ActorSync.ServiceLayer;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Catalogue;

/// <summary>
/// The SAP emulator, the Sitoo, BigCommerce and Magento emulators and the service publishing SAP's items to all three:
/// Sitoo from price list 1, gross (the company's VAT groups: 20 %, 5 %, 0 %), ten products a call; BigCommerce from
/// price list 2 (wholesale), net; Magento from price list 1, net. One journal that a restart keeps. People change items in SAP through their own Service Layer
/// session (<see cref="PatchItemAsync"/>).
/// </summary>
public sealed class CatalogueRig : IAsyncDisposable
{
    public static readonly ChannelCatalogue SitooCatalogue = new("sitoo", 1, PriceBasis.Gross);
    public static readonly ChannelCatalogue BigCommerceCatalogue = new("bigcommerce", 2, PriceBasis.Net);
    public static readonly ChannelCatalogue MagentoCatalogue = new("magento", 1, PriceBasis.Net);

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();

    private CatalogueRig(ServiceLayerEmulator sap, SitooEmulator sitoo, BigCommerceEmulator bigCommerce, MagentoEmulator magento) =>
        (Sap, Sitoo, BigCommerce, Magento) = (sap, sitoo, bigCommerce, magento);

    public ServiceLayerEmulator Sap { get; }
    public SitooEmulator Sitoo { get; }
    public BigCommerceEmulator BigCommerce { get; }
    public MagentoEmulator Magento { get; }
    public OpsTestHost Host { get; private set; } = null!;

    /// <summary>The emulators; <paramref name="beforeStart"/> may set their knobs before the service first reads.</summary>
    public static async Task<CatalogueRig> StartAsync(int items = 30, Action<CatalogueRig>? beforeStart = null)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = items, Customers = 5 } });
        var rig = new CatalogueRig(sap, await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = items }), await BigCommerceEmulator.StartAsync(),
            await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true }));
        beforeStart?.Invoke(rig);
        await rig.StartHostAsync();
        return rig;
    }

    public async Task StartHostAsync()
    {
        var settings = FlowTestSettings.For(Sap, _journal);
        settings.Orders.Mapping = settings.Orders.Mapping with
        {
            Catalogues = settings.Orders.Mapping.Catalogues.SetItem("sitoo", SitooCatalogue).SetItem("bigcommerce", BigCommerceCatalogue).SetItem("magento", MagentoCatalogue),
        };
        settings.Catalogue = new CatalogueSettings
        {
            Sap = new SapCatalogueSettings { PollInterval = TimeSpan.FromMilliseconds(200), PageSize = 15 },
            Sitoo = new SitooCatalogueSettings
            {
                BaseUrl = new Uri(Sitoo.BaseAddress, $"v2/accounts/{Sitoo.State.Options.AccountId}/").ToString(), ApiId = Sitoo.State.Options.ApiId,
                ApiPassword = Sitoo.State.Options.ApiPassword, RequestTimeout = TimeSpan.FromSeconds(5), MaxItemsPerCall = 10, RequestsPerWindow = 600,
            },
            BigCommerce = new BigCommerceCatalogueSettings
            {
                StoreHash = BigCommerce.StoreHash, AccessToken = BigCommerce.AccessToken, ApiBaseUrl = BigCommerce.StoreRoot.ToString(),
                RequestTimeout = TimeSpan.FromSeconds(5), RequestsPerWindow = 600, NewProductWeight = 0.35m,
            },
            Magento = new MagentoCatalogueSettings
            {
                BaseUrl = Magento.BaseAddress.ToString(), StoreCode = "default", AuthMode = "Bearer", AccessToken = Magento.State.Options.AccessToken,
                RequestTimeout = TimeSpan.FromSeconds(5), RequestsPerWindow = 600, MaxItemsPerCall = 10,
            },
        };
        Host = await OpsTestHost.StartAsync(settings);
    }

    public CatalogueClient Catalogue => Host.Services.GetRequiredService<CatalogueClient>();

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>What SAP says a channel should show for each item (the engine's rule, from the company's own records).</summary>
    public IEnumerable<ChannelProduct> Expected(ChannelCatalogue channel)
    {
        var rates = new VatRates(Sap.Company.VatGroups.ToImmutableDictionary(v => v.Code, v => v.Rate, StringComparer.OrdinalIgnoreCase));
        foreach (var item in Sap.Company.Items)
        {
            var sapItem = new SapItem(item.ItemCode, item.ItemName, ImmutableDictionary<int, decimal?>.Empty.Add(1, item.RetailPrice).Add(2, item.WholesalePrice),
                item.SalesVatGroup, new ItemPeriod(item.Valid, item.ValidFrom, item.ValidTo), new ItemPeriod(item.Frozen, item.FrozenFrom, item.FrozenTo), item.UpdateStamp);
            yield return CatalogueRules.ProductFor(channel, sapItem, rates, Today);
        }
    }

    /// <summary>
    /// Where Sitoo differs from SAP: an item on sale must be listed, active, with SAP's title and gross price; an item
    /// not on sale must be unlisted or withdrawn (activepos false), with SAP's price when it has one.
    /// </summary>
    public List<string> Differences()
    {
        var differences = new List<string>();
        foreach (var expected in Expected(SitooCatalogue))
        {
            var shown = Sitoo.State.Catalogue.Product(expected.Sku);
            var price = Sitoo.State.Catalogue.PriceOf(1, expected.Sku);
            var ok = expected.Enabled
                ? shown == (expected.Title, true) && price == expected.Price
                : shown is null || (!shown.Value.ActivePos && (expected.Price is null || price == expected.Price));
            if (!ok) differences.Add($"{expected.Sku}: Sitoo shows {shown?.ToString() ?? "nothing"} at {price?.ToString() ?? "no price"}, SAP says {expected}");
        }

        return differences;
    }

    /// <summary>The same for BigCommerce: visible with SAP's name and net wholesale price, or not listed / hidden.</summary>
    public List<string> BigCommerceDifferences()
    {
        var differences = new List<string>();
        foreach (var expected in Expected(BigCommerceCatalogue))
        {
            var shown = BigCommerce.State.Catalogue.Product(expected.Sku);
            var ok = expected.Enabled
                ? shown == (expected.Title, expected.Price!.Value, true)
                : shown is null || (!shown.Value.IsVisible && (expected.Price is null || shown.Value.Price == expected.Price));
            if (!ok) differences.Add($"{expected.Sku}: BigCommerce shows {shown?.ToString() ?? "nothing"}, SAP says {expected}");
        }

        return differences;
    }

    /// <summary>The same for Magento: enabled (status 1) with SAP's name and net retail price, or not listed / disabled (status 2).</summary>
    public List<string> MagentoDifferences()
    {
        var differences = new List<string>();
        foreach (var expected in Expected(MagentoCatalogue))
        {
            var shown = Magento.State.Catalogue.Product(expected.Sku);
            var ok = expected.Enabled
                ? shown == (expected.Title, expected.Price!.Value, 1)
                : shown is null || (shown.Value.Status == 2 && (expected.Price is null || shown.Value.Price == expected.Price));
            if (!ok) differences.Add($"{expected.Sku}: Magento shows {shown?.ToString() ?? "nothing"}, SAP says {expected}");
        }

        return differences;
    }

    public Task MagentoEqualsSapAsync(TimeSpan timeout, string what, Func<string, bool>? except = null) => EqualsSapAsync(MagentoDifferences, timeout, what, except);

    public Task SitooEqualsSapAsync(TimeSpan timeout, string what, Func<string, bool>? except = null) => EqualsSapAsync(Differences, timeout, what, except);

    public Task BigCommerceEqualsSapAsync(TimeSpan timeout, string what, Func<string, bool>? except = null) => EqualsSapAsync(BigCommerceDifferences, timeout, what, except);

    private Task EqualsSapAsync(Func<List<string>> differ, TimeSpan timeout, string what, Func<string, bool>? except) => Eventually.HoldsAsync(async () =>
    {
        var differences = differ().Where(d => except is null || !except(d)).ToList();
        var view = differences.Count == 0 ? "" : JsonSerializer.Serialize(await Catalogue.GetAsync(CancellationToken.None));
        return (differences.Count == 0, $"{differences.Count} differences: {string.Join("; ", differences.Take(5))}; catalogue: {view}");
    }, timeout, what);

    /// <summary>A person in SAP: their own session, changing an item (its price, its Frozen flag and dates).</summary>
    public async Task PatchItemAsync(string itemCode, string body)
    {
        await using var client = new ServiceLayerClient(new ServiceLayerOptions { BaseUrl = Sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager" });
        Assert.IsType<WriteOutcome.Succeeded>(await client.PatchAsync($"Items('{itemCode}')", body));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sitoo.DisposeAsync();
        await BigCommerce.DisposeAsync();
        await Magento.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

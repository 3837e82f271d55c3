using System.Collections.Concurrent;
using System.Diagnostics;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.StockPublishing;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.StockPublishing;
using ActorSync.Engine.StockPublishing.Channels;
using ActorSync.Host.Demo;

namespace ActorSync.Perf;

/// <summary>
/// One channel location of the storm: what SAP says it may sell per item (kept up to date as the burst moves stock),
/// when that last changed, and when the channel last wrote the item (from the emulator's inventory, in process).
/// </summary>
public sealed class StormShop
{
    public required string Channel { get; init; }
    public required string Location { get; init; }
    public required ChannelLocation Mapping { get; init; }
    public required StockUnits Units { get; init; }
    public required int PerCall { get; init; }
    public required int RequestsPerWindow { get; init; }
    public required ChannelInventory Inventory { get; init; }
    public required Func<ChannelStats> Stats { get; init; }
    public required ChannelStockSettings Settings { get; init; }

    /// <summary>SAP's sellable quantity per item index, as of the last move the storm made.</summary>
    public decimal[] Expected = [];

    /// <summary>The quantity before the burst, per item index (what the channel held once the first publish was done).</summary>
    public decimal[] Before = [];

    /// <summary>Stopwatch ticks of the last move that changed <see cref="Expected"/> (0: never during the burst).</summary>
    public long[] ChangedAt = [];

    /// <summary>Stopwatch ticks of the channel's last write of the item while recording (0: none).</summary>
    public long[] WrittenAt = [];

    /// <summary>Moves in a warehouse this location sells (the changes it sees).</summary>
    public long RelevantChanges;

    public bool Sells(string warehouse) => Mapping.SellableWarehouses.Any(w => string.Equals(w, warehouse, StringComparison.OrdinalIgnoreCase));

    public IStockChannel Client() => Settings switch
    {
        BigCommerceStockSettings b => new BigCommerceStockChannel(new HttpClient(), b),
        MagentoStockSettings m => new MagentoStockChannel(new HttpClient(), m),
        SitooStockSettings s => new SitooStockChannel(new HttpClient(), s),
        _ => throw new InvalidOperationException(Settings.GetType().Name),
    };
}

/// <summary>
/// The emulated SAP company and the three channel emulators of one run, with their quotas and 429s on, and what the
/// storm measures of them. A fresh world per integration: same company, same burst.
/// </summary>
public sealed class StormWorld : IAsyncDisposable
{
    private readonly Dictionary<string, int> _itemIndex;
    private volatile bool _recording;

    private StormWorld(ServiceLayerEmulator sap, BigCommerceEmulator bigCommerce, MagentoEmulator magento, SitooEmulator sitoo, IReadOnlyList<StormShop> shops)
    {
        (Sap, BigCommerce, Magento, Sitoo, Shops) = (sap, bigCommerce, magento, sitoo, shops);
        Items = sap.Company.Items.Select(i => i.ItemCode).ToArray();
        _itemIndex = new Dictionary<string, int>(Items.Length, StringComparer.Ordinal);
        for (var i = 0; i < Items.Length; i++) _itemIndex[Items[i]] = i;
        foreach (var shop in shops)
        {
            shop.Expected = new decimal[Items.Length];
            shop.ChangedAt = new long[Items.Length];
            shop.WrittenAt = new long[Items.Length];
            var observed = shop;
            shop.Inventory.Changed = (location, sku, _) =>
            {
                if (_recording && location == observed.Location && _itemIndex.TryGetValue(sku, out var index))
                    observed.WrittenAt[index] = Stopwatch.GetTimestamp();
            };
        }
        RecomputeAll();
    }

    public ServiceLayerEmulator Sap { get; }
    public BigCommerceEmulator BigCommerce { get; }
    public MagentoEmulator Magento { get; }
    public SitooEmulator Sitoo { get; }
    public IReadOnlyList<StormShop> Shops { get; }
    public string[] Items { get; }

    /// <summary>Starts the company (items × 5 warehouses) and the channels with the quotas the publishers are configured with.</summary>
    public static async Task<StormWorld> StartAsync(int items, TimeSpan window)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = items, Customers = 5 } });
        var bigCommerceSettings = new BigCommerceStockSettings { Window = window };
        var magentoSettings = new MagentoStockSettings { Window = window };
        var sitooSettings = new SitooStockSettings { Window = window };
        var windowMs = (int)window.TotalMilliseconds;
        var bigCommerce = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions { RateLimit = new ChannelRateLimit(bigCommerceSettings.RequestsPerWindow, windowMs) });
        var magento = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true });
        magento.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(magentoSettings.RequestsPerWindow, windowMs) });
        var sitoo = await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = items });
        sitoo.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(sitooSettings.RequestsPerWindow, windowMs) });

        bigCommerceSettings.StoreHash = bigCommerce.StoreHash;
        bigCommerceSettings.AccessToken = bigCommerce.AccessToken;
        bigCommerceSettings.ApiBaseUrl = bigCommerce.StoreRoot.ToString();
        magentoSettings.BaseUrl = magento.BaseAddress.ToString();
        magentoSettings.StoreCode = "default";
        magentoSettings.AuthMode = "Bearer";
        magentoSettings.AccessToken = magento.State.Options.AccessToken;
        sitooSettings.BaseUrl = sitoo.ApiBaseAddress.ToString();
        sitooSettings.ApiId = sitoo.State.Options.ApiId;
        sitooSettings.ApiPassword = sitoo.State.Options.ApiPassword;

        StormShop Shop(string channel, ChannelStockSettings settings, ChannelInventory inventory, Func<ChannelStats> stats, StockUnits units)
        {
            var (code, location) = DemoStock.Locations[channel].Single();
            return new StormShop
            {
                Channel = channel, Location = code, Mapping = location, Units = units, PerCall = settings.MaxItemsPerCall,
                RequestsPerWindow = settings.RequestsPerWindow, Inventory = inventory, Stats = stats, Settings = settings,
            };
        }

        return new StormWorld(sap, bigCommerce, magento, sitoo,
        [
            Shop("bigcommerce", bigCommerceSettings, bigCommerce.State.Inventory, bigCommerce.GetStats, StockUnits.Whole),
            Shop("magento", magentoSettings, magento.State.Inventory, magento.GetStats, StockUnits.Decimal),
            Shop("sitoo", sitooSettings, sitoo.State.Inventory, sitoo.GetStats, StockUnits.Decimal),
        ]);
    }

    public StockPublishingSettings PublishingSettings(SapStockSettings sap) => new()
    {
        Sap = sap,
        BigCommerce = (BigCommerceStockSettings)Shops[0].Settings,
        Magento = (MagentoStockSettings)Shops[1].Settings,
        Sitoo = (SitooStockSettings)Shops[2].Settings,
    };

    public decimal Available(StormShop shop, int item)
    {
        var code = Items[item];
        var levels = new List<WarehouseLevel>(shop.Mapping.SellableWarehouses.Count);
        foreach (var warehouse in shop.Mapping.SellableWarehouses)
        {
            var level = Sap.Company.GetStock(code, warehouse);
            levels.Add(new WarehouseLevel(warehouse, level.InStock, level.Committed));
        }

        return AvailableStock.For(shop.Mapping, levels, shop.Units);
    }

    private void RecomputeAll()
    {
        foreach (var shop in Shops)
        for (var i = 0; i < Items.Length; i++)
            shop.Expected[i] = Available(shop, i);
    }

    /// <summary>What a channel shows for an item (never told: 0, as a SKU nobody listed sells nothing).</summary>
    public static decimal Shown(StormShop shop, string sku) => shop.Inventory.Get(shop.Location, sku) ?? 0m;

    /// <summary>Every position whose channel shows another quantity than SAP says it may sell now (read from SAP, not from the storm's own arrays).</summary>
    public List<string> Differences()
    {
        var differences = new List<string>();
        foreach (var shop in Shops)
        for (var i = 0; i < Items.Length; i++)
        {
            var expected = Available(shop, i);
            var shown = Shown(shop, Items[i]);
            if (shown != expected) differences.Add($"{shop.Channel}/{shop.Location}/{Items[i]}: shows {shown}, SAP says {expected}");
        }

        return differences;
    }

    /// <summary>How many positions differ from the storm's own record of SAP (cheap: no SAP reads).</summary>
    public int Behind()
    {
        var behind = 0;
        foreach (var shop in Shops)
        for (var i = 0; i < Items.Length; i++)
            if (Shown(shop, Items[i]) != shop.Expected[i]) behind++;
        return behind;
    }

    /// <summary>The channels hold SAP's figures already (the naive run starts from a synced state): written straight into the emulators.</summary>
    public void SeedChannelsFromSap()
    {
        foreach (var shop in Shops)
            shop.Inventory.SetAll(Enumerable.Range(0, Items.Length).Select(i => (shop.Location, Items[i], shop.Expected[i])));
    }

    /// <summary>From now on the channels' writes are timed, and the quantities before the burst are kept.</summary>
    public void StartRecording()
    {
        foreach (var shop in Shops) shop.Before = (decimal[])shop.Expected.Clone();
        _recording = true;
    }

    /// <summary>
    /// Makes the burst's moves in SAP, a slice at a time spread over <paramref name="over"/> (each slice one transaction
    /// writing its audit rows), and keeps what each location may now sell. <paramref name="applied"/> gets every move
    /// that changed stock, when it was made (the naive publisher's feed).
    /// </summary>
    public async Task BurstAsync(IReadOnlyList<(int Item, string Warehouse, decimal Delta)> moves, TimeSpan over, int slices,
        ConcurrentQueue<(int Item, string Warehouse, long At)>? applied = null)
    {
        var clock = Stopwatch.StartNew();
        var size = (moves.Count + slices - 1) / slices;
        for (var slice = 0; slice * size < moves.Count; slice++)
        {
            var due = over * slice / slices;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var chunk = moves.Skip(slice * size).Take(size).ToList();
            var deltas = Sap.Company.MoveStock(chunk.Select(m => (Items[m.Item], m.Warehouse, m.Delta)).ToList());
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < chunk.Count; i++)
            {
                if (deltas[i] == 0) continue;
                var (item, warehouse, _) = chunk[i];
                foreach (var shop in Shops)
                {
                    if (!shop.Sells(warehouse)) continue;
                    shop.RelevantChanges++;
                    var available = Available(shop, item);
                    if (available != shop.Expected[item])
                    {
                        shop.Expected[item] = available;
                        shop.ChangedAt[item] = now;
                    }
                }

                applied?.Enqueue((item, warehouse, now));
            }
        }
    }

    /// <summary>
    /// The burst, the same for every run (seeded): most moves are sales and picks of 1–3 units, one in seven a receipt
    /// of 5–40; a few hot items take most of them (a sale), and one in ten lands in quarantine or damaged, which no
    /// location sells.
    /// </summary>
    public static List<(int Item, string Warehouse, decimal Delta)> Moves(int items, int count)
    {
        var random = new Random(11);
        var moves = new List<(int, string, decimal)>(count);
        for (var n = 0; n < count; n++)
        {
            // Skewed toward the first items: density falls as x^(-2/3), so a small head takes many changes.
            var item = Math.Min(items - 1, (int)(items * Math.Pow(random.NextDouble(), 3)));
            var roll = random.NextDouble();
            var warehouse = roll switch
            {
                < 0.45 => CompanyCatalog.MainWarehouse,
                < 0.70 => CompanyCatalog.WarehouseCodes[1],
                < 0.90 => CompanyCatalog.WarehouseCodes[2],
                < 0.95 => CompanyCatalog.QuarantineWarehouse,
                _ => CompanyCatalog.DamagedWarehouse,
            };
            var delta = random.Next(7) == 0 ? random.Next(5, 41) : -random.Next(1, 4);
            moves.Add((item, warehouse, delta));
        }

        return moves;
    }

    public async ValueTask DisposeAsync()
    {
        await Sitoo.DisposeAsync();
        await Magento.DisposeAsync();
        await BigCommerce.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

/// <summary>Peak memory of the process, sampled every 100 ms: the working set and the GC heap (live and not yet collected).</summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _workingSet, _heap;

    public PeakMemory() => _sampling = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
        }
    });

    public long WorkingSet => Interlocked.Read(ref _workingSet);
    public long Heap => Interlocked.Read(ref _heap);

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        if (workingSet > Interlocked.Read(ref _workingSet)) Interlocked.Exchange(ref _workingSet, workingSet);
        if (heap > Interlocked.Read(ref _heap)) Interlocked.Exchange(ref _heap, heap);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
    }
}

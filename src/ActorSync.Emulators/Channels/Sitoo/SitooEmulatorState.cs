using System.Globalization;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>Everything one Sitoo emulator holds: its store, the SPI sender, faults, an optional rate limit and counters.</summary>
public sealed class SitooEmulatorState
{
    /// <summary>
    /// The reference names Sales and Refund as read-only transaction types without their numbers; the emulator writes
    /// the stock side of till receipts with these (its own choice). The connector books only 10, 20 and 50.
    /// </summary>
    public const int SalesTransactionType = 30, RefundTransactionType = 40;

    private readonly SitooOrderGenerator _generator;
    private ChannelRateLimiter? _rateLimiter;

    public SitooEmulatorState(SitooEmulatorOptions? options = null)
    {
        Options = options ?? new SitooEmulatorOptions();
        Faults = new ChannelFaultState(Options.Clock);
        Events = new SitooEvents(Options.Events, Options.AccountId, Options.Clock);
        _generator = new SitooOrderGenerator(Options.Skus, Options.ItemCount, Options.Seed);
        Catalogue = new SitooCatalogue(Store);
        SeedProducts();
    }

    public SitooEmulatorOptions Options { get; }

    /// <summary>The Events SPI sender.</summary>
    public SitooEvents Events { get; }

    internal SitooStore Store { get; } = new();

    /// <summary>Product writes and price lists: what the catalogue publisher told Sitoo.</summary>
    public SitooCatalogue Catalogue { get; }

    internal ChannelFaultState Faults { get; }

    internal ChannelCounters Counters { get; } = new();

    /// <summary>The stock per warehouse and SKU that warehouse transactions left (warehouse items' <c>decimaltotal</c>).</summary>
    public ChannelInventory Inventory { get; } = new();

    /// <summary>Null unless a <c>rateLimit</c> fault is in force: Sitoo publishes no numeric limit (§3.1).</summary>
    internal ChannelRateLimiter? RateLimiter => Volatile.Read(ref _rateLimiter);

    private void SeedProducts()
    {
        var skus = Options.Skus.Count > 0 ? Options.Skus : Enumerable.Range(1, Options.ItemCount)
            .Where(n => ServiceLayer.Company.CompanyCatalog.KindOf(n) == ServiceLayer.Company.ItemKind.Plain)
            .Select(n => ServiceLayer.Company.CompanyCatalog.ItemCode(n, Options.ItemCount)).ToList();
        var id = 1L;
        foreach (var sku in skus) Store.AddProduct(SitooOrderGenerator.Product(id++, sku));
    }

    /// <summary>Adds an order (the vendor shape) and queues its SPI <c>add</c> event; null, or what is wrong.</summary>
    public string? CreateOrder(JsonObject order, bool fireEvent = true)
    {
        if (Store.AddOrder(order) is { } problem) return problem;
        if (fireEvent) FireOrderEvent(order, "add");
        return null;
    }

    private void FireOrderEvent(JsonObject order, string eventType)
    {
        var state = ChannelsLong(order["orderstateid"]) switch { 10 => "closed", 20 => "cancelled", _ => "open" };
        Events.OrderEvent(ChannelsLong(order["orderid"])!.Value, eventType, state, ChannelsLong(order["warehouseid"]));
    }

    private static long? ChannelsLong(JsonNode? node) => Magento.MagentoStore.Long(node);

    /// <summary>
    /// Generated orders, each created with its SPI event; kinds cycle through <paramref name="kinds"/>. A return
    /// takes back one unit of the latest POS sale; with none it is a card sale. Till receipts also write their stock
    /// side as a read-only warehouse transaction (Sales or Refund).
    /// </summary>
    public IReadOnlyList<long> Generate(int count, IReadOnlyList<SitooOrderKind> kinds)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i % kinds.Count];
            JsonObject order;
            lock (_generator)
            {
                var id = Store.NextOrderId();
                var sale = kind == SitooOrderKind.PosReturn ? LatestPosSale() : null;
                order = sale is not null
                    ? _generator.Return(id, sale, Options.Clock.GetUtcNow())
                    : _generator.Sale(id, kind == SitooOrderKind.PosReturn ? SitooOrderKind.PosCardSale : kind, Options.Clock.GetUtcNow());
                if (CreateOrder(order) is not null) continue;
                ids.Add(id);
            }
            if (order["registerid"] is not null)
                WriteStockSide(order);
        }
        return ids;
    }

    /// <summary>The POS sale the next generated return takes back: the newest sale with a register.</summary>
    private JsonObject? LatestPosSale()
    {
        for (var id = Store.NextOrderId() - 1; id > 0 && id > Store.NextOrderId() - 200; id--)
            if (Store.Order(id) is { } o && o["registerid"] is not null && o["creditorderid"] is null) return o;
        return null;
    }

    private void WriteStockSide(JsonObject order)
    {
        var isReturn = order["creditorderid"] is not null;
        var items = ((JsonArray)order["orderitems"]!).Select(r => (r!["sku"]!.GetValue<string>(), -(decimal)r["quantity"]!.GetValue<int>(), 0m)).ToList();
        Store.AddTransaction(1, isReturn ? RefundTransactionType : SalesTransactionType, isReturn ? "Refund" : "Sales", items, Options.Clock.GetUtcNow(),
            externalId: order["orderid"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Stock movements (Move In, Move Out, stock-taking) in <paramref name="warehouseId"/>; answers their ids.</summary>
    public IReadOnlyList<long> GenerateTransactions(int count, long warehouseId = 1)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            (int Type, string Description, List<(string, decimal, decimal)> Items) tx;
            lock (_generator) tx = _generator.Transaction();
            ids.Add(Store.AddTransaction(warehouseId, tx.Type, tx.Description, tx.Items, Options.Clock.GetUtcNow())["warehousetransactionid"]!.GetValue<long>());
        }
        return ids;
    }

    /// <summary>A webshop order's payment succeeded (or another state change): the order changes and an SPI <c>update</c> event follows.</summary>
    public bool SetState(long orderId, int? orderStateId = null, int? paymentStateId = null)
    {
        if (Store.SetState(orderId, orderStateId, paymentStateId) is null) return false;
        FireOrderEvent(Store.Order(orderId)!, "update");
        return true;
    }

    public JsonObject? GetOrder(long orderId) => Store.Order(orderId);

    public ChannelStats GetStats() => Counters.Snapshot(new Dictionary<string, int>());

    public string? ApplyFaults(ChannelFaultSettings settings)
    {
        Faults.Apply(settings);
        if (settings.RateLimit is { } limit)
        {
            var limiter = new ChannelRateLimiter(Options.Clock, limit);
            limiter.Replace(limit);
            Volatile.Write(ref _rateLimiter, limiter);
        }
        else if (settings.Clear == true)
            Volatile.Write(ref _rateLimiter, null);
        return null;
    }

    /// <summary>Forgets orders, transactions, faults and counters (products and warehouses are put back as at start; queued events stay).</summary>
    public void Reset()
    {
        Store.Clear();
        Inventory.Clear();
        Catalogue.Clear();
        SeedProducts();
        ApplyFaults(new ChannelFaultSettings { Clear = true });
        Counters.Reset();
    }
}

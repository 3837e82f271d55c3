using System.Net;
using System.Net.Http.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Api;
using ActorSync.Host.Demo;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;

namespace ActorSync.Engine.Tests.WebConsole;

/// <summary>
/// The service as <c>run</c> starts it (engine, ops API, web console) against the Service Layer emulator, with a
/// named operator token (<c>alice</c>) and a named read-only token (<c>bob</c>): one Magento order posted, one parked
/// (SAP rejects its inactive item), and exceptions raised directly: one whose payload carries a script, and one the
/// reader tries to change (finance's, alerting at once). Like <see cref="Operations.RunningHost"/>, with names, so the audit trail's "who" is a person.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string Alice = "alice", Bob = "bob";
    public const string AliceToken = "op-alice-8f2d6b1e9c4a7d3f5e0b2c8a6d4f1e9b";
    public const string BobToken = "ro-bob-3c7e1a9d5f2b8e4c6a0d9f3b7e1c5a8d";

    /// <summary>What an attacker would put in a channel record: a script, an element with a handler, a quote-breaking attribute.</summary>
    public const string HostileMarkup = "<script>document.title='pwned';window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">\"'><b>bold</b>";

    private const int Items = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ServiceLayerEmulator _sap = null!;
    public OpsTestHost Service { get; private set; } = null!;
    public CapturingLogs Logs { get; } = new();
    public string Url => Service.Http.BaseAddress!.ToString().TrimEnd('/');
    public string PostedOrder { get; private set; } = "";
    public string ParkedOrder { get; private set; } = "";
    public ExceptionRecord Parked { get; private set; } = null!;
    public string Hostile { get; private set; } = "";
    public string ReaderTarget { get; private set; } = "";
    /// <summary>A stock position in warehouse 01: 37.5 in stock, 4.25 committed.</summary>
    public string Sku { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.MasterData.Enabled = false; // SAP itself rejects the inactive item
        // Finance's open exception alerts at once, so every page carries the banner.
        settings.Alerts.CheckInterval = TimeSpan.FromSeconds(1);
        settings.Alerts.ExceptionAge["Finance"] = TimeSpan.Zero;
        var access = new OpsAccessSettings
        {
            Operators = new(StringComparer.OrdinalIgnoreCase) { [Alice] = AliceToken },
            Readers = new(StringComparer.OrdinalIgnoreCase) { [Bob] = BobToken },
        };
        access.Validate("http://127.0.0.1:0");
        Service = await OpsTestHost.StartAsync(settings, Logs, access: access);
        Service.Http.DefaultRequestHeaders.Authorization = new("Bearer", AliceToken);

        var orders = new DemoOrderGenerator(Items).Generate(2, idPrefix: "CON-").ToList();
        var inactive = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
        var line = orders[1].Lines[0] with { Sku = inactive };
        orders[1] = orders[1] with { Lines = [line], TotalPaid = line.NetTotal + line.TaxAmount + orders[1].ShippingAmount + orders[1].ShippingTax };
        foreach (var order in orders)
            Assert.Equal(HttpStatusCode.Accepted, (await Service.Http.PostAsJsonAsync("/api/orders", order)).StatusCode);
        (PostedOrder, ParkedOrder) = (orders[0].Key.EntityId, orders[1].Key.EntityId);
        await Eventually.HoldsAsync(async () =>
        {
            var (posted, parked) = (await Service.Engine.GetOrderAsync(PostedOrder), await Service.Engine.GetOrderAsync(ParkedOrder));
            return (posted.DocEntry is not null && parked.Status == OrderStatus.Quarantined, $"{posted.Status}, {parked.Status}");
        }, Patience, "one order posted and one parked");

        Sku = _sap.Company.FirstItems(ItemKind.Plain, 1).Single().ItemCode;
        await Service.Engine.ApplyStockSnapshotAsync([new ActorSync.Engine.Api.StockLevel(Sku, "01", 37.5m, 4.25m, 12m)], DateTimeOffset.UtcNow);

        var at = DateTimeOffset.UtcNow;
        var payload = System.Text.Json.JsonSerializer.Serialize(new { customer = new { name = HostileMarkup }, note = HostileMarkup });
        await Service.Queue.RaiseAsync(new RaiseException("refund", "magento:R-XSS", ExceptionTypes.UnmappedShipping("carrier " + HostileMarkup), payload, at));
        await Service.Queue.RaiseAsync(new RaiseException("refund", "magento:R-READ", ExceptionTypes.UnmappedTax("No VAT group for 9.5 %"), "{\"refund\":\"R-READ\"}", at));
        await Eventually.HoldsAsync(async () =>
        {
            var count = (await Service.Queue.ListAsync()).Count;
            return (count == 3, $"{count} exceptions");
        }, Patience, "three exceptions");
        var all = await Service.Queue.ListAsync();
        Parked = all.Single(e => e.RecordId == ParkedOrder);
        Hostile = all.Single(e => e.RecordId == "magento:R-XSS").Id;
        ReaderTarget = all.Single(e => e.RecordId == "magento:R-READ").Id;
        await Eventually.HoldsAsync(async () =>
        {
            var alerts = (await Service.GetJson("/api/alerts")).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ToList();
            return (alerts.Contains(FinanceAlert), string.Join(", ", alerts));
        }, Patience, "finance's alert firing");
    }

    public const string FinanceAlert = "exceptions-waiting:finance";

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _sap.DisposeAsync();
    }
}

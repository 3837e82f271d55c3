using ActorSync.Domain.Orders;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Engine.Tests.PosFlow;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The SAP emulator, the Sitoo emulator and the service (engine + ops API + SPI endpoint) on one journal, with the
/// emulator's Events SPI pointed at the service. Generated orders sell items that have stock in warehouse 02 (Sitoo
/// store 1). A restart keeps the journal and the port.
/// </summary>
public sealed class SitooRig : IAsyncDisposable
{
    public const string EventsUser = "sitoo-events";
    public const string EventsPassword = "f3a9c1e07b5d2468ace13579bdf02468";

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();
    private readonly Action<SitooConnectorSettings>? _configure;
    private readonly bool _events;
    private string? _url;

    private SitooRig(ServiceLayerEmulator sap, SitooEmulator sitoo, Action<SitooConnectorSettings>? configure, bool events)
    {
        (Sap, Sitoo, _configure, _events) = (sap, sitoo, configure, events);
    }

    public ServiceLayerEmulator Sap { get; }
    public SitooEmulator Sitoo { get; }
    public OpsTestHost Host { get; private set; } = null!;
    public SitooConnectorSettings Connector { get; private set; } = null!;
    public SitooConnector Connectors => Host.Services.GetRequiredService<SitooConnector>();

    /// <param name="events">Whether the emulator's SPI delivers to the service (else only the polls bring orders).</param>
    public static async Task<SitooRig> StartAsync(Action<SitooConnectorSettings>? configure = null, SitooEventsOptions? events = null, bool deliverEvents = true)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var skus = sap.Company.FirstPlainActiveItemsWithStock(12, 60, "02").Select(i => i.ItemCode).ToList();
        var sitoo = await SitooEmulator.StartAsync(new SitooEmulatorOptions { Skus = skus, ItemCount = 100, Events = events ?? new SitooEventsOptions { TimeScale = 0.001 } });
        var rig = new SitooRig(sap, sitoo, configure, deliverEvents);
        await rig.StartHostAsync();
        return rig;
    }

    public async Task StartHostAsync()
    {
        var settings = FlowTestSettings.For(Sap, _journal);
        // Webshop customers are registered (an email, no guest flag in Sitoo): SAP gets a partner for each.
        settings.Orders.Mapping = settings.Orders.Mapping with { CreateMissingCustomers = settings.Orders.Mapping.CreateMissingCustomers.Add("sitoo") };
        Connector = new SitooConnectorSettings
        {
            BaseUrl = Sitoo.BaseAddress.ToString(), AccountId = Sitoo.State.Options.AccountId, ApiId = Sitoo.State.Options.ApiId, ApiPassword = Sitoo.State.Options.ApiPassword,
            EventsUser = EventsUser, EventsPassword = EventsPassword, PollInterval = TimeSpan.FromHours(1), PageSize = 5, StartOrderId = 1, StartTransactionId = 1,
            RetryDelay = TimeSpan.FromMilliseconds(100), RequestTimeout = TimeSpan.FromSeconds(5), BookWarehouseTransactions = ["1"],
        };
        _configure?.Invoke(Connector);
        settings.Connectors.Sitoo = Connector;
        Host = await OpsTestHost.StartAsync(settings, new CapturingLogs(), _url ?? "http://127.0.0.1:0");
        _url ??= Host.Http.BaseAddress!.ToString();
        await Connectors.GetInboxAsync(); // the inbox singleton answers once the node has joined
        if (_events)
            Sitoo.Events.Options = Sitoo.Events.Options with { Destination = new Uri(new Uri(_url), "webhooks/sitoo"), User = EventsUser, Password = EventsPassword };
    }

    public async Task RestartAfterCrashAsync()
    {
        await Host.CrashAsync();
        await StartHostAsync();
    }

    public static string OrderNumAtCard(long orderId) => new OrderKey("sitoo", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)).NumAtCard;

    public static string ReceiptNumAtCard(long orderId) => "SITOO-" + orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsReturn(long orderId) => Sitoo.State.GetOrder(orderId)!["creditorderid"] is not null;

    public bool IsPos(long orderId) => Sitoo.State.GetOrder(orderId)!["registerid"] is not null;

    /// <summary>SAP documents of one Sitoo order: sales orders (webshop), invoices (POS sale) or credit notes (POS return).</summary>
    public int DocumentsOf(long orderId) =>
        !IsPos(orderId) ? Sap.Company.Orders.Count(d => d.NumAtCard == OrderNumAtCard(orderId))
        : IsReturn(orderId) ? Sap.Company.CreditNotes.Count(d => d.NumAtCard == ReceiptNumAtCard(orderId))
        : Sap.Company.Invoices.Count(d => d.NumAtCard == ReceiptNumAtCard(orderId));

    public Task AllPostedAsync(IReadOnlyCollection<long> orderIds, TimeSpan timeout) => Eventually.HoldsAsync(async () =>
    {
        var posted = orderIds.Count(id => DocumentsOf(id) >= 1);
        var view = await Connectors.GetInboxAsync();
        var exceptions = posted == orderIds.Count ? [] : await Host.Queue.ListAsync(new ActorSync.Domain.ExceptionQueue.ExceptionFilter());
        return (posted == orderIds.Count, $"{posted} of {orderIds.Count} in SAP; inbox {view.Accepted} accepted, {view.Done} done, {view.PendingKeys.Length} pending, {view.Parked} parked; " +
            $"SPI {SitooEvents.Describe(Sitoo.Events.GetStats())}; exceptions: {string.Join(" | ", exceptions.Select(e => $"{e.RecordId} {e.Type}: {e.Reason}"))}");
    }, timeout, $"{orderIds.Count} Sitoo orders in SAP");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sitoo.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>
/// The SAP emulator, the Magento emulator (OAuth 1.0a enforced, the last page repeated past the end, as older stores
/// do) and the service on one journal, the connector polling every 300 ms in pages of 5. A restart keeps the journal.
/// </summary>
public sealed class MagentoRig : IAsyncDisposable
{
    public const int Items = 400;

    private readonly PersistenceSettings _journal = TestDatabases.NewSqlite();
    private readonly Action<MagentoConnectorSettings>? _configure;

    private MagentoRig(ServiceLayerEmulator sap, MagentoEmulator store, Action<MagentoConnectorSettings>? configure) =>
        (Sap, Store, _configure) = (sap, store, configure);

    public ServiceLayerEmulator Sap { get; }
    public MagentoEmulator Store { get; }
    public OpsTestHost Host { get; private set; } = null!;

    public static async Task<MagentoRig> StartAsync(Action<MagentoConnectorSettings>? configure = null)
    {
        var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var store = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { ItemCount = Items, RepeatLastPage = true });
        var rig = new MagentoRig(sap, store, configure);
        await rig.StartHostAsync();
        return rig;
    }

    public async Task StartHostAsync()
    {
        var settings = EngineTestHost.DefaultSettings(Sap, _journal);
        // The generated orders ship by Magento's own carrier methods.
        settings.Orders.Mapping = settings.Orders.Mapping with
        {
            ShippingTypes = settings.Orders.Mapping.ShippingTypes.SetItems(new Dictionary<string, int> { ["flatrate_flatrate"] = 1, ["tablerate_bestway"] = 2 }),
        };
        var integration = Store.State.Options;
        var connector = new MagentoConnectorSettings
        {
            BaseUrl = Store.BaseAddress.ToString(), StoreCode = "default",
            ConsumerKey = integration.ConsumerKey, ConsumerSecret = integration.ConsumerSecret,
            AccessToken = integration.AccessToken, AccessTokenSecret = integration.AccessTokenSecret,
            PollInterval = TimeSpan.FromMilliseconds(300), PageSize = 5, LookBack = TimeSpan.FromMinutes(10),
            RetryDelay = TimeSpan.FromMilliseconds(100), RequestTimeout = TimeSpan.FromSeconds(5),
        };
        _configure?.Invoke(connector);
        settings.Connectors.Magento = connector;
        Host = await OpsTestHost.StartAsync(settings);
        await Connector.GetInboxAsync(); // the inbox is a cluster singleton: it answers once the node has joined
    }

    public async Task RestartAfterCrashAsync()
    {
        await Host.CrashAsync();
        await StartHostAsync();
    }

    public MagentoConnector Connector => Host.Services.GetRequiredService<MagentoConnector>();

    public string IncrementId(long entityId) => (string)Store.GetOrder(entityId)!["increment_id"]!;

    public string NumAtCard(long entityId) => new OrderKey("magento", IncrementId(entityId)).NumAtCard;

    public int SalesOrdersOf(long entityId) => Sap.Company.Orders.Count(d => d.NumAtCard == NumAtCard(entityId));

    public int DocumentsOf<T>(IEnumerable<T> documents, Func<T, string?> numAtCard, long entityId) =>
        documents.Count(d => numAtCard(d)?.StartsWith(NumAtCard(entityId) + "/", StringComparison.Ordinal) == true);

    /// <summary>Waits until each order has its sales order in SAP.</summary>
    public Task AllPostedAsync(IReadOnlyCollection<long> entityIds, TimeSpan timeout) => Eventually.HoldsAsync(async () =>
    {
        var posted = entityIds.Count(id => SalesOrdersOf(id) >= 1);
        var exceptions = await Host.Queue.ListAsync(new ActorSync.Domain.ExceptionQueue.ExceptionFilter());
        var inbox = await Connector.GetInboxAsync();
        return (posted == entityIds.Count, $"{posted} of {entityIds.Count} sales orders; exceptions: {string.Join(" | ", exceptions.Select(e => $"{e.RecordId}: {e.Reason}"))}; " +
                                           $"inbox: {inbox.Accepted} accepted, {inbox.Done} done, pending {string.Join(", ", inbox.PendingKeys)}; " +
                                           $"unposted (guest?): {string.Join(", ", entityIds.Where(id => SalesOrdersOf(id) == 0).Select(id => $"{id} ({Store.GetOrder(id)!["customer_is_guest"]})"))}");
    }, timeout, $"{entityIds.Count} Magento orders in SAP");

    /// <summary>Waits until the inbox has nothing pending.</summary>
    public Task InboxWorkedOffAsync(TimeSpan timeout) => Eventually.HoldsAsync(async () =>
    {
        var view = await Connector.GetInboxAsync();
        return (view.PendingKeys.Length == 0, $"{view.PendingKeys.Length} pending, {view.Done} done, {view.Parked} parked");
    }, timeout, "the Magento inbox worked off");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        await Sap.DisposeAsync();
    }
}

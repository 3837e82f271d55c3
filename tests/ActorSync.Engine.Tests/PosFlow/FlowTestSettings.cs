using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Tests.Infrastructure;

namespace ActorSync.Engine.Tests.PosFlow;

/// <summary>
/// The engine's test settings plus what the POS and warehouse flows need of the emulated company: Sitoo store "1" is
/// warehouse 02; WMS sites MAIN/MAIN-B are 01, STORE 02, OUTLET 03; cash goes to 100000, cards to the card clearing
/// account 161010, PayPal to 161020.
/// </summary>
public static class FlowTestSettings
{
    public static OrderMapping Mapping() => OrderMapping.ForDemoCompany("magento", "bigcommerce", "sitoo") with
    {
        PaymentAccounts = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
        {
            ["Cash"] = new("100000", PaymentMeans.Cash),
            ["Card"] = new("161010", PaymentMeans.Transfer),
            ["PayPal"] = new("161020", PaymentMeans.Transfer),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        Locations = new Dictionary<string, ImmutableDictionary<string, ChannelLocation>>(StringComparer.OrdinalIgnoreCase)
        {
            ["sitoo"] = Locations(("1", "02")),
            ["wms"] = Locations(("MAIN", "01"), ("MAIN-B", "01"), ("STORE", "02"), ("OUTLET", "03")),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
    };

    public static EngineSettings For(ServiceLayerEmulator sap, PersistenceSettings persistence, TimeSpan? window = null)
    {
        var settings = EngineTestHost.DefaultSettings(sap, persistence);
        settings.Orders.Mapping = Mapping();
        settings.Pos = new()
        {
            LockRetryBaseDelay = TimeSpan.FromMilliseconds(100), LockRetryMaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(40), WakeInterval = TimeSpan.FromSeconds(5),
            PostRefundPayments = true, OriginalInvoicePoll = TimeSpan.FromMilliseconds(200),
        };
        settings.Warehouse = new()
        {
            Window = window ?? TimeSpan.FromSeconds(4), CloseDelay = TimeSpan.FromMilliseconds(500),
            LockRetryBaseDelay = TimeSpan.FromMilliseconds(100), LockRetryMaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(40), WakeInterval = TimeSpan.FromSeconds(5),
        };
        return settings;
    }

    private static ImmutableDictionary<string, ChannelLocation> Locations(params (string Location, string Warehouse)[] rows) =>
        rows.ToImmutableDictionary(r => r.Location, r => new ChannelLocation(r.Warehouse, [r.Warehouse], 0), StringComparer.OrdinalIgnoreCase);
}

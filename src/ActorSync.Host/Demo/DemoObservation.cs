using System.Text.Json;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Connectors.Wms;

namespace ActorSync.Host.Demo;

/// <summary>What the service says about itself: its gateway's SAP limit (<c>GET /api/gateway</c>) and open exceptions by team.</summary>
public sealed record DemoServiceView(int? Limit, int? MaxLimit, int? InFlight, long Batches, IReadOnlyDictionary<string, int> ExceptionsByTeam,
    IReadOnlyList<string> ExceptionSamples)
{
    public static readonly DemoServiceView Unknown = new(null, null, null, 0, new Dictionary<string, int>(), []);
}

/// <summary>Records journaled in each connector's inbox (received from the channel, duplicates not counted).</summary>
public sealed record DemoInboxes(long Magento, long BigCommerce, long Sitoo, long Wms);

/// <summary>
/// Reads the run's state: SAP's documents and the channels' shipments from the emulators (the ground truth the verdict
/// is made on), and the service's own view through its ops API and connectors.
/// </summary>
public static class DemoObservation
{
    /// <summary>Documents per set and key (see <see cref="DemoSnapshot.KeyOf"/>); payments under the NumAtCard of what they settle.</summary>
    public static DemoSnapshot Read(DemoChannels channels)
    {
        var company = channels.Sap.Company;
        var sets = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var invoices = company.Invoices;
        var creditNotes = company.CreditNotes;
        sets["Orders"] = Count(company.Orders.Select(d => d.NumAtCard));
        sets["DeliveryNotes"] = Count(company.DeliveryNotes.Select(d => d.NumAtCard));
        sets["Invoices"] = Count(invoices.Select(d => d.NumAtCard));
        sets["CreditNotes"] = Count(creditNotes.Select(d => d.NumAtCard));
        var invoiceKeys = invoices.Where(d => d.NumAtCard is not null).ToDictionary(d => d.DocEntry, d => d.NumAtCard!);
        var creditKeys = creditNotes.Where(d => d.NumAtCard is not null).ToDictionary(d => d.DocEntry, d => d.NumAtCard!);
        sets["IncomingPayments"] = Count(company.IncomingPayments.Where(p => !p.Cancelled)
            .SelectMany(p => p.PaymentInvoices.Select(l => invoiceKeys.GetValueOrDefault(l.DocEntry))));
        sets["VendorPayments"] = Count(company.VendorPayments.Where(p => !p.Cancelled)
            .SelectMany(p => p.PaymentInvoices.Select(l => creditKeys.GetValueOrDefault(l.DocEntry))));
        sets[DemoLedger.ShipmentsOf(DemoTraffic.Magento)] = channels.Magento.GetStats().ShipmentsPerOrder;
        sets[DemoLedger.ShipmentsOf(DemoTraffic.BigCommerce)] = channels.BigCommerce.GetStats().ShipmentsPerOrder;
        return new DemoSnapshot(sets);
    }

    private static Dictionary<string, int> Count(IEnumerable<string?> numAtCards) =>
        numAtCards.Where(n => n is not null).GroupBy(n => DemoSnapshot.KeyOf(n!), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The sales orders in SAP with their lines: what the warehouse is told to ship.</summary>
    public static Dictionary<string, IReadOnlyList<(string Sku, decimal Quantity)>> SalesOrders(DemoChannels channels) =>
        channels.Sap.Company.Orders.Where(d => d.NumAtCard is not null)
            .GroupBy(d => d.NumAtCard!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(string, decimal)>)g.First().Lines.Select(l => (l.ItemCode, l.Quantity)).ToList(), StringComparer.Ordinal);

    public static async Task<DemoServiceView> ReadServiceAsync(HttpClient ops, CancellationToken ct)
    {
        using var gateway = JsonDocument.Parse(await ops.GetStringAsync("api/gateway", ct));
        using var exceptions = JsonDocument.Parse(await ops.GetStringAsync("api/exceptions?status=open", ct));
        var root = gateway.RootElement;
        int? Concurrency(string name) =>
            root.TryGetProperty("concurrency", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty(name, out var v) ? v.GetInt32() : null;
        var items = exceptions.RootElement.GetProperty("items").EnumerateArray().ToList();
        var byTeam = items.GroupBy(e => e.GetProperty("team").GetString() ?? "?").ToDictionary(g => g.Key, g => g.Count());
        var samples = items.Take(5).Select(e => $"{e.GetProperty("type").GetString()} {e.GetProperty("recordId").GetString()}: {e.GetProperty("reason").GetString()}").ToList();
        return new DemoServiceView(Concurrency("limit"), Concurrency("max"), Concurrency("inFlight"), root.GetProperty("batches").GetInt64(), byTeam, samples);
    }

    public static async Task<DemoInboxes> ReadInboxesAsync(IServiceProvider services, CancellationToken ct)
    {
        var magento = await services.GetRequiredService<MagentoConnector>().GetInboxAsync(ct);
        var bigCommerce = await services.GetRequiredService<BigCommerceConnector>().GetInboxAsync(ct);
        var sitoo = await services.GetRequiredService<SitooConnector>().GetInboxAsync(ct);
        var wms = await services.GetRequiredService<WmsConnector>().GetInboxAsync(DemoChannels.WmsSource, ct);
        return new DemoInboxes(magento.Accepted, bigCommerce.Accepted, sitoo.Accepted, wms.Accepted);
    }
}

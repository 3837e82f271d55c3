using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.StockPublishing;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.StockPublishing;

namespace ActorSync.Host.Demo;

/// <summary>
/// Stock out to the demo's shops while the peak runs: the SAP reader sweeps at start and polls the stock audit every
/// second, each shop's publisher sends what its location may sell. When the orders are done the demo waits until every
/// shop shows what SAP says it should (each location's sellable warehouses, less its buffer), and says so.
/// </summary>
public static class DemoStock
{
    /// <summary>BigCommerce location 1 sells warehouses 01 and 03 less 2; Magento's source <c>default</c> sells 01; Sitoo store 1 sells 02.</summary>
    public static readonly ImmutableDictionary<string, ImmutableDictionary<string, ChannelLocation>> Locations =
        new Dictionary<string, ImmutableDictionary<string, ChannelLocation>>(StringComparer.OrdinalIgnoreCase)
        {
            ["bigcommerce"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("01", ["01", "03"], 2m)),
            ["magento"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("default", new ChannelLocation("01", ["01"], 0m)),
            ["sitoo"] = ImmutableDictionary<string, ChannelLocation>.Empty.Add("1", new ChannelLocation("02", ["02"], 0m)),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the shops may take to catch up with SAP once the orders are done.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(90);

    /// <summary><c>Mapping:Channels:&lt;channel&gt;:Locations</c> for <see cref="Locations"/>.</summary>
    public static JsonObject MappingLocations(string channel) => new(Locations[channel].Select(l => KeyValuePair.Create<string, JsonNode?>(l.Key, new JsonObject
    {
        ["Warehouse"] = l.Value.Warehouse,
        ["SellableWarehouses"] = new JsonArray(l.Value.SellableWarehouses.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
        ["SafetyBuffer"] = l.Value.SafetyBuffer.ToString(CultureInfo.InvariantCulture),
    })));

    /// <summary>The <c>StockPublishing</c> section: the demo's emulators, polled every second.</summary>
    public static JsonObject Configuration(DemoChannels channels)
    {
        var s = channels.Secrets;
        var sitoo = channels.Sitoo.State.Options;
        return new JsonObject
        {
            ["Sap"] = new JsonObject { ["PollInterval"] = "00:00:01", ["SweepInterval"] = "01:00:00", ["PageSize"] = 200 },
            ["BigCommerce"] = new JsonObject
            {
                ["StoreHash"] = channels.BigCommerce.StoreHash, ["AccessToken"] = s.BigCommerceToken, ["ApiBaseUrl"] = channels.BigCommerce.StoreRoot.ToString(),
                ["RequestsPerWindow"] = 3000,
            },
            ["Magento"] = new JsonObject
            {
                ["BaseUrl"] = channels.Magento.BaseAddress.ToString(), ["StoreCode"] = "default", ["AuthMode"] = "OAuth1",
                ["ConsumerKey"] = s.MagentoConsumerKey, ["ConsumerSecret"] = s.MagentoConsumerSecret,
                ["AccessToken"] = s.MagentoAccessToken, ["AccessTokenSecret"] = s.MagentoAccessTokenSecret,
            },
            ["Sitoo"] = new JsonObject
            {
                ["BaseUrl"] = new Uri(channels.Sitoo.BaseAddress, $"v2/accounts/{sitoo.AccountId}/").ToString(), ["ApiId"] = sitoo.ApiId, ["ApiPassword"] = s.SitooApiPassword,
            },
        };
    }

    /// <summary>Every SKU × location whose shop shows another quantity than SAP says it should (a SKU never told counts as 0).</summary>
    public static List<string> Differences(DemoChannels channels)
    {
        var differences = new List<string>();
        foreach (var item in channels.Sap.Company.Items)
        {
            var levels = CompanyCatalog.WarehouseCodes.Select(w => { var s = channels.Sap.Company.GetStock(item.ItemCode, w); return new WarehouseLevel(w, s.InStock, s.Committed); }).ToList();
            foreach (var (channel, locations) in Locations)
            foreach (var (code, location) in locations)
            {
                var expected = AvailableStock.For(location, levels, channel == "bigcommerce" ? StockUnits.Whole : StockUnits.Decimal);
                var shown = Shown(channels, channel, code, item.ItemCode) ?? 0m;
                if (shown != expected) differences.Add($"{channel}/{code}/{item.ItemCode}: shows {shown}, SAP says {expected}");
            }
        }
        return differences;
    }

    /// <summary>Waits until the shops match SAP or <see cref="CatchUp"/> passes; the differences left (none when they match).</summary>
    public static async Task<List<string>> WaitUntilShopsMatchSapAsync(DemoChannels channels)
    {
        var until = DateTime.UtcNow + CatchUp;
        while (true)
        {
            var differences = Differences(channels);
            if (differences.Count == 0 || DateTime.UtcNow >= until) return differences;
            await Task.Delay(500);
        }
    }

    /// <summary>What each shop was told, what coalescing saved, and whether they match SAP.</summary>
    public static IEnumerable<string> Summary(StockPublishingOverview? overview, DemoChannels channels, IReadOnlyList<string> differences)
    {
        yield return "";
        yield return "Stock from SAP to the shops (per location: sellable warehouses less the buffer)";
        foreach (var view in overview?.Channels ?? [])
        {
            yield return $"  {view.Channel,-12} {view.Told,6} SKUs told: {view.ChangesSeen,6} changes seen, {view.ItemsSent,6} items sent in {view.Calls,4} calls; 429s {view.RateLimited}, refused {view.Refused}" +
                         (view.LagP99Ms is { } p99 ? $", publish lag p50 {view.LagP50Ms:F0} ms p99 {p99:F0} ms" : "");
        }
        if (overview?.Reader is { } reader)
            yield return $"  SAP reader   {reader.Sweeps} sweep(s), {reader.ItemsRead} item readings, audit at TransNum {reader.AuditTransNum?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {reader.HintsTaken} hints from the engine's own posts";
        var positions = channels.Sap.Company.Items.Count * Locations.Values.Sum(l => l.Count);
        yield return differences.Count == 0
            ? $"  Every shop shows what SAP says it may sell: {positions} SKU × location positions checked."
            : $"  {differences.Count} of {positions} SKU × location positions differ from SAP after {CatchUp.TotalSeconds:F0}s, e.g. {string.Join("; ", differences.Take(3))}";
    }

    private static decimal? Shown(DemoChannels channels, string channel, string location, string sku) => channel switch
    {
        "bigcommerce" => channels.BigCommerce.State.Inventory.Get(location, sku),
        "magento" => channels.Magento.State.Inventory.Get(location, sku),
        _ => channels.Sitoo.State.Inventory.Get(location, sku),
    };
}

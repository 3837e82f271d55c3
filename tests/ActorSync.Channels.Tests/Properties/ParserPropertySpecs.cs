using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Sitoo;
using ActorSync.Channels.Wms;
using CsCheck;

namespace ActorSync.Channels.Tests.Properties;

/// <summary>
/// Every channel parser against real payloads bent out of shape (a value replaced by another type, odd text, a huge
/// or negative number, a field removed, the text cut short): it either parses or refuses with its own error, which
/// names the channel and field, and never throws anything else.
/// </summary>
public class ParserPropertySpecs
{
    private static readonly string Examples = FindExamples();

    public static TheoryData<string> Parsers => new(Cases.Keys);

    private static readonly Dictionary<string, (string Payload, Action<string> Parse)> Cases = new()
    {
        ["magento order"] = (Fixtures.Read("magento/order.json"), json => MagentoOrderParser.ParseAll(json)),
        ["bigcommerce order"] = (Fixtures.Read("bigcommerce/v2_order.json"), json => BigCommerceOrderParser.ParseOrder(json)),
        ["bigcommerce products"] = (Fixtures.Read("bigcommerce/v2_order_products.json"), json => BigCommerceOrderParser.ParseProducts(json)),
        ["bigcommerce shipping addresses"] = (Fixtures.Read("bigcommerce/v2_order_shipping_addresses.json"), json => BigCommerceOrderParser.ParseShippingAddresses(json)),
        ["sitoo orders"] = (Fixtures.Read("sitoo/orders_list.json"), json => SitooOrderParser.ParseOrders(json)),
        ["sitoo warehouse transactions"] = (Fixtures.Read("sitoo/warehousetransactions.json"), json => SitooWarehouseParser.ParseTransactions(json)),
        ["sitoo warehouse items"] = (Fixtures.Read("sitoo/warehouseitems.json"), json => SitooWarehouseParser.ParseWarehouseItems(json)),
        ["sitoo products"] = (Fixtures.Read("sitoo/products.json"), json => SitooWarehouseParser.ParseProducts(json)),
        ["wms movements"] = (File.ReadAllText(Path.Combine(Examples, "wms-movements.json")), json => WmsMovementParser.Parse(json)),
        ["wms dispatches"] = (File.ReadAllText(Path.Combine(Examples, "wms-dispatches.json")), json => WmsDispatchParser.Parse(json)),
    };

    private static readonly JsonNode?[] OddValues =
    [
        null, "", " ", "\u0000", "\u202Eevil", "🎄🎄", "\uD83C", "1e400", "-0", new string('x', 100_000), "2026-13-45", "NaN",
        0, -1, -0.005m, 1e-28m, 79228162514264337593543950335m, int.MaxValue, long.MinValue, true, false,
        new JsonObject(), new JsonArray(), new JsonArray(new JsonObject(), null, 1), new JsonObject { ["nested"] = new JsonArray(new JsonArray(new JsonArray())) },
    ];

    private static void OnlyItsOwnError(Action<string> parse, string json)
    {
        try
        {
            parse(json);
        }
        catch (ChannelPayloadException)
        {
            // the parser's own refusal, naming channel and field
        }
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void A_parser_refuses_any_bent_payload_only_with_its_own_error(string parser)
    {
        var (payload, parse) = Cases[parser];
        var original = JsonNode.Parse(payload)!;

        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, OddValues.Length], Gen.Int[0, 2]).Sample((pick, value, how) =>
        {
            var tree = original.DeepClone();
            var nodes = Descendants(tree).ToList();
            var target = nodes[pick % nodes.Count];
            Bend(target, how == 0 ? null : OddValues[value % OddValues.Length]?.DeepClone(), remove: how == 0);
            OnlyItsOwnError(parse, tree.ToJsonString());
        }, iter: 400);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void A_parser_refuses_a_payload_cut_short_or_not_json_only_with_its_own_error(string parser)
    {
        var (payload, parse) = Cases[parser];

        Gen.Int[0, payload.Length].Sample(cut => OnlyItsOwnError(parse, payload[..cut]), iter: 200);
        OnlyItsOwnError(parse, "<html>502 Proxy Error</html>");
        OnlyItsOwnError(parse, "null");
        OnlyItsOwnError(parse, new string('[', 5_000) + new string(']', 5_000));
    }

    /// <summary>Every value under the root, each with a parent it can be replaced in.</summary>
    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var below in Descendants(child)) yield return below;
        }
    }

    private static void Bend(JsonNode target, JsonNode? replacement, bool remove)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                var name = target.GetPropertyName();
                if (remove) parent.Remove(name);
                else parent[name] = replacement;
                break;
            case JsonArray array:
                var index = target.GetElementIndex();
                if (remove) array.RemoveAt(index);
                else array[index] = replacement;
                break;
        }
    }

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "examples");
            if (File.Exists(Path.Combine(candidate, "wms-movements.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("config/examples was not found above the test binaries.");
    }
}

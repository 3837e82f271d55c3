using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>
/// Sitoo's product writes and price lists (channels.md §3.5): <c>POST products.json</c> and <c>PUT products.json</c>
/// take batch arrays (create by <c>sku</c>, update by <c>productid</c>; <c>sku</c> only of <c>[A-Za-z0-9_+-/]</c>, a
/// <c>title</c> required), all or none, refused with 400 naming the product; <c>activepos</c> false withdraws a
/// product from sale (it is never deleted here). <c>PUT pricelists/{id}/pricelistitems.json</c> <c>[{sku,
/// moneyprice}]</c> sets the list's prices (money as a two-decimal string; gross on accounts storing prices with VAT),
/// <c>GET</c> lists them. What it was told stays readable for tests (<see cref="PriceOf"/>, <see cref="Product"/>).
/// </summary>
public sealed partial class SitooCatalogue
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(long List, string Sku), decimal> _prices = [];
    private readonly SitooStore _store;
    private HashSet<string> _refused = new(StringComparer.Ordinal);

    internal SitooCatalogue(SitooStore store) => _store = store;

    [GeneratedRegex("^[A-Za-z0-9_+/-]+$")]
    private static partial Regex SkuPattern();

    public static bool Handles(string method, string routeName) => (method, routeName) switch
    {
        ("POST" or "PUT", "/sites/{siteid}/products.json") => true,
        ("GET" or "PUT", "/sites/{siteid}/pricelists/{pricelistid}/pricelistitems.json") => true,
        _ => false,
    };

    /// <summary>The price the list holds for a SKU; null when none.</summary>
    public decimal? PriceOf(long priceList, string sku)
    {
        lock (_lock) return _prices.TryGetValue((priceList, sku), out var price) ? price : null;
    }

    /// <summary>The product with this SKU as Sitoo holds it: title and whether it is on sale at the tills; null when none.</summary>
    public (string Title, bool ActivePos)? Product(string sku) =>
        _store.ProductBySku(sku) is { } p ? ((string?)p["title"] ?? "", p["activepos"]?.GetValue<bool>() ?? true) : null;

    public int ProductCount => _store.ProductCount;

    /// <summary>A test's knob: every write naming one of these SKUs is refused (400 naming it), as Sitoo refuses a SKU it will not take.</summary>
    public void RefuseSkus(IEnumerable<string> skus)
    {
        lock (_lock) _refused = skus.ToHashSet(StringComparer.Ordinal);
    }

    internal void Clear()
    {
        lock (_lock)
        {
            _prices.Clear();
            _refused.Clear();
        }
    }

    private SitooReply? Refusal(IEnumerable<string?> skus)
    {
        lock (_lock)
            return skus.FirstOrDefault(s => s is not null && _refused.Contains(s)) is { } sku
                ? SitooStore.Fail(400, $"sku '{sku}' is not valid: only A-Z, a-z, 0-9 and _ + - / are allowed.")
                : null;
    }

    internal SitooReply Handle(string method, string routeName, string[] route, string body, IReadOnlyDictionary<string, string> query)
    {
        if (routeName == "/sites/{siteid}/products.json")
            return Parse(body) is not { } rows ? SitooStore.Fail(400, "The body must be a JSON array of products.")
                : method == "POST" ? Create(rows) : Update(rows);
        if (!long.TryParse(route[3], NumberStyles.None, CultureInfo.InvariantCulture, out var list) || list < 1) return SitooStore.NotFound;
        if (method == "GET") return ListPrices(list, query);
        return Parse(body) is { } items ? SetPrices(list, items) : SitooStore.Fail(400, "The body must be a JSON array of price list items.");
    }

    private SitooReply Create(List<JsonObject> rows)
    {
        if (Refusal(rows.Select(r => (string?)r["sku"])) is { } refused) return refused;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var sku = (string?)row["sku"];
            if (string.IsNullOrEmpty(sku) || !SkuPattern().IsMatch(sku))
                return SitooStore.Fail(400, $"sku '{sku}' is not valid: only A-Z, a-z, 0-9 and _ + - / are allowed.");
            if (!seen.Add(sku) || _store.ProductBySku(sku) is not null)
                return SitooStore.Fail(400, $"A product with sku '{sku}' already exists.");
            if (string.IsNullOrWhiteSpace((string?)row["title"]))
                return SitooStore.Fail(400, $"title is required (sku '{sku}').");
            if (row["moneyprice"] is { } price && !IsMoney(price))
                return SitooStore.Fail(400, $"moneyprice must be a money string such as \"123.50\" (sku '{sku}').");
        }

        var ids = new JsonArray();
        foreach (var row in rows)
        {
            var product = (JsonObject)row.DeepClone();
            product["productid"] = _store.NextProductId();
            product["activepos"] ??= true;
            _store.AddProduct(product);
            ids.Add(product["productid"]!.DeepClone());
        }

        return new SitooReply(200, ids.ToJsonString());
    }

    private SitooReply Update(List<JsonObject> rows)
    {
        if (Refusal(rows.Select(r => MagentoStore.Long(r["productid"]) is { } id ? (string?)_store.ProductById(id)?["sku"] : null)) is { } refused) return refused;
        foreach (var row in rows)
        {
            if (MagentoStore.Long(row["productid"]) is not { } id || _store.ProductById(id) is null)
                return SitooStore.Fail(404, $"Product {row["productid"]?.ToJsonString() ?? "(no productid)"} not found.");
            if (row["sku"] is { } sku && (string?)sku != (string?)_store.ProductById(id)!["sku"])
                return SitooStore.Fail(400, $"sku of product {id} cannot be changed.");
            if (row.ContainsKey("title") && string.IsNullOrWhiteSpace((string?)row["title"]))
                return SitooStore.Fail(400, $"title must not be empty (product {id}).");
        }

        foreach (var row in rows)
        {
            var product = (JsonObject)_store.ProductById(MagentoStore.Long(row["productid"])!.Value)!.DeepClone();
            foreach (var (name, value) in row) product[name] = value?.DeepClone();
            _store.AddProduct(product);
        }

        return new SitooReply(200, "true");
    }

    private SitooReply SetPrices(long list, List<JsonObject> items)
    {
        if (Refusal(items.Select(r => (string?)r["sku"])) is { } refused) return refused;
        var parsed = new List<(string Sku, decimal Price)>();
        foreach (var item in items)
        {
            var sku = (string?)item["sku"];
            if (string.IsNullOrEmpty(sku) || _store.ProductBySku(sku) is null)
                return SitooStore.Fail(400, $"Product with sku '{sku}' not found.");
            if (item["moneyprice"] is not { } price || !IsMoney(price))
                return SitooStore.Fail(400, $"moneyprice must be a money string such as \"123.50\" (sku '{sku}').");
            parsed.Add((sku, decimal.Parse((string)price!, NumberStyles.Number, CultureInfo.InvariantCulture)));
        }

        lock (_lock)
            foreach (var (sku, price) in parsed) _prices[(list, sku)] = price;
        return new SitooReply(200, "true");
    }

    private SitooReply ListPrices(long list, IReadOnlyDictionary<string, string> query)
    {
        var wanted = query.TryGetValue("sku", out var skus) ? skus.Split(',').ToHashSet(StringComparer.Ordinal) : null;
        lock (_lock)
        {
            var rows = _prices.Where(p => p.Key.List == list && (wanted is null || wanted.Contains(p.Key.Sku))).OrderBy(p => p.Key.Sku, StringComparer.Ordinal).ToList();
            return new SitooReply(200, new JsonObject
            {
                ["totalcount"] = rows.Count,
                ["items"] = new JsonArray(rows.Select(p => (JsonNode)new JsonObject { ["sku"] = p.Key.Sku, ["moneyprice"] = SitooStore.Money(p.Value) }).ToArray()),
            }.ToJsonString());
        }
    }

    private static bool IsMoney(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
        && text.IndexOf('.') is var dot && dot > 0 && text.Length - dot - 1 == 2;

    private static List<JsonObject>? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonArray array && array.All(n => n is JsonObject) && array.Count > 0 ? array.Cast<JsonObject>().ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

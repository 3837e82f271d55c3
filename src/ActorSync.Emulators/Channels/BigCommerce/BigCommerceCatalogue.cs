using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>
/// BigCommerce catalog products (v3): <c>GET /v3/catalog/products</c> (<c>sku:in</c>, <c>include_fields</c>, <c>page</c>,
/// <c>limit</c>) answering <c>{data, meta.pagination}</c>; <c>POST /v3/catalog/products</c>, one product (<c>name</c>,
/// <c>type</c> physical or digital, <c>weight</c>, <c>price</c> required); <c>PUT /v3/catalog/products</c>, a batch of at
/// most 10 by <c>id</c>, all or none. Shapes and limits from the vendor's OpenAPI as published in the api-evangelist
/// BigCommerce catalogue (examples/bigcommerce-updateproducts-example.json: the 413 "The maximum items allowed in the
/// array is 10."; json-schema errorMultiStatus: <c>{status, title, type, errors{…}}</c>): 409 for a duplicate
/// unique value (name or SKU), 422 for a missing or invalid field, naming it in <c>errors</c>. <c>is_visible</c> false
/// hides a product; nothing here deletes one. Tests read what was told (<see cref="Product"/>).
/// </summary>
public sealed class BigCommerceCatalogue
{
    public const int MaxBatch = 10;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, JsonObject> _products = [];
    private HashSet<string> _refused = new(StringComparer.Ordinal);
    private long _nextId = 111;

    public static bool Handles(string method, string[] route) => route is ["catalog", "products"] && method is "GET" or "POST" or "PUT";

    /// <summary>The product with this SKU as BigCommerce holds it; null when none.</summary>
    public (string Name, decimal Price, bool IsVisible)? Product(string sku)
    {
        lock (_lock)
            return _products.Values.FirstOrDefault(p => (string?)p["sku"] == sku) is { } p
                ? ((string)p["name"]!, p["price"]!.GetValue<decimal>(), p["is_visible"]!.GetValue<bool>())
                : null;
    }

    public int ProductCount
    {
        get
        {
            lock (_lock) return _products.Count;
        }
    }

    /// <summary>A test's knob: every write naming one of these SKUs is refused (422 naming it).</summary>
    public void RefuseSkus(IEnumerable<string> skus)
    {
        lock (_lock) _refused = skus.ToHashSet(StringComparer.Ordinal);
    }

    internal void Clear()
    {
        lock (_lock)
        {
            _products.Clear();
            _refused.Clear();
        }
    }

    internal BigCommerceReply Handle(string method, IReadOnlyDictionary<string, string> query, string body) => method switch
    {
        "GET" => List(query),
        "POST" => Parse(body) is JsonObject product ? Create(product) : Invalid("The request body must be a product object."),
        _ => Parse(body) is JsonArray { Count: > 0 } batch && batch.All(n => n is JsonObject) ? Update(batch.Cast<JsonObject>().ToList())
            : Invalid("The request body must be an array of products."),
    };

    private BigCommerceReply List(IReadOnlyDictionary<string, string> query)
    {
        var skus = query.TryGetValue("sku:in", out var s) ? s.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        var limit = query.TryGetValue("limit", out var l) && int.TryParse(l, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 250) : 50;
        var page = query.TryGetValue("page", out var p) && int.TryParse(p, CultureInfo.InvariantCulture, out var pg) ? Math.Max(1, pg) : 1;
        var fields = query.TryGetValue("include_fields", out var f) ? f.Split(',', StringSplitOptions.RemoveEmptyEntries).Append("id").ToHashSet(StringComparer.Ordinal) : null;
        lock (_lock)
        {
            var rows = _products.Values.Where(r => skus is null || skus.Contains((string?)r["sku"] ?? "")).ToList();
            var data = new JsonArray(rows.Skip((page - 1) * limit).Take(limit).Select(r => (JsonNode)Trim(r, fields)).ToArray());
            return new BigCommerceReply(200, new JsonObject
            {
                ["data"] = data,
                ["meta"] = new JsonObject
                {
                    ["pagination"] = new JsonObject
                    {
                        ["total"] = rows.Count, ["count"] = data.Count, ["per_page"] = limit, ["current_page"] = page,
                        ["total_pages"] = Math.Max(1, (rows.Count + limit - 1) / limit),
                    },
                },
            }.ToJsonString());
        }
    }

    private BigCommerceReply Create(JsonObject product)
    {
        lock (_lock)
        {
            if (Problem(product, creating: true) is { } problem) return problem;
            var id = _nextId++;
            var stored = (JsonObject)product.DeepClone();
            stored["id"] = id;
            stored["is_visible"] ??= true;
            stored["sku"] ??= "";
            _products[id] = stored;
            return new BigCommerceReply(200, new JsonObject { ["data"] = stored.DeepClone(), ["meta"] = new JsonObject() }.ToJsonString());
        }
    }

    private BigCommerceReply Update(List<JsonObject> batch)
    {
        if (batch.Count > MaxBatch)
            return new BigCommerceReply(413, Error(413, $"The request payload is too large. The maximum items allowed in the array is {MaxBatch}.", new JsonObject()));
        lock (_lock)
        {
            foreach (var row in batch)
            {
                if (MagentoStore.Long(row["id"]) is not { } id || !_products.ContainsKey(id))
                    return Invalid($"Product {row["id"]?.ToJsonString() ?? "(no id)"} was not found.", "id");
                var merged = (JsonObject)_products[id].DeepClone();
                foreach (var (name, value) in row) merged[name] = value?.DeepClone();
                if (Problem(merged, creating: false) is { } problem) return problem;
            }

            var data = new JsonArray();
            foreach (var row in batch)
            {
                var id = MagentoStore.Long(row["id"])!.Value;
                foreach (var (name, value) in row) _products[id][name] = value?.DeepClone();
                data.Add(_products[id].DeepClone());
            }

            return new BigCommerceReply(200, new JsonObject { ["data"] = data, ["meta"] = new JsonObject() }.ToJsonString());
        }
    }

    /// <summary>What BigCommerce would refuse of this product: 422 for a missing or invalid field, 409 for a name or SKU another product has.</summary>
    private BigCommerceReply? Problem(JsonObject product, bool creating)
    {
        var sku = (string?)product["sku"] ?? "";
        if (_refused.Contains(sku)) return Invalid($"The product with sku '{sku}' is not valid.", "sku");
        if (string.IsNullOrWhiteSpace((string?)product["name"])) return Invalid("name is required.", "name");
        if (creating && (string?)product["type"] is not ("physical" or "digital")) return Invalid("type must be physical or digital.", "type");
        if (creating && !IsNumber(product["weight"])) return Invalid("weight is required.", "weight");
        if (!IsNumber(product["price"]) || product["price"]!.GetValue<decimal>() < 0) return Invalid("price must be a number of 0 or more.", "price");
        var id = MagentoStore.Long(product["id"]);
        var name = (string)product["name"]!;
        if (_products.Values.Any(p => MagentoStore.Long(p["id"]) != id && (string.Equals((string?)p["name"], name, StringComparison.OrdinalIgnoreCase) || (sku.Length > 0 && (string?)p["sku"] == sku))))
            return new BigCommerceReply(409, Error(409, "The product was in conflict with another product: a duplicate unique value (name or sku).", new JsonObject { ["name"] = name, ["sku"] = sku }));
        return null;
    }

    private static bool IsNumber(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out _);

    private static BigCommerceReply Invalid(string detail, string field = "body") =>
        new(422, Error(422, "JSON data is missing or invalid", new JsonObject { [field] = detail }));

    private static string Error(int status, string title, JsonObject errors) => new JsonObject
    {
        ["status"] = status, ["title"] = title, ["type"] = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes", ["errors"] = errors,
    }.ToJsonString();

    private static JsonObject Trim(JsonObject row, HashSet<string>? fields)
    {
        if (fields is null) return (JsonObject)row.DeepClone();
        var trimmed = new JsonObject();
        foreach (var (name, value) in row)
            if (fields.Contains(name)) trimmed[name] = value?.DeepClone();
        return trimmed;
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

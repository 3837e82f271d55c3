using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// Magento catalog products: <c>GET /V1/products/{sku}</c> and <c>PUT /V1/products/{sku}</c> <c>{"product":{sku, name,
/// price, status, type_id, attribute_set_id, weight}}</c>, which saves the product of that SKU, creating it when the SKU
/// is new (a new one needs <c>name</c>, <c>price</c>, <c>attribute_set_id</c>); <c>status</c> 1 enabled, 2 disabled.
/// The body's shape is the one a public report shows Magento taking (github.com/magento/magento2/issues/17284:
/// <c>{"product":{"sku","name","price","typeId","weight","attribute_set_id"}}</c>, snake_case <c>type_id</c> here).
/// Errors are Magento's body <c>{"message", "parameters"}</c> with <c>%1</c> placeholders (emulator wording): 400 for a
/// missing or invalid attribute, 404 for an unknown SKU on GET. Nothing here deletes a product. Tests read what was told
/// (<see cref="Product"/>) and may refuse SKUs (<see cref="RefuseSkus"/>).
/// </summary>
public sealed class MagentoCatalogue
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _products = new(StringComparer.Ordinal);
    private HashSet<string> _refused = new(StringComparer.Ordinal);
    private long _nextId = 2041;

    /// <summary>The product with this SKU: name, price, status (1 enabled, 2 disabled); null when none.</summary>
    public (string Name, decimal Price, int Status)? Product(string sku)
    {
        lock (_lock)
            return _products.TryGetValue(sku, out var p) ? ((string)p["name"]!, p["price"]!.GetValue<decimal>(), p["status"]?.GetValue<int>() ?? 1) : null;
    }

    public int ProductCount
    {
        get
        {
            lock (_lock) return _products.Count;
        }
    }

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

    internal MagentoReply Get(string sku)
    {
        lock (_lock)
            return _products.TryGetValue(sku, out var p) ? new MagentoReply(200, p.ToJsonString())
                : new MagentoReply(404, Error("The product that was requested doesn't exist. Verify the product and try again."));
    }

    internal MagentoReply Save(string sku, string body)
    {
        JsonObject? product;
        try
        {
            product = JsonNode.Parse(body)?["product"] as JsonObject;
        }
        catch (JsonException ex)
        {
            return new MagentoReply(400, Error("Decoding error: %1", ex.Message));
        }

        if (product is null) return new MagentoReply(400, Error("\"%fieldName\" is required. Enter and try again.", "product"));
        lock (_lock)
        {
            if (_refused.Contains(sku)) return new MagentoReply(400, Error("The product was unable to be saved. Please try again.", sku));
            if (product["sku"] is { } sent && (string?)sent != sku) return new MagentoReply(400, Error("The sku in the body (%1) differs from the sku in the address.", (string?)sent ?? ""));
            var exists = _products.TryGetValue(sku, out var current);
            var merged = exists ? (JsonObject)current!.DeepClone() : new JsonObject { ["id"] = _nextId, ["sku"] = sku, ["status"] = 1 };
            foreach (var (name, value) in product) merged[name] = value?.DeepClone();
            foreach (var required in new[] { "name", "price", "attribute_set_id" })
            {
                if (merged[required] is null || (merged[required] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0))
                    return new MagentoReply(400, Error("The \"%1\" attribute value is empty. Set the attribute and try again.", required));
            }

            if (merged["price"] is not JsonValue price || !price.TryGetValue<decimal>(out var amount) || amount < 0)
                return new MagentoReply(400, Error("The \"%1\" attribute value is invalid.", "price"));
            if (merged["status"] is not JsonValue status || !status.TryGetValue<int>(out var s) || s is not (1 or 2))
                return new MagentoReply(400, Error("The \"%1\" attribute value is invalid.", "status"));
            if (!exists) _nextId++;
            _products[sku] = merged;
            return new MagentoReply(200, merged.ToJsonString());
        }
    }

    private static string Error(string message, params string[] parameters) =>
        new JsonObject { ["message"] = message, ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode)p).ToArray()) }.ToJsonString();
}

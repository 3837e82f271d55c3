using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>An answer of the Sitoo emulator: status and JSON body.</summary>
internal readonly record struct SitooReply(int Status, string Json);

/// <summary>
/// The in-memory store behind the Sitoo emulator: orders, warehouse transactions, warehouses and products as the
/// vendor JSON of the fixtures (<c>sitoo/order.json</c>, <c>orders_list.json</c>, <c>warehousetransactions.json</c>,
/// <c>products.json</c>), and the stock level per warehouse and SKU that transactions move (their
/// <c>decimaltotal</c>). Collections answer <c>{totalcount, items}</c> with <c>start</c>/<c>num</c>/<c>sort</c>/
/// <c>fields</c> (§3.1). One lock.
/// </summary>
internal sealed class SitooStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, JsonObject> _orders = [];
    private readonly SortedDictionary<long, JsonObject> _transactions = [];
    private readonly SortedDictionary<long, JsonObject> _products = [];
    private readonly SortedDictionary<long, JsonObject> _warehouses = [];
    private readonly Dictionary<(string Warehouse, string Sku), decimal> _levels = [];

    public SitooStore() => Clear();

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Decimal3(decimal amount) => amount.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Emulator wording (the reference gives Sitoo's status codes, not its error texts).</summary>
    public static SitooReply Fail(int status, string message) => new(status, new JsonObject { ["statuscode"] = status, ["errortext"] = message }.ToJsonString());

    public static SitooReply NotFound => Fail(404, "Not found.");

    public void Clear()
    {
        lock (_lock)
        {
            _orders.Clear();
            _transactions.Clear();
            _products.Clear();
            _warehouses.Clear();
            _levels.Clear();
            // One store warehouse (the POS site) and the web warehouse; fields as listed in §3.4.
            _warehouses[1] = Warehouse(1, "Store 1", storeId: 1);
            _warehouses[2] = Warehouse(2, "Web", storeId: null);
        }
    }

    private static JsonObject Warehouse(long id, string name, long? storeId) => new()
    {
        ["warehouseid"] = id, ["warehousetype"] = 10, ["usetype"] = 0, ["storeid"] = storeId, ["sellable"] = true, ["currencycode"] = "EUR",
        ["name"] = name, ["externalid"] = "", ["address"] = "", ["zip"] = "", ["city"] = "", ["countryid"] = "",
    };

    /// <summary>Adds an order as Sitoo returns it (<c>orderid</c> set); null, or what is wrong.</summary>
    public string? AddOrder(JsonObject order)
    {
        if (MagentoStore.Long(order["orderid"]) is not { } id || id <= 0) return "orderid must be a positive whole number.";
        if (order["orderitems"] is not JsonArray) return "orderitems must be an array.";
        lock (_lock)
        {
            if (_orders.ContainsKey(id)) return $"Order {id} is already there.";
            _orders[id] = (JsonObject)order.DeepClone();
            return null;
        }
    }

    public long NextOrderId()
    {
        lock (_lock) return _orders.Count == 0 ? 11_600 : _orders.Keys.Max() + 1;
    }

    /// <summary>A warehouse's <c>warehousetype</c> (20 = Virtual), or null when there is no such warehouse.</summary>
    public long? WarehouseType(long id)
    {
        lock (_lock) return _warehouses.TryGetValue(id, out var w) ? MagentoStore.Long(w["warehousetype"]) : null;
    }

    public long NextTransactionId()
    {
        lock (_lock) return _transactions.Count == 0 ? 100 : _transactions.Keys.Max() + 1;
    }

    public JsonObject? Order(long id)
    {
        lock (_lock) return _orders.TryGetValue(id, out var order) ? (JsonObject)order.DeepClone() : null;
    }

    /// <summary>Changes an order's state (a webshop order paid later, a cancellation); answers the state before, or null when unknown.</summary>
    public (int Order, int Payment)? SetState(long id, int? orderStateId, int? paymentStateId)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(id, out var order)) return null;
            var before = ((int)MagentoStore.Long(order["orderstateid"])!, (int)MagentoStore.Long(order["paymentstateid"])!);
            if (orderStateId is { } s) order["orderstateid"] = s;
            if (paymentStateId is { } p) order["paymentstateid"] = p;
            return before;
        }
    }

    /// <summary>
    /// Adds a warehouse transaction: each item's <c>decimalquantity</c> (a signed delta) moves the level, and the
    /// item gets <c>decimaltotal</c> (the level after), <c>moneytotal</c> (level × price in) and <c>moneyvalue</c> (delta × price in).
    /// </summary>
    public JsonObject AddTransaction(long warehouseId, int type, string description, IReadOnlyList<(string Sku, decimal Delta, decimal PriceIn)> items, DateTimeOffset at, string? externalId = null, long? id = null)
    {
        lock (_lock)
        {
            var txId = id ?? (_transactions.Count == 0 ? 100 : _transactions.Keys.Max() + 1);
            var rows = new JsonArray();
            foreach (var (sku, delta, price) in items)
            {
                var key = (warehouseId.ToString(CultureInfo.InvariantCulture), sku);
                var level = _levels[key] = _levels.GetValueOrDefault(key, 20m) + delta;
                rows.Add(new JsonObject
                {
                    ["decimalquantity"] = Decimal3(delta), ["decimaltotal"] = Decimal3(level), ["moneypricein"] = Money(price),
                    ["moneytotal"] = Money(level * price), ["moneyvalue"] = Money(delta * price), ["sku"] = sku,
                });
            }
            var tx = new JsonObject
            {
                ["warehousetransactionid"] = txId, ["warehouseid"] = warehouseId, ["datecreated"] = at.ToUnixTimeSeconds(), ["transactiontype"] = type,
                ["description"] = description, ["orderdeliveryid"] = null, ["shipmentid"] = null, ["externalid"] = externalId, ["reasoncode"] = null, ["items"] = rows,
            };
            _transactions[txId] = tx;
            return (JsonObject)tx.DeepClone();
        }
    }

    /// <summary>Adds a transaction exactly as given (a fixture); null, or what is wrong.</summary>
    public string? SeedTransaction(JsonObject tx)
    {
        if (MagentoStore.Long(tx["warehousetransactionid"]) is not { } id || id <= 0) return "warehousetransactionid must be a positive whole number.";
        lock (_lock)
        {
            if (_transactions.ContainsKey(id)) return $"Transaction {id} is already there.";
            _transactions[id] = (JsonObject)tx.DeepClone();
            return null;
        }
    }

    public void AddProduct(JsonObject product)
    {
        lock (_lock) _products[MagentoStore.Long(product["productid"])!.Value] = (JsonObject)product.DeepClone();
    }

    public SitooReply ListOrders(IReadOnlyDictionary<string, string> query)
    {
        lock (_lock) return List(_orders.Values, "orderid", query, (o, name, value) => name switch
        {
            "orderidfrom" => Id(o["orderid"]) >= Parse(value, name),
            "orderidto" => Id(o["orderid"]) < Parse(value, name),
            "orderid" => Id(o["orderid"]) is { } oid && value.Split(',').Select(v => Parse(v, name)).Contains(oid),
            "creditorderid" => Id(o["creditorderid"]) == Parse(value, name),
            "ordertype" => Id(o["ordertypeid"]) == Parse(value, name),
            "orderstate" => Id(o["orderstateid"]) == Parse(value, name),
            "paymentstate" => Id(o["paymentstateid"]) == Parse(value, name),
            "registerid" => string.Equals(o["registerid"]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
            "warehouseid" => Id(o["warehouseid"]) == Parse(value, name),
            _ => throw new FormatException($"Unknown filter '{name}'."),
        });
    }

    public SitooReply ListTransactions(IReadOnlyDictionary<string, string> query, long? warehouseId)
    {
        lock (_lock) return List(_transactions.Values.Where(t => warehouseId is null || Id(t["warehouseid"]) == warehouseId), "warehousetransactionid", query, (t, name, value) => name switch
        {
            "warehousetransactionidfrom" => Id(t["warehousetransactionid"]) >= Parse(value, name),
            "warehousetransactionidto" => Id(t["warehousetransactionid"]) < Parse(value, name),
            "warehouseid" => Id(t["warehouseid"]) == Parse(value, name),
            "transactiontype" => Id(t["transactiontype"]) == Parse(value, name),
            "datecreatedfrom" => Id(t["datecreated"]) >= Parse(value, name),
            "datecreatedto" => Id(t["datecreated"]) < Parse(value, name),
            _ => throw new FormatException($"Unknown filter '{name}'."),
        });
    }

    public SitooReply ListWarehouses(IReadOnlyDictionary<string, string> query)
    {
        lock (_lock) return List(_warehouses.Values, "warehouseid", query, (_, name, _) => throw new FormatException($"Unknown filter '{name}'."));
    }

    public JsonObject? ProductBySku(string sku)
    {
        lock (_lock) return _products.Values.FirstOrDefault(p => (string?)p["sku"] == sku)?.DeepClone() as JsonObject;
    }

    public JsonObject? ProductById(long id)
    {
        lock (_lock) return _products.TryGetValue(id, out var p) ? (JsonObject)p.DeepClone() : null;
    }

    public long NextProductId()
    {
        lock (_lock) return _products.Count == 0 ? 1 : _products.Keys.Max() + 1;
    }

    public int ProductCount
    {
        get
        {
            lock (_lock) return _products.Count;
        }
    }

    /// <summary>Products; withdrawn ones (<c>activepos</c> false) only with <c>includeinactive=1</c> (§3.5).</summary>
    public SitooReply ListProducts(IReadOnlyDictionary<string, string> query)
    {
        var inactive = query.GetValueOrDefault("includeinactive") is "1" or "true";
        var filters = query.Where(q => q.Key != "includeinactive").ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        lock (_lock) return List(_products.Values.Where(p => inactive || p["activepos"]?.GetValue<bool>() != false), "productid", filters, (p, name, value) => name switch
        {
            "sku" => value.Split(',').Contains(p["sku"]?.GetValue<string>()),
            _ => throw new FormatException($"Unknown filter '{name}'."),
        });
    }

    public SitooReply Single(string collection, long id)
    {
        lock (_lock)
        {
            var source = collection switch { "orders" => _orders, "products" => _products, "warehouses" => _warehouses, _ => null };
            return source is not null && source.TryGetValue(id, out var found) ? new SitooReply(200, found.ToJsonString()) : NotFound;
        }
    }

    public int OrderCount
    {
        get
        {
            lock (_lock) return _orders.Count;
        }
    }

    private static readonly HashSet<string> Paging = ["start", "num", "sort", "fields"];

    /// <summary>Filters, then <c>sort</c> (<c>field</c> or <c>-field</c>, default the id ascending), <c>start</c> (0-based), <c>num</c> (default 10), <c>fields</c>.</summary>
    private static SitooReply List(IEnumerable<JsonObject> rows, string idField, IReadOnlyDictionary<string, string> query, Func<JsonObject, string, string, bool> filter)
    {
        try
        {
            var start = query.TryGetValue("start", out var s) ? (int)Parse(s, "start") : 0;
            var num = query.TryGetValue("num", out var n) ? (int)Parse(n, "num") : 10;
            if (num < 1) throw new FormatException("num must be at least 1.");
            var filters = query.Where(q => !Paging.Contains(q.Key)).ToList();
            var matching = rows.Where(r => filters.All(f => filter(r, f.Key, f.Value))).ToList();
            var sort = query.GetValueOrDefault("sort") ?? idField;
            var field = sort.TrimStart('-');
            if (field.Length == 0 || !field.All(c => char.IsAsciiLetterLower(c) || c == '_')) throw new FormatException($"sort '{sort}' is not a field.");
            IEnumerable<JsonObject> sorted = sort.StartsWith('-')
                ? matching.OrderByDescending(r => SortKey(r[field])).ThenByDescending(r => Id(r[idField]))
                : matching.OrderBy(r => SortKey(r[field])).ThenBy(r => Id(r[idField]));
            var fields = query.TryGetValue("fields", out var f) ? f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
            var items = new JsonArray(sorted.Skip(start).Take(num).Select(r => (JsonNode)Trim(r, fields)).ToArray());
            return new SitooReply(200, new JsonObject { ["totalcount"] = matching.Count, ["items"] = items }.ToJsonString());
        }
        catch (FormatException ex)
        {
            return Fail(400, ex.Message);
        }
    }

    private static JsonObject Trim(JsonObject row, string[]? fields)
    {
        if (fields is null) return (JsonObject)row.DeepClone();
        var trimmed = new JsonObject();
        foreach (var name in fields)
            if (row.TryGetPropertyValue(name, out var value)) trimmed[name] = value?.DeepClone();
        return trimmed;
    }

    private static decimal SortKey(JsonNode? node) => node switch
    {
        null => decimal.MinValue,
        JsonValue v when v.TryGetValue<long>(out var l) => (decimal)l,
        JsonValue v when v.TryGetValue<string>(out var text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m,
        _ => 0m,
    };

    private static long? Id(JsonNode? node) => MagentoStore.Long(node);

    private static long Parse(string value, string name) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{name} must be a whole number, was '{value}'.");
}

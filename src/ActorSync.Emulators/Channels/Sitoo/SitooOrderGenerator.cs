using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>What kind of order to generate.</summary>
public enum SitooOrderKind { PosCardSale, PosCashSale, PosReturn, WebshopPaid, WebshopUnpaid }

/// <summary>
/// Orders in the shapes of the fixtures (<c>sitoo/order.json</c> for every field, <c>orders_list.json</c> for POS
/// sales and the negative refund order): money as 2-decimal strings, <c>decimalquantitytotal</c> as a 3-decimal
/// string, dates as unix seconds, reads as net + VAT per row. SKUs are the emulated SAP company's plain items
/// (<c>ITM00001…</c>) at their VAT rate in that company (20 %, 5 %, 0 %), with fractional prices. POS sales have a
/// <c>registerid</c>, warehouse 1 and a Card or Cash payment; returns are negative orders pointing at their sale by
/// <c>creditorderid</c> and <c>additionaldata.pos-originalsales-orderid</c>; webshop orders have no register, a
/// delivery charge and a named customer. Deterministic for a seed.
/// </summary>
public sealed class SitooOrderGenerator(IReadOnlyList<string> skus, int itemCount, int seed = 23)
{
    public const string Register = "{3CCB9848-155A-49E1-7CA8-5F7F78FC3067}";

    private readonly Random _random = new(seed);
    private readonly IReadOnlyList<string> _skus = skus.Count > 0
        ? skus
        : Enumerable.Range(1, itemCount).Where(n => CompanyCatalog.KindOf(n) == ItemKind.Plain).Select(n => CompanyCatalog.ItemCode(n, itemCount)).ToList();

    private static string Money(decimal amount) => SitooStore.Money(amount);

    /// <summary>The company's VAT rate of an <c>ITM…</c> item (20 % unless its group says 5 % or 0 %).</summary>
    public static decimal VatRateOf(string sku) =>
        sku.StartsWith(CompanyCatalog.ItemPrefix, StringComparison.Ordinal) && int.TryParse(sku.AsSpan(CompanyCatalog.ItemPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? CompanyCatalog.SalesVatGroupOf(n) switch { CompanyCatalog.VatReduced => 5m, CompanyCatalog.VatZero => 0m, _ => 20m }
            : 20m;

    /// <summary>Net unit prices by SKU, so a product and the orders that sell it agree.</summary>
    public static decimal NetPriceOf(string sku) => 2m + StableHash(sku) % 7800 / 100m;

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c)) & 0x7fffffff;

    /// <summary>A sale (POS or webshop) of 1–3 rows.</summary>
    public JsonObject Sale(long orderId, SitooOrderKind kind, DateTimeOffset at)
    {
        var pos = kind is SitooOrderKind.PosCardSale or SitooOrderKind.PosCashSale;
        var rows = new JsonArray();
        decimal net = 0, vat = 0;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var sku = _skus[_random.Next(_skus.Count)];
            var rate = VatRateOf(sku);
            var unit = NetPriceOf(sku);
            var quantity = _random.Next(1, 4);
            var rowNet = unit * quantity;
            var rowVat = Math.Round(rowNet * rate / 100m, 2, MidpointRounding.AwayFromZero);
            net += rowNet;
            vat += rowVat;
            rows.Add(Row(i, sku, quantity, unit, rowNet, rowVat, rate, null));
        }

        var deliveryNet = pos ? 0m : _random.Next(3) == 0 ? 0m : 4.95m;
        var deliveryVat = Math.Round(deliveryNet * 0.2m, 2);
        var gross = net + vat + deliveryNet + deliveryVat;
        var order = Header(orderId, at, net, vat, deliveryNet, deliveryVat, gross);
        order["orderitems"] = rows;
        if (pos)
        {
            var cash = kind == SitooOrderKind.PosCashSale;
            order["checkouttypename"] = cash ? "Sitoo POS - Cash" : "Sitoo POS - Card";
            order["orderstateid"] = 10;
            order["paymentstateid"] = 20;
            order["registerid"] = Register;
            order["warehouseid"] = 1;
            order["additionaldata"] = new JsonObject { ["pos-receiptid"] = $"R{orderId}", ["store-name"] = "Store 1", ["store-externalid"] = "1" };
            order["payments"] = new JsonArray(Payment(cash, gross, orderId));
        }
        else
        {
            var paid = kind == SitooOrderKind.WebshopPaid;
            order["email"] = $"shopper{orderId}@example.com";
            order["namefirst"] = "Jane";
            order["namelast"] = $"Shopper {orderId}";
            order["phone"] = "555-1451";
            order["delivery_address"] = "555 Main Street";
            order["delivery_zip"] = "11122";
            order["delivery_city"] = "Stockholm";
            order["delivery_countryid"] = "SE";
            order["deliverytypename"] = deliveryNet == 0 ? "click-and-collect" : "standard";
            order["checkouttypename"] = "Klarna";
            order["paymentstateid"] = paid ? 20 : 0;
            order["payments"] = paid
                ? new JsonArray(new JsonObject { ["name"] = "Klarna", ["moneyamount"] = Money(gross), ["externalid"] = $"K{orderId}", ["reftype"] = "klarna", ["refid"] = $"KL-{orderId}", ["cardissuer"] = "", ["additionaldata"] = new JsonObject { ["klarna-orderid"] = $"KL-{orderId}" } })
                : new JsonArray();
        }
        return order;
    }

    /// <summary>A POS return of the first row of <paramref name="sale"/> (one unit), paid back the way the sale was paid.</summary>
    public JsonObject Return(long orderId, JsonObject sale, DateTimeOffset at)
    {
        var saleId = Magento.MagentoStore.Long(sale["orderid"])!.Value;
        var row = (JsonObject)sale["orderitems"]![0]!;
        var rate = Rate(row);
        var unit = decimal.Parse(row["moneynetpriceperunit"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var rowVat = Math.Round(unit * rate / 100m, 2, MidpointRounding.AwayFromZero);
        var gross = unit + rowVat;
        var order = Header(orderId, at, -unit, -rowVat, 0, 0, -gross);
        order["orderitems"] = new JsonArray(Row(0, row["sku"]!.GetValue<string>(), -1, unit, -unit, -rowVat, rate,
            new JsonObject { ["pos-originalsales-orderitemid"] = Magento.MagentoStore.Long(row["orderitemid"])!.Value.ToString(CultureInfo.InvariantCulture), ["reasoncode-return"] = "RC123", ["return-warehouseid"] = "1" }));
        order["creditorderid"] = saleId;
        order["checkouttypename"] = sale["checkouttypename"]!.DeepClone();
        order["orderstateid"] = 10;
        order["paymentstateid"] = 20;
        order["registerid"] = Register;
        order["warehouseid"] = 1;
        order["additionaldata"] = new JsonObject
        {
            ["pos-originalsales-orderid"] = saleId.ToString(CultureInfo.InvariantCulture), ["refundreasoncode-reasoncode"] = "RC123", ["refundreasoncode-comment"] = "Guarantee",
            ["pos-receiptid"] = $"R{orderId}", ["store-name"] = "Store 1",
        };
        var cash = sale["payments"] is JsonArray { Count: > 0 } p && p[0]!["name"]!.GetValue<string>() == "Cash";
        order["payments"] = new JsonArray(Payment(cash, -gross, orderId));
        return order;
    }

    private static decimal Rate(JsonObject row) => row["vatvalue"]!.GetValue<decimal>();

    private JsonObject Payment(bool cash, decimal amount, long orderId) => cash
        ? new JsonObject { ["name"] = "Cash", ["moneyamount"] = Money(amount), ["externalid"] = "", ["reftype"] = "", ["refid"] = "", ["cardissuer"] = "", ["additionaldata"] = new JsonObject() }
        : new JsonObject
        {
            ["name"] = "Card", ["moneyamount"] = Money(amount), ["externalid"] = (123_000 + orderId % 1000).ToString(CultureInfo.InvariantCulture), ["reftype"] = "verifonelpp",
            ["refid"] = $"{_random.Next(100_000, 999_999)}{orderId:000000} {_random.Next(10_000_000, 99_999_999)}", ["cardissuer"] = _random.Next(2) == 0 ? "Mastercard" : "Visa", ["additionaldata"] = new JsonObject(),
        };

    private static JsonObject Row(int index, string sku, int quantity, decimal unit, decimal rowNet, decimal rowVat, decimal rate, JsonObject? additional) => new()
    {
        ["orderitemid"] = index, ["orderitemtype"] = 10, ["productid"] = 1000 + StableHash(sku) % 9000, ["productname"] = $"Item {sku}", ["sku"] = sku,
        ["productattributes"] = "", ["externalinput"] = "", ["externalinputtitle"] = "", ["unitlabel"] = "", ["quantity"] = quantity, ["decimalunitquantity"] = null,
        ["moneynetpriceperunit"] = Money(unit), ["moneypriceorg"] = "0.00", ["vatvalue"] = rate, ["deliveryinfo"] = "",
        ["moneyitemtotal_net"] = Money(rowNet), ["moneyitemtotal_vat"] = Money(rowVat), ["voucherid"] = 0, ["vouchercode"] = "", ["vouchername"] = "",
        ["moneyoriginalprice"] = Money(unit), ["moneydiscountedprice"] = "0.00", ["moneydiscount"] = "0.00", ["salestaxes"] = new JsonArray(),
        ["additionaldata"] = additional ?? new JsonObject(), ["decimalquantitytotal"] = SitooStore.Decimal3(quantity), ["moneynetpriceperquantity"] = Money(unit),
    };

    /// <summary>Every header field of the single-order fixture, blank where a generated order has nothing.</summary>
    private static JsonObject Header(long orderId, DateTimeOffset at, decimal net, decimal vat, decimal deliveryNet, decimal deliveryVat, decimal gross) => new()
    {
        ["orderid"] = orderId, ["eshopid"] = 1, ["externalid"] = null, ["creditorderid"] = null, ["checkouttypeid"] = 0, ["deliverytypeid"] = 0,
        ["email"] = "", ["namefirst"] = "", ["namelast"] = "", ["personalid"] = "", ["company"] = "", ["phone"] = "",
        ["invoice_address"] = "", ["invoice_address2"] = "", ["invoice_zip"] = "", ["invoice_city"] = "", ["invoice_state"] = "", ["invoice_countryid"] = "",
        ["delivery_address"] = "", ["delivery_address2"] = "", ["delivery_zip"] = "", ["delivery_city"] = "", ["delivery_state"] = "", ["delivery_countryid"] = "",
        ["comment"] = "", ["commentinternal"] = "", ["customerref"] = "", ["checkoutref"] = "",
        ["moneytotal_net"] = Money(net), ["moneytotal_vat"] = Money(vat), ["moneycheckout_net"] = "0.00", ["moneycheckout_vat"] = "0.00", ["moneytotal_gross_checkout"] = "0.00",
        ["moneydelivery_net"] = Money(deliveryNet), ["moneydelivery_vat"] = Money(deliveryVat), ["moneytotal_gross_delivery"] = Money(deliveryNet + deliveryVat),
        ["moneyfinal_net"] = Money(net + deliveryNet), ["moneyfinal_vat"] = Money(vat + deliveryVat), ["moneyfinal_salestax"] = "0.00",
        ["moneytotal_gross_roundoff"] = "0.00", ["moneytotal_gross_all"] = Money(gross),
        ["checkouttypename"] = "", ["checkoutmethodid"] = 0, ["checkoutmethodsubid"] = 0, ["deliverytypename"] = "",
        ["orderdate"] = at.ToUnixTimeSeconds(), ["orderstateid"] = 0, ["paymentstateid"] = 0, ["ordertypeid"] = 10, ["userid_staff"] = null,
        ["registerid"] = null, ["warehouseid"] = null, ["datereserved"] = null, ["currencycode"] = CompanyCatalog.Currency, ["additionaldata"] = new JsonObject(),
        ["orderitems"] = new JsonArray(), ["payments"] = new JsonArray(),
        ["orderlogitems"] = new JsonArray(new JsonObject { ["datelog"] = at.ToUnixTimeSeconds(), ["orderlogtypeid"] = 0, ["strvalue"] = null, ["fvalue"] = null }),
    };

    /// <summary>A product row as <c>products.json</c> lists it (<c>moneyprice</c> gross, §3.5).</summary>
    public static JsonObject Product(long productId, string sku) => new()
    {
        ["productid"] = productId, ["sku"] = sku, ["moneyprice"] = Money(Math.Round(NetPriceOf(sku) * (1 + VatRateOf(sku) / 100m), 2)), ["title"] = $"Item {sku}",
    };

    /// <summary>A stock movement for the warehouse poll: Move In (10, with a price in), Move Out (20) or a stock-taking (50).</summary>
    public (int Type, string Description, List<(string Sku, decimal Delta, decimal PriceIn)> Items) Transaction()
    {
        var type = _random.Next(3) switch { 0 => 10, 1 => 20, _ => 50 };
        var items = new List<(string, decimal, decimal)>();
        var count = _random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            var sku = _skus[_random.Next(_skus.Count)];
            var quantity = (decimal)_random.Next(1, 6);
            var delta = type switch { 10 => quantity * 2, 20 => -quantity, _ => _random.Next(2) == 0 ? -1m : 1m };
            items.Add((sku, delta, type == 10 ? Math.Round(NetPriceOf(sku) * 0.55m, 2) : 0m));
        }
        return (type, type switch { 10 => "Move In", 20 => "Move Out", _ => "Stocktaking has been completed!" }, items);
    }

    public int Next(int max)
    {
        lock (_random) return _random.Next(max);
    }
}

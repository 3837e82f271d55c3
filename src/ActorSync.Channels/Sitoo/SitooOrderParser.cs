using ActorSync.Domain.Payments;
using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Addresses;
using ActorSync.Channels.Json;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels.Sitoo;

/// <summary>
/// One Sitoo order and what it is: a webshop order (<c>registerid</c> null, becomes a Sales Order like any web
/// order), a POS sale or a POS return (a till receipt, <c>registerid</c> set), or a receipt the engine cannot post
/// (<see cref="Problem"/>).
/// </summary>
public sealed record SitooOrderRecord(string OrderId, ParsedChannelOrder? WebOrder, ParsedPosTransaction? Pos, ExceptionDetails? Problem = null);

/// <summary>
/// An order body as a client POSTs it to Sitoo (fixture <c>order_post_request.json</c>): rows priced gross
/// (<c>moneyrowprice</c> incl. VAT, <c>moneyrowdiscount</c>), no order id yet. Net and tax are derived per row so that
/// they add up to the gross exactly (channels.md §3.2: "writes are gross, reads are net + VAT").
/// </summary>
public sealed record SitooOrderWrite(ImmutableList<OrderLine> Lines, decimal GrossTotal, string? Currency, CustomerRef Customer)
{
    public decimal LinesNet => Lines.Sum(l => l.NetTotal);

    public decimal LinesTax => Lines.Sum(l => l.TaxAmount);
}

/// <summary>
/// Sitoo orders as <c>GET /sites/{siteid}/orders/{orderid}.json</c> and <c>GET …/orders.json</c> return them
/// (channels.md §3.2–3.3; fixtures <c>sitoo/order.json</c>, <c>sitoo/orders_list.json</c>).
/// <list type="bullet">
/// <item>Money is a string with two decimals, quantities are ints (<c>decimalquantitytotal</c> a 3-decimal string),
///   dates unix seconds.</item>
/// <item>Reads are net + VAT per row: <c>moneyitemtotal_net</c> and <c>moneyitemtotal_vat</c> (after row
///   discounts), rate <c>vatvalue</c> in percent.</item>
/// <item>A POS return is an order with negative quantities and amounts, pointing at its sale through
///   <c>creditorderid</c> or <c>additionaldata.pos-originalsales-orderid</c>; it is turned into positive magnitudes.</item>
/// <item>There is no top-level payment method: each payment's <c>name</c> ("Card") is it, unless
///   <c>additionaldata.payment-method</c> says more.</item>
/// <item>Only orders of type 10 with payment state 20 (Successful) are final (§5.2); bookings (100), parked sales
///   (110) and unpaid orders wait; cancelled (20) and abandoned (−1) orders are not posted.</item>
/// <item>A webshop order's buyer and addresses come from its flat fields (<c>invoice_*</c>, <c>delivery_*</c>); till
///   receipts carry none to the engine (a cash sale's are empty, §5.3).</item>
/// </list>
/// </summary>
public static class SitooOrderParser
{
    public const string Channel = "sitoo";

    /// <summary>A single order or a list envelope <c>{"totalcount":N,"items":[…]}</c>.</summary>
    public static ImmutableList<SitooOrderRecord> ParseOrders(string json)
    {
        var root = PayloadNode.Parse(json, Channel).RequireObject();
        if (root.Has("orderid"))
            return [ParseOrder(root)];
        return root.Required("items").Items().Select(ParseOrder).ToImmutableList();
    }

    /// <summary>
    /// A webshop order's <c>payments[]</c> (§3.2: no top-level method; <c>additionaldata["payment-method"]</c>, else the
    /// payment's <c>name</c>), captured when the order's <c>paymentstateid</c> is 20 (Successful), authorised at 15
    /// (Reserved), otherwise pending. The reference is <c>refid</c>, else <c>externalid</c>, as for till payments.
    /// </summary>
    private static ImmutableList<OrderPayment>? WebPayments(PayloadNode order)
    {
        if (order.Optional("payments") is not { } list) return null;
        var state = (order.OptionalInt("paymentstateid") ?? 0) switch
        {
            20 => PaymentState.Captured,
            15 => PaymentState.Authorised,
            _ => PaymentState.Pending,
        };
        var payments = list.Items().Select(p => new OrderPayment(
            p.Optional("additionaldata")?.OptionalString("payment-method") ?? p.RequiredString("name"),
            p.RequiredDecimal("moneyamount"), state, p.OptionalString("refid") ?? p.OptionalString("externalid"))).ToImmutableList();
        return payments.IsEmpty ? null : payments;
    }

    public static SitooOrderRecord ParseOrder(PayloadNode order)
    {
        // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
        order.RequireObject();
        var orderId = order.Required("orderid").Id();
        var notes = ImmutableList.CreateBuilder<string>();
        var additional = order.Optional("additionaldata");
        var rows = ParseRows(order.Required("orderitems"), notes);
        if (rows.Count == 0)
            throw new ChannelPayloadException(Channel, "orderitems", $"holds no product rows for order {orderId}");

        var grossAll = order.RequiredDecimal("moneytotal_gross_all");
        var roundOff = order.OptionalDecimal("moneytotal_gross_roundoff");
        var deliveryNet = order.OptionalDecimal("moneydelivery_net") + order.OptionalDecimal("moneycheckout_net");
        var deliveryTax = order.OptionalDecimal("moneydelivery_vat") + order.OptionalDecimal("moneycheckout_vat");
        if (order.OptionalDecimal("moneycheckout_net") != 0)
            notes.Add("The checkout (payment) fee travels with the freight amount.");
        var date = OrderDate(order, additional);
        var customer = Customer(order);
        var readiness = Readiness(order);
        var registerId = order.OptionalString("registerid");

        if (registerId is null)
        {
            // Webshop order: a Sales Order like Magento's and BigCommerce's.
            var web = new ChannelOrder(Channel, orderId, date, order.RequiredString("currencycode"), customer,
                rows.Select(r => r.Line).ToImmutableList(), deliveryNet, deliveryTax, grossAll,
                ShippingMethod: order.OptionalString("deliverytypename"),
                Location: order.Optional("warehouseid")?.Id(),
                Addresses: Addresses(order))
            {
                Payments = WebPayments(order),
            };
            return new SitooOrderRecord(orderId, new ParsedChannelOrder(web, OrderTotals.Of(web), readiness, notes.ToImmutable()), null);
        }

        var signs = rows.Select(r => Math.Sign(r.Line.Quantity)).Distinct().ToList();
        if (signs.Count > 1)
        {
            return new SitooOrderRecord(orderId, null, null, ExceptionTypes.InvalidOrder(
                $"Sitoo receipt {orderId} sells and takes back goods on one receipt (an exchange); the engine posts sales and returns separately and does not split exchanges yet."));
        }

        var isReturn = signs[0] < 0 || grossAll < 0;
        var sign = isReturn ? -1m : 1m;
        var payments = order.Optional("payments") is { } list
            ? list.Items().Select(p => new PosPayment(
                p.Optional("additionaldata")?.OptionalString("payment-method") ?? p.RequiredString("name"),
                sign * p.RequiredDecimal("moneyamount"),
                p.OptionalString("refid") ?? p.OptionalString("externalid"),
                p.OptionalString("cardissuer"))).ToImmutableList()
            : [];
        var lines = rows.Select(r => new PosLine(r.Line.Sku, sign * r.Line.Quantity, sign * r.Net, sign * r.Line.TaxAmount, r.Line.TaxRate,
            r.Name, r.OriginalRowId)).ToImmutableList();
        if (deliveryNet != 0 || deliveryTax != 0)
            notes.Add($"A delivery charge of {deliveryNet + deliveryTax:0.00} on a till receipt is not posted: POS invoices carry goods only.");
        var original = order.Optional("creditorderid")?.Id() ?? additional?.OptionalString("pos-originalsales-orderid");
        var tx = new PosTransaction(
            Channel, orderId, isReturn ? PosTransactionKind.Return : PosTransactionKind.Sale, date, order.RequiredString("currencycode"), customer,
            order.Optional("warehouseid")?.Id(), lines, payments, sign * grossAll, sign * roundOff,
            OriginalExternalId: original,
            ReasonCode: additional?.OptionalString("refundreasoncode-reasoncode"),
            RegisterId: registerId);
        var totals = new OrderTotals(tx.LinesNet, tx.LinesTax, 0, 0, tx.Total);
        return new SitooOrderRecord(orderId, null, new ParsedPosTransaction(tx, totals, readiness, notes.ToImmutable()));
    }

    /// <summary>The body of <c>POST /sites/{siteid}/orders.json</c>: gross rows split into net and tax.</summary>
    public static SitooOrderWrite ParseOrderWrite(string json)
    {
        var root = PayloadNode.Parse(json, Channel).RequireObject();
        var lines = root.Required("orderitems").Items().Select(row =>
        {
            // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
            row.RequireObject();
            var quantity = row.RequiredDecimal("quantity");
            var gross = row.RequiredDecimal("moneyrowprice") - row.OptionalDecimal("moneyrowdiscount");
            var rate = row.RequiredDecimal("vatvalue");
            var (net, tax) = Money.SplitGross(Money.Cents(gross), rate);
            return new OrderLine(row.RequiredString("sku"), quantity, Money.UnitPrice(net, quantity), tax, rate);
        }).ToImmutableList();
        return new SitooOrderWrite(lines, lines.Sum(l => l.NetTotal + l.TaxAmount), root.OptionalString("currencycode"), Customer(root));
    }

    /// <summary>Does this object look like a POST body (rows but no order id)?</summary>
    public static bool IsOrderWrite(PayloadNode root) => root.IsObject && root.Has("orderitems") && !root.Has("orderid");

    private sealed record Row(OrderLine Line, decimal Net, string? Name, string? OriginalRowId);

    private static List<Row> ParseRows(PayloadNode items, ImmutableList<string>.Builder notes)
    {
        var rows = new List<Row>();
        foreach (var item in items.Items())
        {
            // Stryker disable once Statement : equivalent, OptionalInt() checks for an object itself with the same error
            item.RequireObject();
            var type = item.OptionalInt("orderitemtype") ?? 10;
            var net = item.RequiredDecimal("moneyitemtotal_net");
            var vat = item.RequiredDecimal("moneyitemtotal_vat");
            if (type != 10)
            {
                // Non-product rows (discounts, vouchers) follow the product they apply to (channels.md §3.2).
                if (net == 0 && vat == 0)
                    continue;
                if (rows.Count == 0)
                    throw item.Required("orderitemtype").Error($"is {type} (not a product) with amounts but no product row before it");
                var last = rows[^1];
                var newNet = last.Net + net;
                rows[^1] = last with
                {
                    Net = newNet,
                    Line = last.Line with { UnitPrice = Money.UnitPrice(newNet, last.Line.Quantity), TaxAmount = last.Line.TaxAmount + vat },
                };
                notes.Add($"Row type {type} ({net + vat:0.00} gross) applied to the product row before it ({last.Line.Sku}).");
                continue;
            }

            var quantity = item.Optional("decimalquantitytotal")?.Decimal() ?? item.RequiredDecimal("quantity");
            if (quantity == 0)
                throw item.Required("quantity").Error("must not be 0");
            var sku = item.RequiredString("sku");
            var line = new OrderLine(sku, quantity, Money.UnitPrice(net, quantity), vat, item.RequiredDecimal("vatvalue"));
            rows.Add(new Row(line, net, item.OptionalString("productname"),
                item.Optional("additionaldata")?.OptionalString("pos-originalsales-orderitemid")));
        }

        return rows;
    }

    private static CustomerRef Customer(PayloadNode order)
    {
        // Cash sales carry empty names and email (channels.md §5.3): that is a guest.
        var email = order.OptionalString("email");
        var name = string.Join(' ', new[] { order.OptionalString("namefirst"), order.OptionalString("namelast") }.Where(n => n is not null));
        if (name.Length == 0)
            name = order.OptionalString("company") ?? "";
        return new CustomerRef(email, null, email is null, name.Length == 0 ? null : name);
    }

    /// <summary>
    /// A webshop order's buyer (<c>namefirst</c>/<c>namelast</c>, <c>company</c>, <c>email</c>, <c>phone</c>) and its flat
    /// <c>invoice_*</c> and <c>delivery_*</c> fields (§3.2); empty strings mean "none" (the sample webshop order has no
    /// address at all). Null when nothing is given.
    /// </summary>
    private static OrderAddresses? Addresses(PayloadNode order)
    {
        var buyer = AddressFields.OrNull(new OrderBuyer(
            AddressFields.Name(AddressFields.Text(order, "namefirst"), AddressFields.Text(order, "namelast")),
            AddressFields.Text(order, "company"), AddressFields.Text(order, "email"), AddressFields.Text(order, "phone")));
        var invoice = FlatAddress(order, "invoice", buyer);
        var delivery = FlatAddress(order, "delivery", buyer);
        if (buyer is null && invoice is null && delivery is null) return null;
        return new OrderAddresses(buyer ?? new OrderBuyer(), invoice) { ShipTo = delivery is null ? [] : [new ShipToAddress("delivery", delivery)] };
    }

    private static PostalAddress? FlatAddress(PayloadNode order, string prefix, OrderBuyer? buyer) => AddressFields.OrNull(new PostalAddress(
        Name: buyer?.Name,
        Company: buyer?.Company,
        Street: AddressFields.Text(order, $"{prefix}_address"),
        Street2: AddressFields.Text(order, $"{prefix}_address2"),
        City: AddressFields.Text(order, $"{prefix}_city"),
        PostalCode: AddressFields.Text(order, $"{prefix}_zip"),
        Region: AddressFields.Text(order, $"{prefix}_state"),
        Country: AddressFields.Text(order, $"{prefix}_countryid"),
        Phone: buyer?.Phone));

    /// <summary>Unix seconds, read as the till's local day when <c>additionaldata.pos-timezone</c> names a zone, else UTC.</summary>
    private static DateOnly OrderDate(PayloadNode order, PayloadNode? additional)
    {
        var instant = order.Required("orderdate").UnixTime();
        if (additional?.OptionalString("pos-timezone") is { } zoneId)
        {
            try
            {
                return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).DateTime);
            }
            catch (TimeZoneNotFoundException)
            {
                // Fall back to UTC: the day may be off near midnight, but the record is not lost.
            }
        }

        return DateOnly.FromDateTime(instant.UtcDateTime);
    }

    /// <summary>The one rule for a Sitoo order's state (<see cref="SitooOrderGate"/>), shared with the connector's poll.</summary>
    public static OrderReadiness Readiness(PayloadNode order)
    {
        var (verdict, reason) = SitooOrderGate.Of(order.OptionalInt("ordertypeid") ?? 10, order.OptionalInt("orderstateid") ?? 0, order.OptionalInt("paymentstateid") ?? 0);
        return new OrderReadiness(verdict switch
        {
            SitooOrderVerdict.Post => OrderAction.Post,
            SitooOrderVerdict.Hold => OrderAction.Hold,
            SitooOrderVerdict.Cancel => OrderAction.Cancel,
            _ => OrderAction.Ignore,
        }, reason);
    }
}

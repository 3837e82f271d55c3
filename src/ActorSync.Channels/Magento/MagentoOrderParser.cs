using ActorSync.Domain.Payments;
using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Addresses;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Magento;

/// <summary>
/// Magento 2 orders as <c>GET /V1/orders/{entity_id}</c> returns them (channels.md §1.3; fixture
/// <c>magento/order.json</c>), or a <c>GET /V1/orders?searchCriteria…</c> envelope of them.
/// <list type="bullet">
/// <item>The order number is <c>increment_id</c> (customer-facing, zero-padded); API paths use <c>entity_id</c>.</item>
/// <item>Money comes as JSON numbers; they are read from their text, so no float ever touches an amount.</item>
/// <item>Configurable products come as a parent row (with the price) and a child simple row (price 0,
///   <c>parent_item_id</c> set): collapsed into one line with the parent's amounts and the child's SKU (§5.9).
///   Bundles with priced children post the children; fixed-price bundles post the parent.</item>
/// <item>Guests: <c>customer_is_guest</c> is 0/1 (or a bool); <c>customer_id</c> is absent and the group may be null (§5.3).</item>
/// <item>The shipping method lives only in <c>extension_attributes.shipping_assignments[0].shipping.method</c>;
///   <c>shipping_assignments[].items</c> repeats the order rows and is ignored.</item>
/// <item>Addresses: the billing address is <c>billing_address</c> at the top level, the shipping address only
///   <c>extension_attributes.shipping_assignments[0].shipping.address</c> (§1.3); <c>street</c> is an array (its first
///   line is the street, the rest goes to the second line), the region comes as <c>region_code</c> ("NY") and
///   <c>region</c> ("New York"), the country as <c>country_id</c>. A virtual order has no shipping address.</item>
/// <item>Line net = <c>row_total − discount_amount + discount_tax_compensation_amount</c> (the compensation is the tax
///   part of a discount taken on tax-inclusive prices); line tax = <c>tax_amount</c>; rate = <c>tax_percent</c>.</item>
/// </list>
/// </summary>
public static class MagentoOrderParser
{
    public const string Channel = "magento";

    /// <summary>One order, or the first of a search envelope.</summary>
    public static ParsedChannelOrder Parse(string json) => ParseAll(json) is { Count: > 0 } all
        ? all[0]
        : throw new ChannelPayloadException(Channel, "items", "holds no orders");

    /// <summary>Every order in the payload: a single order object or a search result envelope.</summary>
    public static ImmutableList<ParsedChannelOrder> ParseAll(string json)
    {
        var root = PayloadNode.Parse(json, Channel).RequireObject();
        if (IsSearchResult(root))
            return root.Required("items").Items().Select(ParseOrder).ToImmutableList();
        return [ParseOrder(root)];
    }

    /// <summary>A search envelope has <c>items</c> and <c>total_count</c> but no order number of its own.</summary>
    public static bool IsSearchResult(PayloadNode root) => root.Has("total_count") && !root.Has("increment_id");

    public static ParsedChannelOrder ParseOrder(PayloadNode order)
    {
        // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
        order.RequireObject();
        var notes = ImmutableList.CreateBuilder<string>();
        var incrementId = order.Required("increment_id").Id();
        var entityId = order.Optional("entity_id")?.Id();
        var currency = order.RequiredString("order_currency_code");
        var createdAt = ParseTimestamp(order.Required("created_at"));

        var lines = ParseLines(order.Required("items"), notes);
        if (lines.IsEmpty)
            throw new ChannelPayloadException(Channel, "items", "holds no order rows");

        var shippingNet = Money.Cents(order.OptionalDecimal("shipping_amount") - order.OptionalDecimal("shipping_discount_amount")
                                      + order.OptionalDecimal("shipping_discount_tax_compensation_amount"));
        var shippingTax = Money.Cents(order.OptionalDecimal("shipping_tax_amount"));
        var grandTotal = Money.Cents(order.RequiredDecimal("grand_total"));
        var method = ShippingMethod(order);
        if (method is null && order.Optional("is_virtual") is { } isVirtual && !isVirtual.Flag())
            notes.Add("The order is not virtual but names no shipping method (extension_attributes.shipping_assignments[0].shipping.method).");

        var channelOrder = new ChannelOrder(
            Channel: Channel,
            ExternalId: incrementId,
            OrderDate: DateOnly.FromDateTime(createdAt.UtcDateTime),
            Currency: currency,
            Customer: ParseCustomer(order),
            Lines: lines,
            ShippingAmount: shippingNet,
            ShippingTax: shippingTax,
            TotalPaid: grandTotal,
            ShippingMethod: method,
            // A Magento order names no MSI source: the source is chosen when it ships (channels.md §1.5), so lines
            // take the channel's default warehouse.
            Location: null,
            Addresses: ParseAddresses(order))
        {
            Payments = Payments(order),
        };

        // The header must explain its own grand total; the rows must explain the subtotal. The docs' sample order
        // (fixture) does the first but lists one row of seven: its rows are elided, and that is said, not smoothed.
        var header = HeaderTotals(order);
        notes.Add(header.Reconciles
            ? $"Header reconciles: subtotal {header.Subtotal:0.00} + shipping {header.Shipping:0.00} + tax {header.Tax:0.00} + discount {header.Discount:0.00} = grand_total {header.GrandTotal:0.00}."
            : $"Header does not reconcile: subtotal {header.Subtotal:0.00} + shipping {header.Shipping:0.00} + tax {header.Tax:0.00} + discount {header.Discount:0.00} = {header.Sum:0.00}, grand_total {header.GrandTotal:0.00}.");
        var rowsSubtotal = order.Required("items").Items().Where(i => i.Optional("parent_item_id") is null).Sum(i => i.OptionalDecimal("row_total"));
        if (Money.Cents(rowsSubtotal) != header.Subtotal)
        {
            var count = order.Optional("total_item_count")?.Int32();
            notes.Add($"The rows present add up to {rowsSubtotal:0.00} against subtotal {header.Subtotal:0.00}" +
                      (count is { } c ? $" ({order.Required("items").Items().Count()} rows of total_item_count {c})" : "") + ": rows are missing from the payload.");
        }

        var paymentMethod = order.Optional("payment")?.OptionalString("method");
        return new ParsedChannelOrder(channelOrder, OrderTotals.Of(channelOrder), Readiness(order), notes.ToImmutable(), entityId, paymentMethod);
    }

    /// <summary>The header's own arithmetic: subtotal + shipping + tax + discount (negative on the header, §1.3) + discount tax compensation.</summary>
    public static MagentoHeaderTotals HeaderTotals(PayloadNode order) => new(
        Money.Cents(order.OptionalDecimal("subtotal")),
        Money.Cents(order.OptionalDecimal("shipping_amount")),
        Money.Cents(order.OptionalDecimal("tax_amount")),
        Money.Cents(order.OptionalDecimal("discount_amount") + order.OptionalDecimal("discount_tax_compensation_amount")
                    + order.OptionalDecimal("shipping_discount_tax_compensation_amount")),
        Money.Cents(order.RequiredDecimal("grand_total")));

    /// <summary>
    /// Magento's <c>state</c> is the fixed machine state (<c>status</c> is merchant-configurable, §1.3). Offline payment
    /// methods (bank transfer, check, cash on delivery) leave paid-later orders at <c>new</c>; a sales order claims no
    /// payment, so <c>new</c> posts. Online payments not yet captured (<c>pending_payment</c>, <c>payment_review</c>)
    /// and held orders wait (§5.2).
    /// </summary>
    /// <summary>
    /// <c>payment{method, amount_ordered}</c> (channels.md §1.3). Magento's order says nothing of whether the money was
    /// taken, so the payment reads as captured and the method's mapping decides: offline methods (<c>banktransfer</c>,
    /// <c>checkmo</c>, <c>cashondelivery</c>) are mapped <c>Capture: Reported</c> and pay nothing until reported. No
    /// transaction reference is in the documented shape.
    /// </summary>
    private static ImmutableList<OrderPayment>? Payments(PayloadNode order)
    {
        if (order.Optional("payment") is not { } payment || payment.OptionalString("method") is not { Length: > 0 } method) return null;
        var amount = Money.Cents(payment.Optional("amount_ordered")?.Decimal() ?? order.RequiredDecimal("grand_total"));
        return [new OrderPayment(method, amount, PaymentState.Captured)];
    }

    private static OrderReadiness Readiness(PayloadNode order)
    {
        var state = order.OptionalString("state") ?? "new";
        var status = order.OptionalString("status");
        var said = status is null ? $"state '{state}'" : $"state '{state}', status '{status}'";
        return state switch
        {
            "new" or "processing" or "complete" => new OrderReadiness(OrderAction.Post, $"{said}: the order stands"),
            "pending_payment" or "payment_review" or "holded" => new OrderReadiness(OrderAction.Hold, $"{said}: payment not confirmed or order on hold"),
            "canceled" => new OrderReadiness(OrderAction.Cancel, $"{said}: cancelled in Magento"),
            "closed" => new OrderReadiness(OrderAction.Ignore, $"{said}: refunded in full; credit memos carry it"),
            _ => new OrderReadiness(OrderAction.Hold, $"{said}: unknown state, waiting for one the engine knows"),
        };
    }

    private static CustomerRef ParseCustomer(PayloadNode order)
    {
        var customerId = order.Optional("customer_id")?.Id();
        var isGuest = order.Optional("customer_is_guest")?.Flag() ?? customerId is null;
        var billing = order.Optional("billing_address");
        var email = order.OptionalString("customer_email") ?? billing?.OptionalString("email");
        // Names may be missing on guest order headers; the billing address has them (§5.3).
        var first = order.OptionalString("customer_firstname") ?? billing?.OptionalString("firstname");
        var last = order.OptionalString("customer_lastname") ?? billing?.OptionalString("lastname");
        var name = string.Join(' ', new[] { first, last }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new CustomerRef(email, isGuest ? null : customerId, isGuest, name.Length == 0 ? null : name);
    }

    private static OrderAddresses ParseAddresses(PayloadNode order)
    {
        var billing = order.Optional("billing_address") is { IsObject: true } b ? b : (PayloadNode?)null;
        var customer = ParseCustomer(order);
        var buyer = new OrderBuyer(customer.Name, AddressFields.Text(billing, "company"),
            customer.Email, AddressFields.Text(billing, "telephone"));
        var shipping = ShippingAssignment(order)?.Optional("shipping")?.Optional("address") is { IsObject: true } s ? s : (PayloadNode?)null;
        var shipTo = shipping is { } address ? AddressFields.OrNull(ParseAddress(address)) : null;
        return new OrderAddresses(buyer, billing is { } bill ? AddressFields.OrNull(ParseAddress(bill)) : null)
        {
            ShipTo = shipTo is null ? [] : [new ShipToAddress(shipping!.Value.Optional("entity_id")?.Id() ?? "shipping", shipTo)],
        };
    }

    /// <summary>A Magento address (<c>billing_address</c> or a shipping assignment's <c>address</c>).</summary>
    private static PostalAddress ParseAddress(PayloadNode address)
    {
        var street = address.Optional("street") switch
        {
            { Kind: System.Text.Json.JsonValueKind.Array } lines => lines.Items().Select(l => l.Kind == System.Text.Json.JsonValueKind.String ? l.String() : null).ToList(),
            { Kind: System.Text.Json.JsonValueKind.String } line => [line.String()],
            _ => new List<string?>(),
        };
        return new PostalAddress(
            Name: AddressFields.Name(AddressFields.Text(address, "firstname"), AddressFields.Text(address, "lastname")),
            Company: AddressFields.Text(address, "company"),
            Street: street.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim(),
            Street2: AddressFields.Rest(street.SkipWhile(string.IsNullOrWhiteSpace).Skip(1)),
            City: AddressFields.Text(address, "city"),
            PostalCode: AddressFields.Text(address, "postcode"),
            Region: AddressFields.Text(address, "region_code") ?? AddressFields.Text(address, "region"),
            Country: AddressFields.Text(address, "country_id"),
            Phone: AddressFields.Text(address, "telephone"));
    }

    private static PayloadNode? ShippingAssignment(PayloadNode order)
    {
        if (order.Optional("extension_attributes")?.Optional("shipping_assignments") is not { IsArray: true } assignments)
            return null;
        var first = assignments.Items().FirstOrDefault();
        return first.Element.ValueKind == System.Text.Json.JsonValueKind.Object ? first : null;
    }

    private static string? ShippingMethod(PayloadNode order)
    {
        var assignments = order.Optional("extension_attributes")?.Optional("shipping_assignments");
        if (assignments is null)
            return null;
        var first = assignments.Value.Items().FirstOrDefault();
        if (first.Element.ValueKind == System.Text.Json.JsonValueKind.Undefined)
            return null;
        return first.Optional("shipping")?.OptionalString("method");
    }

    private sealed record Row(PayloadNode Node, string ItemId, string? ParentId, string ProductType, string Sku, decimal Quantity,
        decimal Net, decimal Tax, decimal? Rate, decimal RowTotal);

    private static ImmutableList<OrderLine> ParseLines(PayloadNode items, ImmutableList<string>.Builder notes)
    {
        var rows = items.Items().Select(ParseRow).ToList();
        var byId = rows.ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var children = rows.Where(r => r.ParentId is not null && byId.ContainsKey(r.ParentId))
            .GroupBy(r => r.ParentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lines = ImmutableList.CreateBuilder<OrderLine>();
        foreach (var row in rows)
        {
            if (row.ParentId is not null)
            {
                if (byId.ContainsKey(row.ParentId))
                    continue; // handled with its parent
                notes.Add($"Row {row.ItemId} ({row.Sku}) names parent {row.ParentId}, which is not in the order; posted on its own.");
            }

            var kids = children.GetValueOrDefault(row.ItemId) ?? [];
            // Stryker disable once Equality : equivalent, a configurable row without children posts itself either way
            if (row.ProductType == "configurable" && kids.Count > 0)
            {
                // Parent carries the money, the child is the simple product that is actually picked (§5.9).
                var sku = kids.Count == 1 ? kids[0].Sku : row.Sku;
                if (kids.Count > 1)
                    notes.Add($"Configurable row {row.ItemId} has {kids.Count} child rows; posted under the parent SKU {row.Sku}.");
                else if (sku != row.Sku)
                    notes.Add($"Configurable row {row.ItemId}: SKU {sku} from the child row, amounts from the parent.");
                lines.Add(ToLine(row with { Sku = sku }));
            }
            // Stryker disable once Equality : equivalent, Any() over no children is already false
            else if (row.ProductType == "bundle" && kids.Count > 0 && kids.Any(k => k.RowTotal != 0))
            {
                // Dynamic-price bundle: each component carries its own price and is what leaves the shelf.
                notes.Add($"Bundle row {row.ItemId} ({row.Sku}) posted as its {kids.Count} priced components.");
                lines.AddRange(kids.Select(ToLine));
                if (row.Net != 0 || row.Tax != 0)
                    lines.Add(ToLine(row));
            }
            else
            {
                if (kids.Count > 0)
                    notes.Add($"Row {row.ItemId} ({row.Sku}, {row.ProductType}) has {kids.Count} unpriced child rows; the parent posts (a sales BOM in SAP).");
                lines.Add(ToLine(row));
            }
        }

        return lines.ToImmutable();
    }

    private static Row ParseRow(PayloadNode item)
    {
        // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
        item.RequireObject();
        var quantity = item.RequiredDecimal("qty_ordered");
        if (quantity <= 0)
            throw item.Required("qty_ordered").Error($"must be positive, was {quantity.ToString(CultureInfo.InvariantCulture)}");
        var rowTotal = item.OptionalDecimal("row_total");
        var net = Money.Cents(rowTotal - item.OptionalDecimal("discount_amount") + item.OptionalDecimal("discount_tax_compensation_amount"));
        return new Row(
            item,
            item.Required("item_id").Id(),
            item.Optional("parent_item_id")?.Id(),
            item.OptionalString("product_type") ?? "simple",
            item.RequiredString("sku"),
            quantity,
            net,
            Money.Cents(item.OptionalDecimal("tax_amount")),
            item.Optional("tax_percent")?.Decimal(),
            rowTotal);
    }

    private static OrderLine ToLine(Row row) => new(
        row.Sku,
        row.Quantity,
        Money.UnitPrice(row.Net, row.Quantity),
        row.Tax,
        row.Rate ?? Money.DeriveRate(row.Net, row.Tax));

    /// <summary>Magento timestamps are <c>yyyy-MM-dd HH:mm:ss</c> in UTC whatever the store's timezone (§1.2).</summary>
    private static DateTimeOffset ParseTimestamp(PayloadNode node)
    {
        var text = node.String();
        // Stryker disable once Bitwise : equivalent, the formats carry no offset and the result is pinned to UTC either way
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return new DateTimeOffset(parsed, TimeSpan.Zero);
        throw node.Error($"must be a timestamp like 2017-08-21 22:22:19, was \"{text}\"");
    }
}

/// <summary>A Magento order header's totals; <see cref="Reconciles"/> when they explain the grand total to the cent.</summary>
public sealed record MagentoHeaderTotals(decimal Subtotal, decimal Shipping, decimal Tax, decimal Discount, decimal GrandTotal)
{
    public decimal Sum => Subtotal + Shipping + Tax + Discount;

    public bool Reconciles => Sum == GrandTotal;
}

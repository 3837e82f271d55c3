using ActorSync.Domain.Payments;
using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Addresses;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.BigCommerce;

/// <summary>
/// The header of a v2 order (<c>GET /v2/orders/{id}</c>, fixtures <c>v2_order.json</c>, <c>v2_orders.json</c>).
/// The grand total is <c>total_inc_tax</c> = subtotal + shipping + handling + wrapping − <c>discount_amount</c> −
/// <c>coupon_discount</c> (inc. tax): order 218's sample comes to 67.84 + 12.00 − 5.00 − 5.00 = 69.84.
/// Money arrives as strings with four decimals (channels.md §2.4) and is kept as given here; amounts are rounded to
/// cents only when lines are built. Lines and shipping addresses are separate resources (link objects in the header).
/// </summary>
public sealed record BigCommerceOrderHeader(
    string Id,
    string CustomerId,
    int StatusId,
    string Status,
    DateTimeOffset Created,
    string Currency,
    bool TaxInclusivePricing,
    BigCommerceAmounts Subtotal,
    BigCommerceAmounts Shipping,
    BigCommerceAmounts Handling,
    BigCommerceAmounts Wrapping,
    BigCommerceAmounts Total,
    decimal DiscountAmount,
    decimal CouponDiscount,
    string? PaymentMethod,
    string? Email,
    string? Name,
    ImmutableList<BigCommerceFee> Fees,
    string? ExternalOrderId)
{
    /// <summary><c>payment_status</c> (§2.4; the docs' samples say <c>authorized</c>).</summary>
    public string? PaymentStatus { get; init; }
    /// <summary><c>payment_provider_id</c>: the PSP's transaction id, empty when none.</summary>
    public string? PaymentProviderId { get; init; }
    /// <summary><c>store_credit_amount</c> and <c>gift_certificate_amount</c> (in the docs' order samples): parts of the total paid otherwise.</summary>
    public decimal StoreCreditAmount { get; init; }
    public decimal GiftCertificateAmount { get; init; }

    public bool IsGuest => CustomerId == "0";

    /// <summary>The buyer as <c>billing_address</c> names them (company, e-mail, phone).</summary>
    public OrderBuyer? Buyer { get; init; }

    /// <summary><c>billing_address</c> (<c>street_1</c>/<c>street_2</c>, <c>state</c> by name, <c>country_iso2</c>).</summary>
    public PostalAddress? BillingAddress { get; init; }

    /// <summary>
    /// Where the header's own figures disagree (the docs' samples do: order 218's <c>subtotal_ex_tax</c> 62.6793 is not
    /// 67.84 − 4.40; order 100 has <c>subtotal_tax</c> 25.63 but <c>total_tax</c> 0). Recorded, never smoothed over.
    /// </summary>
    public ImmutableList<string> Inconsistencies()
    {
        var found = ImmutableList.CreateBuilder<string>();
        foreach (var (name, a) in new[] { ("subtotal", Subtotal), ("shipping_cost", Shipping), ("handling_cost", Handling), ("wrapping_cost", Wrapping), ("total", Total) })
        {
            if (a.ExTax + a.Tax != a.IncTax)
                found.Add($"{name}_ex_tax {Fmt(a.ExTax)} + {name}_tax {Fmt(a.Tax)} = {Fmt(a.ExTax + a.Tax)}, not {name}_inc_tax {Fmt(a.IncTax)}");
        }

        var inc = Subtotal.IncTax + Shipping.IncTax + Handling.IncTax + Wrapping.IncTax - DiscountAmount - CouponDiscount;
        if (inc != Total.IncTax)
            found.Add($"subtotal + shipping + handling + wrapping − discount − coupon discount (inc. tax) = {Fmt(inc)}, not total_inc_tax {Fmt(Total.IncTax)}");
        var tax = Subtotal.Tax + Shipping.Tax + Handling.Tax + Wrapping.Tax;
        if (tax != Total.Tax)
            found.Add($"subtotal_tax + shipping/handling/wrapping tax = {Fmt(tax)}, not total_tax {Fmt(Total.Tax)}");
        return found.ToImmutable();
    }

    private static string Fmt(decimal d) => d.ToString("0.00##", CultureInfo.InvariantCulture);
}

/// <summary>One money triple of a v2 order: <c>x_ex_tax</c>, <c>x_inc_tax</c>, <c>x_tax</c>.</summary>
public sealed record BigCommerceAmounts(decimal ExTax, decimal IncTax, decimal Tax)
{
    public static BigCommerceAmounts Zero { get; } = new(0, 0, 0);
}

public sealed record BigCommerceFee(string Name, decimal ExTax, decimal IncTax, decimal Tax);

/// <summary>A row of <c>GET /v2/orders/{id}/products</c> (fixture <c>v2_order_products.json</c>).</summary>
/// <param name="AppliedDiscounts">Sum of <c>applied_discounts[].amount</c> for this row.</param>
/// <param name="ParentOrderProductId">Set on the components of a bundle / product pick list (price 0).</param>
public sealed record BigCommerceOrderProduct(
    string Id,
    string OrderId,
    string ProductId,
    string? VariantId,
    string OrderAddressId,
    string Sku,
    string Name,
    decimal Quantity,
    decimal PriceExTax,
    decimal PriceIncTax,
    BigCommerceAmounts Total,
    decimal AppliedDiscounts,
    decimal? DiscountedTotalIncTax,
    string? ParentOrderProductId,
    bool IsBundledProduct);

/// <summary>A row of <c>GET /v2/orders/{id}/shipping_addresses</c> (fixture <c>v2_order_shipping_addresses.json</c>).</summary>
public sealed record BigCommerceShippingAddress(
    string Id,
    string OrderId,
    string? Name,
    string? City,
    string? CountryIso2,
    int ItemsTotal,
    string? ShippingMethod,
    BigCommerceAmounts Cost)
{
    /// <summary>The place: <c>street_1</c>/<c>street_2</c>, <c>city</c>, <c>zip</c>, <c>state</c> (a name), <c>country_iso2</c>, names, company, phone.</summary>
    public PostalAddress? Address { get; init; }
}

/// <summary>
/// BigCommerce v2 orders. A complete order is three reads (header, products, shipping addresses); the engine's
/// connector fetches all three after a webhook and hands them over together, as <see cref="Compose"/> or as one JSON
/// "bundle" <c>{"order":{…},"products":[…],"shipping_addresses":[…]}</c> (<see cref="ParseBundle"/>).
/// <list type="bullet">
/// <item>Guests have <c>customer_id</c> 0 (§5.3); the email is on <c>billing_address</c>.</item>
/// <item><c>is_tax_inclusive_pricing</c> says which side is authoritative (§2.4, §5.4): for tax-inclusive stores the
///   line's gross (<c>discounted_total_inc_tax</c>) is what was paid and net = gross − <c>total_tax</c>; otherwise
///   net = <c>total_ex_tax</c> − discounts. Either way the channel's tax passes through unchanged.</item>
/// <item>Order products carry no tax percentage: the rate is derived from <c>total_tax</c> / <c>total_ex_tax</c>
///   (<see cref="Money.DeriveRate"/>).</item>
/// <item>Bundle / pick-list components (<c>parent_order_product_id</c>, price 0) are real goods that leave the
///   warehouse, so they post as their own zero-priced lines at the parent's rate.</item>
/// <item>Handling and wrapping are header charges like shipping; they travel with the freight amount.</item>
/// <item>Addresses: <c>billing_address</c> on the header, the shipping addresses from <c>/shipping_addresses</c>
///   (<c>street_1</c>/<c>street_2</c>, <c>state</c> as a name, <c>country_iso2</c>). Each product names its address
///   (<c>order_address_id</c>); an order with several is several consignments, and each line keeps its destination.</item>
/// </list>
/// </summary>
public static class BigCommerceOrderParser
{
    public const string Channel = "bigcommerce";

    public static BigCommerceOrderHeader ParseOrder(string json) => ParseHeader(PayloadNode.Parse(json, Channel));

    /// <summary><c>GET /v2/orders</c>: an array of headers.</summary>
    public static ImmutableList<BigCommerceOrderHeader> ParseOrderList(string json) =>
        PayloadNode.Parse(json, Channel).Items().Select(ParseHeader).ToImmutableList();

    /// <summary>
    /// <c>GET /v2/orders?min_date_modified=…</c> as the reconciling poll reads it: id, <c>date_modified</c> and
    /// <c>status_id</c> of each row, nothing else, so one odd order does not stop the poll (it is fetched and checked
    /// in full afterwards). An empty list may come as 204 with no body: pass "" or "[]".
    /// </summary>
    public static ImmutableList<Domain.Connectors.BigCommerce.ModifiedOrder> ParseModifiedList(string json) =>
        string.IsNullOrWhiteSpace(json)
            ? []
            : PayloadNode.Parse(json, Channel).Items().Select(o => new Domain.Connectors.BigCommerce.ModifiedOrder(
                o.RequireObject().Required("id").Id(), ParseDate(o.Required("date_modified")), o.RequiredInt("status_id"))).ToImmutableList();

    public static ImmutableList<BigCommerceOrderProduct> ParseProducts(string json) =>
        ParseProducts(PayloadNode.Parse(json, Channel));

    public static ImmutableList<BigCommerceShippingAddress> ParseShippingAddresses(string json) =>
        ParseShippingAddresses(PayloadNode.Parse(json, Channel));

    public static ParsedChannelOrder ParseBundle(string json)
    {
        var root = PayloadNode.Parse(json, Channel).RequireObject();
        var addresses = root.Optional("shipping_addresses");
        return Compose(ParseHeader(root.Required("order")), ParseProducts(root.Required("products")),
            addresses is null ? [] : ParseShippingAddresses(addresses.Value));
    }

    /// <summary>Is this JSON object a bundle (order + products) rather than a bare header?</summary>
    public static bool IsBundle(PayloadNode root) => root.IsObject && root.Has("order") && root.Has("products");

    public static BigCommerceOrderHeader ParseHeader(PayloadNode order)
    {
        // Stryker disable once Statement : equivalent, the next Optional() checks for an object itself with the same error
        order.RequireObject();
        var billing = order.Optional("billing_address");
        var first = billing?.OptionalString("first_name");
        var last = billing?.OptionalString("last_name");
        var name = string.Join(' ', new[] { first, last }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var fees = order.Optional("fees") is { } feeList
            ? feeList.Items().Select(f => new BigCommerceFee(
                f.OptionalString("display_name_merchant") ?? f.OptionalString("display_name_customer") ?? f.OptionalString("type") ?? "fee",
                // The docs' sample spells it both cost_exc_tax and cost_ex_tax.
                f.Optional("cost_ex_tax")?.Decimal() ?? f.OptionalDecimal("cost_exc_tax"),
                f.OptionalDecimal("cost_inc_tax"),
                f.OptionalDecimal("cost_tax"))).ToImmutableList()
            : [];
        return new BigCommerceOrderHeader(
            Id: order.Required("id").Id(),
            CustomerId: order.Required("customer_id").Id(),
            StatusId: order.RequiredInt("status_id"),
            Status: order.OptionalString("status") ?? "",
            Created: ParseDate(order.Required("date_created")),
            Currency: order.RequiredString("currency_code"),
            TaxInclusivePricing: order.Optional("is_tax_inclusive_pricing")?.Flag() ?? false,
            Subtotal: Amounts(order, "subtotal", required: true),
            Shipping: Amounts(order, "shipping_cost"),
            Handling: Amounts(order, "handling_cost"),
            Wrapping: Amounts(order, "wrapping_cost"),
            Total: Amounts(order, "total", required: true),
            DiscountAmount: order.OptionalDecimal("discount_amount"),
            CouponDiscount: order.OptionalDecimal("coupon_discount"),
            PaymentMethod: order.OptionalString("payment_method"),
            Email: billing?.OptionalString("email"),
            Name: name.Length == 0 ? null : name,
            Fees: fees,
            ExternalOrderId: order.OptionalString("external_order_id"))
        {
            Buyer = billing is { IsObject: true } b
                ? AddressFields.OrNull(new OrderBuyer(name.Length == 0 ? null : name, AddressFields.Text(b, "company"), AddressFields.Text(b, "email"), AddressFields.Text(b, "phone")))
                : null,
            BillingAddress = billing is { IsObject: true } address ? AddressFields.OrNull(ParseAddress(address)) : null,
            PaymentStatus = order.OptionalString("payment_status"),
            PaymentProviderId = order.OptionalString("payment_provider_id"),
            StoreCreditAmount = order.OptionalDecimal("store_credit_amount"),
            GiftCertificateAmount = order.OptionalDecimal("gift_certificate_amount"),
        };
    }

    /// <summary>A v2 address: the billing address or a row of <c>/shipping_addresses</c> (§2.4).</summary>
    private static PostalAddress ParseAddress(PayloadNode address) => new(
        Name: AddressFields.Name(AddressFields.Text(address, "first_name"), AddressFields.Text(address, "last_name")),
        Company: AddressFields.Text(address, "company"),
        Street: AddressFields.Text(address, "street_1"),
        Street2: AddressFields.Text(address, "street_2"),
        City: AddressFields.Text(address, "city"),
        PostalCode: AddressFields.Text(address, "zip"),
        Region: AddressFields.Text(address, "state"),
        // country_iso2 is the code; country is the English name, kept only when the code is missing (the check names it).
        Country: AddressFields.Text(address, "country_iso2") ?? AddressFields.Text(address, "country"),
        Phone: AddressFields.Text(address, "phone"));

    private static ImmutableList<BigCommerceOrderProduct> ParseProducts(PayloadNode products) =>
        products.Items().Select(p =>
        {
            // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
            p.RequireObject();
            var quantity = p.RequiredDecimal("quantity");
            if (quantity <= 0)
                throw p.Required("quantity").Error($"must be positive, was {quantity.ToString(CultureInfo.InvariantCulture)}");
            var discounts = p.Optional("applied_discounts") is { } list ? list.Items().Sum(d => d.RequiredDecimal("amount")) : 0m;
            return new BigCommerceOrderProduct(
                Id: p.Required("id").Id(),
                OrderId: p.Required("order_id").Id(),
                ProductId: p.Required("product_id").Id(),
                VariantId: p.Optional("variant_id")?.Id(),
                OrderAddressId: p.Required("order_address_id").Id(),
                Sku: p.RequiredString("sku"),
                Name: p.OptionalString("name") ?? "",
                Quantity: quantity,
                PriceExTax: p.RequiredDecimal("price_ex_tax"),
                PriceIncTax: p.RequiredDecimal("price_inc_tax"),
                Total: new BigCommerceAmounts(p.RequiredDecimal("total_ex_tax"), p.RequiredDecimal("total_inc_tax"), p.RequiredDecimal("total_tax")),
                AppliedDiscounts: discounts,
                DiscountedTotalIncTax: p.Optional("discounted_total_inc_tax")?.Decimal(),
                ParentOrderProductId: p.Optional("parent_order_product_id")?.Id(),
                IsBundledProduct: p.Optional("is_bundled_product")?.Flag() ?? false);
        }).ToImmutableList();

    private static ImmutableList<BigCommerceShippingAddress> ParseShippingAddresses(PayloadNode addresses) =>
        addresses.Items().Select(a =>
        {
            // Stryker disable once Statement : equivalent, Optional() checks for an object itself with the same error
            a.RequireObject();
            var name = string.Join(' ', new[] { a.OptionalString("first_name"), a.OptionalString("last_name") }.Where(n => n is not null));
            return new BigCommerceShippingAddress(
                Id: a.Required("id").Id(),
                OrderId: a.Required("order_id").Id(),
                Name: name.Length == 0 ? null : name,
                City: a.OptionalString("city"),
                CountryIso2: a.OptionalString("country_iso2"),
                ItemsTotal: a.OptionalInt("items_total") ?? 0,
                ShippingMethod: a.OptionalString("shipping_method"),
                Cost: new BigCommerceAmounts(a.OptionalDecimal("cost_ex_tax"), a.OptionalDecimal("cost_inc_tax"), a.OptionalDecimal("cost_tax")))
            {
                Address = AddressFields.OrNull(ParseAddress(a)),
            };
        }).ToImmutableList();

    /// <summary>
    /// The three reads of one order as a <see cref="ChannelOrder"/>. Products or addresses of another order are an
    /// input error (the docs' samples are of orders 218, 149 and 229: they do not belong together).
    /// </summary>
    public static ParsedChannelOrder Compose(BigCommerceOrderHeader header, IReadOnlyList<BigCommerceOrderProduct> products, IReadOnlyList<BigCommerceShippingAddress> addresses)
    {
        for (var i = 0; i < products.Count; i++)
        {
            if (products[i].OrderId != header.Id)
                throw new ChannelPayloadException(Channel, $"products[{i}].order_id", $"belongs to order {products[i].OrderId}, not to order {header.Id}");
        }

        for (var i = 0; i < addresses.Count; i++)
        {
            if (addresses[i].OrderId != header.Id)
                throw new ChannelPayloadException(Channel, $"shipping_addresses[{i}].order_id", $"belongs to order {addresses[i].OrderId}, not to order {header.Id}");
        }

        if (products.Count == 0)
            throw new ChannelPayloadException(Channel, "products", $"holds no rows for order {header.Id}");

        var notes = ImmutableList.CreateBuilder<string>();
        notes.AddRange(header.Inconsistencies().Select(i => $"Header figures disagree: {i}."));
        var byId = products.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var lines = ImmutableList.CreateBuilder<OrderLine>();
        foreach (var product in products)
        {
            decimal net, tax = Money.Cents(product.Total.Tax);
            if (header.TaxInclusivePricing)
                // Stryker disable once NullCoalescing : equivalent for the channel's figures, discounted_total_inc_tax is total_inc_tax less applied_discounts (fixture v2_order_products: 65.23 - 1.59 = 63.64)
                net = Money.Cents(product.DiscountedTotalIncTax ?? product.Total.IncTax - product.AppliedDiscounts) - tax;
            else
                net = Money.Cents(product.Total.ExTax - product.AppliedDiscounts);
            var rate = Money.DeriveRate(Money.Cents(product.Total.ExTax), tax);
            if (product.ParentOrderProductId is { } parentId && byId.TryGetValue(parentId, out var parent) && net == 0 && tax == 0)
            {
                rate = Money.DeriveRate(Money.Cents(parent.Total.ExTax), Money.Cents(parent.Total.Tax));
                // Stryker disable once String : equivalent, a derived rate carries no trailing zeros (rounded to 0, 1 or 2 places only as needed); the note's words are pinned by BigCommerceOrderMappingSpecs
                notes.Add($"Product {product.Id} ({product.Sku}) is a zero-priced component of {parent.Id} ({parent.Sku}); posted as its own line at {rate.ToString("0.##", CultureInfo.InvariantCulture)} %.");
            }

            if (product.AppliedDiscounts != 0)
                // Stryker disable once String : equivalent, the tax is rounded to the cent from v2's four-decimal strings, so it always prints two places; the note's words are pinned by BigCommerceOrderMappingSpecs
                notes.Add($"Product {product.Id} ({product.Sku}): discounts of {product.AppliedDiscounts.ToString("0.00", CultureInfo.InvariantCulture)} taken off the net; the channel's tax {tax.ToString("0.00", CultureInfo.InvariantCulture)} passes through.");
            lines.Add(new OrderLine(product.Sku, product.Quantity, Money.UnitPrice(net, product.Quantity), tax, rate, ShipToId: product.OrderAddressId));
        }

        var withItems = addresses.Where(a => a.ItemsTotal > 0).ToList();
        var shipTo = withItems.FirstOrDefault() ?? addresses.FirstOrDefault();
        // The destinations are the addresses the products name (several make consignments); without such a link,
        // the addresses with items, else the first.
        var named = addresses.Where(a => products.Any(p => p.OrderAddressId == a.Id)).ToList();
        var destinations = (named.Count > 0 ? named : withItems.Count > 0 ? withItems : addresses.Take(1).ToList())
            .Where(a => a.Address is not null).Select(a => new ShipToAddress(a.Id, a.Address!)).ToImmutableList();
        if (destinations.Count > 1)
            notes.Add($"The order ships to {destinations.Count} addresses; each sales order row names its own, each delivery goes to one, and the sales order carries the first one's method ({shipTo?.ShippingMethod}).");
        else if (withItems.Count > 1)
            notes.Add($"The order ships to {withItems.Count} addresses; the sales order carries the first one's method ({shipTo?.ShippingMethod}).");
        var linked = lines.Select(l => destinations.Exists(d => d.Id == l.ShipToId) ? l : l with { ShipToId = null }).ToImmutableList();
        lines.Clear();
        lines.AddRange(linked);
        var fees = header.Fees.Where(f => f.IncTax != 0).ToList();
        if (fees.Count > 0)
            notes.Add($"Fees {string.Join(", ", fees.Select(f => $"'{f.Name}' {f.IncTax.ToString("0.00", CultureInfo.InvariantCulture)}"))} are listed on the order but are not part of total_inc_tax here; they are not posted (the totals check shows it if they were charged).");

        var shippingNet = Money.Cents(header.Shipping.ExTax + header.Handling.ExTax + header.Wrapping.ExTax);
        var shippingTax = Money.Cents(header.Shipping.Tax + header.Handling.Tax + header.Wrapping.Tax);
        if (header.Handling.IncTax != 0 || header.Wrapping.IncTax != 0)
            notes.Add("Handling and gift-wrapping charges travel with the freight expense.");

        var order = new ChannelOrder(
            Channel: Channel,
            ExternalId: header.Id,
            OrderDate: DateOnly.FromDateTime(header.Created.UtcDateTime),
            Currency: header.Currency,
            Customer: new CustomerRef(header.Email, header.IsGuest ? null : header.CustomerId, header.IsGuest, header.Name),
            Lines: lines.ToImmutable(),
            ShippingAmount: shippingNet,
            ShippingTax: shippingTax,
            TotalPaid: Money.Cents(header.Total.IncTax),
            ShippingMethod: shipTo?.ShippingMethod,
            // v2 orders name no inventory location (location_id belongs to the v3 inventory API, §2.7).
            Location: null,
            Addresses: header.Buyer is null && header.BillingAddress is null && destinations.IsEmpty
                ? null
                : new OrderAddresses(header.Buyer ?? new OrderBuyer(header.Name, Email: header.Email), header.BillingAddress) { ShipTo = destinations })
        {
            Payments = Payments(header),
        };
        return new ParsedChannelOrder(order, OrderTotals.Of(order), BigCommerceStatuses.ReadinessOf(header.StatusId), notes.ToImmutable(), PaymentMethod: header.PaymentMethod);
    }

    /// <summary>
    /// The order's money: store credit and gift certificates (<c>store_credit_amount</c>, <c>gift_certificate_amount</c>)
    /// as the methods <c>storecredit</c> and <c>giftcertificate</c>, each mapped to its own account, and the rest of
    /// <c>total_inc_tax</c> as <c>payment_method</c>, with <c>payment_provider_id</c> as its reference. A
    /// <c>payment_status</c> of <c>authorized</c> is not money taken: it pays nothing until a later read of the order
    /// says otherwise. Other statuses read as captured; the method's mapping (<c>Capture: Reported</c>) holds back
    /// offline methods such as <c>Cash</c>.
    /// </summary>
    private static ImmutableList<OrderPayment>? Payments(BigCommerceOrderHeader header)
    {
        var payments = ImmutableList.CreateBuilder<OrderPayment>();
        if (header.StoreCreditAmount > 0) payments.Add(new OrderPayment("storecredit", Money.Cents(header.StoreCreditAmount), PaymentState.Captured));
        if (header.GiftCertificateAmount > 0) payments.Add(new OrderPayment("giftcertificate", Money.Cents(header.GiftCertificateAmount), PaymentState.Captured));
        var rest = Money.Cents(header.Total.IncTax) - payments.Sum(p => p.Amount);
        if (header.PaymentMethod is { Length: > 0 } method && rest > 0)
        {
            var state = string.Equals(header.PaymentStatus, "authorized", StringComparison.OrdinalIgnoreCase) ? PaymentState.Authorised : PaymentState.Captured;
            payments.Insert(0, new OrderPayment(method, rest, state, string.IsNullOrWhiteSpace(header.PaymentProviderId) ? null : header.PaymentProviderId));
        }
        return payments.Count == 0 ? null : payments.ToImmutable();
    }

    private static BigCommerceAmounts Amounts(PayloadNode order, string prefix, bool required = false)
    {
        if (!required && !order.Has($"{prefix}_inc_tax"))
            return BigCommerceAmounts.Zero;
        return new BigCommerceAmounts(order.RequiredDecimal($"{prefix}_ex_tax"), order.RequiredDecimal($"{prefix}_inc_tax"), order.RequiredDecimal($"{prefix}_tax"));
    }

    /// <summary>v2 dates are RFC-2822 strings, always UTC (<c>Tue, 05 Mar 2019 21:40:11 +0000</c>, §2.4).</summary>
    private static DateTimeOffset ParseDate(PayloadNode node)
    {
        var text = node.String();
        // Stryker disable once String : equivalent, the loose parse below reads RFC-2822 dates as UTC too
        if (DateTimeOffset.TryParseExact(text, ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var exact))
            return exact;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose))
            return loose;
        throw node.Error($"must be an RFC-2822 date like \"Tue, 05 Mar 2019 21:40:11 +0000\", was \"{text}\"");
    }
}

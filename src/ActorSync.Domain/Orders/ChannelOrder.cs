using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Domain.Orders;

/// <summary>
/// An order as a sales channel reported it, after channel-specific parsing and before any SAP mapping.
/// Amounts are in the order currency, exactly as the customer paid them. <see cref="Addresses"/> (the buyer, bill-to and
/// ship-to) came later than the rest: null on orders journaled before it and on records that carry no address.
/// </summary>
public sealed record ChannelOrder(
    string Channel,
    string ExternalId,
    DateOnly OrderDate,
    string Currency,
    CustomerRef Customer,
    ImmutableList<OrderLine> Lines,
    decimal ShippingAmount,
    decimal ShippingTax,
    decimal TotalPaid,
    string? ShippingMethod = null,
    string? Location = null,
    OrderAddresses? Addresses = null)
{
    public OrderKey Key => new(Channel, ExternalId);

    /// <summary>
    /// How the customer paid, as the channel reported it with the order (null: the channel said nothing, as every order
    /// journaled before payments existed). Later changes come as payment reports, never as a new version of the order.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableList<Payments.OrderPayment>? Payments { get; init; }

    /// <summary>
    /// A stable digest of the content. Records compare collections by reference, so duplicate deliveries
    /// of the same webhook are recognised by this digest instead of by record equality. The payments are left out on
    /// purpose: an order journaled before payments existed, delivered again with its payment, is the same order (a
    /// Duplicate, not a Conflict), and a payment that changes state (authorised, then captured) is a payment event.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder()
            .Append(Channel).Append('|').Append(ExternalId).Append('|').Append(OrderDate.ToString("yyyy-MM-dd")).Append('|')
            .Append(Currency).Append('|').Append(Customer.Email).Append('|').Append(Customer.ChannelCustomerId).Append('|')
            .Append(Customer.IsGuest).Append('|').Append(ShippingAmount).Append('|').Append(ShippingTax).Append('|')
            .Append(TotalPaid).Append('|').Append(ShippingMethod).Append('|').Append(Location);
        foreach (var line in Lines)
            text.Append('|').Append(line.Sku).Append(':').Append(line.Quantity).Append(':').Append(line.UnitPrice)
                .Append(':').Append(line.TaxAmount).Append(':').Append(line.TaxRate).Append(':').Append(line.Warehouse);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>
    /// The buyer, the addresses and which line goes where, digested apart from <see cref="Fingerprint"/> so the digest
    /// journaled with every order stays what it was; null when the order carries no addresses.
    /// <see cref="OrderRedelivery"/> says how the two decide between a duplicate, a conflict and a correction.
    /// </summary>
    public string? AddressFingerprint() => OrderRedelivery.Digest(this);
}

/// <summary>Who bought: matched to a business partner by email or channel id, or the channel's guest account.</summary>
public sealed record CustomerRef(string? Email, string? ChannelCustomerId, bool IsGuest, string? Name = null);

/// <summary>
/// One order line. <see cref="UnitPrice"/> is net of tax; <see cref="TaxAmount"/> is the tax the channel charged for the
/// whole line. <see cref="ShipToId"/> names the line's destination in <see cref="OrderAddresses.ShipTo"/> when the order
/// ships to several addresses (null: the first).
/// </summary>
public sealed record OrderLine(string Sku, decimal Quantity, decimal UnitPrice, decimal TaxAmount, decimal TaxRate, string? Warehouse = null,
    string? ShipToId = null)
{
    public decimal NetTotal => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Identity of an order across the engine: the channel plus the channel's own order id.</summary>
public sealed record OrderKey(string Channel, string ExternalId)
{
    /// <summary>The sharding entity id, also the tail of the persistence id (<c>order-magento:000000123</c>).</summary>
    public string EntityId => $"{Channel}:{ExternalId}";

    /// <summary>
    /// What goes into SAP's <c>NumAtCard</c>. SAP does not enforce uniqueness there, so the engine does, and it
    /// qualifies the id with the channel because two channels can both have an order "1001".
    /// </summary>
    public string NumAtCard => $"{Channel.ToUpperInvariant()}-{ExternalId}";

    public static OrderKey Parse(string entityId)
    {
        var colon = entityId.IndexOf(':');
        if (colon <= 0 || colon == entityId.Length - 1)
            throw new FormatException($"Order entity id '{entityId}' is not of the form <channel>:<external id>.");
        return new OrderKey(entityId[..colon], entityId[(colon + 1)..]);
    }

    public override string ToString() => EntityId;
}

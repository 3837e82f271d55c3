using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Domain.Orders;

/// <summary>
/// Who bought and where the order goes, as the channel reported it. Null on <see cref="ChannelOrder.Addresses"/> means
/// the record says nothing about addresses: an order journaled before addresses existed, or a channel or flow that has
/// none (a till sale). <see cref="ShipTo"/> holds one destination per shipping address; an order's lines name theirs by
/// <see cref="OrderLine.ShipToId"/> (lines that name none go to the first).
/// </summary>
public sealed record OrderAddresses(OrderBuyer Buyer, PostalAddress? BillTo = null)
{
    public ImmutableList<ShipToAddress> ShipTo { get; init; } = [];

    /// <summary>Where a line goes: its named destination, else the first one; null when the order ships nowhere.</summary>
    public ShipToAddress? DestinationOf(OrderLine line) =>
        (line.ShipToId is { } id ? ShipTo.FirstOrDefault(s => s.Id == id) : null) ?? ShipTo.FirstOrDefault();
}

/// <summary>The buyer: the person (or company) the documents name, and how customer service reaches them.</summary>
public sealed record OrderBuyer(string? Name = null, string? Company = null, string? Email = null, string? Phone = null)
{
    /// <summary>The name a document's <c>CardName</c> carries for a guest: the person, else the company.</summary>
    public string? DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name.Trim() : !string.IsNullOrWhiteSpace(Company) ? Company.Trim() : null;
}

/// <summary>
/// A postal address as the channel gave it, fields kept as sent. <see cref="Street2"/> holds every street line after
/// the first (Magento's street array, BigCommerce's <c>street_2</c>, Sitoo's <c>_address2</c>), joined with ", ".
/// <see cref="Region"/> is the state or region as the channel names it (a code such as "NY" where the channel has one,
/// else a name such as "Texas"); <see cref="Country"/> is the channel's two-letter code.
/// </summary>
public sealed record PostalAddress(
    string? Name = null,
    string? Company = null,
    string? Street = null,
    string? Street2 = null,
    string? City = null,
    string? PostalCode = null,
    string? Region = null,
    string? Country = null,
    string? Phone = null)
{
    /// <summary>Nothing but blanks: the channel sent the fields empty (a Sitoo webshop order with no delivery address).</summary>
    public bool IsEmpty => new[] { Street, Street2, City, PostalCode, Region, Country }.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// The same place as <paramref name="other"/>: street, city, postcode and country compared without case, spaces and
    /// punctuation, so "123 Oak Ave." and "123 oak ave" match. Names and phones are not part of a place.
    /// </summary>
    public bool SamePlaceAs(string? street, string? street2, string? city, string? postalCode, string? country) =>
        Normal(Street) + "|" + Normal(Street2) == Normal(street) + "|" + Normal(street2)
        && Normal(City) == Normal(city) && Normal(PostalCode) == Normal(postalCode) && Normal(Country) == Normal(country);

    public static string Normal(string? text) =>
        text is null ? "" : new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}

/// <summary>One shipping destination of an order; <see cref="Id"/> is the channel's address id (BigCommerce's <c>order_address_id</c>).</summary>
public sealed record ShipToAddress(string Id, PostalAddress Address);

/// <summary>
/// How a second delivery of an order that is already journaled compares with the first. The order's content (lines,
/// money, customer, dates: <see cref="ChannelOrder.Fingerprint"/>) decides first: different content is a Conflict.
/// Then its addresses (<see cref="ChannelOrder.AddressFingerprint"/>):
/// <list type="bullet">
/// <item>the journaled order has none (journaled before the engine read addresses, or the channel sent none), or the
///   new delivery has none: nothing contradicts, a Duplicate. An order journaled before an upgrade and delivered again
///   afterwards, now with its addresses, stays a Duplicate and keeps what it was journaled with;</item>
/// <item>both have them and they are equal: a Duplicate;</item>
/// <item>both have them and they differ: a Conflict, unless the order is parked and never reached SAP, in which case the
///   new delivery is the correction (the address was fixed in the channel) and the order is checked again with it.</item>
/// </list>
/// </summary>
public enum Redelivery { Duplicate, Conflict, Correction }

public static class OrderRedelivery
{
    public static Redelivery Judge(OrderState state, ChannelOrder incoming, string incomingFingerprint)
    {
        if (state.Fingerprint != incomingFingerprint || state.Order is null) return Redelivery.Conflict;
        var journaled = state.Order.AddressFingerprint();
        var delivered = incoming.AddressFingerprint();
        if (journaled is null || delivered is null || journaled == delivered) return Redelivery.Duplicate;
        return state.Status == OrderStatus.Quarantined && !state.SalesOrderPosted ? Redelivery.Correction : Redelivery.Conflict;
    }

    /// <summary>A digest of the buyer, the addresses and which line goes where; null when the order carries no addresses.</summary>
    internal static string? Digest(ChannelOrder order)
    {
        if (order.Addresses is not { } a) return null;
        var text = new StringBuilder();
        Append(text, a.Buyer.Name, a.Buyer.Company, a.Buyer.Email, a.Buyer.Phone);
        Append(text, a.BillTo);
        foreach (var shipTo in a.ShipTo)
        {
            text.Append("|>").Append(shipTo.Id);
            Append(text, shipTo.Address);
        }
        foreach (var line in order.Lines)
            text.Append("|@").Append(line.ShipToId);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static void Append(StringBuilder text, PostalAddress? address)
    {
        if (address is null)
        {
            text.Append("|-");
            return;
        }
        Append(text, address.Name, address.Company, address.Street, address.Street2, address.City, address.PostalCode, address.Region,
            address.Country, address.Phone);
    }

    private static void Append(StringBuilder text, params string?[] values)
    {
        foreach (var value in values)
            text.Append('|').Append(value?.Length).Append(':').Append(value);
    }
}

using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Domain.Documents;

/// <summary>
/// A customer the engine creates in SAP for a registered channel customer SAP does not know yet, with its bill-to and
/// ship-to addresses (<c>BPAddresses</c>) when the order has them.
/// </summary>
public sealed record SapBusinessPartner(string CardCode, string CardName, string EmailAddress, string CardType = "cCustomer",
    string? Phone1 = null, ImmutableList<SapPartnerAddress>? BPAddresses = null)
{
    /// <summary>
    /// The same customer always gets the same code (SAP's CardCode holds 15 characters), so a second order from them,
    /// or a create sent again after a lost answer, meets SAP's duplicate-key answer instead of making a second partner.
    /// </summary>
    public static string CodeFor(string channel, string email)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel.ToLowerInvariant()}|{email.Trim().ToLowerInvariant()}"));
        return "W" + Convert.ToHexString(digest)[..12];
    }
}

/// <summary>
/// One of a partner's addresses (<c>BPAddress</c>): <see cref="AddressType"/> is <c>bo_BillTo</c> or <c>bo_ShipTo</c>;
/// <see cref="AddressName"/> is unique per type and is what a document's <c>PayToCode</c>/<c>ShipToCode</c> names.
/// </summary>
public sealed record SapPartnerAddress(string AddressName, string AddressType, string? Street = null, string? Block = null, string? City = null,
    string? ZipCode = null, string? State = null, string? Country = null)
{
    public const string BillTo = "bo_BillTo";
    public const string ShipTo = "bo_ShipTo";
}

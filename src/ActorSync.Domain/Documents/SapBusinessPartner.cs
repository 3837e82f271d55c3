using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Domain.Documents;

/// <summary>A customer the engine creates in SAP for a registered channel customer SAP does not know yet.</summary>
public sealed record SapBusinessPartner(string CardCode, string CardName, string EmailAddress, string CardType = "cCustomer")
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

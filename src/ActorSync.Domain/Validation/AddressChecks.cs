using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Validation;

/// <summary>
/// An order's buyer and addresses, checked before the warehouse or SAP sees them, every problem at once, one
/// <c>invalid-address</c> exception per address (for customer service) naming the address, each problem and a
/// suggested correction.
/// <list type="bullet">
/// <item>An order that ships (it names a shipping method) needs a ship-to. Bill-to is checked when the channel sends
///   one and is not required: a till sale, a virtual order or an order journaled before addresses existed has none, and
///   goes to its partner's own addresses.</item>
/// <item>Every address sent needs a street, a city, a country and a postcode (except where the country has no postal
///   codes, <see cref="DocumentAddresses.WithoutPostcode"/>).</item>
/// <item>With SAP's countries known: the country must be one of SAP's codes; where SAP lists states for the country,
///   the region must be one of them (by code or name) and may not be missing.</item>
/// <item>Lengths as SAP's fields hold them (reference §8a): street, second street line and city 100, postcode 20,
///   country and state 3, the printable address 254, a guest's name as the document's <c>CardName</c> 100, a new
///   partner's phone 20.</item>
/// <item>No control characters, direction marks or broken text in any field.</item>
/// </list>
/// </summary>
public static class AddressChecks
{
    /// <param name="guest">The order goes to the shared guest partner (the buyer's name becomes the document's CardName).</param>
    /// <param name="newPartner">The engine creates the partner, with the buyer's phone as its <c>Phone1</c>.</param>
    public static ImmutableList<ExceptionDetails> Check(ChannelOrder order, MasterDataSnapshot? masterData, bool guest = false, bool newPartner = false)
    {
        if (order.Addresses is not { } addresses) return [];
        var context = $"Order {order.Key}";
        var problems = ImmutableList.CreateBuilder<ExceptionDetails>();

        var buyer = new List<string>();
        Text(buyer, "buyer's name", addresses.Buyer.Name, guest ? 100 : null, guest ? "the document's CardName holds 100" : null);
        Text(buyer, "buyer's company", addresses.Buyer.Company, guest && string.IsNullOrWhiteSpace(addresses.Buyer.Name) ? 100 : null, "the document's CardName holds 100");
        Text(buyer, "buyer's e-mail", addresses.Buyer.Email, 100, "SAP's EmailAddress holds 100");
        Text(buyer, "buyer's phone", addresses.Buyer.Phone, newPartner ? 20 : null, "SAP's Phone1 holds 20");
        if (buyer.Count > 0)
            problems.Add(ExceptionTypes.InvalidAddress($"{context}, buyer ({Describe(addresses.Buyer)}): {string.Join("; ", buyer)}."));

        if (addresses.BillTo is { IsEmpty: false } billTo)
            Add(problems, $"{context}, bill-to address", billTo, masterData, addresses.Buyer);
        var destinations = addresses.ShipTo.Where(s => !s.Address.IsEmpty).ToList();
        foreach (var shipTo in destinations)
            Add(problems, destinations.Count == 1 ? $"{context}, ship-to address" : $"{context}, ship-to address {shipTo.Id}", shipTo.Address, masterData, addresses.Buyer);
        if (destinations.Count == 0 && !string.IsNullOrWhiteSpace(order.ShippingMethod))
        {
            problems.Add(ExceptionTypes.InvalidAddress(
                $"{context} ships ('{order.ShippingMethod}') but has no ship-to address: the warehouse would send it to the partner's default address. " +
                "Suggested: ask the buyer where it goes and enter the shipping address in the channel."));
        }

        foreach (var line in order.Lines.Where(l => l.ShipToId is not null))
        {
            if (!destinations.Exists(d => d.Id == line.ShipToId))
                problems.Add(ExceptionTypes.InvalidAddress($"{context}, line {line.Sku}: ships to address {line.ShipToId}, which the order does not carry."));
        }
        return problems.ToImmutable();
    }

    private static void Add(ImmutableList<ExceptionDetails>.Builder problems, string what, PostalAddress address, MasterDataSnapshot? masterData, OrderBuyer buyer)
    {
        var found = Problems(address, masterData, buyer);
        if (found.Count > 0)
            problems.Add(ExceptionTypes.InvalidAddress($"{what} ({Describe(address)}): {string.Join("; ", found)}."));
    }

    /// <summary>Everything wrong with one address, each with its suggested correction where there is one.</summary>
    public static List<string> Problems(PostalAddress address, MasterDataSnapshot? masterData, OrderBuyer? buyer = null)
    {
        var found = new List<string>();
        var country = DocumentAddresses.CountryCode(address.Country);
        Required(found, "street", address.Street);
        Required(found, "city", address.City);
        if (country is null) found.Add("the country is missing");
        if (string.IsNullOrWhiteSpace(address.PostalCode) && (country is null || !DocumentAddresses.WithoutPostcode.Contains(country)))
            found.Add("the postcode is missing");

        Text(found, "name", address.Name, null, null);
        Text(found, "company", address.Company, null, null);
        Text(found, "street", address.Street, 100, "SAP's street holds 100");
        Text(found, "second street line", address.Street2, 100, "SAP's block holds 100; move part of it to the first line");
        Text(found, "city", address.City, 100, "SAP's city holds 100");
        Text(found, "postcode", address.PostalCode, 20, "SAP's postcode holds 20");
        Text(found, "region", address.Region, null, null);
        Text(found, "phone", address.Phone, null, null);

        if (country is not null)
        {
            if (masterData is { Countries.IsEmpty: false } && !masterData.Countries.ContainsKey(country))
                found.Add($"country '{address.Country!.Trim()}' is not a country code SAP knows{SuggestCountry(address.Country, masterData)}");
            else if (country.Length > 3)
                found.Add($"country '{address.Country!.Trim()}' is longer than SAP's 3-character code{SuggestCountry(address.Country, masterData)}");
            else if (masterData is { Countries.IsEmpty: false })
                CheckState(found, country, address.Region, masterData);
        }

        var sap = DocumentAddresses.ToSap(address, masterData);
        var printable = DocumentAddresses.Printable(address, sap, buyer?.DisplayName);
        if (printable.Length > DocumentAddresses.PrintableLength)
            found.Add($"printed, the address is {printable.Length} characters and SAP's printable address holds {DocumentAddresses.PrintableLength}; shorten the name, company or street lines");
        return found;
    }

    private static void CheckState(List<string> found, string country, string? region, MasterDataSnapshot masterData)
    {
        var states = masterData.StatesOf(country).ToList();
        if (states.Count == 0) return;
        if (string.IsNullOrWhiteSpace(region))
        {
            found.Add($"the state is missing, and SAP needs one of its {states.Count} states for {country} (such as {Example(states)})");
            return;
        }
        if (DocumentAddresses.StateCode(country, region, masterData) is null)
        {
            var close = Closest(region, states);
            found.Add($"state '{region.Trim()}' is not one of SAP's states for {country}" +
                      (close is null ? $" (such as {Example(states)})" : $"; suggested: {close.Code} ({close.Name})"));
        }
    }

    private static string Example(List<StateMasterData> states) => string.Join(", ", states.Take(3).Select(s => $"{s.Code} {s.Name}"));

    /// <summary>The state whose code or name is within two edits of what was sent ("Texsa" → TX Texas).</summary>
    private static StateMasterData? Closest(string region, List<StateMasterData> states)
    {
        var given = PostalAddress.Normal(region);
        return states
            .Select(s => (State: s, Distance: Math.Min(Distance(given, PostalAddress.Normal(s.Name)), Distance(given, PostalAddress.Normal(s.Code)))))
            .Where(x => x.Distance <= 2).OrderBy(x => x.Distance).Select(x => x.State).FirstOrDefault();
    }

    /// <summary>The usual slips: a country's name instead of its code, or the codes that are not ISO's (UK, EL).</summary>
    private static string SuggestCountry(string? sent, MasterDataSnapshot? masterData)
    {
        var given = sent?.Trim() ?? "";
        string? code = given.ToUpperInvariant() switch
        {
            "UK" => "GB",
            "EL" => "GR",
            _ => null,
        };
        code ??= masterData?.Countries.FirstOrDefault(c => PostalAddress.Normal(c.Value) == PostalAddress.Normal(given)).Key;
        if (code is not null && masterData is { Countries.IsEmpty: false } && !masterData.Countries.ContainsKey(code)) code = null;
        return code is null ? "; use SAP's two-letter code of the country, or add the country to SAP" : $"; suggested: {code}";
    }

    private static void Required(List<string> found, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) found.Add($"the {field} is missing");
    }

    /// <summary>Control characters, invisible direction marks and lone surrogates, then the length SAP holds.</summary>
    private static void Text(List<string> found, string field, string? value, int? max, string? why)
    {
        if (value is null) return;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var lone = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || lone)
            {
                found.Add($"the {field} holds the invisible character U+{(int)c:X4} at position {i + 1}; retype it without it");
                return;
            }
            if (char.IsHighSurrogate(c)) i++;
        }
        // SAP's nvarchar lengths count UTF-16 units, as .NET does.
        var length = value.Trim().Length;
        if (max is { } limit && length > limit)
            found.Add($"the {field} is {length} characters long and {why}");
    }

    private static string Describe(OrderBuyer buyer) => Join(buyer.Name, buyer.Company, buyer.Email, buyer.Phone);

    /// <summary>The address as the channel sent it, on one line, control characters shown as their code.</summary>
    public static string Describe(PostalAddress address) =>
        Join(address.Name, address.Company, address.Street, address.Street2, CityLine(address), address.Region, address.Country);

    // Without postcode and city there is no such part: "empty" belongs to a whole description, never in its middle.
    private static string? CityLine(PostalAddress address) =>
        string.IsNullOrWhiteSpace(address.PostalCode) && string.IsNullOrWhiteSpace(address.City) ? null : Join(address.PostalCode, address.City);

    private static string Join(params string?[] parts)
    {
        var text = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        if (text.Length == 0) return "empty";
        var shown = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..300] + "…" : text)
            shown.Append(char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c);
        return shown.ToString();
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}

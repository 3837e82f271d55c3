using System.Collections.Frozen;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Addresses on marketing documents and business partners (reference §8, §8a), as the emulator models them:
/// <list type="bullet">
/// <item>a document's ship-to and bill-to are, per side: the <c>AddressExtension</c> fields sent (the side as a whole);
///   else the partner address <c>ShipToCode</c>/<c>PayToCode</c> names; else the base document's (a copy carries its
///   base's addresses, codes and printable text); else the partner's default address. <c>Address</c>/<c>Address2</c>
///   are the printable texts, sent or built from the side;</item>
/// <item>a row's <c>ShipToCode</c>/<c>ShipToDescription</c>, sent or copied from its base row;</item>
/// <item>country and state codes must exist (<c>Countries</c>, <c>States</c> of that country); an unknown one is
///   SAP's bad reference inside a payload (-2028, reference §4) naming the column of the address table
///   (<c>[RDR12.CountryS]</c>); the column names are SAP's (§8a), the exact text is the emulator's;</item>
/// <item>values longer than SAP's fields (§8a) are refused (-5002, emulator wording; SAP refuses or truncates);</item>
/// <item>a missing state is not refused: no public source says for which countries SAP requires one.</item>
/// </list>
/// </summary>
internal sealed class AddressRules(CompanyData company)
{
    private static readonly FrozenSet<string> ModelledExtension = new[]
    {
        "ShipToStreet", "ShipToBlock", "ShipToCity", "ShipToZipCode", "ShipToState", "ShipToCountry",
        "BillToStreet", "BillToBlock", "BillToCity", "BillToZipCode", "BillToState", "BillToCountry",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ModelledPartnerAddress = new[]
    {
        "AddressName", "AddressType", "Street", "Block", "City", "ZipCode", "State", "Country", "BPCode", "RowNum",
    }.ToFrozenSet(StringComparer.Ordinal);

    public const int PrintableLength = 254;

    public void ApplyToDocument(DocumentSetInfo set, MarketingDocument doc, Payload body, BusinessPartnerRecord? partner, MarketingDocument? baseDoc)
    {
        var table = set.HeaderTable[1..] + "12";
        Payload? extension = null;
        if (body.Element.TryGetProperty("AddressExtension", out var sent) && sent.ValueKind != JsonValueKind.Null)
        {
            extension = Payload.Parse(sent, "AddressExtension");
            extension.Value.CollectExtras(ModelledExtension);
        }

        var shipCode = body.String("ShipToCode");
        var payCode = body.String("PayToCode");
        (doc.ShipTo, doc.ShipToCode, doc.Address2) = Side(set, partner, baseDoc, extension, "ShipTo", shipCode, PartnerAddressRecord.ShipTo,
            partner?.ShipToDefault, baseDoc is null ? default : (baseDoc.ShipTo, baseDoc.ShipToCode, baseDoc.Address2));
        (doc.BillTo, doc.PayToCode, doc.Address) = Side(set, partner, baseDoc, extension, "BillTo", payCode, PartnerAddressRecord.BillTo,
            partner?.BillToDefault, baseDoc is null ? default : (baseDoc.BillTo, baseDoc.PayToCode, baseDoc.Address));
        if (body.Contains("Address")) doc.Address = body.String("Address");
        if (body.Contains("Address2")) doc.Address2 = body.String("Address2");

        RequirePlace(doc.ShipTo, table, "S");
        RequirePlace(doc.BillTo, table, "B");
        RequireLength(doc.Address, PrintableLength, "Address", "Document");
        RequireLength(doc.Address2, PrintableLength, "Address2", "Document");
        RequireLength(doc.CardName, 100, "CardName", "Document");
    }

    /// <summary>A row's destination: sent, else its base row's. A code must name one of the partner's ship-to addresses.</summary>
    public void ApplyToLine(DocumentSetInfo set, DocumentLine line, Payload payload, BusinessPartnerRecord? partner, DocumentLine? baseLine, int lineNo)
    {
        line.ShipToCode = payload.String("ShipToCode") ?? baseLine?.ShipToCode;
        line.ShipToDescription = payload.String("ShipToDescription") ?? baseLine?.ShipToDescription;
        if (payload.String("ShipToCode") is { } code && partner?.FindAddress(PartnerAddressRecord.ShipTo, code) is null)
            throw SapErrors.BadReference($"{set.LineTable}.ShipToCode", PostingHelpers.Line(lineNo));
        RequireLength(line.ShipToDescription, PrintableLength, "ShipToDescription", "DocumentLine");
    }

    private (AddressRecord? Place, string? Code, string? Printable) Side(DocumentSetInfo set, BusinessPartnerRecord? partner, MarketingDocument? baseDoc,
        Payload? extension, string prefix, string? code, string type, string? defaultName, (AddressRecord? Place, string? Code, string? Printable) fromBase)
    {
        PartnerAddressRecord? named = null;
        if (code is not null)
        {
            named = partner?.FindAddress(type, code) ?? throw SapErrors.BadReference($"{set.HeaderTable}.{(type == PartnerAddressRecord.ShipTo ? "ShipToCode" : "PayToCode")}", null);
        }

        if (extension is { } x && Read(x, prefix) is { } sentPlace)
        {
            return (sentPlace, code, Printable(sentPlace));
        }

        if (named is not null)
        {
            return (named.Place, named.AddressName, Printable(named.Place));
        }

        if (baseDoc is not null)
        {
            return fromBase;
        }

        return partner?.FindAddress(type, defaultName) is { } fallback ? (fallback.Place, fallback.AddressName, Printable(fallback.Place)) : (null, null, null);
    }

    /// <summary>The side's fields as sent; null when none of them was.</summary>
    private static AddressRecord? Read(Payload extension, string prefix)
    {
        string[] fields = ["Street", "Block", "City", "ZipCode", "State", "Country"];
        if (!fields.Any(f => extension.Contains(prefix + f))) return null;
        return new AddressRecord(extension.String(prefix + "Street"), extension.String(prefix + "Block"), extension.String(prefix + "City"),
            extension.String(prefix + "ZipCode"), extension.String(prefix + "State"), extension.String(prefix + "Country"));
    }

    /// <summary>SAP builds the printable text from the address format; the emulator writes one line per part.</summary>
    public static string? Printable(AddressRecord place)
    {
        var cityLine = string.Join(' ', new[] { place.ZipCode, place.City }.Where(p => !string.IsNullOrEmpty(p)));
        var text = string.Join('\r', new[] { place.Street, place.Block, cityLine, place.State, place.Country }.Where(p => !string.IsNullOrEmpty(p)));
        return text.Length == 0 ? null : text;
    }

    /// <summary>Codes that exist and values that fit, for one side of a document (suffix S/B) or a partner address ("").</summary>
    private void RequirePlace(AddressRecord? place, string table, string suffix)
    {
        if (place is null) return;
        var type = suffix.Length == 0 ? "BPAddress" : "AddressExtension";
        var side = suffix switch { "S" => "ShipTo", "B" => "BillTo", _ => "" };
        RequireLength(place.Street, 100, side + "Street", type);
        RequireLength(place.Block, 100, side + "Block", type);
        RequireLength(place.City, 100, side + "City", type);
        RequireLength(place.ZipCode, 20, side + "ZipCode", type);
        if (place.Country is { Length: > 0 } country && company.FindCountry(country) is null)
            throw SapErrors.BadReference($"{table}.Country{suffix}", null);
        if (place.State is { Length: > 0 } state && company.FindState(place.Country, state) is null)
            throw SapErrors.BadReference($"{table}.State{suffix}", null);
    }

    private static void RequireLength(string? value, int max, string property, string type)
    {
        if (value is not null && value.Length > max)
            throw SapErrors.Validation($"Value too long in property '{property}' of '{type}' ({value.Length} characters, the field holds {max})");
    }

    /// <summary>
    /// <c>BPAddresses</c> of a partner being created: each needs a name unique per type and a known country and state;
    /// the first of each type becomes the default.
    /// </summary>
    public void ApplyToNewPartner(BusinessPartnerRecord partner, Payload body)
    {
        var list = new List<PartnerAddressRecord>();
        foreach (var entry in body.Array("BPAddresses", "BPAddress"))
        {
            entry.CollectExtras(ModelledPartnerAddress);
            var name = entry.String("AddressName");
            if (string.IsNullOrWhiteSpace(name))
                throw SapErrors.Validation("Enter an address name [CRD1.Address]");
            var type = entry.String("AddressType") switch
            {
                "bo_ShipTo" or "S" => PartnerAddressRecord.ShipTo,
                "bo_BillTo" or "B" or null => PartnerAddressRecord.BillTo,
                _ => throw SapErrors.BadQuery("Value of property 'AddressType' of 'BPAddress' is invalid"),
            };
            if (list.Exists(a => a.AddressType == type && a.AddressName == name))
                throw new SapException(400, SapErrors.DuplicateKeyCode, SapErrors.DuplicateKeyText);
            var place = new AddressRecord(entry.String("Street"), entry.String("Block"), entry.String("City"), entry.String("ZipCode"),
                entry.String("State"), entry.String("Country"));
            RequireLength(name, 50, "AddressName", "BPAddress");
            RequirePlace(place, "CRD1", "");
            list.Add(new PartnerAddressRecord(name, type, place, list.Count));
        }

        partner.AddressList = list;
        partner.ShipToDefault = list.Find(a => a.AddressType == PartnerAddressRecord.ShipTo)?.AddressName;
        partner.BillToDefault = list.Find(a => a.AddressType == PartnerAddressRecord.BillTo)?.AddressName;
    }
}

namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// One side of a document's <c>AddressExtension</c> (ship-to or bill-to; the fields the emulator models) with SAP's
/// columns in RDR12 and its siblings: Street, Block, City, ZipCode, State (a code in OCST), Country (a code in OCRY).
/// </summary>
public sealed record AddressRecord(string? Street = null, string? Block = null, string? City = null, string? ZipCode = null,
    string? State = null, string? Country = null)
{
    public bool IsEmpty => this == new AddressRecord();
}

/// <summary>
/// A business partner's address (<c>BPAddress</c>, CRD1): <c>AddressName</c> is unique per type; <c>AddressType</c> is
/// <c>bo_BillTo</c> or <c>bo_ShipTo</c>. A document's <c>PayToCode</c>/<c>ShipToCode</c> names one.
/// </summary>
public sealed record PartnerAddressRecord(string AddressName, string AddressType, AddressRecord Place, int RowNum)
{
    public const string BillTo = "bo_BillTo";
    public const string ShipTo = "bo_ShipTo";
}

/// <summary>A country (OCRY): SAP's code, its name, and whether it is in the EU.</summary>
public sealed record CountryRecord(string Code, string Name, bool Eu = false);

/// <summary>A state of a country (OCST): <c>Country</c> + <c>Code</c> (up to 3 characters) is its key.</summary>
public sealed record StateRecord(string Country, string Code, string Name);

using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Documents;

/// <summary>An address in SAP's terms: the fields of <c>AddressExtension</c> and <c>BPAddress</c>, state and country as SAP's codes.</summary>
public sealed record SapAddressFields(string? Street, string? Block, string? City, string? ZipCode, string? State, string? Country);

/// <summary>
/// Where a channel order's buyer and addresses go on its SAP documents (reference §8, §8a):
/// <list type="bullet">
/// <item>bill-to and the order's first ship-to go into <c>AddressExtension</c> (<c>BillTo*</c>, <c>ShipTo*</c>) and as
///   printable text into <c>Address</c> (bill-to) and <c>Address2</c> (ship-to);</item>
/// <item>for a registered partner whose <c>BPAddresses</c> hold the same place (street, city, postcode and country
///   compared normalised), the document names that address (<c>PayToCode</c>, <c>ShipToCode</c>) and SAP fills the rest;</item>
/// <item>for a guest on the shared guest partner, <c>CardName</c> is the buyer's name and the buyer's e-mail and phone are
///   the last lines of the printable bill-to, where customer service reads the customer on the document and the invoice
///   prints it (the phone also ends the ship-to, for the carrier); what does not fit SAP's 254 characters goes to
///   <c>Comments</c>;</item>
/// <item>an order shipping to several addresses names each row's destination (<c>ShipToCode</c>, else the printable
///   <c>ShipToDescription</c>); each delivery then carries the ship-to of the rows it takes.</item>
/// </list>
/// </summary>
public static class DocumentAddresses
{
    /// <summary>SAP's printable <c>Address</c>/<c>Address2</c> and a row's <c>ShipToDescription</c> hold 254 characters.</summary>
    public const int PrintableLength = 254;

    /// <summary>Countries the engine lets through without a postcode (no postal code system in general use).</summary>
    public static readonly ImmutableHashSet<string> WithoutPostcode = ["HK", "MO", "AE", "QA", "IE"];

    /// <summary>The address in SAP's terms: its state and country as SAP's codes (see <see cref="StateCode"/>).</summary>
    public static SapAddressFields ToSap(PostalAddress address, MasterDataSnapshot? masterData)
    {
        var country = CountryCode(address.Country);
        return new SapAddressFields(Trim(address.Street), Trim(address.Street2), Trim(address.City), Trim(address.PostalCode),
            StateCode(country, address.Region, masterData), country);
    }

    public static string? CountryCode(string? country) => string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();

    /// <summary>
    /// SAP's code of the region: the state SAP lists for the country whose code or name it is (channels send either:
    /// Magento "NY", BigCommerce "Texas"). Null when SAP lists no states for the country (none is sent), or when the
    /// region matches none of them (the check reports that). Without SAP's countries (no master data), a region of up to
    /// three characters is sent as it is, since it can only be a code, and a longer one is left out.
    /// </summary>
    public static string? StateCode(string? country, string? region, MasterDataSnapshot? masterData)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        var given = region.Trim();
        if (masterData is null || masterData.Countries.IsEmpty)
            return given.Length <= 3 ? given.ToUpperInvariant() : null;
        if (country is null) return null;
        var normal = PostalAddress.Normal(given);
        return masterData.StatesOf(country).FirstOrDefault(s => string.Equals(s.Code, given, StringComparison.OrdinalIgnoreCase))?.Code
               ?? masterData.StatesOf(country).FirstOrDefault(s => PostalAddress.Normal(s.Name) == normal)?.Code;
    }

    /// <summary>
    /// The printable address, one line per part as SAP's address box shows it: name, company, street lines,
    /// postcode and city, region, country.
    /// </summary>
    public static string Printable(PostalAddress address, SapAddressFields sap, string? fallbackName = null)
    {
        var name = Trim(address.Name) ?? Trim(fallbackName);
        var company = Trim(address.Company);
        var cityLine = string.Join(' ', new[] { sap.ZipCode, sap.City }.Where(p => p is not null));
        return Lines(name, company == name ? null : company, sap.Street, sap.Block, cityLine, Trim(address.Region), sap.Country);
    }

    /// <summary>The partner's address of <paramref name="type"/> at the same place, if it has one.</summary>
    public static SapPartnerAddress? Matching(BusinessPartnerMasterData? partner, string type, SapAddressFields sap) =>
        partner?.Addresses.FirstOrDefault(a => a.AddressType == type
            && new PostalAddress(Street: sap.Street, Street2: sap.Block, City: sap.City, PostalCode: sap.ZipCode, Country: sap.Country)
                .SamePlaceAs(a.Street, a.Block, a.City, a.ZipCode, a.Country));

    /// <summary>
    /// The addresses on a new sales order. <paramref name="guest"/>: the order goes to the channel's shared guest partner.
    /// <paramref name="partner"/>: SAP's copy of a registered partner (its addresses are matched); null for a guest or a
    /// partner the engine creates first, whose addresses always go on the document (a partner created earlier under the
    /// same code may hold other ones).
    /// </summary>
    public static SapDocument OnSalesOrder(SapDocument document, ChannelOrder order, bool guest, BusinessPartnerMasterData? partner,
        MasterDataSnapshot? masterData)
    {
        if (order.Addresses is not { } addresses) return document;
        var buyer = addresses.Buyer;
        var billTo = addresses.BillTo is { IsEmpty: false } b ? b : null;
        var shipTo = addresses.ShipTo.FirstOrDefault(s => !s.Address.IsEmpty);
        var bill = billTo is null ? null : ToSap(billTo, masterData);
        var ship = shipTo is null ? null : ToSap(shipTo.Address, masterData);

        var payTo = bill is null || guest ? null : Matching(partner, SapPartnerAddress.BillTo, bill);
        var shipToCode = ship is null || guest ? null : Matching(partner, SapPartnerAddress.ShipTo, ship);
        string? address = null, address2 = null;
        if (billTo is not null && payTo is null) address = Printable(billTo, bill!, buyer.DisplayName);
        if (shipTo is not null && shipToCode is null) address2 = Printable(shipTo.Address, ship!, buyer.DisplayName);

        var comments = document.Comments;
        if (guest)
        {
            // The guest partner's master data says nothing about this buyer: the document must.
            var contact = Lines(Trim(buyer.Email), Phone(buyer.Phone ?? billTo?.Phone));
            if (contact.Length > 0)
            {
                var withContact = address is null ? contact : address + "\r" + contact;
                if (withContact.Length <= PrintableLength) address = withContact;
                else comments = $"{comments}; buyer {contact.Replace('\r', ' ')}";
            }
            var shipPhone = Phone(shipTo?.Address.Phone ?? buyer.Phone);
            if (address2 is not null && shipPhone is not null && address2.Length + 1 + shipPhone.Length <= PrintableLength)
                address2 += "\r" + shipPhone;
        }

        var extension = bill is null && ship is null ? null : new SapAddressExtension(
            ShipToStreet: shipToCode is null ? ship?.Street : null, ShipToBlock: shipToCode is null ? ship?.Block : null,
            ShipToCity: shipToCode is null ? ship?.City : null, ShipToZipCode: shipToCode is null ? ship?.ZipCode : null,
            ShipToState: shipToCode is null ? ship?.State : null, ShipToCountry: shipToCode is null ? ship?.Country : null,
            BillToStreet: payTo is null ? bill?.Street : null, BillToBlock: payTo is null ? bill?.Block : null,
            BillToCity: payTo is null ? bill?.City : null, BillToZipCode: payTo is null ? bill?.ZipCode : null,
            BillToState: payTo is null ? bill?.State : null, BillToCountry: payTo is null ? bill?.Country : null);
        if (extension == new SapAddressExtension()) extension = null;

        var lines = document.DocumentLines;
        var destinations = addresses.ShipTo.Where(s => !s.Address.IsEmpty).ToList();
        if (destinations.Count > 1)
        {
            // Several destinations: each row says where it goes, so picking and each delivery follow the rows.
            lines = lines.Select((line, i) =>
            {
                var destination = i < order.Lines.Count ? addresses.DestinationOf(order.Lines[i]) : null;
                if (destination is null || destination.Address.IsEmpty) return line;
                var sap = ToSap(destination.Address, masterData);
                var code = guest ? null : Matching(partner, SapPartnerAddress.ShipTo, sap);
                return code is not null ? line with { ShipToCode = code.AddressName }
                    : line with { ShipToDescription = Printable(destination.Address, sap, buyer.DisplayName) };
            }).ToImmutableList();
        }

        return document with
        {
            CardName = guest ? buyer.DisplayName : null,
            Address = address,
            Address2 = address2,
            PayToCode = payTo?.AddressName,
            ShipToCode = shipToCode?.AddressName,
            AddressExtension = extension,
            DocumentLines = lines,
            Comments = comments,
        };
    }

    /// <summary>
    /// A new partner's addresses: bill-to and the first ship-to as <c>BPAddresses</c> named "Bill to" and "Ship to"
    /// (the names SAP's own forms suggest), so its next orders name them.
    /// </summary>
    public static ImmutableList<SapPartnerAddress>? ForNewPartner(ChannelOrder order, MasterDataSnapshot? masterData)
    {
        if (order.Addresses is not { } addresses) return null;
        var result = ImmutableList.CreateBuilder<SapPartnerAddress>();
        if (addresses.BillTo is { IsEmpty: false } billTo)
            result.Add(Partner(BillToName, SapPartnerAddress.BillTo, ToSap(billTo, masterData)));
        if (addresses.ShipTo.FirstOrDefault(s => !s.Address.IsEmpty) is { } shipTo)
            result.Add(Partner(ShipToName, SapPartnerAddress.ShipTo, ToSap(shipTo.Address, masterData)));
        return result.Count == 0 ? null : result.ToImmutable();
    }

    public const string BillToName = "Bill to";
    public const string ShipToName = "Ship to";

    /// <summary>
    /// Where a delivery goes when its rows all go to one destination other than the order's first (decided when the
    /// order was checked, <see cref="Destinations"/>). Null when it goes where the order goes (SAP copies the order's
    /// ship-to) or its rows go to several places (each row keeps its own).
    /// </summary>
    public static DeliveryDestination? ForDelivery(ChannelOrder? order, ImmutableList<DeliveryDestination>? destinations, IEnumerable<int> orderLines)
    {
        if (order?.Addresses is not { } addresses || destinations is not { Count: > 0 }) return null;
        var ids = orderLines.Select(i => i < order.Lines.Count ? addresses.DestinationOf(order.Lines[i])?.Id : null).Distinct().ToList();
        return ids is [{ } id] ? destinations.FirstOrDefault(d => d.Id == id) : null;
    }

    /// <summary>
    /// For an order shipping to several addresses, what a delivery to each destination after the first carries: the
    /// partner's address code, or the ship-to fields and the printable text. Null for an order with one destination.
    /// </summary>
    public static ImmutableList<DeliveryDestination>? Destinations(ChannelOrder order, bool guest, BusinessPartnerMasterData? partner, MasterDataSnapshot? masterData)
    {
        if (order.Addresses is not { } addresses) return null;
        var destinations = addresses.ShipTo.Where(s => !s.Address.IsEmpty).ToList();
        if (destinations.Count < 2) return null;
        return destinations.Skip(1).Select(d =>
        {
            var sap = ToSap(d.Address, masterData);
            var code = guest ? null : Matching(partner, SapPartnerAddress.ShipTo, sap);
            return code is not null
                ? new DeliveryDestination(d.Id, code.AddressName)
                : new DeliveryDestination(d.Id, null, new SapAddressExtension(sap.Street, sap.Block, sap.City, sap.ZipCode, sap.State, sap.Country),
                    Printable(d.Address, sap, addresses.Buyer.DisplayName));
        }).ToImmutableList();
    }

    private static SapPartnerAddress Partner(string name, string type, SapAddressFields sap) =>
        new(name, type, sap.Street, sap.Block, sap.City, sap.ZipCode, sap.State, sap.Country);

    private static string? Phone(string? phone) => Trim(phone) is { } p ? "Tel. " + p : null;

    private static string Lines(params string?[] parts) => string.Join('\r', parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// Where the deliveries to one of an order's further destinations go (<see cref="DocumentAddresses.Destinations"/>),
/// decided with the sales order and journaled with it, so every send of a delivery says the same.
/// </summary>
public sealed record DeliveryDestination(string Id, string? ShipToCode = null, SapAddressExtension? AddressExtension = null, string? Address2 = null);

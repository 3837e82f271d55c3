using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Tests.Validation;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Addresses;

/// <summary>
/// The test company with SAP's countries and states (Germany, Austria, the UK without states; the US and Canada with
/// some) and C00001 with a bill-to and a ship-to in Hamburg; orders with real shapes (fractional money, 20 % and 5 %).
/// </summary>
internal static class AddressFixtures
{
    public static readonly PostalAddress Hamburg = new("Jürgen Müller", null, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE", "+49 40 3095 1170");
    public static readonly PostalAddress Vienna = new("Anna Gruber", "Gruber KG", "Mariahilfer Straße 88", "Stiege 2, Top 14", "Wien", "1070", null, "AT", "+43 1 523 4411");
    public static readonly PostalAddress NewYork = new("Jane Doe", null, "123 Oak Ave", null, "Purchase", "10577", "NY", "US", "512-555-1111");
    public static readonly PostalAddress Austin = new("Jane Doe", null, "555 Main Street", null, "Austin", "78751", "Texas", "US");

    public static MasterDataSnapshot Snapshot()
    {
        var company = TestCompany.Snapshot();
        var c00001 = company.BusinessPartners["C00001"] with
        {
            Addresses =
            [
                new SapPartnerAddress("Bill to", SapPartnerAddress.BillTo, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE"),
                new SapPartnerAddress("Ship to", SapPartnerAddress.ShipTo, "Jungfernstieg 1", null, "Hamburg", "20354", null, "DE"),
                new SapPartnerAddress("Lager", SapPartnerAddress.ShipTo, "Am Sandtorkai 27", null, "Hamburg", "20457", null, "DE"),
            ],
        };
        return company with
        {
            BusinessPartners = company.BusinessPartners.SetItem("C00001", c00001),
            Countries = new Dictionary<string, string> { ["DE"] = "Germany", ["AT"] = "Austria", ["GB"] = "United Kingdom", ["US"] = "USA", ["CA"] = "Canada", ["IE"] = "Ireland" }
                .ToImmutableDictionary(),
            States =
            [
                new("US", "NY", "New York"), new("US", "TX", "Texas"), new("US", "CA", "California"), new("US", "WA", "Washington"),
                new("CA", "ON", "Ontario"), new("CA", "QC", "Quebec"),
            ],
        };
    }

    public static OrderMapping CompanyMapping() => TestCompany.Mapping() with { CreateMissingCustomers = ["magento"] };

    /// <summary>2 × 10.15 at 20 % and 19.99 at 5 %, shipping 4.95 at 20 %: 51.29 paid.</summary>
    public static ChannelOrder Order(string id, CustomerRef customer, OrderAddresses? addresses, string? shipping = "flatrate_flatrate") =>
        new("magento", id, new DateOnly(2030, 1, 14), "EUR", customer,
            [new OrderLine("ITM00001", 2, 10.15m, 4.06m, 20m), new OrderLine("ITM00002", 1, 19.99m, 1.00m, 5m)],
            ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 51.29m, ShippingMethod: shipping, Addresses: addresses);

    public static CustomerRef Guest => new("visitor@example.com", null, IsGuest: true, "Anna Gruber");

    public static OrderAddresses Both(PostalAddress billTo, PostalAddress shipTo, OrderBuyer? buyer = null) =>
        new(buyer ?? new OrderBuyer(billTo.Name, billTo.Company, "visitor@example.com", billTo.Phone), billTo) { ShipTo = [new ShipToAddress("1", shipTo)] };
}

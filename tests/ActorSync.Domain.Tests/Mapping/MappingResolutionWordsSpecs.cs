using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Mapping;

/// <summary>
/// How a customer, a warehouse, a tax rate and a payment method were resolved, in the words the dry run prints and
/// an exception's owner reads: which partner and why, and which setting is missing.
/// </summary>
public class MappingResolutionWordsSpecs
{
    private static readonly ActorSync.Domain.Documents.OrderMapping Mapping = TestCompany.Mapping();

    private static CustomerResolution Resolve(CustomerRef customer, string channel = "magento", ActorSync.Domain.Documents.OrderMapping? mapping = null, bool snapshot = true) =>
        MappingResolution.ResolveCustomer(customer, channel, mapping ?? Mapping, snapshot ? TestCompany.Snapshot() : null);

    [Fact]
    public void A_guest_partner_says_why_the_sale_went_to_it()
    {
        var alwaysGuest = Mapping with { CustomerMatching = Mapping.CustomerMatching.SetItem("magento", CustomerMatchRule.AlwaysGuest) };

        Assert.Equal(("WEBGUEST", "guest partner WEBGUEST (guest checkout)"), Pair(Resolve(new CustomerRef("ann@example.com", null, IsGuest: true))));
        Assert.Equal(("WEBGUEST", "guest partner WEBGUEST (channel posts every sale to its guest partner)"),
            Pair(Resolve(new CustomerRef("customer1@example.com", "101", IsGuest: false), mapping: alwaysGuest)));
        Assert.Equal(("WEBGUEST", "guest partner WEBGUEST (no email to match)"), Pair(Resolve(new CustomerRef(null, "101", IsGuest: false))));
        Assert.Equal(("WEBGUEST", "guest partner WEBGUEST (no customer id to match)"), Pair(Resolve(new CustomerRef("customer1@example.com", " ", IsGuest: false), "bigcommerce")));
    }

    private static (string?, string) Pair(CustomerResolution r)
    {
        Assert.Null(r.Exception);
        return (r.CardCode, r.How);
    }

    [Fact]
    public void A_channel_without_a_guest_partner_names_the_missing_setting()
    {
        var result = Resolve(new CustomerRef(null, null, IsGuest: true), "shopify");

        Assert.Equal((null, "guest partner"), (result.CardCode, result.How));
        Assert.Equal("Channel 'shopify' has a guest customer but no Mapping:Channels:shopify:GuestBusinessPartner.", result.Exception!.Reason);
    }

    [Fact]
    public void Without_sap_s_master_data_the_partner_is_left_to_post_time_and_says_how_it_will_be_found()
    {
        Assert.Equal((null, "business partner with EmailAddress customer1@example.com, matched at post time"),
            Pair(Resolve(new CustomerRef("customer1@example.com", "101", false), snapshot: false)));
        Assert.Equal((null, "business partner with bigcommerce customer id 101, matched at post time"),
            Pair(Resolve(new CustomerRef("customer1@example.com", "101", false), "bigcommerce", snapshot: false)));
    }

    [Fact]
    public void A_customer_sap_does_not_know_is_named_with_the_channel_and_the_buyer()
    {
        var named = Resolve(new CustomerRef("stranger@example.com", null, false, "Jane Doe"));
        var unnamed = Resolve(new CustomerRef("stranger@example.com", null, false));

        Assert.Equal((null, "business partner with EmailAddress stranger@example.com"), (named.CardCode, named.How));
        Assert.Equal("No SAP customer has EmailAddress stranger@example.com (magento customer Jane Doe).", named.Exception!.Reason);
        Assert.Equal("No SAP customer has EmailAddress stranger@example.com (magento customer).", unnamed.Exception!.Reason);
    }

    [Fact]
    public void A_matched_partner_says_by_what_and_an_inactive_one_is_named()
    {
        Assert.Equal(("C00001", "matched by EmailAddress Customer1@Example.com"), Pair(Resolve(new CustomerRef("Customer1@Example.com", null, false))));

        var inactive = Resolve(new CustomerRef("gone@example.com", null, false));
        Assert.Equal("CINACTIVE", inactive.CardCode);
        Assert.Equal("matched by EmailAddress gone@example.com: business partner CINACTIVE is inactive in SAP.", inactive.Exception!.Reason);
    }

    [Fact]
    public void An_unmapped_rate_or_payment_method_names_the_setting_to_add()
    {
        Assert.Equal("Order magento:100000451, line ITM00017: tax rate 7.7 % has no Mapping:VatGroups:7.7.",
            MappingResolution.ResolveVatGroup(Mapping, 7.70m, "Order magento:100000451, line ITM00017").Exception!.Reason);
        Assert.Equal("Till receipt sitoo:11513: payment method 'klarna' has no Mapping:PaymentMethods:klarna.",
            MappingResolution.ResolvePayment(Mapping, "klarna", "Till receipt sitoo:11513").Exception!.Reason);
    }

    [Fact]
    public void Lines_take_the_location_s_warehouse_unless_they_name_their_own_and_an_unmapped_location_is_named()
    {
        var order = new ChannelOrder("sitoo", "11513", new DateOnly(2030, 1, 14), "SEK", new CustomerRef(null, null, true),
            [new OrderLine("ITM00001", 2, 162.40m, 40.60m, 25m), new OrderLine("ITM00002", 1, 47.17m, 2.83m, 6m) { Warehouse = "01" }], 0m, 0m, 253m, Location: "2");

        var (resolved, problem) = MappingResolution.WithLineWarehouses(order, Mapping);
        var (unchanged, unmapped) = MappingResolution.WithLineWarehouses(order with { Location = "9" }, Mapping);

        Assert.Null(problem);
        Assert.Equal(["03", "01"], resolved.Lines.Select(l => l.Warehouse));
        Assert.Equal("Order sitoo:11513: sitoo location '9' has no Mapping:Channels:sitoo:Locations:9:Warehouse.", unmapped!.Reason);
        Assert.Equal([null, "01"], unchanged.Lines.Select(l => l.Warehouse));
    }
}

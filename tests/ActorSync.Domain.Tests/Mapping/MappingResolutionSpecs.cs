using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Mapping;

public class MappingResolutionSpecs
{
    private static readonly ActorSync.Domain.Documents.OrderMapping Mapping = TestCompany.Mapping();

    [Fact]
    public void A_guest_goes_to_the_channels_guest_partner()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("a@b.c", null, IsGuest: true), "magento", Mapping, TestCompany.Snapshot());

        Assert.Equal(("WEBGUEST", null), (result.CardCode, result.Exception));
    }

    [Fact]
    public void A_registered_customer_is_matched_by_email_case_insensitively()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("Customer1@Example.com", "101", false), "magento", Mapping, TestCompany.Snapshot());

        Assert.Equal("C00001", result.CardCode);
        Assert.Null(result.Exception);
    }

    [Fact]
    public void A_channel_that_matches_by_customer_id_finds_the_partner_recording_it()
    {
        var mapping = Mapping with { CustomerMatching = Mapping.CustomerMatching.SetItem("magento", CustomerMatchRule.ChannelCustomerId) };

        var result = MappingResolution.ResolveCustomer(new CustomerRef("other@example.com", "101", false), "magento", mapping, TestCompany.Snapshot());

        Assert.Equal("C00001", result.CardCode);
    }

    [Fact]
    public void An_always_guest_channel_ignores_the_email()
    {
        var mapping = Mapping with { CustomerMatching = Mapping.CustomerMatching.SetItem("sitoo", CustomerMatchRule.AlwaysGuest) };

        var result = MappingResolution.ResolveCustomer(new CustomerRef("customer1@example.com", null, false), "sitoo", mapping, TestCompany.Snapshot());

        Assert.Equal("POSGUEST", result.CardCode);
    }

    [Fact]
    public void A_customer_no_partner_matches_raises_unknown_customer_for_customer_service()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("nobody@example.com", "9", false, "No Body"), "magento", Mapping, TestCompany.Snapshot());

        Assert.Null(result.CardCode);
        Assert.Equal(("unknown-customer", ActorSync.Domain.Exceptions.OwningTeam.CustomerService), (result.Exception!.Type, result.Exception.Team));
    }

    [Fact]
    public void A_customer_matching_an_inactive_partner_raises_inactive_customer()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("gone@example.com", null, false), "magento", Mapping, TestCompany.Snapshot());

        Assert.Equal("inactive-customer", result.Exception!.Type);
    }

    [Fact]
    public void A_supplier_with_the_email_is_not_a_match()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("supplier@example.com", null, false), "magento", Mapping, TestCompany.Snapshot());

        Assert.Equal("unknown-customer", result.Exception!.Type);
    }

    [Fact]
    public void Without_master_data_the_match_is_left_to_post_time_and_the_placeholder_says_so()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef("jdoe@example.com", "3", false), "magento", Mapping, null);

        Assert.Null(result.CardCode);
        Assert.Null(result.Exception);
        Assert.Equal("<business partner with EmailAddress jdoe@example.com, matched at post time>", result.CardCodeOrPlaceholder);
    }

    [Fact]
    public void A_channel_without_a_guest_partner_cannot_take_a_guest()
    {
        var result = MappingResolution.ResolveCustomer(new CustomerRef(null, null, true), "wms", Mapping, null);

        Assert.Equal("invalid-order", result.Exception!.Type);
    }

    [Theory]
    [InlineData("sitoo", "2", "03")]
    [InlineData("sitoo", null, "02")]
    [InlineData("magento", null, "01")]
    [InlineData("bigcommerce", null, "01")]
    public void A_line_warehouse_comes_from_the_location_else_the_channel_else_the_default(string channel, string? location, string warehouse)
    {
        Assert.Equal(warehouse, MappingResolution.ResolveWarehouse(Mapping, channel, location, "ctx").Warehouse);
    }

    [Fact]
    public void A_named_location_without_a_mapping_raises_unmapped_warehouse_instead_of_guessing()
    {
        var (warehouse, problem) = MappingResolution.ResolveWarehouse(Mapping, "sitoo", "9", "Sitoo receipt 1");

        Assert.Null(warehouse);
        Assert.Equal(("unmapped-warehouse", ActorSync.Domain.Exceptions.OwningTeam.Operations), (problem!.Type, problem.Team));
        Assert.Contains("Mapping:Channels:sitoo:Locations:9:Warehouse", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmapped_payment_method_raises_unmapped_payment_method_for_finance()
    {
        var (account, problem) = MappingResolution.ResolvePayment(Mapping, "Klarna", "ctx");

        Assert.Null(account);
        Assert.Equal(("unmapped-payment-method", ActorSync.Domain.Exceptions.OwningTeam.Finance), (problem!.Type, problem.Team));
    }

    [Fact]
    public void An_unmapped_rate_raises_unmapped_tax()
    {
        Assert.Equal("unmapped-tax", MappingResolution.ResolveVatGroup(Mapping, 12m, "ctx").Exception!.Type);
        Assert.Equal("O2", MappingResolution.ResolveVatGroup(Mapping, 5.0m, "ctx").VatGroup);
    }
}

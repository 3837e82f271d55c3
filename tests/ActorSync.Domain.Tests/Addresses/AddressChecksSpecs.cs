using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests.Addresses;

public class AddressChecksSpecs
{
    private static ExceptionDetails Single(PostalAddress shipTo, MasterDataSnapshot? masterData = null)
    {
        var problems = AddressChecks.Check(Order("A-1", Guest, Both(Vienna, shipTo)), masterData ?? Snapshot(), guest: true);
        var problem = Assert.Single(problems);
        Assert.Equal((ExceptionTypes.InvalidAddressType, OwningTeam.CustomerService), (problem.Type, problem.Team));
        return problem;
    }

    [Fact]
    public void Complete_addresses_in_countries_SAP_knows_pass()
    {
        Assert.Empty(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, Hamburg)), Snapshot(), guest: true));
        Assert.Empty(AddressChecks.Check(Order("A-2", Guest, Both(NewYork, Austin)), Snapshot(), guest: true));
    }

    [Fact]
    public void A_country_SAP_does_not_know_is_named_with_SAPs_code_as_the_suggestion()
    {
        var problem = Single(Hamburg with { Country = "UK" });
        Assert.Contains("ship-to address (Jürgen Müller, Jungfernstieg 1, 20354, Hamburg, UK)", problem.Reason);
        Assert.Contains("country 'UK' is not a country code SAP knows; suggested: GB", problem.Reason);

        Assert.Contains("suggested: DE", Single(Hamburg with { Country = "Germany" }).Reason);
        Assert.Contains("add the country to SAP", Single(Hamburg with { Country = "XK" }).Reason);
    }

    [Fact]
    public void A_missing_state_is_a_problem_only_where_SAP_lists_states_for_the_country()
    {
        Assert.Contains("the state is missing, and SAP needs one of its 4 states for US (such as NY New York", Single(NewYork with { Region = null }).Reason);
        Assert.Empty(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, Hamburg with { Region = null })), Snapshot(), guest: true));
    }

    [Fact]
    public void A_state_SAP_does_not_list_gets_the_nearest_one_as_the_suggestion()
    {
        Assert.Contains("state 'Texsa' is not one of SAP's states for US; suggested: TX (Texas)", Single(Austin with { Region = "Texsa" }).Reason);
        Assert.Contains("state 'Bavaria' is not one of SAP's states for US (such as", Single(Austin with { Region = "Bavaria" }).Reason);
    }

    [Fact]
    public void Missing_street_city_and_postcode_are_reported_together_in_one_exception()
    {
        var problem = Single(Hamburg with { Street = " ", City = null, PostalCode = "" });
        Assert.Contains("the street is missing; the city is missing; the postcode is missing", problem.Reason);
    }

    [Fact]
    public void A_country_without_postcodes_needs_none()
    {
        Assert.Empty(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, new PostalAddress("Niamh Byrne", null, "12 Main Street", null, "Dingle", null, "Kerry", "IE"))),
            Snapshot(), guest: true));
    }

    [Fact]
    public void Values_longer_than_SAPs_fields_are_named_with_the_length_SAP_holds()
    {
        var problem = Single(Hamburg with { Street = new string('S', 101), PostalCode = "D-20354-HAMBURG-ALTSTADT", Country = "DEU" });
        Assert.Contains("the street is 101 characters long and SAP's street holds 100", problem.Reason);
        Assert.Contains("the postcode is 24 characters long and SAP's postcode holds 20", problem.Reason);
        Assert.Contains("country 'DEU' is not a country code SAP knows", problem.Reason);
    }

    [Fact]
    public void A_guests_name_longer_than_the_documents_CardName_is_a_problem_of_the_buyer()
    {
        var buyer = new OrderBuyer(new string('N', 120), null, "visitor@example.com");
        var problems = AddressChecks.Check(Order("A-1", Guest, Both(Vienna, Hamburg, buyer)), Snapshot(), guest: true);
        Assert.Contains(problems, p => p.Reason.Contains("buyer") && p.Reason.Contains("120 characters long and the document's CardName holds 100"));
        Assert.DoesNotContain(AddressChecks.Check(Order("A-2", Guest, Both(Vienna, Hamburg, buyer)), Snapshot(), guest: false), p => p.Reason.Contains("CardName"));
    }

    [Fact]
    public void Control_characters_and_direction_marks_are_named_with_their_position()
    {
        var problem = Single(Hamburg with { Street = "Jungfernstieg\u00001", City = "Ham\u202Eburg" });
        Assert.Contains("the street holds the invisible character U+0000 at position 14", problem.Reason);
        Assert.Contains("the city holds the invisible character U+202E at position 4", problem.Reason);
        Assert.Contains("Jungfernstieg\\u00001", problem.Reason);
    }

    [Fact]
    public void Every_problem_of_every_address_is_found_in_one_pass()
    {
        var problems = AddressChecks.Check(Order("A-1", Guest, Both(Vienna with { City = null }, Austin with { Region = "Texsa", Country = "us" })), Snapshot(), guest: true);
        Assert.Equal(2, problems.Count);
        Assert.Contains("bill-to address", problems[0].Reason);
        Assert.Contains("the city is missing", problems[0].Reason);
        Assert.Contains("ship-to address", problems[1].Reason);
        Assert.Contains("suggested: TX", problems[1].Reason);
    }

    [Fact]
    public void An_order_that_ships_without_a_ship_to_address_is_parked_but_one_that_does_not_ship_needs_none()
    {
        var billOnly = new OrderAddresses(new OrderBuyer("Anna Gruber", Email: "visitor@example.com"), Vienna);
        var problem = Assert.Single(AddressChecks.Check(Order("A-1", Guest, billOnly), Snapshot(), guest: true));
        Assert.Contains("ships ('flatrate_flatrate') but has no ship-to address", problem.Reason);

        Assert.Empty(AddressChecks.Check(Order("A-2", Guest, billOnly, shipping: null), Snapshot(), guest: true));
    }

    [Fact]
    public void An_order_without_addresses_a_till_sale_or_one_journaled_before_addresses_is_not_checked()
    {
        Assert.Empty(AddressChecks.Check(Order("A-1", new CustomerRef(null, null, true), addresses: null), Snapshot(), guest: true));
    }

    [Fact]
    public void Without_SAPs_countries_the_address_is_still_checked_for_completeness_and_length()
    {
        var withoutCountries = Snapshot() with { Countries = [], States = [] };
        Assert.Empty(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, Austin with { Country = "ZZ" })), withoutCountries, guest: true));
        Assert.Contains("the city is missing", Assert.Single(AddressChecks.Check(Order("A-2", Guest, Both(Vienna, Austin with { City = null })), null, guest: true)).Reason);
    }
}

using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests.Addresses;

/// <summary>
/// What customer service reads when an address parks an order: the order, which address, the address as sent, and each
/// problem with SAP's limit or the correction; every field and limit checked at its edge.
/// </summary>
public class AddressChecksFieldSpecs
{
    private static IReadOnlyList<string> Reasons(ChannelOrder order, bool guest = true, bool newPartner = false) =>
        AddressChecks.Check(order, Snapshot(), guest, newPartner).Select(p => p.Reason).ToList();

    private static string ShipToReason(PostalAddress shipTo) => Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, shipTo))));

    [Fact]
    public void A_buyer_problem_names_the_order_the_buyer_as_sent_and_each_problem_with_sap_s_limit()
    {
        var buyer = new OrderBuyer(null, new string('G', 101), new string('e', 90) + "@example.com", "+43 1 523 4411 ext. 2207");

        var reason = Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, buyer)), guest: true, newPartner: true));

        Assert.Equal($"Order magento:A-1, buyer ({buyer.Company}, {buyer.Email}, {buyer.Phone}): "
            + "the buyer's company is 101 characters long and the document's CardName holds 100; "
            + "the buyer's e-mail is 102 characters long and SAP's EmailAddress holds 100; "
            + "the buyer's phone is 24 characters long and SAP's Phone1 holds 20.", reason);
    }

    [Fact]
    public void A_long_company_matters_only_for_a_guest_without_a_name_and_a_long_phone_only_for_a_partner_the_engine_creates()
    {
        var named = new OrderBuyer("Anna Gruber", new string('G', 101), "visitor@example.com", "+43 1 523 4411 ext. 2207");
        var unnamed = named with { Name = " " };

        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, named)), guest: true));
        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, unnamed)), guest: false));
        Assert.Contains("the buyer's company is 101 characters long", Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, unnamed)), guest: true)));
        Assert.Contains("the buyer's phone is 24 characters long", Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, named)), guest: false, newPartner: true)));
        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, named with { Name = new string('N', 100), Company = null })), guest: true));
    }

    [Fact]
    public void A_buyer_whose_only_field_is_a_tab_is_described_as_empty()
    {
        var reason = Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg, new OrderBuyer("\t")))));

        Assert.Equal("Order magento:A-1, buyer (empty): the buyer's name holds the invisible character U+0009 at position 1; retype it without it.", reason);
    }

    [Fact]
    public void One_ship_to_is_the_ship_to_address_and_several_are_named_by_their_id()
    {
        var two = new OrderAddresses(new OrderBuyer("Anna Gruber"), Vienna)
        {
            ShipTo = [new ShipToAddress("home", Hamburg with { City = null }), new ShipToAddress("office", NewYork with { City = null })],
        };

        var reasons = Reasons(Order("A-1", Guest, two));

        Assert.Equal([
            "Order magento:A-1, ship-to address home (Jürgen Müller, Jungfernstieg 1, 20354, DE): the city is missing.",
            "Order magento:A-1, ship-to address office (Jane Doe, 123 Oak Ave, 10577, NY, US): the city is missing.",
        ], reasons);
        Assert.Equal("Order magento:A-1, ship-to address (Jürgen Müller, Jungfernstieg 1, 20354, DE): the city is missing.",
            ShipToReason(Hamburg with { City = null }));
    }

    [Fact]
    public void An_order_that_ships_nowhere_tells_customer_service_what_to_do()
    {
        var billOnly = new OrderAddresses(new OrderBuyer("Anna Gruber"), Vienna);

        Assert.Equal(
            "Order magento:A-1 ships ('flatrate_flatrate') but has no ship-to address: the warehouse would send it to the partner's default address. "
            + "Suggested: ask the buyer where it goes and enter the shipping address in the channel.",
            Assert.Single(Reasons(Order("A-1", Guest, billOnly))));
    }

    [Fact]
    public void A_line_shipping_to_an_address_the_order_does_not_carry_is_named_with_its_sku()
    {
        var order = Order("A-1", Guest, Both(Vienna, Hamburg));
        var toHome = order with { Lines = [order.Lines[0] with { ShipToId = "1" }, order.Lines[1]] };
        var toNowhere = order with { Lines = [order.Lines[0], order.Lines[1] with { ShipToId = "office" }] };

        Assert.Empty(Reasons(toHome));
        Assert.Equal(["Order magento:A-1, line ITM00002: ships to address office, which the order does not carry."], Reasons(toNowhere));
    }

    [Fact]
    public void A_missing_country_is_named()
    {
        Assert.Equal("Order magento:A-1, ship-to address (Jürgen Müller, Jungfernstieg 1, 20354, Hamburg): the country is missing.",
            ShipToReason(Hamburg with { Country = " " }));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("company")]
    [InlineData("region")]
    [InlineData("phone")]
    [InlineData("second street line")]
    public void An_invisible_character_in_any_field_is_named_with_the_field_and_its_position(string field)
    {
        const string bell = "Gr\u0007uber";
        var address = field switch
        {
            "name" => Vienna with { Name = bell },
            "company" => Vienna with { Company = bell },
            "region" => Vienna with { Region = bell },
            "phone" => Vienna with { Phone = bell },
            _ => Vienna with { Street2 = bell },
        };

        Assert.Contains($"the {field} holds the invisible character U+0007 at position 3; retype it without it", ShipToReason(address));
    }

    [Fact]
    public void Only_the_first_invisible_character_of_a_field_is_named()
    {
        var reason = ShipToReason(Hamburg with { Street = "Jungfern\u0007stieg\u00001" });

        Assert.EndsWith("): the street holds the invisible character U+0007 at position 9; retype it without it.", reason);
    }

    [Fact]
    public void Emoji_and_accents_are_text_but_a_lone_half_of_a_surrogate_pair_is_not()
    {
        var highAtEnd = "Jungfernstieg 1 " + '\uD83C';
        var lowFirst = '\uDF84' + "Jungfernstieg 1";
        var lowAfterText = "Jungfern" + '\uDF84' + "stieg 1";

        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg with { Street = "Jungfernstieg 1 🎄", Name = "Jürgen 🎄🎄 Müller" }))));
        Assert.Contains("the street holds the invisible character U+D83C at position 17", ShipToReason(Hamburg with { Street = highAtEnd }));
        Assert.Contains("the street holds the invisible character U+DF84 at position 1", ShipToReason(Hamburg with { Street = lowFirst }));
        Assert.Contains("the street holds the invisible character U+DF84 at position 9", ShipToReason(Hamburg with { Street = lowAfterText }));
        Assert.Contains("the street holds the invisible character U+D83C at position 9",
            ShipToReason(Hamburg with { Street = "Jungfern" + '\uD83C' + "stieg 1" }));
    }

    [Fact]
    public void Street_lines_and_city_are_held_to_sap_s_100_characters_at_the_edge()
    {
        var hundred = new string('S', 100);
        var reason = ShipToReason(Hamburg with { Street2 = hundred + "2", City = hundred + "C" });

        Assert.Contains("the second street line is 101 characters long and SAP's block holds 100; move part of it to the first line", reason);
        Assert.Contains("the city is 101 characters long and SAP's city holds 100", reason);
        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, Hamburg with { Street = hundred[..90] + " 1", City = "Hamburg" }))));
        Assert.DoesNotContain("street is", ShipToReason(Hamburg with { Street = hundred, City = null }));
    }

    [Fact]
    public void Without_sap_s_countries_a_code_longer_than_three_characters_is_refused_with_advice()
    {
        var noCountries = Snapshot() with { Countries = [], States = [] };
        var order = Order("A-1", Guest, Both(Vienna, Hamburg with { Country = "Germany" }));

        var reason = Assert.Single(AddressChecks.Check(order, noCountries, guest: true)).Reason;

        Assert.Contains("country 'Germany' is longer than SAP's 3-character code; use SAP's two-letter code of the country, or add the country to SAP", reason);
        Assert.Empty(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, Hamburg with { Country = "DEU" })), noCountries, guest: true));
    }

    [Fact]
    public void Greece_s_el_is_suggested_as_gr_only_when_sap_knows_gr()
    {
        var withGreece = Snapshot() with { Countries = Snapshot().Countries.Add("GR", "Greece") };
        var athens = new PostalAddress("Eleni Papadopoulou", null, "Ermou 12", null, "Athina", "105 63", null, "EL");

        var known = Assert.Single(AddressChecks.Check(Order("A-1", Guest, Both(Vienna, athens)), withGreece, guest: true)).Reason;
        var unknown = ShipToReason(athens);

        Assert.Contains("country 'EL' is not a country code SAP knows; suggested: GR", known);
        Assert.Contains("country 'EL' is not a country code SAP knows; use SAP's two-letter code of the country, or add the country to SAP", unknown);
    }

    [Fact]
    public void A_missing_state_lists_three_of_sap_s_states_as_examples()
    {
        Assert.Contains("the state is missing, and SAP needs one of its 4 states for US (such as NY New York, TX Texas, CA California).",
            ShipToReason(NewYork with { Region = "" }));
    }

    [Theory]
    [InlineData("N", "; suggested: NY (New York)")]
    [InlineData("Texasqq", "; suggested: TX (Texas)")]
    [InlineData("Texasqqq", " (such as NY New York, TX Texas, CA California)")]
    [InlineData("Washingtn", "; suggested: WA (Washington)")]
    public void The_nearest_state_within_two_edits_is_suggested(string region, string advice)
    {
        Assert.Contains($"state '{region}' is not one of SAP's states for US{advice}", ShipToReason(Austin with { Region = region }));
    }

    [Fact]
    public void The_printed_address_is_held_to_sap_s_254_characters_at_the_edge()
    {
        var snapshot = Snapshot();
        PostalAddress WithName(int length) => Hamburg with { Name = new string('N', length) };
        int Printed(PostalAddress a) => DocumentAddresses.Printable(a, DocumentAddresses.ToSap(a, snapshot)).Length;
        var fits = Enumerable.Range(1, 300).Select(WithName).First(a => Printed(a) == DocumentAddresses.PrintableLength);
        var over = fits with { Name = fits.Name + "N" };

        Assert.Empty(Reasons(Order("A-1", Guest, Both(Vienna, fits, new OrderBuyer("Anna Gruber")))));
        Assert.Contains("printed, the address is 255 characters and SAP's printable address holds 254; shorten the name, company or street lines",
            Assert.Single(Reasons(Order("A-1", Guest, Both(Vienna, over, new OrderBuyer("Anna Gruber"))))));
    }

    [Fact]
    public void An_address_is_described_on_one_line_cut_at_300_characters()
    {
        var exactly = new PostalAddress(new string('N', 300));
        var longer = new PostalAddress(new string('N', 301));

        Assert.Equal(new string('N', 300), AddressChecks.Describe(exactly));
        Assert.Equal(new string('N', 300) + "…", AddressChecks.Describe(longer));
        Assert.Equal("Anna Gruber, Gruber KG, Mariahilfer Straße 88, Stiege 2, Top 14, 1070, Wien, AT", AddressChecks.Describe(Vienna));
        Assert.Equal("Jürgen Müller, Jungfernstieg 1, DE", AddressChecks.Describe(Hamburg with { PostalCode = " ", City = null }));
    }
}

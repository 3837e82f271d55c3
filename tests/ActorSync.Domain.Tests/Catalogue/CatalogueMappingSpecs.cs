using ActorSync.Domain.Catalogue;
using ActorSync.Domain.Mapping;

namespace ActorSync.Domain.Tests.Catalogue;

public class CatalogueMappingSpecs
{
    private static MappingSettings With(CatalogueMappingSettings catalogue) => new()
    {
        Channels =
        {
            ["sitoo"] = new ChannelMappingSettings { GuestBusinessPartner = "POSGUEST", Catalogue = catalogue },
            ["magento"] = new ChannelMappingSettings { GuestBusinessPartner = "WEBGUEST" },
        },
    };

    [Fact]
    public void A_channels_catalogue_mapping_names_its_price_list_and_whether_prices_are_gross()
    {
        var mapping = With(new CatalogueMappingSettings { PriceList = "2", Prices = "gross" }).ToOrderMapping();

        Assert.Equal(new ChannelCatalogue("sitoo", 2, PriceBasis.Gross), mapping.Catalogues["SITOO"]);
        Assert.False(mapping.Catalogues.ContainsKey("magento"));
    }

    [Fact]
    public void A_bad_price_list_or_price_basis_is_refused_naming_the_key()
    {
        var errors = With(new CatalogueMappingSettings { PriceList = "retail", Prices = "incl. VAT" }).Validate();

        Assert.Contains(errors, e => e.StartsWith("Mapping:Channels:sitoo:Catalogue:PriceList must be a positive SAP price list number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Mapping:Channels:sitoo:Catalogue:Prices must be Gross or Net", StringComparison.Ordinal));
    }
}

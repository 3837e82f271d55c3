using System.Collections.Immutable;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.Documents;
using ActorSync.Engine.Catalogue;

namespace ActorSync.Engine.Tests.Catalogue;

public class CatalogueSettingsSpecs
{
    private static readonly OrderMapping Mapped = OrderMapping.ForDemoCompany("sitoo", "bigcommerce") with
    {
        Catalogues = ImmutableDictionary<string, ChannelCatalogue>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase)
            .Add("sitoo", new ChannelCatalogue("sitoo", 1, PriceBasis.Gross)),
    };

    private static SitooCatalogueSettings Sitoo() => new() { BaseUrl = "https://api.mysitoo.com/v2/accounts/90316/", ApiId = "90316-125", ApiPassword = "s3cret-Pa55" };

    private static string KeyOf(Action validate) => Assert.Throws<ArgumentException>(validate).ParamName!;

    [Fact]
    public void A_channel_without_its_catalogue_mapping_or_with_a_bad_setting_is_refused_naming_the_key_and_never_the_secret()
    {
        Assert.Equal("Catalogue:BigCommerce:MappingChannel", KeyOf(() => new CatalogueSettings
        {
            BigCommerce = new BigCommerceCatalogueSettings { StoreHash = "abc123", AccessToken = "tok-9f2" },
        }.Validate(Mapped)));
        Assert.Equal("Catalogue:Sitoo:MaxItemsPerCall", KeyOf(() => new CatalogueSettings { Sitoo = Tweak(Sitoo(), x => x.MaxItemsPerCall = 1001) }.Validate(Mapped)));
        Assert.Equal("Catalogue:Sap:PageSize", KeyOf(() => new CatalogueSettings { Sap = new SapCatalogueSettings { PageSize = 0 }, Sitoo = Sitoo() }.Validate(Mapped)));
        var secret = Assert.Throws<ArgumentException>(() => new CatalogueSettings { Sitoo = Tweak(Sitoo(), x => x.ApiPassword = "has space") }.Validate(Mapped));
        Assert.Equal("Catalogue:Sitoo:ApiPassword", secret.ParamName);
        Assert.DoesNotContain("has space", secret.Message, StringComparison.Ordinal);

        new CatalogueSettings { Sitoo = Sitoo() }.Validate(Mapped);
    }

    private static T Tweak<T>(T settings, Action<T> change)
    {
        change(settings);
        return settings;
    }
}

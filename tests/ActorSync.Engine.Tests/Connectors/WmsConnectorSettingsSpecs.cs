using ActorSync.Domain.Documents;
using ActorSync.Engine.Connectors.Wms;

namespace ActorSync.Engine.Tests.Connectors;

/// <summary>Connectors:Wms and Connectors:Mintsoft are validated at start with errors naming the key, never a secret.</summary>
public class WmsConnectorSettingsSpecs
{
    private const string Secret = "5f0c2e7d9a1b3c4d5e6f708192a3b4c5";

    private static string KeyOf(Action validate) => Assert.Throws<ArgumentException>(validate).ParamName!;

    [Fact]
    public void Bad_sources_are_refused_naming_the_key_and_never_the_secret()
    {
        WmsConnectorSettings With(Action<WmsSourceSettings> change)
        {
            var source = new WmsSourceSettings { Name = "acme-3pl", Secret = Secret };
            change(source);
            return new WmsConnectorSettings { Sources = [source] };
        }
        Assert.Equal("Connectors:Wms:Sources:0:Secret", KeyOf(() => With(s => s.Secret = "").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:Secret", KeyOf(() => With(s => s.Secret = "short-secret").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:PreviousSecret", KeyOf(() => With(s => s.PreviousSecret = "has a space in it 0000000000").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:Name", KeyOf(() => With(s => s.Name = "Acme/3PL").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:Name", KeyOf(() => With(s => s.Name = "magento").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:Warehouses:MAN1", KeyOf(() => With(s => s.Warehouses["MAN1"] = "TOO-LONG-CODE").Validate("Connectors:Wms")));
        Assert.Equal("Connectors:Wms:Sources:0:ReplayWindow", KeyOf(() => With(s => s.ReplayWindow = TimeSpan.FromDays(1)).Validate("Connectors:Wms")));
        var error = Assert.Throws<ArgumentException>(() => With(s => s.Secret = "short-secret").Validate("Connectors:Wms"));
        Assert.DoesNotContain("short-secret", error.Message);
        Assert.DoesNotContain(Secret, new WmsConnectorSettings { Sources = [new WmsSourceSettings { Name = "acme", Secret = Secret }] }.ToString());
    }

    [Fact]
    public void Bad_mintsoft_settings_are_refused_naming_the_key()
    {
        Assert.Equal("Connectors:Mintsoft:Secret", KeyOf(() => new MintsoftConnectorSettings().Validate("Connectors:Mintsoft")));
        Assert.Equal("Connectors:Mintsoft:Channels:web", KeyOf(() => new MintsoftConnectorSettings { Secret = Secret, Channels = { ["web"] = "magento" } }.Validate("Connectors:Mintsoft")));
        Assert.Equal("Connectors:Mintsoft:DefaultChannel", KeyOf(() => new MintsoftConnectorSettings { Secret = Secret, DefaultChannel = "mag ento" }.Validate("Connectors:Mintsoft")));
    }

    [Fact]
    public void A_sources_sap_warehouses_are_mapped_onto_themselves_and_a_clash_names_both_keys()
    {
        var sources = new WmsSources(new WmsConnectorSettings { Sources = [new WmsSourceSettings { Name = "acme-3pl", Secret = Secret, Warehouses = { ["MAN1"] = "01" } }] }, null);
        var mapping = OrderMapping.ForDemoCompany("magento").WithWarehouseSources(sources);
        Assert.Equal("01", mapping.Locations["acme-3pl"]["01"].Warehouse);
        Assert.Equal("DMG", mapping.Locations["acme-3pl"]["DMG"].Warehouse); // write-offs of returns

        var clash = OrderMapping.ForDemoCompany("magento") with
        {
            Locations = mapping.Locations.SetItem("acme-3pl", mapping.Locations["acme-3pl"].SetItem("01", new Domain.Mapping.ChannelLocation("02", [], 0))),
        };
        Assert.Equal("Mapping:Channels:acme-3pl:Locations:01", KeyOf(() => clash.WithWarehouseSources(sources)));
    }
}

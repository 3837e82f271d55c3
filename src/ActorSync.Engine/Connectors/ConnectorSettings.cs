using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Wms;
using ActorSync.Engine.Connectors.Sitoo;

namespace ActorSync.Engine.Connectors;

/// <summary>Section <c>Connectors</c>: the inbound channel connectors; a channel left out (null) is not connected.</summary>
public sealed class ConnectorSettings
{
    public BigCommerceConnectorSettings? BigCommerce { get; set; }

    public SitooConnectorSettings? Sitoo { get; set; }

    /// <summary>Warehouse systems posting ActorSync's signed canonical events (<c>POST /webhooks/wms/{source}</c>).</summary>
    public WmsConnectorSettings? Wms { get; set; }

    /// <summary>Mintsoft's despatch and ASN booked-in Connect actions (<c>POST /webhooks/mintsoft</c>).</summary>
    public MintsoftConnectorSettings? Mintsoft { get; set; }

    public WmsSources WarehouseSources => new(Wms, Mintsoft);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (<c>Connectors:BigCommerce:WebhookSecret is required</c>), never a value.</summary>
    public void Validate()
    {
        BigCommerce?.Validate("Connectors:BigCommerce");
        Wms?.Validate("Connectors:Wms");
        Mintsoft?.Validate("Connectors:Mintsoft");
        Sitoo?.Validate(SitooConnectorHosting.Section);
    }
}

using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;
using ActorSync.Engine.Connectors.Sitoo;
using ActorSync.Engine.Connectors.Wms;

namespace ActorSync.Engine.Connectors;

/// <summary>Section <c>Connectors</c>: the inbound channel connectors; a channel left out (null) is not connected.</summary>
public sealed class ConnectorSettings
{
    /// <summary>Webhooks in (<c>POST /webhooks/bigcommerce</c>) with a reconciling poll.</summary>
    public BigCommerceConnectorSettings? BigCommerce { get; set; }

    /// <summary>A poll on <c>updated_at</c> of orders, shipments and credit memos.</summary>
    public MagentoConnectorSettings? Magento { get; set; }

    /// <summary>Polls on order and warehouse-transaction ids, with the Events SPI (<c>POST /webhooks/sitoo</c>) as the fast path.</summary>
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
        Magento?.Validate("Connectors:Magento");
        Sitoo?.Validate(SitooConnectorHosting.Section);
        Wms?.Validate("Connectors:Wms");
        Mintsoft?.Validate("Connectors:Mintsoft");
    }
}

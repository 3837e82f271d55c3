using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Magento;

namespace ActorSync.Engine.Connectors;

/// <summary>Section <c>Connectors</c>: the inbound channel connectors; a channel left out (null) is not connected.</summary>
public sealed class ConnectorSettings
{
    public BigCommerceConnectorSettings? BigCommerce { get; set; }

    public MagentoConnectorSettings? Magento { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (<c>Connectors:BigCommerce:WebhookSecret is required</c>), never a value.</summary>
    public void Validate()
    {
        BigCommerce?.Validate("Connectors:BigCommerce");
        Magento?.Validate("Connectors:Magento");
    }
}

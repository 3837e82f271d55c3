using ActorSync.Channels.Outbound;

namespace ActorSync.Engine.Tracking;

/// <summary>
/// Bound from configuration section "Tracking": the channels that are told about shipments a warehouse confirmed.
/// A channel left out is not told (its orders' dispatches still reach SAP); leaving both out turns tracking off.
/// </summary>
public sealed class TrackingSettings
{
    public MagentoOutboundOptions? Magento { get; set; }
    public BigCommerceOutboundOptions? BigCommerce { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad key (<c>Tracking:Magento:BaseUrl …</c>).</summary>
    public void Validate()
    {
        try
        {
            Magento?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Tracking:Magento: {e.Message}", $"Tracking:Magento:{e.ParamName}");
        }
        try
        {
            BigCommerce?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Tracking:BigCommerce: {e.Message}", $"Tracking:BigCommerce:{e.ParamName}");
        }
    }
}

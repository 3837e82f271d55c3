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
        Check("Magento", Magento is null ? null : Magento.Validate);
        Check("BigCommerce", BigCommerce is null ? null : BigCommerce.Validate);
    }

    private static void Check(string channel, Action? validate)
    {
        try
        {
            validate?.Invoke();
        }
        catch (ArgumentException e)
        {
            // "ConsumerKey is required. (Parameter 'ConsumerKey')" becomes "Tracking:Magento:ConsumerKey is required.": the key, never a type.
            var problem = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"Tracking:{channel}:{problem}");
        }
    }
}

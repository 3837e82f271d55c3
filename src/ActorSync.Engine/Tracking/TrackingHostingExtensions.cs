using ActorSync.Channels.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Tracking;

public static class TrackingHostingExtensions
{
    /// <summary>
    /// The shipment publishers for the configured channels, one <see cref="HttpClient"/> each. Order entities ask
    /// <see cref="ShipmentPublishers"/> whether their channel takes shipments and publish through it.
    /// </summary>
    public static IServiceCollection AddShipmentPublishing(this IServiceCollection services, TrackingSettings settings)
    {
        settings.Validate();
        services.AddSingleton(sp =>
        {
            var publishers = new List<IShipmentPublisher>();
            if (settings.Magento is { } magento)
                publishers.Add(new MagentoShipmentPublisher(new HttpClient(), magento, sp.GetService<ILogger<MagentoShipmentPublisher>>()));
            if (settings.BigCommerce is { } bigCommerce)
                publishers.Add(new BigCommerceShipmentPublisher(new HttpClient(), bigCommerce, sp.GetService<ILogger<BigCommerceShipmentPublisher>>()));
            return new ShipmentPublishers(publishers);
        });
        return services;
    }
}

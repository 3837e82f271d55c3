namespace ActorSync.Emulators.Channels.Magento;

/// <summary>Settings of the Magento 2 REST emulator.</summary>
public sealed record MagentoEmulatorOptions
{
    /// <summary>The integration access token accepted as <c>Authorization: Bearer …</c>.</summary>
    public string AccessToken { get; init; } = "magento-emulator-token";

    /// <summary>
    /// Whether the integration token may be used as a plain bearer token. Magento 2.4.4+ refuses that by default
    /// (config <c>oauth/consumer/enable_integration_as_bearer</c>, channels.md §1.1); ActorSync needs it on.
    /// With false every request answers 401.
    /// </summary>
    public bool BearerEnabled { get; init; } = true;

    /// <summary>Clock for outages and <c>created_at</c>/<c>updated_at</c> stamps (UTC).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

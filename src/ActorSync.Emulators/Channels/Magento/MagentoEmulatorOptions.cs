namespace ActorSync.Emulators.Channels.Magento;

/// <summary>Settings of the Magento 2 REST emulator.</summary>
public sealed record MagentoEmulatorOptions
{
    /// <summary>The integration's consumer key (System › Extensions › Integrations), checked in <c>oauth_consumer_key</c>.</summary>
    public string ConsumerKey { get; init; } = "magento-emulator-consumer-key";

    /// <summary>The integration's consumer secret: half of the OAuth signing key.</summary>
    public string ConsumerSecret { get; init; } = "magento-emulator-consumer-secret";

    /// <summary>The integration's access token: <c>oauth_token</c> of a signed request, or the bearer token when allowed.</summary>
    public string AccessToken { get; init; } = "magento-emulator-token";

    /// <summary>The integration's access token secret: the other half of the OAuth signing key.</summary>
    public string AccessTokenSecret { get; init; } = "magento-emulator-token-secret";

    /// <summary>
    /// Whether the integration token may also be used as a plain bearer token (config
    /// <c>oauth/consumer/enable_integration_as_bearer</c>, channels.md §1.1). Off, as Magento 2.4.4+ ships: every
    /// request must then carry a valid OAuth 1.0a HMAC-SHA256 signature. Signed requests are taken either way.
    /// </summary>
    public bool BearerEnabled { get; init; }

    /// <summary>
    /// A search's page past the end answers the last page again, as older stores do (channels.md §1.2); false gives
    /// the 2.4.x empty page.
    /// </summary>
    public bool RepeatLastPage { get; init; } = true;

    /// <summary>Items in the emulated SAP company: generated orders use its plain items (<c>ITM00001…</c>).</summary>
    public int ItemCount { get; init; } = 400;

    /// <summary>Clock for outages, OAuth timestamps and <c>created_at</c>/<c>updated_at</c> stamps (UTC).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

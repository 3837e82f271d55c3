namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>Settings of the BigCommerce v2 Orders API emulator.</summary>
public sealed record BigCommerceEmulatorOptions
{
    /// <summary>The store hash in <c>/stores/{store_hash}/v2/…</c>; other hashes answer 404.</summary>
    public string StoreHash { get; init; } = "emul8tr";

    /// <summary>The API account's access token, expected in <c>X-Auth-Token</c>.</summary>
    public string AccessToken { get; init; } = "bigcommerce-emulator-token";

    /// <summary>How many of the SAP company's items generated orders choose from (as large as the company, or they name items SAP lacks).</summary>
    public int ItemCount { get; init; } = 400;

    /// <summary>The store's quota (channels.md §2.2: Standard/Plus 150 requests per 30 s).</summary>
    public ChannelRateLimit RateLimit { get; init; } = new(150, 30_000);

    /// <summary>Webhook delivery: retry schedule time scale, timeout, duplicates, reordering, Standard Webhooks signing.</summary>
    public BigCommerceWebhookOptions Webhooks { get; init; } = new();

    /// <summary>Clock for outages, the quota window and <c>date_created</c> stamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

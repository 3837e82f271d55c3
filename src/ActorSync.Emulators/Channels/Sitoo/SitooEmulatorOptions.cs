namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>Settings of the Sitoo REST API emulator (channels.md §3).</summary>
public sealed record SitooEmulatorOptions
{
    /// <summary>The account in <c>/v2/accounts/{accountid}/…</c>; other accounts answer 404.</summary>
    public string AccountId { get; init; } = "90316";

    /// <summary>The site (<c>eshopid</c>) in <c>/sites/{siteid}/…</c>; usually 1 (§3.1).</summary>
    public int SiteId { get; init; } = 1;

    /// <summary>The API ID, <c>{accountid}-{n}</c> (§3.1: its first part is the account id); the Basic user name.</summary>
    public string ApiId { get; init; } = "90316-125";

    /// <summary>The API password; the Basic password.</summary>
    public string ApiPassword { get; init; } = "sitoo-emulator-password";

    /// <summary>SKUs generated orders sell (the emulated SAP company's plain items); empty: ITM00001… plain items of a 400-item company.</summary>
    public IReadOnlyList<string> Skus { get; init; } = [];

    /// <summary>How many items the emulated SAP company has (for the default SKUs and their VAT rates).</summary>
    public int ItemCount { get; init; } = 400;

    /// <summary>Events SPI delivery: destination, Basic auth, retry rule and schedule, duplicates.</summary>
    public SitooEventsOptions Events { get; init; } = new();

    public int Seed { get; init; } = 23;

    /// <summary>Clock for outages, the rate limit and order dates.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

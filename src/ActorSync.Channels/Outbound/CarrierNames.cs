namespace ActorSync.Channels.Outbound;

/// <summary>
/// A warehouse's carrier name in a channel's terms. Matching ignores case, spaces and punctuation
/// ("Fed Ex", "FEDEX", "fedex" are one carrier).
/// </summary>
public static class CarrierNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["ups"] = "ups", ["unitedparcelservice"] = "ups",
        ["usps"] = "usps", ["unitedstatespostalservice"] = "usps", ["uspostalservice"] = "usps",
        ["fedex"] = "fedex", ["federalexpress"] = "fedex",
        ["dhl"] = "dhl", ["dhlexpress"] = "dhl",
        ["auspost"] = "auspost", ["australiapost"] = "auspost",
        ["canadapost"] = "canadapost",
        ["royalmail"] = "royalmail",
        ["endicia"] = "endicia",
        ["upsready"] = "upsready",
        ["shipperhq"] = "shipperhq",
    };

    private static readonly string[] MagentoCarriers = ["ups", "usps", "fedex", "dhl"];

    private static readonly string[] BigCommerceProviders = ["auspost", "canadapost", "endicia", "usps", "fedex", "royalmail", "ups", "upsready", "shipperhq"];

    /// <summary>Magento's <c>carrier_code</c>: ups, usps, fedex or dhl when it is one of them, else <c>custom</c> (the name goes in the title).</summary>
    public static string MagentoCarrierCode(string? carrier) =>
        carrier is not null && Known.TryGetValue(Key(carrier), out var code) && MagentoCarriers.Contains(code) ? code : "custom";

    /// <summary>
    /// BigCommerce's <c>shipping_provider</c> (channels.md §2.5): one of the documented values when the carrier is
    /// one of them (or is already written as <c>carrier_{id}</c>), else "" (then <see cref="AfterShipSlug"/> goes in
    /// <c>tracking_carrier</c>).
    /// </summary>
    public static string BigCommerceProvider(string? carrier)
    {
        if (carrier is null)
            return "";
        var trimmed = carrier.Trim();
        if (trimmed.StartsWith("carrier_", StringComparison.OrdinalIgnoreCase) && trimmed.Length > 8 && trimmed[8..].All(char.IsAsciiDigit))
            return trimmed.ToLowerInvariant();
        return Known.TryGetValue(Key(carrier), out var code) && BigCommerceProviders.Contains(code) ? code : "";
    }

    /// <summary>An AfterShip-style courier slug: lower case, words joined by hyphens ("DHL Express" → dhl-express).</summary>
    public static string AfterShipSlug(string carrier)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in carrier.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
            words.Add(word.ToString());
        return string.Join('-', words);
    }

    private static string Key(string carrier) => new(carrier.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}

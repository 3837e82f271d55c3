using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Channels.Webhooks;

/// <summary>
/// ActorSync's own webhook signature, which warehouse systems (and the WMS emulator) sign their deliveries with:
/// <c>X-ActorSync-Timestamp: &lt;unix seconds&gt;</c> and <c>X-ActorSync-Signature: sha256=&lt;hex HMAC-SHA256 of
/// timestamp + "." + body&gt;</c>, keyed with the UTF-8 bytes of the source's secret. The timestamp is inside the
/// signature so a captured delivery cannot be replayed later: it must be within <see cref="DefaultReplayWindow"/> of
/// now, either way (a clock far ahead is refused too). Two secrets may be valid at once while one is rotated.
/// Every comparison is in constant time; a verdict names headers, never values.
/// </summary>
public static class TimestampedSignature
{
    public const string TimestampHeader = "X-ActorSync-Timestamp";
    public const string SignatureHeader = "X-ActorSync-Signature";
    public const string Scheme = "sha256=";

    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromMinutes(5);

    /// <param name="secrets">The secrets accepted now (the current one, and the previous one during a rotation); empty entries are skipped.</param>
    public static WebhookVerdict Verify(IReadOnlyList<string?> secrets, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? replayWindow = null)
    {
        var window = replayWindow ?? DefaultReplayWindow;
        if (string.IsNullOrEmpty(timestamp)) return WebhookVerdict.Refused($"header {TimestampHeader} is missing");
        if (string.IsNullOrEmpty(signature)) return WebhookVerdict.Refused($"header {SignatureHeader} is missing");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
            return WebhookVerdict.Refused($"header {TimestampHeader} is not a unix time in seconds");
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now - sent > window)
            return WebhookVerdict.Refused($"header {TimestampHeader} is {(now - sent).TotalSeconds:0} s old, beyond the {window.TotalSeconds:0} s replay window");
        if (sent - now > window)
            return WebhookVerdict.Refused($"header {TimestampHeader} is {(sent - now).TotalSeconds:0} s in the future, beyond the {window.TotalSeconds:0} s replay window");
        if (!signature.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return WebhookVerdict.Refused($"header {SignatureHeader} is not sha256=<hex>");
        var presented = new byte[32];
        var hex = signature.AsSpan(Scheme.Length).Trim();
        if (hex.Length != 64 || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return WebhookVerdict.Refused($"header {SignatureHeader} is not sha256=<64 hex digits>");

        // Every configured secret is tried, matching or not, so the time taken does not tell which one matched.
        var matched = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            matched |= CryptographicOperations.FixedTimeEquals(presented, Sign(secret, timestamp, body));
        }
        return matched ? WebhookVerdict.Ok : WebhookVerdict.Refused($"header {SignatureHeader} matches no configured secret");
    }

    /// <summary>The raw HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public static byte[] Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content);
    }

    /// <summary>The <c>X-ActorSync-Signature</c> value for a delivery (senders: the WMS emulator, tests, the README's openssl example).</summary>
    public static string SignatureOf(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Sign(secret, timestamp, body));
}

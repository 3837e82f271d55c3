using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Channels.Webhooks;

/// <summary>Why a webhook was refused, in words safe to log: never the secret, the signature or the body.</summary>
public sealed record WebhookVerdict(bool Valid, string Reason)
{
    public static readonly WebhookVerdict Ok = new(true, "verified");

    public static WebhookVerdict Refused(string reason) => new(false, reason);
}

/// <summary>
/// The custom header a webhook was registered with (BigCommerce's <c>headers</c> on <c>POST /v3/hooks</c>, channels.md
/// §2.3: store-level API accounts have no signing secret, so the shared header is their authentication).
/// </summary>
public static class SharedSecretHeader
{
    /// <summary>Both sides hashed first, so the comparison takes the same time whatever was presented, its length included.</summary>
    public static WebhookVerdict Verify(string? presented, string expected, string headerName)
    {
        if (string.IsNullOrEmpty(presented)) return WebhookVerdict.Refused($"header {headerName} is missing");
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)))
            ? WebhookVerdict.Ok
            : WebhookVerdict.Refused($"header {headerName} does not match");
    }

    /// <summary>As <see cref="Verify(string?, string, string)"/>, against every non-empty expected value (a secret being rotated); all are compared.</summary>
    public static WebhookVerdict Verify(string? presented, IReadOnlyList<string?> expected, string headerName)
    {
        if (string.IsNullOrEmpty(presented)) return WebhookVerdict.Refused($"header {headerName} is missing");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var matched = false;
        foreach (var value in expected)
            if (!string.IsNullOrEmpty(value))
                matched |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return matched ? WebhookVerdict.Ok : WebhookVerdict.Refused($"header {headerName} does not match");
    }
}

/// <summary>
/// Standard Webhooks signatures (standardwebhooks.com; what BigCommerce's newer docs recommend for apps, §2.3):
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c> (several,
/// space-separated, during a key rotation), keyed with the bytes of <c>whsec_&lt;base64&gt;</c>, and a timestamp no
/// further than <see cref="Tolerance"/> from now either way, so a captured delivery cannot be replayed later.
/// </summary>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The key bytes of a <c>whsec_…</c> secret, or null when it is not one (the check names the setting, not the value).</summary>
    public static byte[]? KeyOf(string secret)
    {
        var text = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length >= 16 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static WebhookVerdict Verify(string secret, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return WebhookVerdict.Refused($"{IdHeader}, {TimestampHeader} or {SignatureHeader} is missing");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return WebhookVerdict.Refused($"{TimestampHeader} is not a unix time in seconds");
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - sent).Duration() > Tolerance)
            return WebhookVerdict.Refused($"{TimestampHeader} is {(now - sent).TotalSeconds:0} s from now, outside ±{Tolerance.TotalMinutes:0} minutes");
        var key = KeyOf(secret) ?? throw new InvalidOperationException("The Standard Webhooks secret is not a whsec_<base64> key.");
        var expected = Sign(key, id, timestamp, body);
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',');
            if (comma <= 0 || candidate[..comma] != "v1") continue;
            var presented = new byte[expected.Length];
            if (!Convert.TryFromBase64String(candidate[(comma + 1)..], presented, out var written) || written != expected.Length) continue;
            if (CryptographicOperations.FixedTimeEquals(presented, expected)) return WebhookVerdict.Ok;
        }
        return WebhookVerdict.Refused($"no v1 signature in {SignatureHeader} matches");
    }

    /// <summary>The raw HMAC of one delivery (what the sender puts, base64, after <c>v1,</c>).</summary>
    public static byte[] Sign(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }

    /// <summary>The <c>webhook-signature</c> value for a delivery (senders: the emulator, tests).</summary>
    public static string SignatureOf(string secret, string id, string timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Sign(KeyOf(secret) ?? throw new ArgumentException("not a whsec_ secret", nameof(secret)), id, timestamp, body));
}

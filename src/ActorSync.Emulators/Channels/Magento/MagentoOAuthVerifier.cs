using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// Checks a request's OAuth 1.0a signature as Magento does for an integration (channels.md §1.1: HMAC-SHA256 only,
/// key = consumer secret &amp; token secret), written apart from the engine's signer so that a mistake in one is not
/// mirrored in the other. The base string is rebuilt from what arrived: method, scheme, host (default port dropped),
/// path, the raw query decoded as a form, and the header's <c>oauth_*</c> parameters. The timestamp must be within
/// <see cref="Window"/> of the emulator's clock and a nonce is refused a second time within that window (Magento's
/// own limits are not in the reference; these are the emulator's). Answers null when the request is good, else the
/// reason (wording of the emulator).
/// </summary>
internal sealed class MagentoOAuthVerifier(MagentoEmulatorOptions options)
{
    /// <summary>The reason given for a consumer key or token that is not the integration's: the endpoint answers it as Magento's unauthorised consumer.</summary>
    public const string UnknownIntegration = "unknown-integration";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _nonces = new(StringComparer.Ordinal);

    public string? Verify(HttpRequest request, string authorization)
    {
        if (!authorization.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
            return "The request is not signed (no OAuth Authorization header).";
        var header = Parse(authorization[6..]);
        if (header is null)
            return "The OAuth Authorization header is malformed.";
        foreach (var required in new[] { "oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_signature" })
        {
            if (!header.ContainsKey(required))
                return $"The OAuth parameter {required} is missing.";
        }

        if (header["oauth_signature_method"] != "HMAC-SHA256")
            return $"Signature method {header["oauth_signature_method"]} is not supported.";
        if (header.TryGetValue("oauth_version", out var version) && version != "1.0")
            return "The OAuth version must be 1.0.";
        if (!FixedEquals(header["oauth_consumer_key"], options.ConsumerKey))
            return UnknownIntegration;
        if (!FixedEquals(header["oauth_token"], options.AccessToken))
            return UnknownIntegration;
        if (!long.TryParse(header["oauth_timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return "Incorrect timestamp value in the oauth_timestamp parameter.";
        var now = options.Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > Window.TotalSeconds)
            return "The oauth_timestamp is outside the accepted window.";

        var expected = Signature(request, header, options.ConsumerSecret, options.AccessTokenSecret);
        if (!FixedEquals(header["oauth_signature"], expected))
            return "The signature is invalid. Verify and try again.";

        lock (_lock)
        {
            foreach (var stale in _nonces.Where(n => now - n.Value > Window.TotalSeconds).Select(n => n.Key).ToList())
                _nonces.Remove(stale);
            if (!_nonces.TryAdd(header["oauth_consumer_key"] + " " + header["oauth_nonce"], timestamp))
                return "The nonce is already being used by the consumer.";
        }

        return null;
    }

    /// <summary>Forgets every nonce seen (a reset of the emulator).</summary>
    public void Clear()
    {
        lock (_lock)
            _nonces.Clear();
    }

    private static string Signature(HttpRequest request, Dictionary<string, string> header, string consumerSecret, string tokenSecret)
    {
        var parameters = new List<(string Name, string Value)>();
        var raw = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            parameters.Add(cut < 0 ? (Form(pair), "") : (Form(pair[..cut]), Form(pair[(cut + 1)..])));
        }

        parameters.AddRange(header.Where(p => p.Key is not ("oauth_signature" or "realm")).Select(p => (p.Key, p.Value)));
        var normalized = string.Join("&", parameters
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var host = request.Host.Host.ToLowerInvariant();
        var scheme = request.Scheme.ToLowerInvariant();
        var port = request.Host.Port is { } p && !((scheme == "http" && p == 80) || (scheme == "https" && p == 443)) ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        var url = $"{scheme}://{host}{port}{request.PathBase}{request.Path}";
        var text = $"{request.Method.ToUpperInvariant()}&{Uri.EscapeDataString(url)}&{Uri.EscapeDataString(normalized)}";
        var key = Encoding.UTF8.GetBytes(Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret));
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary><c>name="value", …</c> with the values percent-decoded; null when a part does not have that form.</summary>
    private static Dictionary<string, string>? Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = part.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
                return null;
            var value = part[(cut + 1)..].Trim();
            if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
                return null;
            result[Uri.UnescapeDataString(part[..cut].Trim())] = Uri.UnescapeDataString(value[1..^1]);
        }

        return result;
    }

    private static string Form(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

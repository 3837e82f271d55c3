using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Channels.Magento;

/// <summary>
/// The four credentials of a Magento integration (System › Extensions › Integrations). <see cref="ToString"/> shows none
/// of them.
/// </summary>
public sealed record MagentoOAuthCredentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret)
{
    /// <summary>Every value an error text or a log line must never show.</summary>
    public IEnumerable<string> Secrets => [ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret];

    public override string ToString() => "MagentoOAuthCredentials { *** }";
}

/// <summary>
/// Signs a Magento REST request as OAuth 1.0a (RFC 5849) with HMAC-SHA256, the only method Magento accepts for an
/// integration's token since 2.4.4 unless the merchant allows it as a bearer token (channels.md §1.1). Pure: the
/// caller gives the time and the nonce.
/// <list type="bullet">
/// <item>Signature base string (§3.4.1): <c>METHOD&amp;enc(base URI)&amp;enc(normalized parameters)</c>; the base URI is the
///   scheme and host in lower case, the port only when not the scheme's default, and the path, without the query.</item>
/// <item>Parameters (§3.4.1.3): the query's (decoded as a form: <c>+</c> is a space) and the <c>oauth_*</c> ones, without
///   <c>oauth_signature</c>; each name and value percent-encoded (§3.6, RFC 3986: only <c>A–Z a–z 0–9 - . _ ~</c> stay as
///   they are, UTF-8, upper-case hex), sorted by name then value, joined as <c>name=value</c> with <c>&amp;</c>. A JSON
///   body is not a parameter (only a form body would be).</item>
/// <item>Key (§3.4.2): <c>enc(consumer secret)&amp;enc(token secret)</c>; the signature is the base64 of the HMAC.</item>
/// </list>
/// </summary>
public static class MagentoOAuth1
{
    public const string SignatureMethod = "HMAC-SHA256";

    /// <summary>The <c>Authorization</c> header's value (<c>OAuth oauth_consumer_key="…", …</c>) for one request.</summary>
    public static string AuthorizationHeader(string method, Uri uri, MagentoOAuthCredentials credentials, DateTimeOffset now, string nonce)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(credentials);
        var oauth = OAuthParameters(credentials, now, nonce);
        var signature = Sign(BaseString(method, uri, oauth), credentials.ConsumerSecret, credentials.AccessTokenSecret);
        var all = oauth.Append(new KeyValuePair<string, string>("oauth_signature", signature));
        return "OAuth " + string.Join(", ", all.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    /// <summary>The protocol parameters of a request (§3.1), without the signature.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> OAuthParameters(MagentoOAuthCredentials credentials, DateTimeOffset now, string nonce) =>
    [
        new("oauth_consumer_key", credentials.ConsumerKey),
        new("oauth_nonce", nonce),
        new("oauth_signature_method", SignatureMethod),
        new("oauth_timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new("oauth_token", credentials.AccessToken),
        new("oauth_version", "1.0"),
    ];

    /// <summary>The signature base string (§3.4.1) of a request whose protocol parameters are <paramref name="oauthParameters"/>.</summary>
    public static string BaseString(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> oauthParameters)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var parameters = QueryParameters(uri)
            .Concat(oauthParameters.Where(p => p.Key != "oauth_signature" && p.Key != "realm"))
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        return method.ToUpperInvariant() + "&" + Encode(BaseUri(uri)) + "&" + Encode(string.Join("&", parameters));
    }

    /// <summary>§3.4.1.2: scheme and host lower case, the port only when it is not the scheme's default, the path as sent.</summary>
    public static string BaseUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.Scheme.ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant();
        var port = (scheme, uri.Port) is ("http", 80) or ("https", 443) ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return $"{scheme}://{host}{port}{(path.Length == 0 ? "/" : path)}";
    }

    /// <summary>The query's parameters as the server decodes them (§3.4.1.3.1: as a form, so <c>+</c> is a space).</summary>
    public static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri uri)
    {
        var query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            yield return new(FormDecode(name), FormDecode(value));
        }
    }

    /// <summary>§3.4.2: base64 of HMAC-SHA256 over the base string, keyed <c>enc(consumer secret)&amp;enc(token secret)</c>.</summary>
    public static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
        var key = Encoding.UTF8.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(baseString)));
    }

    /// <summary>§3.6: RFC 3986 percent-encoding of the UTF-8 bytes; only unreserved characters stay.</summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                text.Append(c);
            else
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>A fresh nonce: 32 hex characters from the system's random generator.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

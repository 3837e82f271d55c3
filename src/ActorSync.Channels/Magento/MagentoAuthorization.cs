using System.Net.Http.Headers;

namespace ActorSync.Channels.Magento;

/// <summary>
/// How a request to Magento proves who sends it (channels.md §1.1): <see cref="OAuth1"/> signs every request with the
/// integration's four credentials (the 2.4.4+ default), <see cref="Bearer"/> sends the access token alone, which
/// Magento accepts only when the merchant set <c>oauth/consumer/enable_integration_as_bearer = 1</c>. Used by the
/// inbound connector and the outbound shipment publisher alike.
/// </summary>
public sealed class MagentoAuthorization
{
    public const string OAuth1Mode = "OAuth1";
    public const string BearerMode = "Bearer";

    private readonly MagentoOAuthCredentials? _oauth;
    private readonly string? _bearer;
    private readonly TimeProvider _clock;

    private MagentoAuthorization(MagentoOAuthCredentials? oauth, string? bearer, TimeProvider? clock) =>
        (_oauth, _bearer, _clock) = (oauth, bearer, clock ?? TimeProvider.System);

    public static MagentoAuthorization OAuth1(MagentoOAuthCredentials credentials, TimeProvider? clock = null) =>
        new(credentials ?? throw new ArgumentNullException(nameof(credentials)), null, clock);

    public static MagentoAuthorization Bearer(string accessToken) =>
        new(null, string.IsNullOrEmpty(accessToken) ? throw new ArgumentException("The access token is required.", nameof(accessToken)) : accessToken, null);

    public string Mode => _oauth is null ? BearerMode : OAuth1Mode;

    /// <summary>Every value no text may show (redaction list).</summary>
    public IReadOnlyList<string> Secrets => _oauth is { } o ? o.Secrets.Where(s => s.Length > 0).ToList() : [_bearer!];

    /// <summary>Sets the request's <c>Authorization</c>; OAuth signs its method and full URI (query included) with a fresh nonce and the time now.</summary>
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_oauth is { } credentials)
        {
            var header = MagentoOAuth1.AuthorizationHeader(request.Method.Method, request.RequestUri!, credentials, _clock.GetUtcNow(), MagentoOAuth1.NewNonce());
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearer);
        }
    }

    /// <summary>Whether <paramref name="mode"/> names a mode (case-insensitive).</summary>
    public static bool IsMode(string? mode) =>
        string.Equals(mode, OAuth1Mode, StringComparison.OrdinalIgnoreCase) || string.Equals(mode, BearerMode, StringComparison.OrdinalIgnoreCase);

    public static bool IsBearer(string? mode) => string.Equals(mode, BearerMode, StringComparison.OrdinalIgnoreCase);
}

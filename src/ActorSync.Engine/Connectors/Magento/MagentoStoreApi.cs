using System.Net;
using ActorSync.Channels.Magento;
using ActorSync.Engine.Connectors.BigCommerce;

namespace ActorSync.Engine.Connectors.Magento;

/// <summary>
/// Reads of one Magento store view (channels.md §1.1–1.2): paths relative to <c>rest/{store_code}/</c>
/// (<c>V1/orders?searchCriteria…</c>), each request signed OAuth 1.0a or sent with the bearer token. An outage, a
/// timeout, 408, 429 (a WAF or the 2.4.7 back-pressure limit, with its <c>Retry-After</c>) and 5xx are
/// <see cref="StoreUnavailableException"/>; 401/403 too (credentials or a clock that is off can be put right while
/// the poll waits); other refusals are <see cref="StoreRefusedException"/>. Bodies and credentials are never logged or
/// put in a message.
/// </summary>
public sealed class MagentoStoreApi
{
    private readonly HttpClient _http;
    private readonly MagentoAuthorization _authorization;

    public MagentoStoreApi(HttpClient http, MagentoConnectorSettings settings, TimeProvider? clock = null)
    {
        _http = http;
        _http.BaseAddress = settings.RestRoot;
        _http.Timeout = settings.RequestTimeout;
        _authorization = settings.Authorization(clock);
    }

    public async Task<string> GetAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_http.BaseAddress!, path));
        request.Headers.Accept.ParseAdd("application/json");
        _authorization.Apply(request);
        HttpResponseMessage response;
        var what = "GET " + Shorten(path);
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreUnavailableException($"{what}: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"{what}: no answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    throw new StoreUnavailableException($"{what}: the answer broke off");
                }
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new StoreUnavailableException($"{what}: 429 Too Many Requests", response.Headers.RetryAfter?.Delta);
            if (status >= 500 || status == 408)
                throw new StoreUnavailableException($"{what}: {status} {response.ReasonPhrase}");
            if (status is 401 or 403)
                throw new StoreUnavailableException(
                    $"{what}: {status}: the store refused the integration (check Connectors:Magento:AuthMode and its credentials, the integration's resources, and that both clocks are right within minutes)",
                    TimeSpan.FromMinutes(1));
            throw new StoreRefusedException(status, $"{what}: {status} {response.ReasonPhrase}");
        }
    }

    /// <summary>A search path without its query (the query is long and says nothing an operator needs).</summary>
    private static string Shorten(string path) => path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? path[..q] : path;
}

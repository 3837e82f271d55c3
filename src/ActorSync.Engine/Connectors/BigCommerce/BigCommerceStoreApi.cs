using System.Globalization;
using System.Net;

namespace ActorSync.Engine.Connectors.BigCommerce;

/// <summary>The store cannot answer now (outage, 429, timeout): wait and try again. <see cref="After"/> is the store's own hint.</summary>
public sealed class StoreUnavailableException(string reason, TimeSpan? after = null) : Exception(reason)
{
    public TimeSpan? After { get; } = after;
}

/// <summary>The store answered, but not with the record: 404 (gone) or another refusal that trying again will not change.</summary>
public sealed class StoreRefusedException(int status, string reason) : Exception(reason)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads of one BigCommerce store (channels.md §2.1–2.6): <c>X-Auth-Token</c>, JSON, paths relative to the store's API
/// root (<c>v2/orders/250</c>, <c>v3/orders/250/payment_actions/refunds</c>). 204 is an empty list and reads as "".
/// 429 waits <c>X-Rate-Limit-Time-Reset-Ms</c> (without the header it is platform overload: the caller backs off).
/// Bodies are never logged.
/// </summary>
public sealed class BigCommerceStoreApi
{
    private readonly HttpClient _http;

    public BigCommerceStoreApi(HttpClient http, BigCommerceConnectorSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.ApiRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Add("X-Auth-Token", settings.AccessToken);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    public async Task<string> GetAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreUnavailableException($"GET {path}: {ex.HttpRequestError} ({ex.Message})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"GET {path}: no answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NoContent) return "";
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new StoreUnavailableException($"GET {path}: the answer broke off ({ex.Message})");
                }
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var reset = response.Headers.TryGetValues("X-Rate-Limit-Time-Reset-Ms", out var values)
                            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                    ? TimeSpan.FromMilliseconds(Math.Max(ms, 1))
                    : (TimeSpan?)null;
                throw new StoreUnavailableException(reset is null ? $"GET {path}: 429 without quota headers (platform overload)" : $"GET {path}: 429, quota resets in {reset.Value.TotalMilliseconds:0} ms", reset);
            }

            if (status >= 500 || status == 408)
                throw new StoreUnavailableException($"GET {path}: {status} {response.ReasonPhrase}");
            if (status is 401 or 403)
                throw new StoreUnavailableException($"GET {path}: {status}: the store refused the access token (check Connectors:BigCommerce:AccessToken and the account's scopes)", TimeSpan.FromMinutes(1));
            throw new StoreRefusedException(status, $"GET {path}: {status} {response.ReasonPhrase}");
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>Sitoo cannot answer now (outage, 429, timeout, refused credentials): wait and try again. <see cref="After"/> is a hint.</summary>
public sealed class SitooUnavailableException(string reason, TimeSpan? after = null) : Exception(reason)
{
    public TimeSpan? After { get; } = after;
}

/// <summary>Sitoo answered, but not with the record: 404 or another refusal that trying again will not change.</summary>
public sealed class SitooRefusedException(int status, string reason) : Exception(reason)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads of one Sitoo site (channels.md §3.1): HTTP Basic with the API ID and password, JSON, paths relative to
/// <c>/v2/accounts/{accountid}/sites/{siteid}/</c> (<c>orders.json?…</c>, <c>orders/11513.json</c>). 429 has no
/// published limit or quota header: the caller backs off (or waits <c>Retry-After</c> when sent). Bodies and
/// credentials are never logged or put in an exception.
/// </summary>
public sealed class SitooApi
{
    private readonly HttpClient _http;

    public SitooApi(HttpClient http, SitooConnectorSettings settings)
    {
        _http = http;
        _http.BaseAddress = settings.SiteRoot;
        _http.Timeout = settings.RequestTimeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiId}:{settings.ApiPassword}")));
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
            throw new SitooUnavailableException($"GET {Shown(path)}: {ex.HttpRequestError} ({ex.Message})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SitooUnavailableException($"GET {Shown(path)}: no answer within {_http.Timeout.TotalSeconds:0} s");
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
                catch (HttpRequestException ex)
                {
                    throw new SitooUnavailableException($"GET {Shown(path)}: the answer broke off ({ex.Message})");
                }
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new SitooUnavailableException($"GET {Shown(path)}: 429 Too Many Requests", response.Headers.RetryAfter?.Delta);
            if (status >= 500 || status == 408)
                throw new SitooUnavailableException($"GET {Shown(path)}: {status} {response.ReasonPhrase}");
            if (status is 401 or 403)
                throw new SitooUnavailableException($"GET {Shown(path)}: {status}: Sitoo refused the API credentials or this address (check Connectors:Sitoo:ApiId, ApiPassword and the Backoffice IP allow-list)", TimeSpan.FromMinutes(1));
            throw new SitooRefusedException(status, $"GET {Shown(path)}: {status} {response.ReasonPhrase}");
        }
    }

    /// <summary>The path without its query (ids in filters are not secret, but the query can be long).</summary>
    private static string Shown(string path) => path.Split('?')[0];
}

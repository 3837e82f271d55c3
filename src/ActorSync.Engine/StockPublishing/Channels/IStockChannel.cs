using System.Globalization;
using System.Net;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Engine.StockPublishing.Channels;

/// <summary>How a channel answered one stock call.</summary>
public abstract record StockCallResult
{
    /// <summary>Every item applied. <paramref name="Quota"/>: the channel's rate-limit headers, when it sends them.</summary>
    public sealed record Accepted(QuotaReading? Quota) : StockCallResult;

    /// <summary>
    /// The channel refused the call for its items (unknown SKU, tracked by variant) and applied none of them; a call of
    /// one item names the SKU it refuses, a larger one is split and sent again (the good items go through).
    /// </summary>
    public sealed record Refused(int Status, string Reason, QuotaReading? Quota) : StockCallResult;

    /// <summary>429: wait <paramref name="Reset"/> when the channel said, else back off.</summary>
    public sealed record Throttled(TimeSpan? Reset) : StockCallResult;

    /// <summary>Outage, timeout, a dropped answer, refused credentials: nothing known, the items stay owed.</summary>
    public sealed record Unavailable(string Reason, TimeSpan? After) : StockCallResult;
}

/// <summary>One channel's stock API: sets the quantities of some SKUs of one location (the location's mapping key).</summary>
public interface IStockChannel
{
    Task<StockCallResult> SendAsync(string location, IReadOnlyList<OwedItem> items, CancellationToken ct);

    /// <summary>How many of the channel's requests a call of <paramref name="items"/> SKUs makes (what it costs of the quota).</summary>
    int RequestsFor(int items) => 1;
}

/// <summary>What the three clients share: sending, classifying the answer, reading quota headers. Bodies and credentials are never logged or put in a reason.</summary>
internal static class StockHttp
{
    public static async Task<StockCallResult> SendAsync(HttpClient http, HttpRequestMessage request, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return new StockCallResult.Unavailable($"{what}: {ex.HttpRequestError} ({ex.Message})", null);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new StockCallResult.Unavailable($"{what}: no answer within {http.Timeout.TotalSeconds:0} s", null);
        }

        using (response)
        {
            var quota = Quota(response);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    return new StockCallResult.Unavailable($"{what}: the answer broke off ({ex.Message})", null);
                }

                return new StockCallResult.Accepted(quota);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new StockCallResult.Throttled(quota is { } q && response.Headers.Contains("X-Rate-Limit-Time-Reset-Ms") ? q.ResetIn : response.Headers.RetryAfter?.Delta);
            if (status >= 500 || status == 408)
                return new StockCallResult.Unavailable($"{what}: {status} {response.ReasonPhrase}", null);
            if (status is 401 or 403)
                return new StockCallResult.Unavailable($"{what}: {status}: the channel refused the credentials (check the StockPublishing section's token and its scopes)", TimeSpan.FromMinutes(1));
            return new StockCallResult.Refused(status, $"{what}: {status} {response.ReasonPhrase}{await Detail(response, ct).ConfigureAwait(false)}", quota);
        }
    }

    /// <summary>A refusal's message from the channel (its JSON, at most 300 characters): it names the SKU or field, never a secret.</summary>
    private static async Task<string> Detail(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return text.Length == 0 ? "" : ": " + (text.Length > 300 ? text[..300] + "…" : text);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>BigCommerce's <c>X-Rate-Limit-Requests-Left</c> and <c>X-Rate-Limit-Time-Reset-Ms</c> (channels.md §2.2).</summary>
    public static QuotaReading? Quota(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Rate-Limit-Requests-Left", out var left)
            || !int.TryParse(left.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var requestsLeft))
            return null;
        var reset = response.Headers.TryGetValues("X-Rate-Limit-Time-Reset-Ms", out var values)
                    && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.Zero;
        return new QuotaReading(requestsLeft, reset);
    }

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

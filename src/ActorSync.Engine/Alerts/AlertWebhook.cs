using ActorSync.Domain.Exceptions;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSync.Domain.Operations.Alerts;

namespace ActorSync.Engine.Alerts;

/// <summary>
/// Sends one alert notice as JSON: the fields for a program (<c>status</c>, <c>key</c>, <c>team</c>, <c>summary</c>,
/// <c>action</c>, <c>since</c>, <c>at</c>) and a <c>text</c> line for a chat channel's incoming webhook.
/// </summary>
public sealed class AlertWebhook(HttpClient http, AlertSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Configured => settings.WebhookUrl is not null;

    /// <summary>Null when sent; otherwise why not, without the URL's query or the token.</summary>
    public async Task<string?> SendAsync(AlertNotice notice, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = JsonContent.Create(Body(notice), options: Json) };
        if (settings.WebhookToken is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return $"the webhook could not be reached ({e.HttpRequestError})";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "the webhook did not answer in time";
        }
    }

    public static object Body(AlertNotice notice)
    {
        var team = notice.Alert.Team.Name();
        var status = notice.Status == AlertStatus.Firing ? "firing" : "resolved";
        var text = notice.Status == AlertStatus.Firing
            ? $"[ActorSync] {team}: {notice.Alert.Summary} Next: {notice.Alert.Action}"
            : $"[ActorSync] resolved ({team}): {notice.Alert.Summary}";
        return new { status, key = notice.Alert.Key, team, summary = notice.Alert.Summary, action = notice.Alert.Action, since = notice.Since, at = notice.At, text };
    }
}

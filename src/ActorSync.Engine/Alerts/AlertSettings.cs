using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations.Alerts;

namespace ActorSync.Engine.Alerts;

/// <summary>
/// Section <c>Alerts</c>: where alerts go and when a condition becomes one. Without <see cref="WebhookUrl"/> the watch
/// still runs and <c>GET /api/alerts</c> shows what is firing; nothing is sent.
/// </summary>
public sealed class AlertSettings
{
    /// <summary>An http(s) URL that takes a JSON POST per alert started or ended (a Slack or Teams incoming webhook reads its <c>text</c>).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set (environment <c>Alerts__WebhookToken</c>); never logged.</summary>
    public string? WebhookToken { get; set; }

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per team (<c>Alerts:ExceptionAge:Finance=04:00:00</c>): an open exception older than this alerts its team.</summary>
    public Dictionary<string, TimeSpan> ExceptionAge { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan SapUnreachableFor { get; set; } = AlertThresholds.Default.SapUnreachableFor;
    public long ConnectorPendingAbove { get; set; } = AlertThresholds.Default.ConnectorPendingAbove;
    public TimeSpan ConnectorBehindFor { get; set; } = AlertThresholds.Default.ConnectorBehindFor;

    /// <summary>Throws <see cref="ArgumentException"/> naming the key, never the token.</summary>
    public void Validate()
    {
        if (WebhookUrl is not null && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new ArgumentException("Alerts:WebhookUrl must be an absolute http or https URL.");
        if (WebhookToken is not null && WebhookUrl is null)
            throw new ArgumentException("Alerts:WebhookToken is set but Alerts:WebhookUrl is not; set the URL the alerts go to.");
        foreach (var (key, value) in new[] { ("CheckInterval", CheckInterval), ("SapUnreachableFor", SapUnreachableFor), ("ConnectorBehindFor", ConnectorBehindFor) })
            if (value < TimeSpan.Zero || (key == "CheckInterval" && value < TimeSpan.FromSeconds(1)))
                throw new ArgumentException($"Alerts:{key} must be {(key == "CheckInterval" ? "at least 00:00:01" : "zero or more")}.");
        if (ConnectorPendingAbove < 0) throw new ArgumentException("Alerts:ConnectorPendingAbove must be zero or more.");
        _ = Thresholds();
    }

    public AlertThresholds Thresholds()
    {
        var ages = AlertThresholds.Default.ExceptionAge.ToDictionary();
        foreach (var (name, age) in ExceptionAge)
        {
            if (!Enum.TryParse<OwningTeam>(name.Replace("-", ""), ignoreCase: true, out var team) || int.TryParse(name, out _))
                throw new ArgumentException($"Alerts:ExceptionAge:{name} names no team; use Finance, Operations, Merchandising, CustomerService or Integration.");
            if (age < TimeSpan.Zero) throw new ArgumentException($"Alerts:ExceptionAge:{name} must be zero or more.");
            ages[team] = age;
        }
        return new AlertThresholds(ages, SapUnreachableFor, ConnectorPendingAbove, ConnectorBehindFor);
    }
}

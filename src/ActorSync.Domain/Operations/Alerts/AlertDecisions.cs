using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Operations.Alerts;

/// <summary>When a condition becomes an alert. Durations are how long a condition must hold without a break.</summary>
public sealed record AlertThresholds(
    IReadOnlyDictionary<OwningTeam, TimeSpan> ExceptionAge,
    TimeSpan SapUnreachableFor,
    long ConnectorPendingAbove,
    TimeSpan ConnectorBehindFor)
{
    /// <summary>
    /// Finance and merchandising work in office hours, so half a day is what "waiting too long" means to them; a refused
    /// customer or stock problem costs a sale sooner, and integration's exceptions often stop whole flows.
    /// </summary>
    public static readonly AlertThresholds Default = new(
        new Dictionary<OwningTeam, TimeSpan>
        {
            [OwningTeam.Finance] = TimeSpan.FromHours(4),
            [OwningTeam.Operations] = TimeSpan.FromHours(2),
            [OwningTeam.Merchandising] = TimeSpan.FromHours(4),
            [OwningTeam.CustomerService] = TimeSpan.FromHours(2),
            [OwningTeam.Integration] = TimeSpan.FromHours(1),
        },
        TimeSpan.FromMinutes(5), 1_000, TimeSpan.FromMinutes(15));
}

/// <summary>An open exception as the alert rules need it.</summary>
public sealed record OpenException(string Id, string Type, OwningTeam Team, DateTimeOffset FirstSeen);

/// <summary>A connector inbox's backlog: entries accepted and not yet done.</summary>
public sealed record ConnectorBacklog(string Source, long Pending);

/// <summary>
/// What the watch read at <see cref="At"/>. A reading that did not answer is null and changes nothing: an exception
/// queue moving between nodes does not resolve its alerts, nor fire new ones.
/// </summary>
public sealed record AlertSnapshot(
    DateTimeOffset At,
    IReadOnlyList<OpenException>? OpenExceptions,
    SapAccessReading? Sap,
    IReadOnlyList<ConnectorBacklog>? Connectors);

/// <summary>This node's view of SAP: the circuit, and SAP's refusal of the integration user if it refused it.</summary>
public sealed record SapAccessReading(bool CircuitOpen, string? LoginRefusal);

/// <summary>One alert: a stable key (the same condition keeps its key while it lasts), who acts, what it is, what to do.</summary>
public sealed record Alert(string Key, OwningTeam Team, string Summary, string Action);

public enum AlertStatus { Firing, Resolved }

/// <summary>What the watch tells the webhook: an alert started, or stopped.</summary>
public sealed record AlertNotice(AlertStatus Status, Alert Alert, DateTimeOffset Since, DateTimeOffset At);

/// <summary>A firing alert and when it started.</summary>
public sealed record FiringAlert(Alert Alert, DateTimeOffset Since);

/// <summary>
/// The watch's memory: what is firing, and since when each duration condition has held (the SAP circuit open, a
/// connector over its backlog).
/// </summary>
public sealed record AlertState(
    ImmutableDictionary<string, FiringAlert> Firing,
    DateTimeOffset? SapCircuitOpenSince,
    ImmutableDictionary<string, DateTimeOffset> ConnectorBehindSince)
{
    public static readonly AlertState Empty = new(ImmutableDictionary<string, FiringAlert>.Empty, null, ImmutableDictionary<string, DateTimeOffset>.Empty);
}

/// <summary>
/// The alert rules, pure: a snapshot in, the next state and the notices out. A condition notifies once when it starts
/// and once when it ends, never on every look, so a webhook into a chat channel is not flooded.
/// </summary>
public static class AlertDecisions
{
    public const string SapLoginRefusedKey = "sap-login-refused";
    public const string SapUnreachableKey = "sap-unreachable";
    public static string ExceptionsWaitingKey(OwningTeam team) => $"exceptions-waiting:{team.Name()}";
    public static string ConnectorBehindKey(string source) => $"connector-behind:{source}";

    public static (AlertState Next, IReadOnlyList<AlertNotice> Notices) Evaluate(AlertState state, AlertSnapshot snapshot, AlertThresholds thresholds)
    {
        var circuitSince = snapshot.Sap switch
        {
            { CircuitOpen: true } => state.SapCircuitOpenSince ?? snapshot.At,
            { CircuitOpen: false } => null,
            null => state.SapCircuitOpenSince,
        };
        // A connector missing from the reading (its inbox did not answer) keeps its clock; one read under the limit stops it.
        var behindSince = state.ConnectorBehindSince;
        foreach (var connector in snapshot.Connectors ?? [])
            behindSince = connector.Pending > thresholds.ConnectorPendingAbove
                ? behindSince.SetItem(connector.Source, behindSince.GetValueOrDefault(connector.Source, snapshot.At))
                : behindSince.Remove(connector.Source);

        var holding = new Dictionary<string, Alert>();
        if (snapshot.OpenExceptions is { } open)
            foreach (var team in Enum.GetValues<OwningTeam>())
            {
                var age = thresholds.ExceptionAge.GetValueOrDefault(team, TimeSpan.MaxValue);
                var waiting = open.Where(e => e.Team == team && snapshot.At - e.FirstSeen >= age).OrderBy(e => e.FirstSeen).ToList();
                if (waiting.Count > 0) holding[ExceptionsWaitingKey(team)] = ExceptionsWaiting(team, waiting, age);
            }

        if (snapshot.Sap?.LoginRefusal is { } refusal)
            holding[SapLoginRefusedKey] = new(SapLoginRefusedKey, OwningTeam.Integration,
                $"SAP refuses the integration user's login: {refusal}. Nothing reaches SAP until it is fixed.",
                "Fix the user or password (or unlock it, or give it a licence), then `actorsync exceptions retry` the sap-login-refused exception.");
        if (snapshot.Sap is not null && circuitSince is { } down && snapshot.At - down >= thresholds.SapUnreachableFor)
            holding[SapUnreachableKey] = new(SapUnreachableKey, OwningTeam.Integration,
                $"SAP's Service Layer has been unreachable or refusing work since {down:u}. Records are kept and post when it answers.",
                "Check the Service Layer and SAP's database server; `actorsync sessions` shows the circuit.");

        foreach (var connector in snapshot.Connectors ?? [])
            if (behindSince.TryGetValue(connector.Source, out var since) && snapshot.At - since >= thresholds.ConnectorBehindFor)
                holding[ConnectorBehindKey(connector.Source)] = new(ConnectorBehindKey(connector.Source), OwningTeam.Integration,
                    $"Connector {connector.Source} has {connector.Pending:N0} records waiting (over {thresholds.ConnectorPendingAbove:N0}) since {since:u}.",
                    "Check `actorsync flows` and the channel's API limits; a peak drains by itself, a backlog that stays does not.");

        // A reading that did not answer decides nothing: its alerts neither start nor end this time.
        bool Decided(string key) =>
            key.StartsWith("exceptions-waiting:", StringComparison.Ordinal) ? snapshot.OpenExceptions is not null
            : key.StartsWith("connector-behind:", StringComparison.Ordinal) ? snapshot.Connectors?.Any(c => ConnectorBehindKey(c.Source) == key) == true
            : snapshot.Sap is not null;

        var notices = new List<AlertNotice>();
        var firing = state.Firing;
        foreach (var (key, alert) in holding)
        {
            if (firing.TryGetValue(key, out var current))
                firing = firing.SetItem(key, current with { Alert = alert }); // the count and oldest move; not a new alert
            else
            {
                firing = firing.Add(key, new FiringAlert(alert, snapshot.At));
                notices.Add(new AlertNotice(AlertStatus.Firing, alert, snapshot.At, snapshot.At));
            }
        }
        foreach (var key in firing.Keys.Where(k => Decided(k) && !holding.ContainsKey(k)).ToList())
        {
            notices.Add(new AlertNotice(AlertStatus.Resolved, firing[key].Alert, firing[key].Since, snapshot.At));
            firing = firing.Remove(key);
        }

        return (new AlertState(firing, circuitSince, behindSince), notices);
    }

    private static Alert ExceptionsWaiting(OwningTeam team, IReadOnlyList<OpenException> waiting, TimeSpan age)
    {
        var oldest = waiting[0];
        var types = string.Join(", ", waiting.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        return new(ExceptionsWaitingKey(team), team,
            $"{waiting.Count} {team.Name()} exception(s) open longer than {Describe(age)} ({types}); the oldest, {oldest.Id} ({oldest.Type}), since {oldest.FirstSeen:u}.",
            $"`actorsync exceptions list --team {team.Name()} --status open`; each says what it means and what to do.");
    }

    private static string Describe(TimeSpan age) =>
        age.TotalHours >= 1 && age.TotalHours % 1 == 0 ? $"{age.TotalHours:0} h" : age.TotalMinutes >= 1 ? $"{age.TotalMinutes:0} min" : $"{age.TotalSeconds:0} s";
}

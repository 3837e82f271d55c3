using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations.Alerts;

namespace ActorSync.Domain.Tests.Operations;

public class AlertDecisionsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 30, 0, TimeSpan.Zero);
    private static readonly AlertThresholds Thresholds = AlertThresholds.Default;
    private static readonly SapAccessReading SapFine = new(false, null);

    private static AlertSnapshot At(TimeSpan after, IReadOnlyList<OpenException>? open = null, SapAccessReading? sap = null, IReadOnlyList<ConnectorBacklog>? connectors = null) =>
        new(T0 + after, open ?? [], sap ?? SapFine, connectors ?? []);

    private static (AlertState, IReadOnlyList<AlertNotice>) Run(AlertState state, AlertSnapshot snapshot) => AlertDecisions.Evaluate(state, snapshot, Thresholds);

    [Fact]
    public void An_exception_open_past_its_teams_threshold_fires_once_for_that_team_and_ends_when_it_closes()
    {
        var taxed = new OpenException("ex-7", "unmapped-tax", OwningTeam.Finance, T0);
        var sku = new OpenException("ex-9", "unknown-sku", OwningTeam.Merchandising, T0.AddMinutes(10));

        var (state, early) = Run(AlertState.Empty, At(TimeSpan.FromHours(3.99), [taxed, sku]));
        Assert.Empty(early);

        (state, var fired) = Run(state, At(TimeSpan.FromHours(4), [taxed, sku]));
        var notice = Assert.Single(fired);
        Assert.Equal((AlertStatus.Firing, "exceptions-waiting:finance", OwningTeam.Finance), (notice.Status, notice.Alert.Key, notice.Alert.Team));
        Assert.Contains("ex-7", notice.Alert.Summary);
        Assert.Contains("--team finance", notice.Alert.Action);

        (state, var again) = Run(state, At(TimeSpan.FromHours(4.05), [taxed, sku]));
        Assert.Empty(again); // finance is not told twice

        (state, var merchandising) = Run(state, At(TimeSpan.FromHours(4.2), [taxed, sku])); // ex-9 has reached its 4 h
        Assert.Equal("exceptions-waiting:merchandising", Assert.Single(merchandising).Alert.Key);

        (_, var ended) = Run(state, At(TimeSpan.FromHours(4.3), [sku]));
        var resolved = Assert.Single(ended);
        Assert.Equal((AlertStatus.Resolved, "exceptions-waiting:finance", T0.AddHours(4)), (resolved.Status, resolved.Alert.Key, resolved.Since));
    }

    [Fact]
    public void Each_team_has_its_own_threshold()
    {
        var address = new OpenException("ex-3", "invalid-address", OwningTeam.CustomerService, T0);
        var login = new OpenException("ex-4", "sap-login-refused", OwningTeam.Integration, T0);

        var (_, at61) = Run(AlertState.Empty, At(TimeSpan.FromMinutes(61), [address, login]));
        Assert.Equal(["exceptions-waiting:integration"], at61.Select(n => n.Alert.Key));

        var (_, at121) = Run(AlertState.Empty, At(TimeSpan.FromMinutes(121), [address, login]));
        Assert.Equal(["exceptions-waiting:customer-service", "exceptions-waiting:integration"], at121.Select(n => n.Alert.Key).Order());
    }

    [Fact]
    public void The_summary_counts_waiting_exceptions_by_type_and_names_the_oldest()
    {
        IReadOnlyList<OpenException> open =
        [
            new("ex-12", "unmapped-tax", OwningTeam.Finance, T0.AddMinutes(5)),
            new("ex-10", "totals-mismatch", OwningTeam.Finance, T0),
            new("ex-14", "unmapped-tax", OwningTeam.Finance, T0.AddMinutes(7)),
            new("ex-15", "unmapped-tax", OwningTeam.Finance, T0.AddHours(3)), // not yet 4 h old
        ];

        var (_, fired) = Run(AlertState.Empty, At(TimeSpan.FromHours(4.2), open));

        Assert.StartsWith("3 finance exception(s) open longer than 4 h (2 unmapped-tax, 1 totals-mismatch); the oldest, ex-10 (totals-mismatch)", fired.Single().Alert.Summary);
    }

    [Fact]
    public void Sap_unreachable_fires_only_after_the_circuit_stayed_open_and_a_closed_look_starts_the_clock_again()
    {
        var open = new SapAccessReading(true, null);
        var (state, n1) = Run(AlertState.Empty, At(TimeSpan.Zero, sap: open));
        (state, var n2) = Run(state, At(TimeSpan.FromMinutes(3), sap: open));
        (state, var n3) = Run(state, At(TimeSpan.FromMinutes(4), sap: SapFine));
        (state, var n4) = Run(state, At(TimeSpan.FromMinutes(5), sap: open));
        (state, var n5) = Run(state, At(TimeSpan.FromMinutes(9.9), sap: open));
        Assert.All(new[] { n1, n2, n3, n4, n5 }, Assert.Empty);

        (state, var fired) = Run(state, At(TimeSpan.FromMinutes(10), sap: open));
        Assert.Equal((AlertStatus.Firing, "sap-unreachable"), (fired.Single().Status, fired.Single().Alert.Key));
        Assert.Contains(T0.AddMinutes(5).ToString("u"), fired.Single().Alert.Summary);

        (_, var ended) = Run(state, At(TimeSpan.FromMinutes(12), sap: SapFine));
        Assert.Equal(AlertStatus.Resolved, ended.Single().Status);
    }

    [Fact]
    public void A_refused_sap_login_fires_at_once_and_ends_when_logins_work()
    {
        var refused = new SapAccessReading(false, "100000027 Fail to get DB Credentials from SLD");
        var (state, fired) = Run(AlertState.Empty, At(TimeSpan.Zero, sap: refused));

        Assert.Equal("sap-login-refused", fired.Single().Alert.Key);
        Assert.Contains("100000027", fired.Single().Alert.Summary);
        Assert.Empty(Run(state, At(TimeSpan.FromMinutes(1), sap: refused)).Item2);
        Assert.Equal(AlertStatus.Resolved, Run(state, At(TimeSpan.FromMinutes(2), sap: SapFine)).Item2.Single().Status);
    }

    [Fact]
    public void A_connector_falls_behind_when_its_backlog_stays_over_the_limit()
    {
        var (state, n1) = Run(AlertState.Empty, At(TimeSpan.Zero, connectors: [new("magento-default", 1_001), new("sitoo-90001", 40)]));
        (state, var n2) = Run(state, At(TimeSpan.FromMinutes(14), connectors: [new("magento-default", 2_350), new("sitoo-90001", 12)]));
        Assert.Empty(n1);
        Assert.Empty(n2);

        (state, var fired) = Run(state, At(TimeSpan.FromMinutes(15), connectors: [new("magento-default", 1_900), new("sitoo-90001", 3)]));
        Assert.Equal("connector-behind:magento-default", fired.Single().Alert.Key);
        Assert.Contains("1,900 records waiting", fired.Single().Alert.Summary);

        (state, var silent) = Run(state, At(TimeSpan.FromMinutes(16), connectors: [new("sitoo-90001", 3)])); // magento's inbox did not answer
        Assert.Empty(silent);

        (_, var drained) = Run(state, At(TimeSpan.FromMinutes(17), connectors: [new("magento-default", 1_000)]));
        Assert.Equal(AlertStatus.Resolved, drained.Single().Status);
    }

    [Fact]
    public void A_reading_that_did_not_answer_neither_ends_nor_starts_alerts()
    {
        var taxed = new OpenException("ex-7", "unmapped-tax", OwningTeam.Finance, T0);
        var open = new SapAccessReading(true, null);
        var (state, _) = Run(AlertState.Empty, At(TimeSpan.Zero, [taxed], open, [new("wms-main", 5_000)]));
        (state, var fired) = Run(state, At(TimeSpan.FromHours(5), [taxed], open, [new("wms-main", 5_000)]));
        Assert.Equal(3, fired.Count);

        var (afterSilence, notices) = Run(state, new AlertSnapshot(T0.AddHours(6), null, null, null));

        Assert.Empty(notices);
        Assert.Equal(state.Firing.Keys.Order(), afterSilence.Firing.Keys.Order());
        Assert.Equal(T0, afterSilence.SapCircuitOpenSince);
    }
}

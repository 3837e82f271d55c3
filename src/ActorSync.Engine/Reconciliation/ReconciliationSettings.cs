using ActorSync.Engine.Connectors;

namespace ActorSync.Engine.Reconciliation;

/// <summary>
/// Section <c>Reconciliation</c>. What it reads comes from the sections already there: the channels through
/// <c>Connectors:Magento</c>, <c>Connectors:BigCommerce</c> and <c>Connectors:Sitoo</c> (their credentials, their API
/// clients), stock through <c>StockPublishing:*</c> and <c>Mapping:Channels:*:Locations</c>, SAP through <c>ServiceLayer</c>.
/// </summary>
public sealed class ReconciliationSettings
{
    public const string Section = "Reconciliation";

    /// <summary>How often a run starts by itself; <c>00:00:00</c> runs only on demand.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far back a scheduled run (or one without <c>since</c>) looks.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Records younger than this are still in flight (polls, the gateway, retries) and not judged.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Units a channel location may differ from SAP's figure before it is a finding.</summary>
    public decimal StockThreshold { get; set; }

    /// <summary>At most this many findings are kept per source and flow in a run (the rest are counted, and clear nothing).</summary>
    public int MaxFindingsPerSource { get; set; } = 500;

    /// <summary>Rows per page read from a channel or SAP.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The reconciliation's own pace per channel, under the connectors' and publishers' share of the quota.</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>A source that has not answered in this time is recorded as not checked.</summary>
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest quota reset (429 with a hint) a read waits for before the source is recorded as not checked.</summary>
    public TimeSpan MaxQuotaWait { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        const string s = Section;
        SettingChecks.Range(s, nameof(Interval), Interval, TimeSpan.Zero, TimeSpan.FromDays(7));
        if (Interval > TimeSpan.Zero && Interval < TimeSpan.FromMinutes(1))
            throw new ArgumentException($"{s}:Interval must be 00:00:00 (on demand only) or at least 00:01:00, was {Interval}.", $"{s}:Interval");
        SettingChecks.Range(s, nameof(Window), Window, TimeSpan.FromHours(1), TimeSpan.FromDays(92));
        SettingChecks.Range(s, nameof(Grace), Grace, TimeSpan.Zero, TimeSpan.FromDays(2));
        SettingChecks.Range(s, nameof(PageSize), PageSize, 10, 250);
        SettingChecks.Range(s, nameof(MaxFindingsPerSource), MaxFindingsPerSource, 1, 10_000);
        SettingChecks.Range(s, nameof(SourceTimeout), SourceTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromHours(2));
        SettingChecks.Range(s, nameof(MaxQuotaWait), MaxQuotaWait, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        if (StockThreshold < 0) throw new ArgumentException($"{s}:StockThreshold must be zero or more, was {StockThreshold}.", $"{s}:StockThreshold");
        if (!(RequestsPerSecond is > 0 and <= 100))
            throw new ArgumentException($"{s}:RequestsPerSecond must be above 0 and at most 100, was {RequestsPerSecond}.", $"{s}:RequestsPerSecond");
    }
}

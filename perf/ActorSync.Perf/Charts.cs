namespace ActorSync.Perf;

/// <summary>PNG charts beside <c>perf/RESULTS.md</c>, where a picture says more than the table.</summary>
public static class Charts
{
    /// <summary>
    /// One point per run: drain time against how much slower people's requests were than when SAP was theirs alone.
    /// The corner near the origin is where an integration should be: fast, and people hardly notice it.
    /// </summary>
    public static string PeopleFirst(IReadOnlyList<PeopleFirst.Run> runs)
    {
        var plot = new ScottPlot.Plot();
        foreach (var run in runs)
        {
            var point = plot.Add.Scatter(new[] { run.Drain.TotalSeconds }, new[] { run.PeopleRatio });
            point.MarkerSize = 12;
            point.LegendText = run.Name;
            var label = plot.Add.Text(run.Name, run.Drain.TotalSeconds, run.PeopleRatio);
            label.LabelFontSize = 11;
            label.OffsetX = 8;
        }
        var idle = plot.Add.HorizontalLine(1.2);
        idle.LinePattern = ScottPlot.LinePattern.Dashed;
        idle.LegendText = "people within 1.2x of idle";
        plot.Title("Drain time against people's p95 latency");
        plot.XLabel("drain time of the burst (s)");
        plot.YLabel("people's p95 during the burst / idle");
        plot.Axes.SetLimitsY(0, Math.Max(2, runs.Max(r => r.PeopleRatio) * 1.15));
        plot.Axes.SetLimitsX(0, runs.Max(r => r.Drain.TotalSeconds) * 1.25);
        const string name = "people-first.png";
        plot.SavePng(System.IO.Path.Combine(ResultsFile.FindRepoRoot(), "perf", name), 900, 560);
        return name;
    }
}

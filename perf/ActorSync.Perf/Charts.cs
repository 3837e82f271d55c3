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

    /// <summary>
    /// Time per order (left axis) and the peak working set the burst added (right axis) against the size, on a log
    /// scale: flat lines are linear growth. One line per integration and series.
    /// </summary>
    public static string Growth(IReadOnlyList<Growth.Point> points)
    {
        var plot = new ScottPlot.Plot();
        foreach (var series in new[] { "burst", "catalogue" })
        {
            var chosen = points.Where(p => p.Series == series).OrderBy(p => p.Size).ToList();
            if (chosen.Count == 0) continue;
            var x = chosen.Select(p => Math.Log10(p.Size)).ToArray();
            var engine = plot.Add.Scatter(x, chosen.Select(p => p.EngineMsPerOrder).ToArray());
            engine.LegendText = $"engine ms/order, {series} size";
            var ran = chosen.Where(p => p.NaivePosted >= 0).ToList();
            var naive = plot.Add.Scatter(ran.Select(p => Math.Log10(p.Size)).ToArray(), ran.Select(p => p.NaiveMsPerOrder).ToArray());
            naive.LegendText = $"naive ms/order, {series} size";
            naive.LinePattern = ScottPlot.LinePattern.Dotted;
            var memory = plot.Add.Scatter(x, chosen.Select(p => p.PeakWorkingSet / 1048576.0).ToArray());
            memory.LegendText = $"engine peak working set added (MiB), {series} size";
            memory.LinePattern = ScottPlot.LinePattern.Dashed;
            memory.Axes.YAxis = plot.Axes.Right;
        }
        var ticks = points.Select(p => p.Size).Distinct().OrderBy(s => s).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(s => Math.Log10(s)).ToArray(), ticks.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Growth: time per order and memory against burst and catalogue size (SAP's cost off)");
        plot.XLabel("orders in the burst, or items in the catalogue (log scale)");
        plot.YLabel("drain ms per order");
        plot.Axes.Right.Label.Text = "peak working set added (MiB)";
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        const string name = "growth.png";
        plot.SavePng(System.IO.Path.Combine(ResultsFile.FindRepoRoot(), "perf", name), 1000, 600);
        return name;
    }
}

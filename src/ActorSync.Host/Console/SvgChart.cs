using System.Globalization;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// A small line chart as inline SVG, drawn on the server: no script, no library. Colours come from the stylesheet
/// (<c>.s0</c>, <c>.s1</c>, …), since the console's policy allows no inline styles.
/// </summary>
public static class SvgChart
{
    public sealed record Series(string Name, IReadOnlyList<(DateTimeOffset At, double? Value)> Points);

    private const double Width = 640, Height = 170, Left = 44, Right = 8, Top = 10, Bottom = 22;

    public static Html Lines(string id, string title, string unit, IReadOnlyList<Series> series)
    {
        var times = series.SelectMany(s => s.Points.Select(p => p.At)).ToList();
        if (times.Count == 0) return H($"<figure class=\"chart\" id=\"{id}\"><figcaption>{title}</figcaption><p class=\"empty\">No samples yet.</p></figure>");
        var (from, to) = (times.Min(), times.Max());
        var max = Math.Max(1, series.SelectMany(s => s.Points).Max(p => p.Value ?? 0));
        max = Nice(max);
        double X(DateTimeOffset at) => to == from ? Left + (Width - Left - Right) / 2 : Left + (at - from) / (to - from) * (Width - Left - Right);
        double Y(double value) => Top + (1 - value / max) * (Height - Top - Bottom);

        var grid = new[] { 0, 0.5, 1 }.Select(f => H($"""<line class="grid" x1="{N(Left)}" x2="{N(Width - Right)}" y1="{N(Y(max * f))}" y2="{N(Y(max * f))}"/><text class="axis" x="{N(Left - 4)}" y="{N(Y(max * f) + 4)}" text-anchor="end">{N(max * f)}</text>"""));
        var lines = series.Select((s, i) =>
        {
            var points = s.Points.Where(p => p.Value is not null).Select(p => $"{N(X(p.At))},{N(Y(p.Value!.Value))}").ToList();
            var dots = points.Count == 1 ? H($"""<circle class="s{i}" cx="{points[0].Split(',')[0]}" cy="{points[0].Split(',')[1]}" r="3"/>""") : Html.Empty;
            return H($"""<polyline class="s{i}" data-series="{s.Name}" fill="none" points="{string.Join(' ', points)}"/>{dots}""");
        });
        var legend = series.Select((s, i) => H($"<li><span class=\"swatch s{i}\"></span>{s.Name}</li>"));
        return H($"""
            <figure class="chart" id="{id}"><figcaption>{title} <span class="muted">({unit}; {Time(from)} to {Time(to)})</span></figcaption>
            <svg viewBox="0 0 {N(Width)} {N(Height)}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">
            {grid}{lines}
            <text class="axis" x="{N(Left)}" y="{N(Height - 6)}">{from.ToUniversalTime():HH:mm:ss}</text>
            <text class="axis" x="{N(Width - Right)}" y="{N(Height - 6)}" text-anchor="end">{to.ToUniversalTime():HH:mm:ss}</text>
            </svg><ul class="legend">{legend}</ul></figure>
            """);
    }

    /// <summary>The axis top: 1, 2 or 5 times a power of ten at or above the largest value.</summary>
    private static double Nice(double max)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(v => v >= max);
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary><c>audit list [--since] [--who] [--target] [--action] [--limit]</c>: who did what through the ops API.</summary>
public static class AuditCommands
{
    public static Command Build(OpsContext context)
    {
        var since = new Option<string?>("--since") { Description = "Only entries from this time on: 2026-11-27T09:00:00Z, a date, or an age such as 2h or 3d." };
        var who = new Option<string?>("--who") { Description = "Only actions by this token name (operator, reader, local, or a name under Ops:Operators)." };
        var target = new Option<string?>("--target") { Description = "Only actions on this target: an exception id, an order id, a member address." };
        var action = new Option<string?>("--action") { Description = "Only this action, e.g. exception.resolve, cluster.leave." };
        var limit = new Option<int?>("--limit") { Description = "At most this many, the newest (default 100, at most 1000)." };
        var list = new Command("list", "The audit trail, oldest first: who did what, from where, on what, with the note or reason, and the answer.")
            { since, who, target, action, limit };
        list.SetAction((parsed, ct) =>
        {
            var sinceText = parsed.GetValue(since);
            string? from = null;
            if (!string.IsNullOrWhiteSpace(sinceText))
            {
                if (Since(sinceText, DateTimeOffset.UtcNow) is not { } at)
                    return Task.FromResult(context.Usage($"--since must be a time (2026-11-27T09:00:00Z), a date, or an age such as 90m, 2h or 3d (was '{sinceText}')."));
                from = at.ToString("O", CultureInfo.InvariantCulture);
            }
            var query = string.Join("&", new[] { ("since", from), ("who", parsed.GetValue(who)), ("target", parsed.GetValue(target)),
                    ("action", parsed.GetValue(action)), ("limit", parsed.GetValue(limit)?.ToString(CultureInfo.InvariantCulture)) }
                .Where(q => !string.IsNullOrWhiteSpace(q.Item2)).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
            return context.CallAsync(parsed, (c, t) => c.GetAsync("/api/audit" + (query.Length > 0 ? "?" + query : ""), t), RenderList, ct);
        });
        return new Command("audit", "The audit trail of operator actions (read-only).") { list };
    }

    /// <summary>An absolute time or date, or an age (<c>90m</c>, <c>2h</c>, <c>3d</c>) back from <paramref name="now"/>.</summary>
    public static DateTimeOffset? Since(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? age = char.ToLowerInvariant(text[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (age is { } a) return now - a;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static void RenderList(JsonElement body, Output output)
    {
        var items = body.GetProperty("items").EnumerateArray().ToList();
        output.Table("Audit trail", ["#", "At", "Who", "From", "Action", "Target", "Detail", "Answer"],
            items.Select(e => (IReadOnlyList<string?>)[Output.Cell(e, "number"), Output.Time(e, "at"), Output.Cell(e, "who"), Output.Cell(e, "from"),
                Output.Cell(e, "action"), Output.Cell(e, "target"), Output.Cut(Output.Cell(e, "detail"), 80), Output.Cell(e, "status") ?? "none recorded"]));
        var matched = Output.Cell(body, "matched");
        output.Line(matched is not null && matched != items.Count.ToString(CultureInfo.InvariantCulture)
            ? $"{items.Count} of {matched} matching entries (the newest; narrow with --since, --who, --target or raise --limit)."
            : $"{items.Count} entr{(items.Count == 1 ? "y" : "ies")}.");
    }
}

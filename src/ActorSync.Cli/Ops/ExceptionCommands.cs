using System.CommandLine;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary>
/// <c>exceptions list [--team] [--type] [--status]</c>, <c>exceptions show|retry &lt;id&gt;</c>,
/// <c>exceptions resolve &lt;id&gt; --note</c>, <c>exceptions ignore &lt;id&gt; --reason</c>.
/// </summary>
public static class ExceptionCommands
{
    public static Command Build(OpsContext context)
    {
        var team = new Option<string?>("--team") { Description = "finance, operations, merchandising, customer-service or integration." };
        var type = new Option<string?>("--type") { Description = "An exception type, e.g. lock-timeout, invalid-channel-record." };
        var status = new Option<string?>("--status") { Description = "open, retrying, resolved or ignored (default: all)." };
        var list = new Command("list", "The queue, oldest first, filtered by owning team, type or status.") { team, type, status };
        list.SetAction((parsed, ct) =>
        {
            var query = string.Join("&", new[] { ("team", parsed.GetValue(team)), ("type", parsed.GetValue(type)), ("status", parsed.GetValue(status)) }
                .Where(q => !string.IsNullOrWhiteSpace(q.Item2)).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
            return context.CallAsync(parsed, (c, t) => c.GetAsync("/api/exceptions" + (query.Length > 0 ? "?" + query : ""), t), RenderList, ct);
        });

        var showId = Id();
        var show = new Command("show", "One exception with its reason, suggested action, history and the original payload.") { showId };
        show.SetAction((parsed, ct) => context.CallAsync(parsed, (c, t) => c.GetAsync($"/api/exceptions/{Uri.EscapeDataString(parsed.GetValue(showId)!)}", t), RenderOne, ct));

        var retryId = Id();
        var retry = new Command("retry", "Asks the record's owner to try the parked work again.") { retryId };
        retry.SetAction((parsed, ct) => context.CallAsync(parsed,
            (c, t) => c.PostAsync($"/api/exceptions/{Uri.EscapeDataString(parsed.GetValue(retryId)!)}/retry", null, t), RenderCommand, ct));

        var resolveId = Id();
        var note = new Option<string>("--note") { Description = "What was done about it (kept with the exception).", Required = true };
        var resolve = new Command("resolve", "Closes the exception as dealt with, with a note.") { resolveId, note };
        resolve.SetAction((parsed, ct) => string.IsNullOrWhiteSpace(parsed.GetValue(note))
            ? Task.FromResult(context.Usage("--note must say what was done."))
            : context.CallAsync(parsed, (c, t) => c.PostAsync($"/api/exceptions/{Uri.EscapeDataString(parsed.GetValue(resolveId)!)}/resolve",
                new { note = parsed.GetValue(note) }, t), RenderCommand, ct));

        var ignoreId = Id();
        var reason = new Option<string>("--reason") { Description = "Why nothing needs doing (kept with the exception).", Required = true };
        var ignore = new Command("ignore", "Closes the exception as needing nothing, with a reason.") { ignoreId, reason };
        ignore.SetAction((parsed, ct) => string.IsNullOrWhiteSpace(parsed.GetValue(reason))
            ? Task.FromResult(context.Usage("--reason must say why nothing needs doing."))
            : context.CallAsync(parsed, (c, t) => c.PostAsync($"/api/exceptions/{Uri.EscapeDataString(parsed.GetValue(ignoreId)!)}/ignore",
                new { reason = parsed.GetValue(reason) }, t), RenderCommand, ct));

        return new Command("exceptions", "The exception queue.") { list, show, retry, resolve, ignore };
    }

    private static Argument<string> Id() => new("id") { Description = "The exception's id as `exceptions list` shows it (EX-000001)." };

    private static void RenderList(JsonElement body, Output output)
    {
        var items = body.GetProperty("items").EnumerateArray().ToList();
        output.Table("Exceptions", ["Id", "Status", "Type", "Team", "Record", "Attempts", "Last seen", "Reason"],
            items.Select(e => (IReadOnlyList<string?>)[Output.Cell(e, "id"), Output.Cell(e, "status"), Output.Cell(e, "type"), Output.Cell(e, "team"),
                $"{Output.Cell(e, "recordKind")} {Output.Cell(e, "recordId")}", Output.Cell(e, "attempts"), Output.Time(e, "lastSeen"), Output.Cut(Output.Cell(e, "reason"), 80)]));
        output.Line($"{items.Count} exception(s).");
    }

    private static void RenderOne(JsonElement e, Output output)
    {
        output.Fields($"Exception {Output.Cell(e, "id")}",
        [
            ("Status", Output.Cell(e, "status")), ("Type", Output.Cell(e, "type")), ("Team", Output.Cell(e, "team")),
            ("Record", $"{Output.Cell(e, "recordKind")} {Output.Cell(e, "recordId")}"), ("Reason", Output.Cell(e, "reason")),
            ("Suggested action", Output.Cell(e, "suggestedAction")), ("Attempts", Output.Cell(e, "attempts")),
            ("First seen", Output.Time(e, "firstSeen")), ("Last seen", Output.Time(e, "lastSeen")),
            ("Retries asked", Output.Cell(e, "retryRequests")), ("Last retry", Output.Time(e, "lastRetryRequestedAt")),
            ("Last retry result", Output.Cell(e, "lastRetryResult")), ("Note", Output.Cell(e, "note")), ("Closed", Output.Time(e, "closedAt")),
        ]);
        if (e.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array)
            output.Table("History", ["At", "What", "Who", "Detail"], history.EnumerateArray().Select(h => (IReadOnlyList<string?>)
                [Output.Time(h, "at"), Output.Cell(h, "what"), Output.Cell(h, "who") ?? "engine", Output.Cut(Output.Cell(h, "detail"), 120)]));
        output.Line("Original payload:");
        var payload = Output.Cell(e, "originalPayload") ?? "";
        try
        {
            output.Raw(JsonSerializer.Serialize(JsonDocument.Parse(payload).RootElement, new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (JsonException)
        {
            output.Raw(payload);
        }
    }

    private static void RenderCommand(JsonElement body, Output output) =>
        output.Line($"{Output.Cell(body, "exceptionId")}: {Output.Cell(body, "code")}. {Output.Cell(body, "message")}");
}

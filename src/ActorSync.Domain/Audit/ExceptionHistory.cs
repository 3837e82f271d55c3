using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;

namespace ActorSync.Domain.Audit;

/// <summary>One step of an exception's life: when, what, who (null for the engine), and what was said or answered.</summary>
public sealed record ExceptionHistoryItem(DateTimeOffset At, string What, string? Who, string? Detail);

/// <summary>
/// An exception's whole history, from what the queue knows of it (raised, how often it failed, the last retry and
/// its answer, how it closed) and the audit entries aimed at it (who retried, resolved or ignored it, with the note
/// or reason, and what the service answered). Oldest first.
/// </summary>
public static class ExceptionHistory
{
    public static ImmutableList<ExceptionHistoryItem> Of(ExceptionRecord exception, IEnumerable<AuditEntry> audit)
    {
        var items = new List<ExceptionHistoryItem>
        {
            new(exception.FirstSeen, "raised", null, $"{exception.Type} ({Kebab(exception.Team.ToString())}): {exception.Reason}"),
        };
        if (exception.Attempts > 1)
            items.Add(new(exception.LastSeen, "failed again", null, $"{exception.Attempts} failures in all while open; the last at this time"));
        if (exception.LastRetryRequestedAt is { } retried)
            items.Add(new(retried, "retry answered", null, $"retry {exception.RetryRequests}: {exception.LastRetryResult ?? "no answer yet"}"));

        var operatorActions = audit.Where(e => string.Equals(e.Target, exception.Id, StringComparison.OrdinalIgnoreCase)).ToList();
        items.AddRange(operatorActions.Select(e => new ExceptionHistoryItem(e.At, e.Action, e.Who,
            string.Join("; ", new[] { e.Detail, e.Status is { } s ? $"answered {s}" : "no answer recorded" }.Where(t => t is not null)))));

        // A close an operator made is already there with their name; one the engine made (a later success) is not.
        var closedByOperator = operatorActions.Any(e => e.Succeeded && e.Action is "exception.resolve" or "exception.ignore");
        if (exception.ClosedAt is { } closed && !closedByOperator)
            items.Add(new(closed, Kebab(exception.Status.ToString()), null, exception.Note));
        return [.. items.OrderBy(i => i.At)];
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

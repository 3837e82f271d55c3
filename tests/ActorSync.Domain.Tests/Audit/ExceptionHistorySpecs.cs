using ActorSync.Domain.Audit;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Tests.Audit;

/// <summary>An exception's whole history: what the queue knows of it and who did what to it, oldest first.</summary>
public class ExceptionHistorySpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 41, 17, TimeSpan.Zero);
    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static ExceptionRecord Exception(ExceptionStatus status, string? note, DateTimeOffset? closed) => new()
    {
        Id = "ex-42", Number = 42, RecordKind = RecordKinds.Order, RecordId = "magento:000001234",
        Details = ExceptionTypes.UnmappedTax("No VAT group is mapped for 7 %."), OriginalPayload = "{}", Attempts = 3,
        FirstSeen = At(0), LastSeen = At(20), Status = status, RetryRequests = 1, LastRetryRequestedAt = At(15),
        LastRetryResult = "The order owner took retry 1 of ex-42: re-validating", Note = note, ClosedAt = closed,
    };

    [Fact]
    public void A_resolved_exception_shows_raised_its_failures_the_retry_and_who_resolved_it_with_the_note()
    {
        var audit = new[]
        {
            new AuditEntry(7, At(14), "bob", "10.20.0.18", "exception.retry", "ex-42", null, 200, At(14)),
            new AuditEntry(9, At(30), "alice", "10.20.0.17", "exception.resolve", "EX-42", "VAT group O3 mapped for 7 %", 200, At(30)),
            new AuditEntry(8, At(25), "alice", "10.20.0.17", "exception.resolve", "ex-41", "another one", 200, At(25)),
        };

        var history = ExceptionHistory.Of(Exception(ExceptionStatus.Resolved, "VAT group O3 mapped for 7 %", At(30)), audit);

        Assert.Equal(["raised", "exception.retry", "retry answered", "failed again", "exception.resolve"], history.Select(h => h.What));
        Assert.Equal("unmapped-tax (finance): No VAT group is mapped for 7 %.", history[0].Detail);
        var resolved = history[^1];
        Assert.Equal(("alice", At(30)), (resolved.Who, resolved.At));
        Assert.Equal("VAT group O3 mapped for 7 %; answered 200", resolved.Detail);
        Assert.Contains("3 failures", history.Single(h => h.What == "failed again").Detail);
    }

    [Fact]
    public void An_exception_the_engine_resolved_by_a_later_success_says_so_without_a_name()
    {
        var history = ExceptionHistory.Of(Exception(ExceptionStatus.Resolved, ExceptionQueueDecisions.ResolvedByRetryNote, At(40)), []);

        var closed = history[^1];
        Assert.Equal(("resolved", null, ExceptionQueueDecisions.ResolvedByRetryNote), (closed.What, closed.Who, closed.Detail));
    }

    [Fact]
    public void A_refused_resolve_does_not_hide_how_the_exception_really_closed()
    {
        var audit = new[] { new AuditEntry(3, At(50), "alice", null, "exception.resolve", "ex-42", "late", 409, At(50)) };

        var history = ExceptionHistory.Of(Exception(ExceptionStatus.Ignored, "test order", At(45)), audit);

        Assert.Equal([("ignored", (string?)null), ("exception.resolve", "alice")], history.TakeLast(2).Select(h => (h.What, h.Who)));
    }
}

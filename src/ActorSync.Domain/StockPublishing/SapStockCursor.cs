using ActorSync.Domain.Journal;

namespace ActorSync.Domain.StockPublishing;

/// <summary>
/// The SAP stock reader's journal (<c>stock-sap-reader</c>): how far it has read SAP's stock audit (the view's
/// increasing <c>TransNum</c>) and the orders changed since (<c>UpdateDate</c>/<c>UpdateTime</c>, which catch
/// commitments: an order commits stock without an audit row), and when the last full sweep finished.
/// </summary>
public static class SapStockCursorEvents
{
    public interface ISapStockCursorEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>Audit rows up to <paramref name="TransNum"/> were read and their items handed to the publishers.</summary>
    public sealed record AuditRead(long TransNum, int Items, DateTimeOffset At) : ISapStockCursorEvent;

    /// <summary>Orders changed up to <paramref name="Through"/> (SAP's date and second) were read and their items handed on.</summary>
    public sealed record OrdersRead(DateTime Through, int Items, DateTimeOffset At) : ISapStockCursorEvent;

    /// <summary>A full sweep of every item finished.</summary>
    public sealed record SweepCompleted(long Items, DateTimeOffset At) : ISapStockCursorEvent;
}

public sealed record SapStockCursorState
{
    public static readonly SapStockCursorState Empty = new();

    /// <summary>The last audit row read; null before the first sweep set a starting point.</summary>
    public long? AuditTransNum { get; init; }

    /// <summary>Orders are read from this SAP stamp (inclusive: the same second may hold more); null before the first read.</summary>
    public DateTime? OrdersFrom { get; init; }

    public DateTimeOffset? LastSweepAt { get; init; }

    public long Sweeps { get; init; }

    public SapStockCursorState ProcessEvent(SapStockCursorEvents.ISapStockCursorEvent evt) => evt switch
    {
        SapStockCursorEvents.AuditRead a => this with { AuditTransNum = Math.Max(a.TransNum, AuditTransNum ?? 0) },
        SapStockCursorEvents.OrdersRead o => this with { OrdersFrom = OrdersFrom is { } from && from > o.Through ? from : o.Through },
        SapStockCursorEvents.SweepCompleted s => this with { LastSweepAt = s.At, Sweeps = Sweeps + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown SAP stock cursor event."),
    };

    /// <summary>Whether a full sweep is due: never swept, or the interval has passed.</summary>
    public bool SweepDue(DateTimeOffset now, TimeSpan interval) => LastSweepAt is not { } last || now - last >= interval;
}

using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Catalogue;

/// <summary>
/// The items reader's journal (<c>catalogue-items-reader</c>): how far it has read SAP's <c>Items</c>. The first start
/// reads every item by code (keyset pages, its progress journaled so a restart continues it) from a stamp taken
/// before it began; after that only items changed since the cursor, by <c>UpdateDate</c>, <c>UpdateTime</c> and
/// <c>ItemCode</c> (many items share a second: the code orders them inside it, so a page never repeats or skips).
/// Each event is journaled only after every publisher journaled the page it covers.
/// </summary>
public static class CatalogueReaderEvents
{
    public interface ICatalogueReaderEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>The first full read begins; changes are read from <paramref name="From"/> (SAP's newest stamp then) once it ends.</summary>
    public sealed record FullReadStarted(DateTime From, DateTimeOffset At) : ICatalogueReaderEvent;

    /// <summary>Items up to <paramref name="LastCode"/> of the full read were handed to every publisher.</summary>
    public sealed record FullReadPage(string LastCode, int Items, DateTimeOffset At) : ICatalogueReaderEvent;

    public sealed record FullReadCompleted(long Items, DateTimeOffset At) : ICatalogueReaderEvent;

    /// <summary>
    /// Items changed up to SAP's stamp <paramref name="Through"/> (and, inside that second, <paramref name="LastCode"/>)
    /// were handed on. An empty <paramref name="LastCode"/> means the read caught up: that second is read again next
    /// time, because SAP may still stamp more items with it (an item saved later in the same second, with a lower code,
    /// would otherwise be missed).
    /// </summary>
    public sealed record ChangesRead(DateTime Through, string LastCode, int Items, DateTimeOffset At) : ICatalogueReaderEvent;
}

public sealed record CatalogueReaderState
{
    public static readonly CatalogueReaderState Empty = new();

    /// <summary>Changes are read after this stamp and code; null before the first full read started.</summary>
    public DateTime? Through { get; init; }

    public string LastCode { get; init; } = "";

    public bool FullReadDone { get; init; }

    /// <summary>The full read's progress (the last code handed on); null before its first page.</summary>
    public string? FullReadAfter { get; init; }

    public long ItemsRead { get; init; }

    public CatalogueReaderState ProcessEvent(CatalogueReaderEvents.ICatalogueReaderEvent evt) => evt switch
    {
        CatalogueReaderEvents.FullReadStarted s => this with { Through = s.From, LastCode = "" },
        CatalogueReaderEvents.FullReadPage p => this with { FullReadAfter = p.LastCode, ItemsRead = ItemsRead + p.Items },
        CatalogueReaderEvents.FullReadCompleted => this with { FullReadDone = true, FullReadAfter = null },
        CatalogueReaderEvents.ChangesRead c => After(c.Through, c.LastCode) || (c.LastCode.Length == 0 && c.Through >= Through)
            ? this with { Through = c.Through, LastCode = c.LastCode, ItemsRead = ItemsRead + c.Items }
            : this,
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown catalogue reader event."),
    };

    /// <summary>Whether (stamp, code) lies after the cursor: the cursor never goes back.</summary>
    public bool After(DateTime stamp, string code) =>
        Through is not { } through || stamp > through || (stamp == through && string.CompareOrdinal(code, LastCode) > 0);
}

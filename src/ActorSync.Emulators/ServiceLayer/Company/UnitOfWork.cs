namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// One atomic change to the company: a single request or a whole <c>$batch</c> changeset. Every mutation
/// registers how to undo itself, so a failing changeset is rolled back in reverse order (reference §7:
/// a changeset is atomic). Runs under the company's write lock.
/// </summary>
internal sealed class UnitOfWork(DateTime now)
{
    private readonly List<Action> _undo = [];

    /// <summary>The transaction's clock reading (second resolution): every stamp it writes uses it.</summary>
    public DateTime Now { get; } = new(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Documents created by this unit, in order (for statistics after commit).</summary>
    public List<(DocumentBase Document, bool DuplicateNumAtCard)> Created { get; } = [];

    /// <summary>Documents touched (changed but not created), so their snapshot is taken once.</summary>
    public HashSet<DocumentBase> Touched { get; } = new(ReferenceEqualityComparer.Instance);

    public void OnRollback(Action undo) => _undo.Add(undo);

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
        Created.Clear();
    }
}

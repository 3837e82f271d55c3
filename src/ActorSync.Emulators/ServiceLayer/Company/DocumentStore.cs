namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// The documents of one set. DocEntry is the 1-based position, so it increases per set and lookups are O(1).
/// DocNum comes from the set's (single, primary) numbering series and equals DocEntry unless the client sends
/// <c>HandWritten=tYES</c> with its own DocNum.
/// </summary>
internal sealed class DocumentStore(DocumentSetInfo info)
{
    private readonly List<DocumentBase> _documents = [];
    private readonly Dictionary<string, int> _numAtCardUses = new(StringComparer.Ordinal);

    public DocumentSetInfo Info { get; } = info;
    public int Count => _documents.Count;
    public IReadOnlyList<DocumentBase> All => _documents;
    public int NextDocEntry => _documents.Count + 1;

    public DocumentBase? Find(int docEntry) =>
        docEntry >= 1 && docEntry <= _documents.Count ? _documents[docEntry - 1] : null;

    /// <summary>Adds a document; returns true when its NumAtCard was already used in this set (SAP allows that).</summary>
    public bool Add(DocumentBase document, string? numAtCard, UnitOfWork uow)
    {
        _documents.Add(document);
        var duplicate = false;
        if (!string.IsNullOrEmpty(numAtCard))
        {
            _numAtCardUses.TryGetValue(numAtCard, out var uses);
            duplicate = uses > 0;
            _numAtCardUses[numAtCard] = uses + 1;
        }

        uow.OnRollback(() =>
        {
            _documents.RemoveAt(_documents.Count - 1);
            if (!string.IsNullOrEmpty(numAtCard))
            {
                var left = _numAtCardUses[numAtCard] - 1;
                if (left == 0)
                {
                    _numAtCardUses.Remove(numAtCard);
                }
                else
                {
                    _numAtCardUses[numAtCard] = left;
                }
            }
        });
        return duplicate;
    }

    /// <summary>
    /// Call before changing a stored document: the first touch in a unit keeps a deep copy that a rollback puts
    /// back in place.
    /// </summary>
    public void Touch(DocumentBase document, UnitOfWork uow)
    {
        if (!uow.Touched.Add(document))
        {
            return;
        }

        var snapshot = document.DeepClone();
        var index = document.DocEntry - 1;
        uow.OnRollback(() => _documents[index] = snapshot);
    }

    /// <summary>Re-count NumAtCard uses after a PATCH changed one.</summary>
    public void ChangeNumAtCard(string? oldValue, string? newValue, UnitOfWork uow)
    {
        if (string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            return;
        }

        if (!string.IsNullOrEmpty(oldValue) && _numAtCardUses.TryGetValue(oldValue, out var oldUses))
        {
            if (oldUses <= 1)
            {
                _numAtCardUses.Remove(oldValue);
            }
            else
            {
                _numAtCardUses[oldValue] = oldUses - 1;
            }

            uow.OnRollback(() => _numAtCardUses[oldValue] = oldUses);
        }

        if (!string.IsNullOrEmpty(newValue))
        {
            _numAtCardUses.TryGetValue(newValue, out var newUses);
            _numAtCardUses[newValue] = newUses + 1;
            uow.OnRollback(() =>
            {
                if (newUses == 0)
                {
                    _numAtCardUses.Remove(newValue);
                }
                else
                {
                    _numAtCardUses[newValue] = newUses;
                }
            });
        }
    }

    public void Clear()
    {
        _documents.Clear();
        _numAtCardUses.Clear();
    }
}

namespace ActorSync.ServiceLayer;

/// <summary>One write inside a changeset. <paramref name="Path"/> is relative to the service root ("Orders",
/// "Orders(12)/Close") or a Content-ID reference to an earlier operation of the same changeset ("$1", "$1/Cancel").
/// <paramref name="ContentId"/> is numbered automatically when absent; give one explicitly to refer to it with $n.</summary>
public sealed record BatchOperation(HttpMethod Method, string Path, object? Body = null, string? ContentId = null);

/// <summary>
/// Builder of a <c>$batch</c> request (reference §7). Every <see cref="AddChangeset"/> is one atomic unit: SAP rolls
/// the whole changeset back if one operation fails. GETs go outside changesets (changesets may not contain GETs).
/// SAP stops at the first failing part and does not run the rest.
/// </summary>
public sealed class BatchRequest
{
    private readonly List<BatchPart> _parts = [];
    private readonly HashSet<string> _explicitContentIds = new(StringComparer.Ordinal);

    /// <summary>Adds one changeset; returns this.</summary>
    public BatchRequest AddChangeset(params BatchOperation[] operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Length == 0)
            throw new ArgumentException("A changeset needs at least one operation.", nameof(operations));

        var idsInThisChangeset = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Length; i++)
        {
            var op = operations[i] ?? throw new ArgumentException($"Operation {i} is null.", nameof(operations));
            if (op.Method is null)
                throw new ArgumentException($"Operation {i} has no HTTP method.", nameof(operations));
            if (op.Method == HttpMethod.Get || op.Method == HttpMethod.Head)
                throw new ArgumentException($"Operation {i}: changesets may not contain {op.Method} (reference §7); use AddGet.", nameof(operations));
            CheckPath(op.Path, $"Operation {i}");
            if (op.ContentId is { } id)
            {
                if (id.Length == 0 || id.Any(c => !IsTokenChar(c)))
                    throw new ArgumentException($"Operation {i}: Content-ID '{id}' must be a non-empty token without spaces or separators.", nameof(operations));
                // OData v4 (SL v2) wants Content-IDs unique in the whole batch; that is also enough for v1.
                if (_explicitContentIds.Contains(id) || !idsInThisChangeset.Add(id))
                    throw new ArgumentException($"Operation {i}: Content-ID '{id}' is already used in this batch.", nameof(operations));
            }
        }
        _explicitContentIds.UnionWith(idsInThisChangeset);
        _parts.Add(new ChangesetPart([.. operations]));
        return this;
    }

    /// <summary>Adds a read outside any changeset; returns this.</summary>
    public BatchRequest AddGet(string path)
    {
        CheckPath(path, "GET");
        _parts.Add(new GetPart(path));
        return this;
    }

    /// <summary>Request parts: changesets plus GETs. <see cref="BatchOutcome.Completed"/> has one result per part.</summary>
    public int PartCount => _parts.Count;

    /// <summary>Operations in all changesets plus GETs.</summary>
    public int OperationCount => _parts.Sum(p => p is ChangesetPart c ? c.Operations.Count : 1);

    internal IReadOnlyList<BatchPart> Parts => _parts;

    /// <summary>The Content-ID every changeset operation will carry, by part and operation; explicit ones are kept,
    /// the others get 1, 2, 3… skipping numbers already taken. Null entries for GET parts.</summary>
    internal IReadOnlyList<IReadOnlyList<string>?> AssignContentIds()
    {
        var taken = new HashSet<string>(_explicitContentIds, StringComparer.Ordinal);
        var next = 1;
        var result = new List<IReadOnlyList<string>?>(_parts.Count);
        foreach (var part in _parts)
        {
            if (part is not ChangesetPart changeset)
            {
                result.Add(null);
                continue;
            }
            var ids = new string[changeset.Operations.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                if (changeset.Operations[i].ContentId is { } given)
                {
                    ids[i] = given;
                    continue;
                }
                string candidate;
                do candidate = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                while (!taken.Add(candidate));
                ids[i] = candidate;
            }
            result.Add(ids);
        }
        return result;
    }

    private static void CheckPath(string? path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"{what}: the path is empty.", nameof(path));
        // The path ends up in a request line: a line break would let it forge headers or parts.
        if (path.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException($"{what}: the path contains a line break.", nameof(path));
    }

    private static bool IsTokenChar(char c) =>
        c is > ' ' and < (char)127 && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0;
}

internal abstract record BatchPart;

internal sealed record ChangesetPart(IReadOnlyList<BatchOperation> Operations) : BatchPart;

internal sealed record GetPart(string Path) : BatchPart;

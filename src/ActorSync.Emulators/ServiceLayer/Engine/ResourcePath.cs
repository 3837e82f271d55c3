namespace ActorSync.Emulators.ServiceLayer.Engine;

/// <summary>
/// A parsed resource path: <c>Orders</c>, <c>Orders(22)</c>, <c>Items('A/1')</c>, <c>Orders(22)/Close</c>,
/// <c>Orders/$count</c>, <c>view.svc/NameB1SLQuery</c> or a changeset reference <c>$1</c> / <c>$1/Close</c>.
/// Resource names are case-sensitive, as in SL (reference §1).
/// </summary>
internal sealed record ResourcePath(string Name, string? Key, string? Sub, bool IsView, bool IsContentReference)
{
    public static ResourcePath Parse(string path)
    {
        path = path.Trim('/');
        if (path.StartsWith("view.svc/", StringComparison.Ordinal))
        {
            var rest = path["view.svc/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash < 0
                ? new ResourcePath(rest, null, null, true, false)
                : new ResourcePath(rest[..slash], null, rest[(slash + 1)..], true, false);
        }

        // First segment: name plus an optional parenthesised key (quotes may contain '/' or ')').
        var i = 0;
        while (i < path.Length && path[i] != '(' && path[i] != '/')
        {
            i++;
        }

        var name = path[..i];
        string? key = null;
        if (i < path.Length && path[i] == '(')
        {
            var start = i + 1;
            var inQuote = false;
            i++;
            while (i < path.Length && (inQuote || path[i] != ')'))
            {
                if (path[i] == '\'')
                {
                    inQuote = !inQuote;
                }

                i++;
            }

            key = path[start..Math.Min(i, path.Length)];
            i++; // ')'
        }

        string? sub = null;
        if (i < path.Length && path[i] == '/')
        {
            sub = path[(i + 1)..];
        }

        return new ResourcePath(name, key, sub, false, name.StartsWith('$') && name.Length > 1 && char.IsAsciiDigit(name[1]));
    }

    /// <summary>"Orders", "Orders/Close", "Orders/$count", "view.svc/X": the request-statistics key.</summary>
    public string StatsName => IsView ? "view.svc/" + Name : Sub is null ? Name : Name + "/" + Sub;
}

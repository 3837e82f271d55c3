using System.Globalization;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

/// <summary>How a request wants its page: size from headers/config and the next-link style.</summary>
internal sealed record PagingRequest(int PageSize, bool CaseInsensitive, bool AbsoluteNextLink, string ServiceRoot, string ServicePath);

/// <summary>One page of a collection query, already serialised.</summary>
internal sealed record QueryPage(byte[] Body, int Returned);

/// <summary>Anything that answers GET on a collection, by key and <c>/$count</c>.</summary>
internal interface IQueryableResource
{
    string Name { get; }

    /// <summary>Path of the collection relative to the service root (e.g. "Orders" or "view.svc/XB1SLQuery").</summary>
    string RelativePath { get; }

    QueryPage QueryCollection(QueryOptions options, PagingRequest paging, ODataVersion version);
    byte[] GetByKey(string keyText, QueryOptions options, ODataVersion version, string serviceRoot);
    int Count(QueryOptions options, bool caseInsensitive);
}

/// <summary>
/// A queryable set over a list of entities. The source list is in key order, which is the default order.
/// Callers hold the company's read lock while calling.
/// </summary>
internal sealed class EntitySetResource<T>(
    string name,
    EntityDefinition<T> definition,
    Func<IReadOnlyList<T>> source,
    Func<string, T?> findByKey,
    string? relativePath = null,
    string? sortedKey = null) : IQueryableResource where T : class
{
    // sortedKey: the source is in ascending order of this key property, so "$orderby=<key>" needs no sort and
    // "<key> eq 'a' or <key> eq 'b'" is answered by key look-ups, as SAP answers them from its index: at 200,000 items
    // (the stock-storm benchmark) scanning and sorting the whole set per page made the emulator the bottleneck.
    private readonly System.Text.RegularExpressions.Regex? _keyList = sortedKey is null ? null
        : new($@"^\s*{sortedKey} eq ('(?:[^']|'')*')(?:\s+or\s+{sortedKey} eq ('(?:[^']|'')*'))*\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public string Name { get; } = name;
    public string RelativePath { get; } = relativePath ?? name;
    public EntityDefinition<T> Definition { get; } = definition;

    public QueryPage QueryCollection(QueryOptions options, PagingRequest paging, ODataVersion version)
    {
        var select = ValidateSelect(options);
        var rows = Filtered(options, paging.CaseInsensitive, out var total);
        var skip = options.Skip ?? 0;
        var remaining = Math.Max(0, total - skip);
        if (options.Top is { } top)
        {
            remaining = Math.Min(remaining, top);
        }

        var take = paging.PageSize > 0 ? Math.Min(paging.PageSize, remaining) : remaining;
        var hasMore = paging.PageSize > 0 && take < remaining;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString(version.MetadataAnnotation(), ContextUrl(paging.ServiceRoot, select, version, entity: false));
            if (options.InlineCount)
            {
                json.WriteNumber(version.CountAnnotation(), total);
            }

            json.WriteStartArray("value");
            var writer = new EntityJsonWriter(json, version, select);
            for (var i = 0; i < take; i++)
            {
                json.WriteStartObject();
                Definition.Write(writer, rows[skip + i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (hasMore)
            {
                var next = RelativePath + "?" + options.NextQuery(skip + take, options.Top is { } t ? t - take : null);
                json.WriteString(version.NextLinkAnnotation(), paging.AbsoluteNextLink ? paging.ServicePath + next : next);
            }

            json.WriteEndObject();
        }

        return new QueryPage(buffer.ToArray(), take);
    }

    public int Count(QueryOptions options, bool caseInsensitive)
    {
        _ = Filtered(options, caseInsensitive, out var total);
        return total;
    }

    public byte[] GetByKey(string keyText, QueryOptions options, ODataVersion version, string serviceRoot)
    {
        var select = ValidateSelect(options);
        var entity = findByKey(keyText) ?? throw SapErrors.NotFound();
        return SerializeEntity(entity, version, serviceRoot, select);
    }

    public byte[] SerializeEntity(T entity, ODataVersion version, string serviceRoot, IReadOnlySet<string>? select = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString(version.MetadataAnnotation(), ContextUrl(serviceRoot, select, version, entity: true));
            Definition.Write(new EntityJsonWriter(json, version, select), entity);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>v1: "…/$metadata#Orders[/@Element][&amp;$select=a,b]"; v2: "…/$metadata#Orders[(a,b)][/$entity]".</summary>
    private string ContextUrl(string serviceRoot, IReadOnlySet<string>? select, ODataVersion version, bool entity)
    {
        var url = serviceRoot + "$metadata#" + Name;
        if (version == ODataVersion.V1)
        {
            url += entity ? version.EntitySuffix() : "";
            return select is null ? url : url + "&$select=" + string.Join(',', select);
        }

        url += select is null ? "" : "(" + string.Join(',', select) + ")";
        return entity ? url + version.EntitySuffix() : url;
    }

    private IReadOnlySet<string>? ValidateSelect(QueryOptions options)
    {
        var select = options.SelectedProperties();
        if (select is null)
        {
            return null;
        }

        foreach (var property in select)
        {
            if (!Definition.HasProperty(property))
            {
                throw SapErrors.InvalidProperty(property, Definition.TypeName);
            }
        }

        return select;
    }

    private IReadOnlyList<T> Filtered(QueryOptions options, bool caseInsensitive, out int total)
    {
        var all = source();
        if (options.Filter is null && options.OrderBy is null)
        {
            total = all.Count;
            return all;
        }

        IEnumerable<T> rows = all;
        if (!caseInsensitive && options.Filter is { } keyFilter && _keyList?.Match(keyFilter) is { Success: true } match)
        {
            var found = match.Groups[1].Captures.Concat(match.Groups[2].Captures).Select(c => findByKey(c.Value)).OfType<T>().Distinct().ToList();
            var keyField = Definition.RequireField(sortedKey!);
            found.Sort((a, b) => FilterCompiler.CompareForSort(keyField.Get(a), keyField.Get(b), false));
            rows = found;
        }
        else if (!string.IsNullOrWhiteSpace(options.Filter))
        {
            var predicate = FilterCompiler.Compile(options.Filter, Definition, caseInsensitive);
            rows = rows.Where(predicate);
        }

        var list = rows.ToList();
        var orderBy = options.OrderBy?.Trim();
        var alreadySorted = sortedKey is not null && (orderBy == sortedKey || orderBy == sortedKey + " asc");
        if (!string.IsNullOrWhiteSpace(orderBy) && !alreadySorted)
        {
            var keys = ParseOrderBy(options.OrderBy!);
            var indexed = list.Select((row, index) => (row, index)).ToList();
            indexed.Sort((a, b) =>
            {
                foreach (var (field, descending) in keys)
                {
                    var result = FilterCompiler.CompareForSort(field.Get(a.row), field.Get(b.row), caseInsensitive);
                    if (result != 0)
                    {
                        return descending ? -result : result;
                    }
                }

                return a.index.CompareTo(b.index); // stable
            });
            list = indexed.Select(x => x.row).ToList();
        }

        total = list.Count;
        return list;
    }

    private List<(FieldDef<T> Field, bool Descending)> ParseOrderBy(string orderBy)
    {
        var keys = new List<(FieldDef<T>, bool)>();
        foreach (var part in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = words.Length > 1 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (words.Length > 2 || (words.Length == 2 && !descending && !words[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw SapErrors.BadQuery($"Invalid '$orderby' clause '{part}'");
            }

            keys.Add((Definition.RequireField(words[0]), descending));
        }

        return keys;
    }

    // ---- key parsing ----------------------------------------------------------------------------------------

    /// <summary>'A1' → A1 (quotes doubled inside); also accepts Name='A1'.</summary>
    public static string? StringKey(string keyText)
    {
        var text = StripKeyName(keyText);
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        return null;
    }

    public static int? IntKey(string keyText) =>
        int.TryParse(StripKeyName(keyText), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string StripKeyName(string keyText)
    {
        var equals = keyText.IndexOf('=', StringComparison.Ordinal);
        var quote = keyText.IndexOf('\'', StringComparison.Ordinal);
        return equals > 0 && (quote < 0 || equals < quote) ? keyText[(equals + 1)..].Trim() : keyText.Trim();
    }
}

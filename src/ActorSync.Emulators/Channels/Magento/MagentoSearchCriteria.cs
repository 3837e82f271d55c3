using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>One <c>searchCriteria[filter_groups][g][filters][f]</c> filter (channels.md §1.2).</summary>
internal sealed record MagentoFilter(string Field, string? Value, string ConditionType);

/// <summary>
/// Magento's <c>searchCriteria</c> query string (channels.md §1.2): filters inside a group are OR'ed, groups are
/// AND'ed; <c>pageSize</c>/<c>currentPage</c> (1-based) page; <c>sortOrders</c> sort. Without a page size every match
/// is returned. A page past the end is the last page again, as older stores answer (magento/magento2#3787, #8099,
/// #26986, channels.md §1.2), or empty, as 2.4.x does (<c>repeatLastPage</c> false).
/// </summary>
internal sealed partial record MagentoSearchCriteria(
    IReadOnlyList<IReadOnlyList<MagentoFilter>> FilterGroups,
    int? PageSize,
    int CurrentPage,
    IReadOnlyList<(string Field, bool Descending)> SortOrders)
{
    private static readonly string[] Conditions = ["eq", "neq", "in", "nin", "like", "nlike", "gt", "gteq", "lt", "lteq", "moreq", "from", "to", "null", "notnull", "finset", "nfinset"];

    [GeneratedRegex(@"^searchCriteria\[filter_groups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_type)\]$")]
    private static partial Regex FilterKey();

    [GeneratedRegex(@"^searchCriteria\[sortOrders\]\[(\d+)\]\[(field|direction)\]$")]
    private static partial Regex SortKey();

    /// <summary>Parses the query; null with an error message (Magento's wording where known) when it is unusable.</summary>
    public static (MagentoSearchCriteria? Criteria, string? Error) Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        var any = false;
        var filters = new SortedDictionary<int, SortedDictionary<int, Dictionary<string, string>>>();
        var sorts = new SortedDictionary<int, Dictionary<string, string>>();
        int? pageSize = null;
        var currentPage = 1;
        foreach (var (key, value) in query)
        {
            if (!key.StartsWith("searchCriteria", StringComparison.Ordinal))
                continue;
            any = true;
            if (FilterKey().Match(key) is { Success: true } f)
            {
                var group = int.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
                var index = int.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture);
                if (!filters.TryGetValue(group, out var groupFilters))
                    filters[group] = groupFilters = [];
                if (!groupFilters.TryGetValue(index, out var parts))
                    groupFilters[index] = parts = new Dictionary<string, string>(StringComparer.Ordinal);
                parts[f.Groups[3].Value] = value;
            }
            else if (SortKey().Match(key) is { Success: true } s)
            {
                var index = int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture);
                if (!sorts.TryGetValue(index, out var parts))
                    sorts[index] = parts = new Dictionary<string, string>(StringComparer.Ordinal);
                parts[s.Groups[2].Value] = value;
            }
            else if (key == "searchCriteria[pageSize]")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    return (null, $"searchCriteria[pageSize] must be a whole number, was \"{value}\".");
                pageSize = size == 0 ? null : size;
            }
            else if (key == "searchCriteria[currentPage]")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out currentPage) || currentPage < 1)
                    return (null, $"searchCriteria[currentPage] must be a whole number of at least 1, was \"{value}\".");
            }
            else if (key != "searchCriteria")
            {
                return (null, $"Unsupported search criteria key \"{key}\".");
            }
        }

        if (!any)
            return (null, "\"searchCriteria\" is required. Enter and try again.");

        var groups = new List<IReadOnlyList<MagentoFilter>>();
        foreach (var groupFilters in filters.Values)
        {
            var list = new List<MagentoFilter>();
            foreach (var parts in groupFilters.Values)
            {
                if (!parts.TryGetValue("field", out var field) || field.Length == 0)
                    return (null, "A search filter has no field.");
                var condition = parts.GetValueOrDefault("condition_type") is { Length: > 0 } c ? c : "eq";
                if (!Conditions.Contains(condition))
                    return (null, $"Invalid condition type \"{condition}\".");
                list.Add(new MagentoFilter(field, parts.GetValueOrDefault("value"), condition));
            }

            groups.Add(list);
        }

        var sortOrders = sorts.Values
            .Where(p => p.ContainsKey("field"))
            .Select(p => (p["field"], string.Equals(p.GetValueOrDefault("direction"), "DESC", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (new MagentoSearchCriteria(groups, pageSize, currentPage, sortOrders), null);
    }

    public bool Matches(JsonObject entity) => FilterGroups.All(group => group.Any(filter => Matches(entity, filter)));

    /// <summary>The matches of <paramref name="entities"/>, sorted and paged, and how many matched in total.</summary>
    /// <param name="repeatLastPage">A page past the end answers the last page again (older stores) rather than nothing.</param>
    public (List<JsonObject> Page, int Total) Apply(IEnumerable<JsonObject> entities, bool repeatLastPage = false)
    {
        IEnumerable<JsonObject> matches = entities.Where(Matches);
        IOrderedEnumerable<JsonObject>? sorted = null;
        foreach (var (field, descending) in SortOrders)
        {
            var comparer = Comparer<JsonObject>.Create((a, b) => Compare(Scalar(a, field), Scalar(b, field)));
            sorted = sorted is null
                ? descending ? matches.OrderByDescending(e => e, comparer) : matches.OrderBy(e => e, comparer)
                : descending ? sorted.ThenByDescending(e => e, comparer) : sorted.ThenBy(e => e, comparer);
        }

        var all = (sorted ?? matches).ToList();
        if (PageSize is not { } size)
            return (all, all.Count);
        var pageNumber = CurrentPage;
        if (repeatLastPage && all.Count > 0 && (long)(pageNumber - 1) * size >= all.Count)
            pageNumber = (all.Count + size - 1) / size;
        var page = all.Skip((pageNumber - 1) * size).Take(size).ToList();
        return (page, all.Count);
    }

    /// <summary>The <c>search_criteria</c> Magento echoes in its search envelope.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["filter_groups"] = new JsonArray(FilterGroups.Select(g => (JsonNode)new JsonObject
            {
                ["filters"] = new JsonArray(g.Select(f => (JsonNode)new JsonObject
                {
                    ["field"] = f.Field,
                    ["value"] = f.Value,
                    ["condition_type"] = f.ConditionType,
                }).ToArray()),
            }).ToArray()),
        };
        if (SortOrders.Count > 0)
            json["sort_orders"] = new JsonArray(SortOrders.Select(s => (JsonNode)new JsonObject { ["field"] = s.Field, ["direction"] = s.Descending ? "DESC" : "ASC" }).ToArray());
        if (PageSize is { } size)
        {
            json["page_size"] = size;
            json["current_page"] = CurrentPage;
        }

        return json;
    }

    private static bool Matches(JsonObject entity, MagentoFilter filter)
    {
        var actual = Scalar(entity, filter.Field);
        var value = filter.Value ?? "";
        return filter.ConditionType switch
        {
            "eq" => actual is not null && Compare(actual, value) == 0,
            "neq" => actual is null || Compare(actual, value) != 0,
            "in" => actual is not null && Split(value).Any(v => Compare(actual, v) == 0),
            "nin" => actual is null || !Split(value).Any(v => Compare(actual, v) == 0),
            "like" => actual is not null && Like(actual.Text, value),
            "nlike" => actual is null || !Like(actual.Text, value),
            "gt" => actual is not null && Compare(actual, value) > 0,
            "gteq" or "moreq" or "from" => actual is not null && Compare(actual, value) >= 0,
            "lt" => actual is not null && Compare(actual, value) < 0,
            "lteq" or "to" => actual is not null && Compare(actual, value) <= 0,
            "null" => actual is null,
            "notnull" => actual is not null,
            "finset" => actual is not null && Split(actual.Text).Contains(value, StringComparer.Ordinal),
            "nfinset" => actual is null || !Split(actual.Text).Contains(value, StringComparer.Ordinal),
            _ => false,
        };
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries);

    private static bool Like(string actual, string pattern)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(actual, regex, RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>A top-level scalar field (numbers in invariant form), or null when absent or not a scalar.</summary>
    private static Field? Scalar(JsonObject entity, string field) =>
        entity[field] is JsonValue value
            ? value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => new Field(value.GetValue<string>(), false),
                System.Text.Json.JsonValueKind.Number => new Field(value.ToJsonString(), true),
                System.Text.Json.JsonValueKind.True => new Field("1", true),
                System.Text.Json.JsonValueKind.False => new Field("0", true),
                _ => null,
            }
            : null;

    private sealed record Field(string Text, bool IsNumber);

    /// <summary>
    /// As MySQL compares a column with a quoted value: a numeric column numerically (<c>order_id</c> 3 equals "3"),
    /// a text column as text, case-insensitively (<c>increment_id</c> "000000003" does not equal "3").
    /// </summary>
    private static int Compare(Field? actual, string value)
    {
        if (actual is null)
            return -1;
        if (actual.IsNumber &&
            decimal.TryParse(actual.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
            decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return string.Compare(actual.Text, value, StringComparison.OrdinalIgnoreCase);
    }

    private static int Compare(Field? a, Field? b)
    {
        if (a is null || b is null)
            return a is null ? b is null ? 0 : -1 : 1;
        return Compare(a, b.Text);
    }
}

using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

/// <summary>
/// The system query options of one request. The raw pairs are kept as received so the next link can repeat them
/// (reference §5: next links keep the original options plus <c>$skip</c>).
/// </summary>
internal sealed class QueryOptions
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$select", "$filter", "$orderby", "$top", "$skip", "$inlinecount", "$count", "$format",
    };

    public List<(string Name, string Raw)> Pairs { get; } = [];
    public string? Select { get; private set; }
    public string? Filter { get; private set; }
    public string? OrderBy { get; private set; }
    public int? Top { get; private set; }
    public int? Skip { get; private set; }

    /// <summary><c>$inlinecount=allpages</c> (v1) or <c>$count=true</c> (v2).</summary>
    public bool InlineCount { get; private set; }

    public static QueryOptions Parse(string? rawQuery)
    {
        var options = new QueryOptions();
        if (string.IsNullOrEmpty(rawQuery))
        {
            return options;
        }

        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            options.Pairs.Add((name, pair));
            if (!name.StartsWith('$'))
            {
                continue;
            }

            if (!Supported.Contains(name))
            {
                throw SapErrors.BadQuery($"The query option '{name}' is not supported by the emulator");
            }

            switch (name)
            {
                case "$select":
                    options.Select = value;
                    break;
                case "$filter":
                    options.Filter = value;
                    break;
                case "$orderby":
                    options.OrderBy = value;
                    break;
                case "$top":
                    options.Top = NonNegative(name, value);
                    break;
                case "$skip":
                    options.Skip = NonNegative(name, value);
                    break;
                case "$inlinecount":
                    options.InlineCount = value switch
                    {
                        "allpages" => true,
                        "none" => false,
                        _ => throw SapErrors.BadQuery($"Invalid value '{value}' for $inlinecount"),
                    };
                    break;
                case "$count":
                    options.InlineCount = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw SapErrors.BadQuery($"Invalid value '{value}' for $count"),
                    };
                    break;
            }
        }

        return options;
    }

    /// <summary>'+' means a space (form encoding), then percent-decoding.</summary>
    public static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw SapErrors.BadQuery($"Invalid value '{value}' for {name}; a non-negative integer is expected");

    /// <summary>The property names of <c>$select</c>, or null for all.</summary>
    public IReadOnlySet<string>? SelectedProperties()
    {
        if (string.IsNullOrWhiteSpace(Select) || Select.Trim() == "*")
        {
            return null;
        }

        return Select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Raw query string for the next page: the original options minus $top/$skip, then $top (if any) and $skip.</summary>
    public string NextQuery(int nextSkip, int? remainingTop)
    {
        var parts = Pairs.Where(p => p.Name is not ("$skip" or "$top")).Select(p => p.Raw).ToList();
        if (remainingTop is { } top)
        {
            parts.Add("$top=" + top.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add("$skip=" + nextSkip.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }
}

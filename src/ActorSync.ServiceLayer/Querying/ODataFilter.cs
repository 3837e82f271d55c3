using System.Globalization;
using System.Text;

namespace ActorSync.ServiceLayer;

/// <summary>
/// Builds <c>$filter</c> expressions from values without string pasting: strings are quoted with embedded
/// <c>'</c> doubled (<c>O'Brien</c> → <c>'O''Brien'</c>), numbers use the invariant culture, dates the quoted
/// <c>'yyyy-MM-dd'</c> form SL accepts (reference §5). Property names are checked so a value can never become syntax.
/// The result is raw OData; put it in a URL with <see cref="ODataQuery"/>, which escapes what a query string cannot
/// carry (<c>&amp;</c>, <c>#</c>, <c>+</c>…).
/// </summary>
public static class ODataFilter
{
    public static string Literal(string? value) => value is null ? "null" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(value), "OData has no literal for NaN or infinity here.");

    public static string Literal(bool value) => value ? "true" : "false";

    public static string Literal(DateOnly value) => "'" + value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    public static string Eq(string property, string? value) => Compare(property, "eq", Literal(value));
    public static string Eq(string property, long value) => Compare(property, "eq", Literal(value));
    public static string Eq(string property, decimal value) => Compare(property, "eq", Literal(value));
    public static string Eq(string property, bool value) => Compare(property, "eq", Literal(value));
    public static string Eq(string property, DateOnly value) => Compare(property, "eq", Literal(value));

    public static string Ne(string property, string? value) => Compare(property, "ne", Literal(value));
    public static string Ne(string property, long value) => Compare(property, "ne", Literal(value));

    public static string Gt(string property, long value) => Compare(property, "gt", Literal(value));
    public static string Gt(string property, decimal value) => Compare(property, "gt", Literal(value));
    public static string Gt(string property, DateOnly value) => Compare(property, "gt", Literal(value));
    public static string Ge(string property, long value) => Compare(property, "ge", Literal(value));
    public static string Ge(string property, DateOnly value) => Compare(property, "ge", Literal(value));
    public static string Lt(string property, long value) => Compare(property, "lt", Literal(value));
    public static string Lt(string property, DateOnly value) => Compare(property, "lt", Literal(value));
    public static string Le(string property, long value) => Compare(property, "le", Literal(value));
    public static string Le(string property, DateOnly value) => Compare(property, "le", Literal(value));

    /// <summary>SL's $filter knows startswith, endswith, contains and substringof (reference §5).</summary>
    public static string StartsWith(string property, string value) => $"startswith({Property(property)},{Literal(value)})";

    public static string EndsWith(string property, string value) => $"endswith({Property(property)},{Literal(value)})";

    public static string Contains(string property, string value) => $"contains({Property(property)},{Literal(value)})";

    /// <summary>"(a) and (b)"; empty clauses are skipped.</summary>
    public static string And(params string[] clauses) => Join("and", clauses);

    public static string Or(params string[] clauses) => Join("or", clauses);

    public static string Not(string clause) => $"not ({clause})";

    /// <summary>Field names such as <c>CardCode</c>, <c>U_ShopId</c> or navigation paths like
    /// <c>Items/ItemCode</c>; anything else is refused.</summary>
    public static string Property(string property)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        foreach (var c in property)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '.'))
                throw new ArgumentException($"'{property}' is not a property name.", nameof(property));
        }
        return property;
    }

    private static string Compare(string property, string op, string literal) => $"{Property(property)} {op} {literal}";

    private static string Join(string op, string[] clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        var present = clauses.Where(c => !string.IsNullOrWhiteSpace(c)).ToArray();
        return present.Length switch
        {
            0 => throw new ArgumentException("No clauses to combine.", nameof(clauses)),
            1 => present[0],
            _ => string.Join($" {op} ", present.Select(c => $"({c})")),
        };
    }
}

/// <summary>
/// Builds "EntitySet?$filter=…&amp;$select=…" with each option value escaped for the query string. Quotes, commas and
/// parentheses stay readable; <c>%</c>, <c>&amp;</c>, <c>#</c>, <c>+</c>, <c>;</c>, spaces, control and non-ASCII
/// characters are percent-encoded.
/// </summary>
public sealed class ODataQuery
{
    private readonly string _resource;
    private readonly List<(string Name, string Value)> _options = [];

    public ODataQuery(string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        _resource = resource;
    }

    public ODataQuery Filter(string expression) => Option("$filter", expression);

    public ODataQuery Select(params string[] properties) => Option("$select", string.Join(',', properties.Select(ODataFilter.Property)));

    public ODataQuery OrderBy(string property, bool descending = false) =>
        Option("$orderby", ODataFilter.Property(property) + (descending ? " desc" : ""));

    public ODataQuery Expand(string expand) => Option("$expand", expand);

    public ODataQuery Top(int count) => Option("$top", count.ToString(CultureInfo.InvariantCulture));

    public ODataQuery Skip(int count) => Option("$skip", count.ToString(CultureInfo.InvariantCulture));

    /// <summary>Any other option, e.g. <c>("$inlinecount", "allpages")</c>.</summary>
    public ODataQuery Option(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _options.Add((name, value));
        return this;
    }

    public override string ToString() =>
        _options.Count == 0 ? _resource : _resource + "?" + string.Join('&', _options.Select(o => $"{Escape(o.Name)}={Escape(o.Value)}"));

    public static implicit operator string(ODataQuery query) => query.ToString();

    /// <summary>Percent-encodes what would break or change the meaning of a query-string value.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is > ' ' and < (char)127 && c is not ('%' or '&' or '#' or '+' or ';' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}'))
            {
                sb.Append(c);
                continue;
            }
            var rune = char.IsSurrogatePair(value, i) ? new Rune(value[i], value[++i]) : new Rune(char.IsSurrogate(c) ? '\uFFFD' : c);
            var n = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < n; b++) sb.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}

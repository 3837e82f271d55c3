using System.Globalization;
using System.Xml;
using ActorSync.Emulators.ServiceLayer.Documents;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

/// <summary>
/// Turns a parsed <c>$filter</c> into a predicate over an entity definition. Literals are converted to the
/// property's kind once, at compile time. Strings compare ordinally (case-sensitive, as on HANA) unless the
/// request sends <c>B1S-CaseInsensitive: true</c>.
/// </summary>
internal static class FilterCompiler
{
    public static Func<T, bool> Compile<T>(string filter, EntityDefinition<T> definition, bool caseInsensitive)
    {
        var node = FilterParser.Parse(filter);
        return CompileBoolean(node, definition, caseInsensitive);
    }

    private static Func<T, bool> CompileBoolean<T>(FilterNode node, EntityDefinition<T> definition, bool ci)
    {
        switch (node)
        {
            case LogicalNode logical:
            {
                var left = CompileBoolean(logical.Left, definition, ci);
                var right = CompileBoolean(logical.Right, definition, ci);
                return logical.IsAnd ? t => left(t) && right(t) : t => left(t) || right(t);
            }

            case NotNode not:
            {
                var operand = CompileBoolean(not.Operand, definition, ci);
                return t => !operand(t);
            }

            case FunctionNode function:
                return CompileFunction(function, definition, ci);

            case ComparisonNode comparison:
                return CompileComparison(comparison, definition, ci);

            default:
                throw SapErrors.BadQuery("'$filter' must be a boolean expression");
        }
    }

    private static Func<T, bool> CompileComparison<T>(ComparisonNode node, EntityDefinition<T> definition, bool ci)
    {
        // Boolean function compared with true/false: startswith(Name,'A') eq true.
        if (node.Left is FunctionNode function && node.Right is LiteralNode { Token.Text: "true" or "false" } flag && node.Operator is "eq" or "ne")
        {
            var predicate = CompileFunction(function, definition, ci);
            var expected = flag.Token.Text == "true" ^ node.Operator == "ne";
            return t => predicate(t) == expected;
        }

        var op = node.Operator;
        var (left, right) = (node.Left, node.Right);
        if (left is LiteralNode && right is PropertyNode)
        {
            (left, right) = (right, left);
            op = op switch { "gt" => "lt", "ge" => "le", "lt" => "gt", "le" => "ge", _ => op };
        }

        if (left is FunctionNode || right is FunctionNode)
        {
            // Reports unsupported functions by name (tolower, year, …) before anything else.
            _ = CompileFunction((FunctionNode)(left is FunctionNode ? left : right), definition, ci);
            throw SapErrors.BadQuery("A string function in '$filter' can only be compared with true or false");
        }

        if (left is not PropertyNode property)
        {
            throw SapErrors.BadQuery("A comparison in '$filter' needs a property on one side");
        }

        var field = definition.RequireField(property.Name);
        Func<T, object?> rightValue = right switch
        {
            LiteralNode literal => ConstantOf<T>(ConvertLiteral(literal.Token, field)),
            PropertyNode other => definition.RequireField(other.Name).Get,
            _ => throw SapErrors.BadQuery("Unsupported operand in '$filter'"),
        };

        var get = field.Get;
        return op switch
        {
            "eq" => t => AreEqual(get(t), rightValue(t), ci),
            "ne" => t => !AreEqual(get(t), rightValue(t), ci),
            "gt" => t => Compare(get(t), rightValue(t), ci) is > 0,
            "ge" => t => Compare(get(t), rightValue(t), ci) is >= 0,
            "lt" => t => Compare(get(t), rightValue(t), ci) is < 0,
            _ => t => Compare(get(t), rightValue(t), ci) is <= 0,
        };
    }

    private static Func<T, object?> ConstantOf<T>(object? value) => _ => value;

    private static Func<T, bool> CompileFunction<T>(FunctionNode function, EntityDefinition<T> definition, bool ci)
    {
        var comparison = ci ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        Func<string, string, bool> test = function.Name switch
        {
            "startswith" => (value, text) => value.StartsWith(text, comparison),
            "endswith" => (value, text) => value.EndsWith(text, comparison),
            "contains" => (value, text) => value.Contains(text, comparison),
            "substringof" => (value, text) => value.Contains(text, comparison),
            _ => throw SapErrors.BadQuery(
                $"Function '{function.Name}' is not supported in '$filter'; the Service Layer supports startswith, endswith, contains and substringof"),
        };
        if (function.Arguments.Count != 2)
        {
            throw SapErrors.BadQuery($"Function '{function.Name}' takes two arguments");
        }

        // substringof('text', Property) has its arguments the other way round (OData v3).
        var (propertyNode, literalNode) = function.Name == "substringof"
            ? (function.Arguments[1], function.Arguments[0])
            : (function.Arguments[0], function.Arguments[1]);
        if (propertyNode is not PropertyNode property || literalNode is not LiteralNode { Token.Kind: TokenKind.String } literal)
        {
            throw SapErrors.BadQuery($"Function '{function.Name}' needs a property and a string literal");
        }

        var field = definition.RequireField(property.Name);
        var text = literal.Token.Text;
        var get = field.Get;
        return t => get(t) is { } value && test(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", text);
    }

    internal static object? ConvertLiteral<T>(Token token, FieldDef<T> field)
    {
        if (token is { Kind: TokenKind.Identifier, Text: "null" })
        {
            return null;
        }

        var text = token.Text;
        switch (field.Kind)
        {
            case FieldKind.String:
                return text;

            case FieldKind.Int:
            case FieldKind.Number:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                break;

            case FieldKind.Date:
                if (Payload.ParseDate(text) is { } date)
                {
                    return date;
                }

                break;

            case FieldKind.Time:
                if (ParseTime(text) is { } time)
                {
                    return time;
                }

                break;

            case FieldKind.Enum:
                return field.Enum?.Normalize(text) ?? text;
        }

        throw SapErrors.BadQuery($"Literal '{text}' is not a valid value for property '{field.Name}' in '$filter'");
    }

    /// <summary>Times: '10:15:00', '10:15', '101500', or an ISO duration as in time'PT10H15M'.</summary>
    private static TimeOnly? ParseTime(string text)
    {
        if (TimeOnly.TryParseExact(text, ["HH:mm:ss", "HH:mm", "HHmmss", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        if (text.StartsWith("PT", StringComparison.Ordinal))
        {
            try
            {
                return TimeOnly.FromTimeSpan(XmlConvert.ToTimeSpan(text));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    public static bool AreEqual(object? left, object? right, bool ci)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return Compare(left, right, ci) == 0;
    }

    /// <summary>Compares two property values; null when either is null (so every ordering test is false).</summary>
    public static int? Compare(object? left, object? right, bool ci)
    {
        if (left is null || right is null)
        {
            return null;
        }

        return (left, right) switch
        {
            (string a, string b) => ci ? string.Compare(a, b, StringComparison.OrdinalIgnoreCase) : string.CompareOrdinal(a, b),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            (TimeOnly a, TimeOnly b) => a.CompareTo(b),
            _ when IsNumber(left) && IsNumber(right) => ToDecimal(left).CompareTo(ToDecimal(right)),
            _ => string.CompareOrdinal(Convert.ToString(left, CultureInfo.InvariantCulture), Convert.ToString(right, CultureInfo.InvariantCulture)),
        };
    }

    private static bool IsNumber(object value) => value is int or decimal or long;
    private static decimal ToDecimal(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    /// <summary>Sorting: nulls first, then by value.</summary>
    public static int CompareForSort(object? left, object? right, bool ci) =>
        left is null ? (right is null ? 0 : -1) : right is null ? 1 : Compare(left, right, ci) ?? 0;
}

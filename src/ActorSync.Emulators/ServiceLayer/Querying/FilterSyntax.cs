using System.Globalization;
using System.Text;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

internal enum TokenKind
{
    Identifier,
    String,
    TypedLiteral,
    Number,
    Date,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, string? Prefix = null, int Position = 0);

/// <summary>
/// Tokeniser for the <c>$filter</c> subset SL supports (reference §5): comparisons, and/or/not, parentheses,
/// startswith/endswith/contains/substringof, and literals — 'strings' ('' escapes a quote), numbers, unquoted
/// dates (2024-01-01), and typed literals such as datetime'2024-01-01T00:00:00', time'10:15:00' or
/// SAPB1.BoYesNoEnum'tYES'.
/// </summary>
internal static class FilterLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.OpenParen, "(", Position: start));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.CloseParen, ")", Position: start));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", Position: start));
                    i++;
                    continue;
                case '\'':
                    tokens.Add(new Token(TokenKind.String, ReadQuoted(text, ref i), Position: start));
                    continue;
            }

            if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumberOrDate(text, ref i));
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '/' or '$'))
                {
                    i++;
                }

                var word = text[start..i];
                if (i < text.Length && text[i] == '\'')
                {
                    tokens.Add(new Token(TokenKind.TypedLiteral, ReadQuoted(text, ref i), word, start));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Identifier, word, Position: start));
                }

                continue;
            }

            throw SapErrors.BadQuery($"Syntax error at position {start.ToString(CultureInfo.InvariantCulture)} in '$filter': unexpected '{c}'");
        }

        tokens.Add(new Token(TokenKind.End, "", Position: text.Length));
        return tokens;
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var builder = new StringBuilder();
        i++; // opening quote
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return builder.ToString();
            }

            builder.Append(text[i]);
            i++;
        }

        throw SapErrors.BadQuery("Syntax error in '$filter': unterminated string literal");
    }

    private static Token ReadNumberOrDate(string text, ref int i)
    {
        var start = i;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // Unquoted date: 2024-01-01 or 2024-01-01T10:00:00Z (seen from real v2 integrations, reference §5).
        if (i - start == 4 && i < text.Length && text[i] == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
        {
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '-' or 'T' or ':' or 'Z' or '.'))
            {
                i++;
            }

            return new Token(TokenKind.Date, text[start..i], Position: start);
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'm' or 'M' or 'd' or 'D' or 'L' or 'l' or 'f' or 'F')
        {
            var number = text[start..i];
            i++;
            return new Token(TokenKind.Number, number, Position: start);
        }

        return new Token(TokenKind.Number, text[start..i], Position: start);
    }
}

internal abstract record FilterNode;

internal sealed record LogicalNode(bool IsAnd, FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record NotNode(FilterNode Operand) : FilterNode;

internal sealed record ComparisonNode(string Operator, FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record PropertyNode(string Name) : FilterNode;

internal sealed record LiteralNode(Token Token) : FilterNode;

internal sealed record FunctionNode(string Name, IReadOnlyList<FilterNode> Arguments) : FilterNode;

/// <summary>Recursive-descent parser: or &lt; and &lt; not &lt; comparison &lt; primary.</summary>
internal sealed class FilterParser
{
    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.OrdinalIgnoreCase) { "eq", "ne", "gt", "ge", "lt", "le" };
    private static readonly HashSet<string> ArithmeticOperators = new(StringComparer.OrdinalIgnoreCase) { "add", "sub", "mul", "div", "mod" };

    private readonly List<Token> _tokens;
    private int _position;

    private FilterParser(List<Token> tokens) => _tokens = tokens;

    public static FilterNode Parse(string text)
    {
        var parser = new FilterParser(FilterLexer.Tokenize(text));
        var node = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }

        return node;
    }

    private Token Peek => _tokens[_position];

    private bool IsKeyword(string keyword) =>
        Peek.Kind == TokenKind.Identifier && string.Equals(Peek.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private SapException Error(string what) =>
        SapErrors.BadQuery($"Syntax error at position {Peek.Position.ToString(CultureInfo.InvariantCulture)} in '$filter': {what}");

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            _position++;
            left = new LogicalNode(false, left, ParseAnd());
        }

        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("and"))
        {
            _position++;
            left = new LogicalNode(true, left, ParseNot());
        }

        return left;
    }

    private FilterNode ParseNot()
    {
        if (IsKeyword("not"))
        {
            _position++;
            return new NotNode(ParseNot());
        }

        return ParseComparison();
    }

    private FilterNode ParseComparison()
    {
        var left = ParsePrimary();
        if (Peek.Kind == TokenKind.Identifier && ComparisonOperators.Contains(Peek.Text))
        {
            var op = Peek.Text.ToLowerInvariant();
            _position++;
            return new ComparisonNode(op, left, ParsePrimary());
        }

        if (Peek.Kind == TokenKind.Identifier && ArithmeticOperators.Contains(Peek.Text))
        {
            throw SapErrors.BadQuery($"Arithmetic operator '{Peek.Text}' is not supported in '$filter'");
        }

        return left;
    }

    private FilterNode ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.OpenParen:
            {
                _position++;
                var inner = ParseOr();
                if (Peek.Kind != TokenKind.CloseParen)
                {
                    throw Error("missing ')'");
                }

                _position++;
                return inner;
            }

            case TokenKind.String or TokenKind.Number or TokenKind.Date or TokenKind.TypedLiteral:
                _position++;
                return new LiteralNode(token);

            case TokenKind.Identifier:
            {
                _position++;
                if (Peek.Kind != TokenKind.OpenParen)
                {
                    return token.Text is "null" or "true" or "false" ? new LiteralNode(token) : new PropertyNode(token.Text);
                }

                _position++;
                var arguments = new List<FilterNode>();
                if (Peek.Kind != TokenKind.CloseParen)
                {
                    arguments.Add(ParseOr());
                    while (Peek.Kind == TokenKind.Comma)
                    {
                        _position++;
                        arguments.Add(ParseOr());
                    }
                }

                if (Peek.Kind != TokenKind.CloseParen)
                {
                    throw Error("missing ')' after function arguments");
                }

                _position++;
                return new FunctionNode(token.Text, arguments);
            }

            default:
                throw Error(token.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected '{token.Text}'");
        }
    }
}

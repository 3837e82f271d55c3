using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// Markup that may be written as it is. Only <see cref="HtmlHandler"/> makes it: the literal parts of an interpolated
/// string are the code's own markup, and every value put into it is HTML-escaped unless it is already <see cref="Html"/>.
/// Payloads, reasons, notes and names come from channels and people, so nothing reaches a page without passing here.
/// (The namespace is <c>WebConsole</c>, not <c>Console</c>, so it does not hide <see cref="System.Console"/> in the host.)
/// </summary>
public readonly struct Html
{
    /// <summary>Internal: pages cannot wrap a string as markup; they go through <see cref="HtmlMarkup.H"/>.</summary>
    internal Html(string value) => Value = value;

    public string Value => field ?? "";

    public static readonly Html Empty = new("");

    public override string ToString() => Value;

    /// <summary>Escapes <c>&lt; &gt; &amp; " '</c>: safe as element text and inside a quoted attribute.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html When(bool condition, Html html) => condition ? html : Empty;
}

/// <summary>Builds <see cref="Html"/> from <c>H($"&lt;td&gt;{value}&lt;/td&gt;")</c>, escaping every value.</summary>
[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _builder;

    public HtmlHandler(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + formattedCount * 24);

    public void AppendLiteral(string markup) => _builder.Append(markup);

    public void AppendFormatted(Html html) => _builder.Append(html.Value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        switch (value)
        {
            case Html html:
                _builder.Append(html.Value);
                break;
            case IEnumerable<Html> parts:
                foreach (var part in parts) _builder.Append(part.Value);
                break;
            case IFormattable formattable:
                _builder.Append(Html.Encode(formattable.ToString(format, CultureInfo.InvariantCulture)));
                break;
            default:
                _builder.Append(Html.Encode(value?.ToString()));
                break;
        }
    }

    public readonly Html ToHtml() => new(_builder.ToString());
}

public static class HtmlMarkup
{
    /// <summary>The one way pages make markup: <c>H($"&lt;p&gt;{text}&lt;/p&gt;")</c>.</summary>
    public static Html H(HtmlHandler handler) => handler.ToHtml();

    /// <summary>A query-string or path value for an <c>href</c>: URL-encoded here, HTML-escaped by the handler.</summary>
    public static string Url(string? value) => Uri.EscapeDataString(value ?? "");

    /// <summary>An amount as the console's tables show it (<c>1,234.50</c>); nothing for none.</summary>
    public static string Money(decimal? amount) => amount?.ToString("#,##0.00", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";

    /// <summary>How long ago, as people say it: <c>42 s</c>, <c>7 min</c>, <c>3 h 5 min</c>, <c>2 d 4 h</c>.</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} d {age.Hours} h";
    }
}

using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorSync.Cli.Ops;

/// <summary>
/// Readable tables on stdout (Spectre.Console); plain text when stdout is not a terminal, so a pipe or a test reads
/// the same words. Every cell is text, never markup: values from the host are shown as they are.
/// </summary>
public sealed class Output
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _writer;

    public Output(TextWriter writer)
    {
        _writer = writer;
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        // A pipe has no width; wide enough that addresses and reasons are not folded.
        if (!terminal) _console.Profile.Width = 200;
    }

    public void Line(string text) => _console.WriteLine(text);

    /// <summary>Unwrapped, for lines a reader greps or copies (log lines, payloads).</summary>
    public void Raw(string text) => _writer.WriteLine(text);

    public void Table(string? title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table { Border = TableBorder.Rounded };
        if (title is not null) table.Title = new TableTitle(Markup.Escape(title));
        foreach (var header in headers) table.AddColumn(new TableColumn(new Text(header)));
        var any = false;
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "-")));
            any = true;
        }
        if (!any) table.AddRow(headers.Select((_, i) => (IRenderable)new Text(i == 0 ? "(none)" : "")));
        _console.Write(table);
    }

    /// <summary>Name and value, one per row.</summary>
    public void Fields(string? title, IEnumerable<(string Name, string? Value)> fields) =>
        Table(title, ["Field", "Value"], fields.Select(f => (IReadOnlyList<string?>)[f.Name, f.Value]));

    /// <summary>The host's JSON, indented, for scripts (<c>--json</c>).</summary>
    public static void Json(TextWriter writer, JsonElement body) =>
        writer.WriteLine(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>A JSON value as one cell: text as it is, numbers invariant, null as "-", objects and arrays compact.</summary>
    public static string? Cell(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => element.GetArrayLength() == 0 ? null : string.Join(", ", element.EnumerateArray().Select(e => Cell(e) ?? "-")),
        _ => element.GetRawText(),
    };

    public static string? Cell(JsonElement parent, string name) => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? Cell(value) : null;

    /// <summary>Timestamps to the second, in UTC, as operators compare them.</summary>
    public static string? Time(JsonElement parent, string name) =>
        Cell(parent, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Cell(parent, name);

    public static string Cut(string? text, int max) => text is null ? "-" : text.Length <= max ? text : text[..(max - 1)] + "…";
}

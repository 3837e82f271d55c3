using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>
/// Reference §7: real SAP ends every sub-response body of a <c>$batch</c> answer with a bare line feed before the
/// part's closing CRLF and delimiter (<c>…}</c> LF CRLF <c>--changesetresponse_…</c>). Body-less parts (204) have none.
/// </summary>
public class BatchLineFeedSpecs
{
    private const string Guid36 = "[0-9a-f-]{36}";

    /// <summary>A changeset creating and renaming a partner, then a GET of it outside the changeset.</summary>
    private static string CreateRenameRead(string version, string cardCode) =>
        "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
        "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
        $"POST /b1s/{version}/BusinessPartners HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" +
        $"{{\"CardCode\":\"{cardCode}\",\"CardName\":\"Line feed\"}}\r\n" +
        "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
        "PATCH $1 HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"CardName\":\"Renamed\"}\r\n" +
        "--c--\r\n" +
        "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        $"GET /b1s/{version}/BusinessPartners('{cardCode}')?$select=CardCode,CardName HTTP/1.1\r\n\r\n\r\n" +
        "--b--\r\n";

    /// <summary>One changeset whose only write SAP refuses (an inactive customer).</summary>
    private static string RefusedOrder(string version, string item) =>
        "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
        "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
        $"POST /b1s/{version}/Orders HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" +
        $"{{\"CardCode\":\"CINACTIVE\",\"DocumentLines\":[{{\"ItemCode\":\"{item}\",\"Quantity\":1}}]}}\r\n" +
        "--c--\r\n--b--\r\n";

    private static async Task<string> BatchAnswerAsync(string version, Func<ActorSync.Emulators.ServiceLayer.ServiceLayerEmulator, string> body)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);
        var response = await http.BatchAsync("b", body(emulator));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The parts of the first boundary starting with <paramref name="boundaryPrefix"/>; each still ends with the CRLF that opens the next delimiter.</summary>
    private static List<string> PartsOf(string body, string boundaryPrefix)
    {
        var boundary = Regex.Match(body, $"--({boundaryPrefix}_{Guid36})\r\n").Groups[1].Value;
        Assert.NotEqual("", boundary);
        return body.Split("--" + boundary).Skip(1).TakeWhile(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The body after the blank line that ends the embedded HTTP headers, up to the delimiter's CRLF.</summary>
    private static string BodyOf(string part)
    {
        var http = part.IndexOf("HTTP/1.1 ", StringComparison.Ordinal);
        var start = part.IndexOf("\r\n\r\n", http, StringComparison.Ordinal) + 4;
        Assert.EndsWith("\r\n", part);
        return part[start..^2];
    }

    private static int ContentLength(string part) =>
        int.Parse(Regex.Match(part, "\r\nContent-Length: (\\d+)\r\n").Groups[1].Value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task A_created_entity_inside_a_changeset_ends_with_a_line_feed_before_the_delimiter(string version)
    {
        var answer = await BatchAnswerAsync(version, _ => CreateRenameRead(version, "NEW-LF"));

        var created = PartsOf(answer, "changesetresponse")[0];
        Assert.Contains("HTTP/1.1 201 Created\r\n", created);
        Assert.Matches($"\\}}\n\r\n--changesetresponse_{Guid36}\r\n", answer);
        var body = BodyOf(created);
        Assert.StartsWith("{", body);
        Assert.EndsWith("}\n", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), ContentLength(created)); // the line feed belongs to the body
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task A_no_content_part_has_no_body_and_no_line_feed(string version)
    {
        var answer = await BatchAnswerAsync(version, _ => CreateRenameRead(version, "NEW-LF"));

        var renamed = PartsOf(answer, "changesetresponse")[1];
        var protocol = version == "v1" ? "DataServiceVersion: 3.0" : "OData-Version: 4.0";
        Assert.EndsWith($"HTTP/1.1 204 No Content\r\n{(version == "v1" ? "Content-ID: 2\r\n" : "")}{protocol}\r\n\r\n\r\n", renamed);
        Assert.Equal("", BodyOf(renamed));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task A_read_outside_a_changeset_ends_with_a_line_feed_before_the_batch_delimiter(string version)
    {
        var answer = await BatchAnswerAsync(version, _ => CreateRenameRead(version, "NEW-LF"));

        var read = PartsOf(answer, "batchresponse")[1];
        Assert.Contains("HTTP/1.1 200 OK\r\n", read);
        var body = BodyOf(read);
        Assert.EndsWith("\"CardCode\":\"NEW-LF\",\"CardName\":\"Renamed\"}\n", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), ContentLength(read));
        Assert.Matches($"\"Renamed\"\\}}\n\r\n--batchresponse_{Guid36}--\r\n$", answer);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task An_error_part_ends_with_a_line_feed_too(string version)
    {
        var answer = await BatchAnswerAsync(version, emulator => RefusedOrder(version, emulator.Company.FirstPlainActiveItems(1)[0].ItemCode));

        var refused = PartsOf(answer, "batchresponse").Single();
        Assert.Contains("HTTP/1.1 400 Bad Request\r\n", refused);
        var body = BodyOf(refused);
        Assert.StartsWith("{\"error\":{\"code\":", body);
        Assert.Contains("10001071 - Customer CINACTIVE is inactive", body);
        Assert.EndsWith("}}\n", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), ContentLength(refused));
        Assert.Matches($"\\}}\n\r\n--batchresponse_{Guid36}--\r\n$", answer);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Every_other_line_end_is_CRLF(string version)
    {
        var answer = await BatchAnswerAsync(version, _ => CreateRenameRead(version, "NEW-LF"));

        // A bare LF appears only as a body's last byte, directly before a delimiter's CRLF.
        Assert.Equal(2, Regex.Matches(answer, "[^\r]\n").Count);
        Assert.Equal(2, Regex.Matches(answer, $"\\}}\n\r\n--(changesetresponse|batchresponse)_{Guid36}").Count);
    }
}

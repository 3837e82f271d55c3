using System.Text;
using ActorSync.ServiceLayer.Batching;
using ActorSync.ServiceLayer.Transport;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>The request side of <c>$batch</c>, reference §7.</summary>
public class BatchWriterSpecs
{
    private static readonly ServiceLayerUrls V1 = new(new Uri("https://sap.test:50000/b1s/v1/"));
    private static readonly ServiceLayerUrls V2 = new(new Uri("https://sap.test:50000/b1s/v2/"));

    /// <summary>Deterministic boundaries: 00000000-…-000000000001, …-000000000002, …</summary>
    private static Func<Guid> Sequential()
    {
        var n = 0;
        return () => new Guid($"00000000-0000-0000-0000-{++n:D12}");
    }

    private static string Text(WrittenBatch written) => Encoding.UTF8.GetString(written.Body);

    [Fact]
    public void Writes_nested_changesets_GETs_outside_them_full_request_paths_and_CRLF_framing()
    {
        var batch = new BatchRequest()
            .AddChangeset(
                new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1", NumAtCard = "WEB-1" }),
                new BatchOperation(HttpMethod.Patch, "BusinessPartners('C1')", new { Phone1 = "555" }))
            .AddGet("Items('A1')")
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders(12)/Close"));

        var written = BatchRequestWriter.Write(batch, V1, Sequential());

        const string expected =
            "--batch_00000000-0000-0000-0000-000000000001\r\n" +
            "Content-Type: multipart/mixed;boundary=changeset_00000000-0000-0000-0000-000000000002\r\n" +
            "\r\n" +
            "--changeset_00000000-0000-0000-0000-000000000002\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "Content-ID: 1\r\n" +
            "\r\n" +
            "POST /b1s/v1/Orders HTTP/1.1\r\n" +
            "Content-Type: application/json;charset=utf-8\r\n" +
            "\r\n" +
            "{\"CardCode\":\"C1\",\"NumAtCard\":\"WEB-1\"}\r\n" +
            "--changeset_00000000-0000-0000-0000-000000000002\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "Content-ID: 2\r\n" +
            "\r\n" +
            "PATCH /b1s/v1/BusinessPartners('C1') HTTP/1.1\r\n" +
            "Content-Type: application/json;charset=utf-8\r\n" +
            "\r\n" +
            "{\"Phone1\":\"555\"}\r\n" +
            "--changeset_00000000-0000-0000-0000-000000000002--\r\n" +
            "--batch_00000000-0000-0000-0000-000000000001\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "\r\n" +
            "GET /b1s/v1/Items('A1') HTTP/1.1\r\n" +
            "\r\n" +
            "\r\n" +
            "--batch_00000000-0000-0000-0000-000000000001\r\n" +
            "Content-Type: multipart/mixed;boundary=changeset_00000000-0000-0000-0000-000000000003\r\n" +
            "\r\n" +
            "--changeset_00000000-0000-0000-0000-000000000003\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "Content-ID: 3\r\n" +
            "\r\n" +
            "POST /b1s/v1/Orders(12)/Close HTTP/1.1\r\n" +
            "\r\n" +
            "\r\n" +
            "--changeset_00000000-0000-0000-0000-000000000003--\r\n" +
            "--batch_00000000-0000-0000-0000-000000000001--\r\n";
        Assert.Equal(expected, Text(written));
        Assert.Equal("multipart/mixed;boundary=batch_00000000-0000-0000-0000-000000000001", written.ContentType);
    }

    [Fact]
    public void Every_line_ends_in_CRLF()
    {
        var batch = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1" }))
            .AddGet("Orders?$filter=CardCode eq 'C1'");

        var text = Text(BatchRequestWriter.Write(batch, V2));

        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') Assert.True(i > 0 && text[i - 1] == '\r', $"bare LF at {i}");
        Assert.EndsWith("--\r\n", text);
    }

    [Fact]
    public void Every_changeset_operation_gets_a_Content_ID_even_on_v2_where_it_is_mandatory()
    {
        var batch = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { }), new BatchOperation(HttpMethod.Post, "Orders", new { }))
            .AddChangeset(new BatchOperation(HttpMethod.Delete, "Orders(3)"));

        var text = Text(BatchRequestWriter.Write(batch, V2));

        Assert.Equal(3, CountOf(text, "Content-ID: "));
        Assert.Contains("Content-ID: 1\r\n", text);
        Assert.Contains("Content-ID: 2\r\n", text);
        Assert.Contains("Content-ID: 3\r\n", text);
        Assert.Contains("DELETE /b1s/v2/Orders(3) HTTP/1.1\r\n", text);
    }

    [Fact]
    public void Explicit_Content_IDs_are_kept_auto_numbers_skip_them_and_dollar_references_pass_through()
    {
        var batch = new BatchRequest().AddChangeset(
            new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1" }),
            new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C2" }, ContentId: "1"),
            new BatchOperation(HttpMethod.Post, "$1/Cancel"));

        var written = BatchRequestWriter.Write(batch, V1, Sequential());
        var text = Text(written);

        Assert.Equal(["2", "1", "3"], written.ContentIds[0]!);
        Assert.Contains("POST $1/Cancel HTTP/1.1\r\n", text);
    }

    [Fact]
    public void A_GET_request_line_escapes_what_a_request_line_cannot_carry()
    {
        var batch = new BatchRequest().AddGet("Orders?$filter=CardCode eq 'C1'&$select=DocEntry");

        var text = Text(BatchRequestWriter.Write(batch, V1));

        Assert.Contains("GET /b1s/v1/Orders?$filter=CardCode%20eq%20'C1'&$select=DocEntry HTTP/1.1\r\n", text);
    }

    [Fact]
    public void Changesets_refuse_GETs_duplicate_Content_IDs_and_line_breaks()
    {
        var batch = new BatchRequest().AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { }, "7"));

        Assert.Throws<ArgumentException>(() => batch.AddChangeset(new BatchOperation(HttpMethod.Get, "Items('A1')")));
        Assert.Throws<ArgumentException>(() => batch.AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { }, "7")));
        Assert.Throws<ArgumentException>(() => batch.AddChangeset(new BatchOperation(HttpMethod.Post, "Orders HTTP/1.1\r\nX-Evil: 1", new { })));
        Assert.Throws<ArgumentException>(() => batch.AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { }, "a b")));
        Assert.Throws<ArgumentException>(() => batch.AddChangeset());
        Assert.Equal(1, batch.PartCount);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}

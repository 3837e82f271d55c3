using System.Text;
using System.Text.RegularExpressions;
using ActorSync.ServiceLayer.Batching;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>
/// The client's <c>$batch</c> reader fed exact wire bytes (reference §7). Real SAP ends each sub-response body with a
/// line feed before the part's closing CRLF and delimiter (<c>…}</c> LF CRLF <c>--changesetresponse_…</c>); older
/// answers, as in B1SLayer's fixtures before its commit a021afd, had an extra CRLF there instead. Each capture below is
/// one answer byte for byte (every line's terminator written out), shaped after those fixtures with v1's Content-ID
/// among the embedded headers and v2's in the MIME part headers: a changeset creating a partner (201) and renaming it
/// (204), then a changeset SAP refused (one 400 error part, in its version's error shape), after which SAP stopped.
/// </summary>
public class BatchFramingSpecs
{
    private const string Outer = "batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10";
    private const string Inner = "changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34";

    private const string V1Created =
        "{\"odata.metadata\":\"https://sap.test:50000/b1s/v1/$metadata#BusinessPartners/@Element\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}";

    private const string V2Created =
        "{\"@odata.context\":\"https://sap.test:50000/b1s/v2/$metadata#BusinessPartners/$entity\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}";

    private const string V1Refused = "{\"error\":{\"code\":-10,\"message\":{\"lang\":\"en-us\",\"value\":\"10001071 - Customer CINACTIVE is inactive\"}}}";

    private const string V2Refused = "{\"error\":{\"code\":\"-10\",\"message\":\"10001071 - Customer CINACTIVE is inactive\"}}";

    private const string V1BatchOld =
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 201 Created\r\n" +
        "Content-ID: 1\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "Content-Length: 133\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "ETag: W/\"356A192B7913B04C54574D18C28D46E6395428AB\"\r\n" +
        "Location: https://sap.test:50000/b1s/v1/BusinessPartners('C00001')\r\n" +
        "\r\n" +
        "{\"odata.metadata\":\"https://sap.test:50000/b1s/v1/$metadata#BusinessPartners/@Element\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "Content-ID: 2\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34--\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 400 Bad Request\r\n" +
        "Content-ID: 3\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "Content-Length: 101\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "\r\n" +
        "{\"error\":{\"code\":-10,\"message\":{\"lang\":\"en-us\",\"value\":\"10001071 - Customer CINACTIVE is inactive\"}}}\r\n" +
        "\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10--\r\n";

    private const string V1BatchSap =
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 201 Created\r\n" +
        "Content-ID: 1\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "Content-Length: 134\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "ETag: W/\"356A192B7913B04C54574D18C28D46E6395428AB\"\r\n" +
        "Location: https://sap.test:50000/b1s/v1/BusinessPartners('C00001')\r\n" +
        "\r\n" +
        "{\"odata.metadata\":\"https://sap.test:50000/b1s/v1/$metadata#BusinessPartners/@Element\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "Content-ID: 2\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34--\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 400 Bad Request\r\n" +
        "Content-ID: 3\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "Content-Length: 102\r\n" +
        "DataServiceVersion: 3.0\r\n" +
        "\r\n" +
        "{\"error\":{\"code\":-10,\"message\":{\"lang\":\"en-us\",\"value\":\"10001071 - Customer CINACTIVE is inactive\"}}}\n" +
        "\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10--\r\n";

    private const string V2BatchOld =
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 1\r\n" +
        "\r\n" +
        "HTTP/1.1 201 Created\r\n" +
        "Content-Type: application/json;odata.metadata=minimal;charset=utf-8\r\n" +
        "Content-Length: 132\r\n" +
        "ETag: W/\"356A192B7913B04C54574D18C28D46E6395428AB\"\r\n" +
        "Location: https://sap.test:50000/b1s/v2/BusinessPartners('C00001')\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "{\"@odata.context\":\"https://sap.test:50000/b1s/v2/$metadata#BusinessPartners/$entity\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 2\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34--\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 3\r\n" +
        "\r\n" +
        "HTTP/1.1 400 Bad Request\r\n" +
        "Content-Type: application/json;odata.metadata=minimal;charset=utf-8\r\n" +
        "Content-Length: 78\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "{\"error\":{\"code\":\"-10\",\"message\":\"10001071 - Customer CINACTIVE is inactive\"}}\r\n" +
        "\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10--\r\n";

    private const string V2BatchSap =
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 1\r\n" +
        "\r\n" +
        "HTTP/1.1 201 Created\r\n" +
        "Content-Type: application/json;odata.metadata=minimal;charset=utf-8\r\n" +
        "Content-Length: 133\r\n" +
        "ETag: W/\"356A192B7913B04C54574D18C28D46E6395428AB\"\r\n" +
        "Location: https://sap.test:50000/b1s/v2/BusinessPartners('C00001')\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "{\"@odata.context\":\"https://sap.test:50000/b1s/v2/$metadata#BusinessPartners/$entity\",\"CardCode\":\"C00001\",\"CardName\":\"I am a new BP\"}\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 2\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_9e1f4b07-2c6d-4a83-b5f0-7d2e8c1a6b34--\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "Content-ID: 3\r\n" +
        "\r\n" +
        "HTTP/1.1 400 Bad Request\r\n" +
        "Content-Type: application/json;odata.metadata=minimal;charset=utf-8\r\n" +
        "Content-Length: 79\r\n" +
        "OData-Version: 4.0\r\n" +
        "\r\n" +
        "{\"error\":{\"code\":\"-10\",\"message\":\"10001071 - Customer CINACTIVE is inactive\"}}\n" +
        "\r\n" +
        "--batchresponse_5c3a7e52-8f0d-4e1b-9a62-0d4f1c2b7a10--\r\n";

    public static TheoryData<string, string> Captures => new()
    {
        { "v1 old", V1BatchOld },
        { "v1 SAP", V1BatchSap },
        { "v2 old", V2BatchOld },
        { "v2 SAP", V2BatchSap },
    };

    /// <summary>What the engine sent: the partner's changeset, the refused order's changeset, then a read SAP never reached.</summary>
    private static BatchRequest Request() => new BatchRequest()
        .AddChangeset(
            new BatchOperation(HttpMethod.Post, "BusinessPartners", new { CardCode = "C00001", CardName = "I am a new BP" }),
            new BatchOperation(HttpMethod.Patch, "$1", new { CardName = "Renamed" }))
        .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "CINACTIVE" }))
        .AddGet("Orders(1)");

    private static IReadOnlyList<BatchPartResult> Read(string capture)
    {
        var request = Request();
        return BatchResponseReader.Read($"multipart/mixed;boundary={Outer}", Encoding.UTF8.GetBytes(capture), request,
            request.AssignContentIds(), ErrorClassificationTable.Default, out _);
    }

    [Fact]
    public void The_captures_differ_only_in_how_a_body_ends()
    {
        // Guards the data: SAP's form has the bare LF after both bodies, the old form an extra CRLF; nothing else
        // differs but the Content-Length that counts the LF.
        static string Normalised(string capture) =>
            Regex.Replace(capture, "Content-Length: \\d+\r\n", "").Replace("}\n\r\n--", "}\r\n\r\n--", StringComparison.Ordinal);

        Assert.Equal(2, Regex.Matches(V1BatchSap, "\\}\n\r\n--").Count);
        Assert.Equal(2, Regex.Matches(V2BatchSap, "\\}\n\r\n--").Count);
        Assert.Empty(Regex.Matches(V1BatchOld + V2BatchOld, "[^\r]\n"));
        Assert.Equal(Normalised(V1BatchOld), Normalised(V1BatchSap));
        Assert.Equal(Normalised(V2BatchOld), Normalised(V2BatchSap));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_successful_changeset_is_read_with_its_entity_and_location(string name, string capture)
    {
        var parts = Read(capture);

        var version = name[..2];
        var created = Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome);
        Assert.Equal(201, created.Status);
        Assert.Equal($"https://sap.test:50000/b1s/{version}/BusinessPartners('C00001')", created.Location);
        Assert.Equal(version == "v1" ? V1Created : V2Created, created.Body!.Value.GetRawText());
        Assert.Equal("I am a new BP", created.Body.Value.GetProperty("CardName").GetString());
        Assert.Equal([201, 204], parts[0].Operations.Select(o => Assert.IsType<WriteOutcome.Succeeded>(o).Status));
        Assert.Null(Assert.IsType<WriteOutcome.Succeeded>(parts[0].Operations[1]).Body);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_error_part_is_read_as_the_same_rejection_in_either_shape(string name, string capture)
    {
        var parts = Read(capture);

        var rejected = Assert.IsType<WriteOutcome.Rejected>(parts[1].Outcome);
        Assert.Equal(
            (400, "-10", "10001071 - Customer CINACTIVE is inactive", ErrorCategory.Validation, "business-rule-10"),
            (rejected.Error.HttpStatus, rejected.Error.Code, rejected.Error.Message, rejected.Error.Category, rejected.Error.MatchedRule));
        Assert.Equal(-10, rejected.Error.NumericCode);
        Assert.IsType<WriteOutcome.NotExecuted>(parts[2].Outcome);
        Assert.Equal(3, parts.Count);
        Assert.Contains((name.StartsWith("v1", StringComparison.Ordinal) ? V1Refused : V2Refused) + (name.EndsWith("SAP", StringComparison.Ordinal) ? "\n" : "\r\n"), capture);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_bodies_handed_on_end_exactly_where_the_JSON_ends(string name, string capture)
    {
        // Below the outcomes: the embedded responses themselves, so a kept line feed could not hide behind JSON parsing.
        var answers = MultipartText.Split(capture, Outer);
        var changeset = MultipartText.Split(answers[0].Body, Inner);
        var created = MultipartText.ParseHttpResponse(changeset[0].Body);
        var renamed = MultipartText.ParseHttpResponse(changeset[1].Body);
        var refused = MultipartText.ParseHttpResponse(answers[1].Body);

        var v1 = name.StartsWith("v1", StringComparison.Ordinal);
        Assert.Equal(v1 ? V1Created : V2Created, created.Body);
        Assert.Equal("", renamed.Body);
        Assert.Equal(v1 ? V1Refused : V2Refused, refused.Body);
        Assert.Equal((201, 204, 400), (created.Status, renamed.Status, refused.Status));
    }
}

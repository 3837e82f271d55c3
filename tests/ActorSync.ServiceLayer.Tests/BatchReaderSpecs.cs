using System.Text;
using ActorSync.ServiceLayer.Batching;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>
/// The answer side of <c>$batch</c>. Fixtures follow the wire shapes of reference §7 (B1SLayer's v1/v2 samples,
/// issue #16's short answer, #87's error parts): v1 keeps Content-ID among the embedded HTTP headers, v2 in the MIME
/// part headers; SAP stops at the first failure.
/// </summary>
public class BatchReaderSpecs
{
    private const string Outer = "batchresponse_6b1c2e4a-0000-4000-8000-000000000001";
    private const string Inner = "changesetresponse_6b1c2e4a-0000-4000-8000-000000000002";

    private static string Crlf(params string[] lines) => string.Join("\r\n", lines);

    private static IReadOnlyList<BatchPartResult> Read(string body, BatchRequest request, string? contentType = null, ErrorClassificationTable? errors = null) =>
        BatchResponseReader.Read(contentType ?? $"multipart/mixed;boundary={Outer}", Encoding.UTF8.GetBytes(body), request,
            request.AssignContentIds(), errors ?? ErrorClassificationTable.Default, out _);

    private static BatchRequest OrderWithPatchThenGet() => new BatchRequest()
        .AddChangeset(
            new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1" }),
            new BatchOperation(HttpMethod.Patch, "BusinessPartners('C1')", new { Phone1 = "555" }))
        .AddGet("Items('A1')");

    private static string V1Created(string contentId) => Crlf(
        $"--{Inner}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 201 Created",
        $"Content-ID: {contentId}",
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
        "DataServiceVersion: 3.0",
        "ETag: W/\"356A192B7913B04C54574D18C28D46E6395428AB\"",
        "Location: https://sap.test:50000/b1s/v1/Orders(101)",
        "",
        "{\"odata.metadata\":\"https://sap.test:50000/b1s/v1/$metadata#Orders/@Element\",\"DocEntry\":101,\"CardCode\":\"C1\"}",
        "");

    private static string V1NoContent(string contentId) => Crlf(
        $"--{Inner}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 204 No Content",
        $"Content-ID: {contentId}",
        "DataServiceVersion: 3.0",
        "",
        "");

    private static string V2Created(string contentId) => Crlf(
        $"--{Inner}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        $"Content-ID: {contentId}",
        "",
        "HTTP/1.1 201 Created",
        "Content-Type: application/json;odata.metadata=minimal;charset=utf-8",
        "Location: https://sap.test:50000/b1s/v2/Orders(101)",
        "OData-Version: 4.0",
        "",
        "{\"@odata.context\":\"https://sap.test:50000/b1s/v2/$metadata#Orders/$entity\",\"DocEntry\":101,\"CardCode\":\"C1\"}",
        "");

    private static string V2NoContent(string contentId) => Crlf(
        $"--{Inner}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        $"Content-ID: {contentId}",
        "",
        "HTTP/1.1 204 No Content",
        "OData-Version: 4.0",
        "",
        "");

    private static string ItemAnswer() => Crlf(
        $"--{Outer}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/json;charset=utf-8",
        "",
        "{\"ItemCode\":\"A1\",\"ItemName\":\"Anvil\"}",
        "");

    private static string Changeset(params string[] parts) =>
        Crlf($"--{Outer}", $"Content-Type: multipart/mixed; boundary={Inner}", "", "") + string.Concat(parts) + Crlf($"--{Inner}--", "");

    private static string ErrorPart(int code, string message) => Crlf(
        $"--{Outer}",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 400 Bad Request",
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
        "",
        $"{{\"error\":{{\"code\":{code},\"message\":{{\"lang\":\"en-us\",\"value\":\"{message}\"}}}}}}",
        "");

    private static string End() => Crlf($"--{Outer}--", "");

    [Fact]
    public void Reads_the_v1_answer_with_Content_ID_among_the_embedded_HTTP_headers()
    {
        var body = Changeset(V1Created("1"), V1NoContent("2")) + ItemAnswer() + End();

        var parts = Read(body, OrderWithPatchThenGet());

        Assert.Equal(2, parts.Count);
        var created = Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome);
        Assert.Equal(201, created.Status);
        Assert.Equal(101, created.Body!.Value.GetProperty("DocEntry").GetInt32());
        Assert.Equal("https://sap.test:50000/b1s/v1/Orders(101)", created.Location);
        Assert.Equal([201, 204], parts[0].Operations.Select(o => Assert.IsType<WriteOutcome.Succeeded>(o).Status));
        var item = Assert.IsType<WriteOutcome.Succeeded>(parts[1].Outcome);
        Assert.Equal("Anvil", item.Body!.Value.GetProperty("ItemName").GetString());
    }

    [Fact]
    public void Reads_the_v2_answer_with_Content_ID_in_the_MIME_part_headers()
    {
        var body = Changeset(V2Created("1"), V2NoContent("2")) + ItemAnswer() + End();

        var parts = Read(body, OrderWithPatchThenGet());

        Assert.Equal([201, 204], parts[0].Operations.Select(o => Assert.IsType<WriteOutcome.Succeeded>(o).Status));
        Assert.Equal("https://sap.test:50000/b1s/v2/Orders(101)", Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome).Location);
        Assert.IsType<WriteOutcome.Succeeded>(parts[1].Outcome);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Operations_are_matched_by_Content_ID_not_by_position(string version)
    {
        var answers = version == "v1" ? new[] { V1NoContent("2"), V1Created("1") } : [V2NoContent("2"), V2Created("1")];
        var body = Changeset(answers) + ItemAnswer() + End();

        var parts = Read(body, OrderWithPatchThenGet());

        Assert.Equal(201, Assert.IsType<WriteOutcome.Succeeded>(parts[0].Operations[0]).Status);
        Assert.Equal(204, Assert.IsType<WriteOutcome.Succeeded>(parts[0].Operations[1]).Status);
    }

    [Fact]
    public void A_failed_middle_changeset_rejects_all_its_operations_and_the_rest_was_never_executed()
    {
        var request = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1" }))
            .AddChangeset(
                new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C2" }),
                new BatchOperation(HttpMethod.Post, "$2/Close"))
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C3" }));
        // SAP rolls changeset 2 back, answers it with one error part and stops (reference §7).
        var body = Changeset(V1Created("1")) + ErrorPart(-10, "10001071 - Customer C2 is inactive") + End();

        var parts = Read(body, request);

        Assert.Equal(3, parts.Count);
        Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome);
        var rejected = Assert.IsType<WriteOutcome.Rejected>(parts[1].Outcome);
        Assert.Equal("-10", rejected.Error.Code);
        Assert.Equal(ErrorCategory.Validation, rejected.Error.Category);
        Assert.Equal(400, rejected.Error.HttpStatus);
        Assert.All(parts[1].Operations, op => Assert.Same(rejected, op));
        Assert.Equal(2, parts[1].Operations.Count);
        Assert.IsType<WriteOutcome.NotExecuted>(parts[2].Outcome);
        Assert.All(parts[2].Operations, op => Assert.IsType<WriteOutcome.NotExecuted>(op));
        Assert.Equal([0, 1, 2], parts.Select(p => p.PartIndex));
    }

    [Fact]
    public void Fewer_parts_than_requested_marks_the_missing_ones_NotExecuted()
    {
        // B1SLayer issue #16: three requests, the second fails, two answers: 204 then 400.
        var request = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Patch, "Items('A1')", new { ItemName = "x" }))
            .AddChangeset(new BatchOperation(HttpMethod.Patch, "Items('NOPE')", new { ItemName = "y" }))
            .AddGet("Items('A3')");
        var body = Changeset(V1NoContent("1"))
                   + Crlf($"--{Outer}", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", "HTTP/1.1 404 Not Found", "",
                       "{\"error\":{\"code\":-2028,\"message\":{\"lang\":\"en-us\",\"value\":\"No matching records found (ODBC -2028)\"}}}", "")
                   + End();

        var parts = Read(body, request);

        Assert.Equal(204, Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome).Status);
        Assert.Equal(ErrorCategory.NotFound, Assert.IsType<WriteOutcome.Rejected>(parts[1].Outcome).Error.Category);
        Assert.IsType<WriteOutcome.NotExecuted>(parts[2].Outcome);
    }

    [Fact]
    public void A_failed_changeset_answered_as_a_nested_multipart_is_still_rejected_as_a_whole()
    {
        var request = new BatchRequest().AddChangeset(
            new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1" }),
            new BatchOperation(HttpMethod.Post, "Orders", new { CardCode = "C1", NumAtCard = "dup" }));
        var failing = Crlf($"--{Inner}", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "",
            "HTTP/1.1 400 Bad Request", "Content-ID: 2", "",
            "{\"error\":{\"code\":\"-2035\",\"message\":\"This entry already exists in the following tables (ODBC -2035)\"}}", "");
        var body = Changeset(V1Created("1"), failing) + End();

        var parts = Read(body, request);

        var rejected = Assert.IsType<WriteOutcome.Rejected>(parts[0].Outcome);
        Assert.Equal(ErrorCategory.Duplicate, rejected.Error.Category);
        Assert.All(parts[0].Operations, op => Assert.IsType<WriteOutcome.Rejected>(op)); // the 201 was rolled back
    }

    [Fact]
    public void LF_only_line_ends_and_quoted_boundaries_are_tolerated()
    {
        var body = (Changeset(V2Created("1"), V2NoContent("2")) + ItemAnswer() + End()).Replace("\r\n", "\n")
            .Replace($"boundary={Inner}", $"boundary=\"{Inner}\"");

        var parts = Read(body, OrderWithPatchThenGet(), contentType: $"multipart/mixed; boundary=\"{Outer}\"");

        Assert.Equal([201, 204], parts[0].Operations.Select(o => Assert.IsType<WriteOutcome.Succeeded>(o).Status));
        Assert.IsType<WriteOutcome.Succeeded>(parts[1].Outcome);
    }

    [Fact]
    public void Without_a_boundary_in_Content_Type_the_first_delimiter_names_it()
    {
        var body = Changeset(V1Created("1"), V1NoContent("2")) + ItemAnswer() + End();

        var parts = Read(body, OrderWithPatchThenGet(), contentType: "multipart/mixed");

        Assert.Equal(2, parts.Count);
        Assert.IsType<WriteOutcome.Succeeded>(parts[0].Outcome);
    }

    [Fact]
    public void An_answer_that_is_not_multipart_cannot_be_read()
    {
        Assert.Throws<FormatException>(() => Read("{\"odata.metadata\":\"…\"}", OrderWithPatchThenGet(), contentType: "application/json"));
    }
}

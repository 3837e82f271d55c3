using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorSync.Emulators.ServiceLayer;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class BatchSpecs
{
    private sealed record Part(string Method, string Url, string? ContentId = null, string? Body = null);

    private sealed record ChangesetSpec(Part[] Requests);

    private static ChangesetSpec Changeset(params Part[] requests) => new(requests);

    /// <summary>A request body as a client writes it: CRLF, B1SLayer-like framing.</summary>
    private static string BatchBody(string boundary, string version, params object[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append("--").Append(boundary).Append("\r\n");
            if (part is ChangesetSpec { Requests: var changeset })
            {
                var inner = "changeset_" + Guid.NewGuid();
                text.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
                foreach (var request in changeset)
                {
                    text.Append("--").Append(inner).Append("\r\n");
                    AppendRequest(text, request, version);
                }

                text.Append("--").Append(inner).Append("--\r\n");
            }
            else
            {
                AppendRequest(text, (Part)part, version);
            }
        }

        text.Append("--").Append(boundary).Append("--\r\n");
        return text.ToString();
    }

    private static void AppendRequest(StringBuilder text, Part request, string version)
    {
        text.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (request.ContentId is not null)
        {
            text.Append("Content-ID: ").Append(request.ContentId).Append("\r\n");
        }

        text.Append("\r\n").Append(request.Method).Append(' ');
        text.Append(request.Url.StartsWith('$') ? request.Url : $"/b1s/{version}/{request.Url}").Append(" HTTP/1.1\r\n");
        if (request.Body is not null)
        {
            text.Append("Content-Type: application/json\r\n\r\n").Append(request.Body).Append("\r\n");
        }
        else
        {
            text.Append("\r\n\r\n");
        }
    }

    private static string OrderBody(string item, decimal quantity = 1, string card = "C00001") =>
        $$"""{"CardCode":"{{card}}","DocumentLines":[{"ItemCode":"{{item}}","Quantity":{{quantity}}}]}""";

    /// <summary>Splits a multipart body on a boundary (CRLF framing) into part texts.</summary>
    private static List<string> Parts(string body, string boundary)
    {
        var pieces = body.Split("--" + boundary);
        return pieces.Skip(1).TakeWhile(p => !p.StartsWith("--", StringComparison.Ordinal)).Select(p => p.TrimStart('\r', '\n')).ToList();
    }

    private static string Boundary(HttpResponseMessage response)
    {
        var contentType = response.Content.Headers.NonValidated["Content-Type"].ToString();
        var match = Regex.Match(contentType, "^multipart/mixed;boundary=(batchresponse_[0-9a-f-]{36})$");
        Assert.True(match.Success, contentType);
        return match.Groups[1].Value;
    }

    /// <summary>CRLF everywhere but the bare LF SAP ends each sub-response body with (reference §7, <see cref="BatchLineFeedSpecs"/>).</summary>
    private static void AssertCrLfOnly(string body) =>
        Assert.DoesNotMatch("[^\r]\n(?!\r\n--)", body);

    [Fact]
    public async Task V1_batch_with_two_changesets_answers_202_with_content_id_among_inner_headers()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var items = emulator.Company.FirstPlainActiveItems(2);
        var response = await http.BatchAsync("batch_abc", BatchBody("batch_abc", "v1",
            Changeset(new Part("POST", "Orders", "1", OrderBody(items[0].ItemCode))),
            Changeset(new Part("POST", "Orders", "2", OrderBody(items[1].ItemCode)), new Part("PATCH", "$2", "3", """{"Comments":"second"}"""))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var boundary = Boundary(response);
        var body = await response.Content.ReadAsStringAsync();
        AssertCrLfOnly(body);
        Assert.EndsWith($"--{boundary}--\r\n", body);
        var parts = Parts(body, boundary);
        Assert.Equal(2, parts.Count);

        var changeset = Regex.Match(parts[0], @"^Content-Type: multipart/mixed; boundary=(changesetresponse_[0-9a-f-]{36})\r\n\r\n");
        Assert.True(changeset.Success, parts[0]);
        var inner = Parts(parts[0], changeset.Groups[1].Value);
        Assert.Single(inner);
        Assert.StartsWith(
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 201 Created\r\nContent-ID: 1\r\n" +
            "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\nContent-Length: ", inner[0]);
        Assert.Contains("\r\nDataServiceVersion: 3.0\r\nLocation: " + emulator.BaseAddress + "b1s/v1/Orders(1)\r\n\r\n{\"odata.metadata\"", inner[0]);

        var second = Parts(parts[1], Regex.Match(parts[1], "boundary=(changesetresponse_[0-9a-f-]{36})").Groups[1].Value);
        Assert.Equal(2, second.Count);
        Assert.Equal("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\nContent-ID: 3\r\nDataServiceVersion: 3.0\r\n\r\n\r\n", second[1]);
        Assert.Equal("second", emulator.Company.Orders[1].Comments);
        Assert.Equal((1L, 2L), (emulator.GetStats().Batches, emulator.GetStats().BatchChangesets));
    }

    [Fact]
    public async Task V2_batch_answers_200_with_content_id_among_mime_headers()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var items = emulator.Company.FirstPlainActiveItems(2);
        var response = await http.BatchAsync("batch_v2", BatchBody("batch_v2", "v2",
            Changeset(new Part("POST", "Orders", "1", OrderBody(items[0].ItemCode))),
            Changeset(new Part("POST", "Orders", "2", OrderBody(items[1].ItemCode)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var boundary = Boundary(response);
        var body = await response.Content.ReadAsStringAsync();
        AssertCrLfOnly(body);
        var parts = Parts(body, boundary);
        Assert.Equal(2, parts.Count);
        var inner = Parts(parts[1], Regex.Match(parts[1], "boundary=(changesetresponse_[0-9a-f-]{36})").Groups[1].Value).Single();
        Assert.StartsWith(
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nHTTP/1.1 201 Created\r\n" +
            "Content-Type: application/json;odata.metadata=minimal;charset=utf-8\r\nContent-Length: ", inner);
        Assert.Contains("\r\nLocation: " + emulator.BaseAddress + "b1s/v2/Orders(2)\r\nOData-Version: 4.0\r\n\r\n{\"@odata.context\"", inner);
        Assert.DoesNotContain("HTTP/1.1 201 Created\r\nContent-ID", inner);
        Assert.Equal(2, emulator.Company.Orders.Count);
    }

    [Fact]
    public async Task Processing_stops_at_the_first_failing_changeset()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.BatchAsync("b", BatchBody("b", "v1",
            Changeset(new Part("POST", "Orders", "1", OrderBody(item))),
            Changeset(new Part("POST", "Orders", "2", OrderBody(item, card: "CINACTIVE"))),
            Changeset(new Part("POST", "Orders", "3", OrderBody(item)))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var boundary = Boundary(response);
        var parts = Parts(await response.Content.ReadAsStringAsync(), boundary);
        Assert.Equal(2, parts.Count); // the third changeset was never executed
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=changesetresponse_", parts[0]);
        Assert.StartsWith("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-ID: 2\r\n", parts[1]);
        Assert.Contains("""{"error":{"code":-10,"message":{"lang":"en-us","value":"10001071 - Customer CINACTIVE is inactive"}}}""", parts[1]);
        Assert.Single(emulator.Company.Orders);
        var stats = emulator.GetStats();
        Assert.Equal((1L, 2L, 1L), (stats.DocumentsCreated["Orders"], stats.BatchChangesets, stats.Rejections["-10"]));
    }

    [Fact]
    public async Task A_failed_changeset_rolls_back_all_its_writes()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var before = emulator.Company.GetStock(item, "01");
        var response = await http.BatchAsync("b", BatchBody("b", "v1",
            Changeset(
                new Part("POST", "Orders", "1", OrderBody(item, 3)),
                new Part("POST", "BusinessPartners", "2", """{"CardCode":"NEW-1","CardName":"x"}"""),
                new Part("POST", "Orders", "3", OrderBody("NOPE")))));
        var boundary = Boundary(response);
        var parts = Parts(await response.Content.ReadAsStringAsync(), boundary);
        Assert.Single(parts);
        Assert.Contains("HTTP/1.1 400 Bad Request", parts[0]);
        Assert.Empty(emulator.Company.Orders);
        Assert.Null(emulator.Company.FindBusinessPartner("NEW-1"));
        Assert.Equal(before, emulator.Company.GetStock(item, "01"));
        Assert.Equal(0L, emulator.GetStats().DocumentsCreated["Orders"]);
    }

    [Fact]
    public async Task Content_id_references_reach_the_entity_created_in_the_changeset()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.BatchAsync("b", BatchBody("b", "v1",
            Changeset(
                new Part("POST", "Orders", "1", OrderBody(item, 4)),
                new Part("PATCH", "$1", "2", """{"Comments":"via $1"}"""),
                new Part("POST", "$1/Close", "3"))));
        var boundary = Boundary(response);
        var parts = Parts(await response.Content.ReadAsStringAsync(), boundary);
        var statuses = Regex.Matches(parts[0], @"HTTP/1\.1 (\d{3})").Select(m => m.Groups[1].Value);
        Assert.Equal(["201", "204", "204"], statuses);
        var order = emulator.Company.Orders.Single();
        Assert.Equal(("via $1", "bost_Close"), (order.Comments, order.DocumentStatus));
        Assert.Equal(0m, emulator.Company.GetStock(item, "01").Committed);
    }

    [Fact]
    public async Task V2_requires_content_ids_in_changesets()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.BatchAsync("b", BatchBody("b", "v2", Changeset(new Part("POST", "Orders", null, OrderBody(item)))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((244, "Content ID should be specified in each change set request."), await SlHttp.ErrorOf(response));
        Assert.Empty(emulator.Company.Orders);

        using var v1 = await Emulators.LoggedInAsync(emulator);
        var accepted = await v1.BatchAsync("b", BatchBody("b", "v1", Changeset(new Part("POST", "Orders", null, OrderBody(item)))));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Single(emulator.Company.Orders);
    }

    [Fact]
    public async Task Gets_outside_changesets_and_lf_only_input_are_served()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var body = BatchBody("lf", "v1",
            new Part("GET", $"Items('{item}')?$select=ItemCode"),
            Changeset(new Part("POST", "Orders", "1", OrderBody(item))),
            new Part("GET", "Orders(1)?$select=DocEntry,DocumentStatus")).Replace("\r\n", "\n");
        var response = await http.BatchAsync("lf", body);
        var boundary = Boundary(response);
        var text = await response.Content.ReadAsStringAsync();
        var parts = Parts(text, boundary);
        Assert.Equal(3, parts.Count);
        Assert.Contains("HTTP/1.1 200 OK", parts[0]);
        Assert.Contains($"\"ItemCode\":\"{item}\"", parts[0]);
        Assert.Contains("\"DocumentStatus\":\"bost_Open\"", parts[2]);
        AssertCrLfOnly(text);
    }

    [Fact]
    public async Task A_failing_get_stops_the_batch_too()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.BatchAsync("b", BatchBody("b", "v1",
            new Part("GET", "Orders(42)"),
            Changeset(new Part("POST", "Orders", "1", OrderBody(item)))));
        var boundary = Boundary(response);
        var parts = Parts(await response.Content.ReadAsStringAsync(), boundary);
        Assert.Single(parts);
        Assert.Contains("HTTP/1.1 404 Not Found", parts[0]);
        Assert.Empty(emulator.Company.Orders);
    }

    [Fact]
    public async Task Content_id_is_also_accepted_among_the_inner_http_headers()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
                   "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                   "POST /b1s/v2/Orders HTTP/1.1\r\nContent-ID: 5\r\nContent-Type: application/json\r\n\r\n" + OrderBody(item) + "\r\n" +
                   "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                   "PATCH $5 HTTP/1.1\r\nContent-ID: 6\r\nContent-Type: application/json\r\n\r\n{\"Comments\":\"inner\"}\r\n" +
                   "--c--\r\n--b--\r\n";
        var response = await http.BatchAsync("b", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Content-ID: 5\r\n\r\nHTTP/1.1 201 Created", text);
        Assert.Equal("inner", emulator.Company.Orders.Single().Comments);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using ActorSync.Emulators.ServiceLayer;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>
/// Reference §4, resolved by version: <c>/b1s/v1</c> answers every error with a numeric code and a
/// <c>{"lang","value"}</c> message, <c>/b1s/v2</c> with a string code and a plain-string message — 301, login
/// failures, 404, business rules, the session cap and the error parts of a <c>$batch</c> alike.
/// </summary>
public class ErrorEnvelopeSpecs
{
    private static async Task<(HttpStatusCode Status, string Body)> Answer(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":301,"message":{"lang":"en-us","value":"Invalid session or session already timeout."}}}""")]
    [InlineData("v2", """{"error":{"code":"301","message":"Invalid session or session already timeout."}}""")]
    public async Task A_request_without_a_session_gets_401_301_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator, version);

        Assert.Equal((HttpStatusCode.Unauthorized, expected), await Answer(http.GetAsync("Items")));
        Assert.Equal((HttpStatusCode.Unauthorized, expected), await Answer(http.Client.PostAsync("login", SlHttp.Json(SlHttp.LoginBody()))));
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":100000027,"message":{"lang":"en-us","value":"Login failed"}}}""")]
    [InlineData("v2", """{"error":{"code":"100000027","message":"Login failed"}}""")]
    public async Task A_refused_login_answers_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = new SlHttp(emulator, version);

        Assert.Equal((HttpStatusCode.Unauthorized, expected), await Answer(http.LoginAsync(SlHttp.LoginBody(password: "wrong"))));
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":-118,"message":{"lang":"en-us","value":"Exceeded the number of max concurrent users"}}}""")]
    [InlineData("v2", """{"error":{"code":"-118","message":"Exceeded the number of max concurrent users"}}""")]
    public async Task A_login_beyond_the_session_cap_answers_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync(Emulators.Small(o => new ServiceLayerEmulatorOptions { Company = o.Company, MaxSessions = 1 }));
        using var first = await Emulators.LoggedInAsync(emulator, version);
        using var second = new SlHttp(emulator, version);

        Assert.Equal((HttpStatusCode.Unauthorized, expected), await Answer(second.LoginAsync()));
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":-2028,"message":{"lang":"en-us","value":"No matching records found (ODBC -2028)"}}}""")]
    [InlineData("v2", """{"error":{"code":"-2028","message":"No matching records found (ODBC -2028)"}}""")]
    public async Task A_missing_key_answers_404_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);

        Assert.Equal((HttpStatusCode.NotFound, expected), await Answer(http.GetAsync("Items('NOPE')")));
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":-10,"message":{"lang":"en-us","value":"10001071 - Customer CINACTIVE is inactive"}}}""")]
    [InlineData("v2", """{"error":{"code":"-10","message":"10001071 - Customer CINACTIVE is inactive"}}""")]
    public async Task A_business_rule_answers_400_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;

        var answer = await Answer(http.PostAsync("Orders", $$"""{"CardCode":"CINACTIVE","DocumentLines":[{"ItemCode":"{{item}}","Quantity":1}]}"""));

        Assert.Equal((HttpStatusCode.BadRequest, expected), answer);
    }

    [Fact]
    public async Task A_v2_error_carries_the_v2_JSON_content_type_and_protocol_header()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");

        var response = await http.GetAsync("Items('NOPE')");

        Assert.Equal("application/json;odata.metadata=minimal;charset=utf-8", response.Content.Headers.NonValidated["Content-Type"].ToString());
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
    }

    [Theory]
    [InlineData("v1", """{"error":{"code":-10,"message":{"lang":"en-us","value":"10001071 - Customer CINACTIVE is inactive"}}}""")]
    [InlineData("v2", """{"error":{"code":"-10","message":"10001071 - Customer CINACTIVE is inactive"}}""")]
    public async Task The_error_part_of_a_batch_answers_in_its_version_shape(string version, string expected)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var body =
            "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
            "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            $"POST /b1s/{version}/Orders HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" +
            $"{{\"CardCode\":\"CINACTIVE\",\"DocumentLines\":[{{\"ItemCode\":\"{item}\",\"Quantity\":1}}]}}\r\n" +
            "--c--\r\n--b--\r\n";

        var answer = await (await http.BatchAsync("b", body)).Content.ReadAsStringAsync();

        var part = Regex.Match(answer, "HTTP/1\\.1 400 Bad Request\r\n(?:[^\r\n]+\r\n)*\r\n(?<body>[^\n]*)\n\r\n--batchresponse_");
        Assert.True(part.Success, answer);
        Assert.Equal(expected, part.Groups["body"].Value);
    }

    [Fact]
    public async Task The_v2_missing_content_id_refusal_is_in_the_v2_shape()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var body =
            "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
            "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "PATCH /b1s/v2/BusinessPartners('C00001') HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"Phone1\":\"1\"}\r\n" +
            "--c--\r\n--b--\r\n";

        var answer = await Answer(http.BatchAsync("b", body));

        Assert.Equal((HttpStatusCode.BadRequest, """{"error":{"code":"244","message":"Content ID should be specified in each change set request."}}"""), answer);
    }
}

using System.Text;
using ActorSync.ServiceLayer.Errors;
using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>
/// Reference §4, resolved by version: <c>/b1s/v1</c> sends <c>{"error":{"code":-2028,"message":{"lang":"en-us","value":"…"}}}</c>,
/// <c>/b1s/v2</c> sends <c>{"error":{"code":"-2028","message":"…"}}</c>, for every error. The bodies below are those
/// envelopes byte for byte; the client reads both wherever it parses errors and classifies a code the same either way.
/// </summary>
public class ErrorShapeSpecs
{
    private const string V1NotFound = """{"error":{"code":-2028,"message":{"lang":"en-us","value":"No matching records found (ODBC -2028)"}}}""";
    private const string V2NotFound = """{"error":{"code":"-2028","message":"No matching records found (ODBC -2028)"}}""";
    private const string V1InvalidSession = """{"error":{"code":301,"message":{"lang":"en-us","value":"Invalid session or session already timeout."}}}""";
    private const string V2InvalidSession = """{"error":{"code":"301","message":"Invalid session or session already timeout."}}""";
    private const string V1LoginFailed = """{"error":{"code":100000027,"message":{"lang":"en-us","value":"Login failed"}}}""";
    private const string V2LoginFailed = """{"error":{"code":"100000027","message":"Login failed"}}""";

    private static ServiceLayerError Parse(int status, string body, ErrorClassificationTable? table = null) =>
        ServiceLayerErrorParser.ToError(status, null, Encoding.UTF8.GetBytes(body), table ?? ErrorClassificationTable.Default);

    private static string V1(string code, string message) =>
        "{\"error\":{\"code\":" + code + ",\"message\":{\"lang\":\"en-us\",\"value\":\"" + message + "\"}}}";

    private static string V2(string code, string message) =>
        "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";

    [Theory]
    [InlineData(V1NotFound)]
    [InlineData(V2NotFound)]
    public async Task A_direct_404_in_either_shape_is_a_NotFound_rejection_with_SAP_code_and_text(string body)
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Json(404, body)) };
        await using var client = TestClients.Create(fake);

        var outcome = await client.PatchAsync("Items('NOPE')", new { ItemName = "x" });

        var rejected = Assert.IsType<WriteOutcome.Rejected>(outcome);
        Assert.Equal(
            (404, "-2028", "No matching records found (ODBC -2028)", ErrorCategory.NotFound, "not-found-2028"),
            (rejected.Error.HttpStatus, rejected.Error.Code, rejected.Error.Message, rejected.Error.Category, rejected.Error.MatchedRule));
        Assert.Null(await client.GetAsync("Items('NOPE')")); // a read's 404 is "absent" in both shapes
    }

    [Theory]
    [InlineData(V1InvalidSession)]
    [InlineData(V2InvalidSession)]
    public async Task A_401_301_in_either_shape_logs_in_again_and_replays_once(string body)
    {
        var answered = 0;
        var fake = new FakeServiceLayer
        {
            OnRequest = (_, _) => Task.FromResult(Interlocked.Increment(ref answered) == 1
                ? Responses.Json(401, body)
                : Responses.Json(200, """{"ItemCode":"A1"}""")),
        };
        await using var client = TestClients.Create(fake);

        var item = await client.GetAsync("Items('A1')");

        Assert.Equal("A1", item!.Value.GetProperty("ItemCode").GetString());
        Assert.Equal(1, client.Sessions.Relogins);
        Assert.Equal(2, fake.Logins.Count);
        Assert.Equal(2, fake.Calls.Count);
    }

    [Theory]
    [InlineData(V1LoginFailed)]
    [InlineData(V2LoginFailed)]
    public async Task A_refused_login_in_either_shape_surfaces_as_a_login_failure(string body)
    {
        var fake = new FakeServiceLayer { OnLogin = (_, _) => Task.FromResult(Responses.Json(401, body)) };
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));

        Assert.True(error.IsLoginFailure);
        Assert.Equal((401, "100000027", "Login failed", ErrorCategory.Validation), (error.Error.HttpStatus, error.Error.Code, error.Error.Message, error.Error.Category));
        Assert.Empty(fake.Calls);
    }

    [Theory]
    [InlineData(401, "301", "Invalid session or session already timeout.")]
    [InlineData(401, "100000027", "Login failed")]
    [InlineData(401, "100000055", "User locked")]
    [InlineData(401, "-118", "Exceeded the number of max concurrent users")]
    [InlineData(412, "-2039", "Another user or another operation modified data; to continue, open the window again (ODBC -2039)")]
    [InlineData(400, "-2035", "This entry already exists in the following tables (ODBC -2035)")]
    [InlineData(404, "-2028", "No matching records found (ODBC -2028)")]
    [InlineData(400, "-2028", "[OINV.GroupNum] , 'No matching records found (ODBC -2028)'")]
    [InlineData(400, "-10", "10001069 - Item A1 is inactive")]
    [InlineData(400, "-5002", "253000019 - Journal entries linked to card")]
    [InlineData(400, "-4014", "Cannot add row without complete selection of batch/serial numbers")]
    [InlineData(400, "-5006", "Operation not allowed")]
    [InlineData(400, "244", "Content ID should be specified in each change set request.")]
    [InlineData(500, "-1", "Internal error (-1) occurred")]
    public void The_same_code_in_either_shape_gets_the_same_classification(int status, string code, string message)
    {
        var fromV1 = Parse(status, V1(code, message));
        var fromV2 = Parse(status, V2(code, message));

        Assert.Equal(fromV1, fromV2);
        Assert.Equal((code, message), (fromV2.Code, fromV2.Message));
    }

    [Fact]
    public void An_override_written_as_text_catches_the_code_in_both_shapes()
    {
        // Configuration gives codes as strings; v1 sends a number, v2 a string.
        var table = ErrorClassificationTable.Default.Override("-2039", ErrorCategory.Transient);

        Assert.Equal(ErrorCategory.Transient, Parse(412, V1("-2039", "Another user…"), table).Category);
        Assert.Equal(ErrorCategory.Transient, Parse(412, V2("-2039", "Another user…"), table).Category);
    }
}

using System.Text;
using ActorSync.ServiceLayer.Errors;
using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>Reference §4: SAP's error body comes in more than one shape, and sometimes it is not SAP talking at all.</summary>
public class ErrorEnvelopeSpecs
{
    private static ServiceLayerError Parse(int status, string body, string? reason = null) =>
        ServiceLayerErrorParser.ToError(status, reason, Encoding.UTF8.GetBytes(body), ErrorClassificationTable.Default);

    [Fact]
    public void A_numeric_code_with_a_lang_value_message_is_read()
    {
        var error = Parse(404, """{"error":{"code":-2028,"message":{"lang":"en-us","value":"No matching records found (ODBC -2028)"}}}""");

        Assert.Equal("-2028", error.Code);
        Assert.Equal(-2028, error.NumericCode);
        Assert.Equal("No matching records found (ODBC -2028)", error.Message);
        Assert.Equal(ErrorCategory.NotFound, error.Category);
    }

    [Fact]
    public void A_string_code_with_a_plain_string_message_is_read()
    {
        // The shape printed in SAP's own ETag chapter.
        var error = Parse(412, """{"error":{"code":"-2039","message":"Another user or another operation modified data; to continue, open the window again (ODBC -2039)"}}""");

        Assert.Equal("-2039", error.Code);
        Assert.Equal(-2039, error.NumericCode);
        Assert.StartsWith("Another user or another operation", error.Message);
        Assert.Equal(ErrorCategory.LockConflict, error.Category);
    }

    [Fact]
    public async Task Apache_502_HTML_becomes_one_readable_transient_line()
    {
        using var response = Responses.ProxyError502();
        var html = await response.Content.ReadAsStringAsync();

        var error = Parse(502, html, "Proxy Error");

        Assert.Equal("", error.Code);
        Assert.Null(error.NumericCode);
        Assert.Contains("Error reading from remote server", error.Message);
        Assert.DoesNotContain("<", error.Message);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }

    [Fact]
    public void An_empty_500_from_the_load_balancer_is_transient()
    {
        var error = Parse(500, "");

        Assert.Equal("", error.Code);
        Assert.Contains("empty body", error.Message);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }

    [Fact]
    public void A_500_carrying_SAP_envelope_is_not_assumed_transient()
    {
        var error = Parse(500, """{"error":{"code":-1,"message":{"lang":"en-us","value":"Internal error (-1) occurred"}}}""");

        Assert.Equal(ErrorCategory.Unknown, error.Category);
        Assert.Equal(-1, error.NumericCode);
    }

    [Fact]
    public void A_ping_style_message_without_envelope_keeps_its_text()
    {
        var error = Parse(503, """{"message":"node 5 does not exist"}""");

        Assert.Equal("node 5 does not exist", error.Message);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }

    [Fact]
    public void A_body_that_is_not_JSON_is_summarised_not_thrown_on()
    {
        var error = Parse(400, "{ this is not json");

        Assert.Contains("this is not json", error.Message);
        Assert.Equal(ErrorCategory.Validation, error.Category); // by status: 400 is SAP's business-error status
    }

    [Fact]
    public async Task A_read_failing_with_the_string_shape_surfaces_code_and_message_in_the_exception()
    {
        var fake = new FakeServiceLayer
        {
            OnRequest = (_, _) => Task.FromResult(Responses.SapErrorStringShape(400, "-10", "10001069 - Item A1 is inactive")),
        };
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('A1')"));

        Assert.Equal("-10", error.Error.Code);
        Assert.Equal(ErrorCategory.Validation, error.Error.Category);
        Assert.Contains("10001069 - Item A1 is inactive", error.Message);
        Assert.Single(fake.Calls); // a validation error is not retried
    }
}

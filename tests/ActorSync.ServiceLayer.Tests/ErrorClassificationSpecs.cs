using ActorSync.ServiceLayer.Tests.Fakes;
using Microsoft.Extensions.Configuration;

namespace ActorSync.ServiceLayer.Tests;

public class ErrorClassificationSpecs
{
    [Theory]
    [InlineData(401, "301", "Invalid session or session already timeout.", true, ErrorCategory.InvalidSession)]
    [InlineData(401, "100000027", "Login failed", true, ErrorCategory.Validation)]
    [InlineData(412, "-2039", "Another user or another operation modified data", true, ErrorCategory.LockConflict)]
    [InlineData(400, "-2039", "Another user or another operation modified data", true, ErrorCategory.LockConflict)]
    [InlineData(400, "-5002", "Document is locked by another user", true, ErrorCategory.LockConflict)]
    [InlineData(400, "-2035", "This entry already exists in the following tables (ODBC -2035)", true, ErrorCategory.Duplicate)]
    [InlineData(400, "-5002", "Customer order number already exists", true, ErrorCategory.Duplicate)]
    [InlineData(404, "-2028", "No matching records found (ODBC -2028)", true, ErrorCategory.NotFound)]
    [InlineData(400, "-2028", "[OINV.GroupNum] , 'No matching records found (ODBC -2028)'", true, ErrorCategory.Validation)]
    [InlineData(400, "-10", "10001069 - Item A1 is inactive", true, ErrorCategory.Validation)]
    [InlineData(400, "-5002", "Document is already cancelled", true, ErrorCategory.Validation)]
    [InlineData(400, "-4014", "Cannot add row without complete selection of batch/serial numbers", true, ErrorCategory.Validation)]
    [InlineData(400, "-1", "(130001) Please Select the correct Godown", true, ErrorCategory.Validation)]
    [InlineData(502, "", "Proxy Error", false, ErrorCategory.Transient)]
    [InlineData(503, "", "Service Unavailable", false, ErrorCategory.Transient)]
    [InlineData(504, "", "Gateway Timeout", false, ErrorCategory.Transient)]
    [InlineData(500, "", "HTTP 500 with an empty body", false, ErrorCategory.Transient)]
    [InlineData(500, "-1", "Internal error", true, ErrorCategory.Unknown)]
    [InlineData(403, "804", "User not authorised", true, ErrorCategory.Unknown)]
    public void The_default_table_follows_the_reference(int status, string code, string message, bool envelope, ErrorCategory expected)
    {
        var (category, _) = ErrorClassificationTable.Default.Classify(status, code, message, envelope);

        Assert.Equal(expected, category);
    }

    [Fact]
    public void A_user_override_wins_over_the_defaults_and_touches_nothing_else()
    {
        // Some integrators retry -2039 as transient (reference §4); -2035 keeps meaning "duplicate".
        var table = ErrorClassificationTable.Default.Override("-2039", ErrorCategory.Transient);

        Assert.Equal(ErrorCategory.Transient, table.Classify(412, "-2039", "Another user…", true).Category);
        Assert.Equal(ErrorCategory.Duplicate, table.Classify(400, "-2035", "already exists", true).Category);
    }

    [Fact]
    public void A_string_rule_code_matches_a_numeric_SAP_code()
    {
        var table = new ErrorClassificationTable { Rules = [new() { Code = "-02039", Category = ErrorCategory.Transient }] };

        Assert.Equal(ErrorCategory.Transient, table.Classify(400, "-2039", "", true).Category);
        Assert.Equal(ErrorCategory.Unknown, table.Classify(400, "-2035", "", true).Category);
    }

    [Fact]
    public void Each_Default_is_a_fresh_copy()
    {
        var mine = ErrorClassificationTable.Default;
        mine.Rules.Clear();

        Assert.NotEmpty(ErrorClassificationTable.Default.Rules);
    }

    [Fact]
    public void Overrides_and_settings_bind_from_configuration_without_losing_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceLayer:BaseUrl"] = "https://sap.example:50000/",
            ["ServiceLayer:Version"] = "V2",
            ["ServiceLayer:CompanyDb"] = "SBOPROD",
            ["ServiceLayer:UserName"] = "sync",
            ["ServiceLayer:Password"] = "from-a-secret-store",
            ["ServiceLayer:MaxSessions"] = "6",
            ["ServiceLayer:Retry:MaxAttempts"] = "5",
            ["ServiceLayer:CircuitBreaker:BreakDuration"] = "00:01:00",
            ["ServiceLayer:Errors:Overrides:0:Name"] = "our SAP retries lock conflicts",
            ["ServiceLayer:Errors:Overrides:0:Code"] = "-2039",
            ["ServiceLayer:Errors:Overrides:0:Category"] = "Transient",
            // A customer's SBO_SP_TransactionNotification rule whose number we know to be temporary.
            ["ServiceLayer:Errors:Overrides:1:MessagePattern"] = @"^\(2001\)",
            ["ServiceLayer:Errors:Overrides:1:Category"] = "Transient",
        }).Build();

        var options = configuration.GetSection("ServiceLayer").Get<ServiceLayerOptions>()!;
        options.Validate();

        Assert.Equal(ServiceLayerVersion.V2, options.Version);
        Assert.Equal(6, options.MaxSessions);
        Assert.Equal(5, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CircuitBreaker.BreakDuration);
        Assert.Equal(ErrorCategory.Transient, options.Errors.Classify(412, "-2039", "", true).Category);
        Assert.Equal(ErrorCategory.Transient, options.Errors.Classify(400, "-1", "(2001) Stock count in progress, try later", true).Category);
        Assert.Equal(ErrorCategory.NotFound, options.Errors.Classify(404, "-2028", "", true).Category); // defaults kept
    }

    [Fact]
    public void A_rule_without_any_condition_is_refused_because_it_would_swallow_everything()
    {
        var options = TestClients.Options(o => o.Errors.Overrides.Add(new ErrorClassificationRule { Category = ErrorCategory.Transient }));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("ServiceLayer:Errors:Overrides:0 ", error.Message);
    }

    [Fact]
    public void An_invalid_message_pattern_is_refused_naming_the_rule()
    {
        var options = TestClients.Options(o => o.Errors.Rules.Insert(0, new ErrorClassificationRule { MessagePattern = "(unclosed", Category = ErrorCategory.Validation }));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("ServiceLayer:Errors:Rules:0 ", error.Message);
    }

    [Fact]
    public async Task The_client_reports_which_rule_classified_an_error()
    {
        var fake = new FakeServiceLayer
        {
            OnRequest = (_, _) => Task.FromResult(Responses.SapError(400, -2035, "This entry already exists in the following tables (ODBC -2035)")),
        };
        await using var client = TestClients.Create(fake);

        var outcome = await client.CreateAsync("BusinessPartners", new { CardCode = "C1" });

        var rejected = Assert.IsType<WriteOutcome.Rejected>(outcome);
        Assert.Equal(ErrorCategory.Duplicate, rejected.Error.Category);
        Assert.Equal("already-exists-2035", rejected.Error.MatchedRule);
    }
}

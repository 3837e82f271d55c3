using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

public class OptionsSpecs
{
    [Fact]
    public void Defaults_are_valid_once_the_credentials_are_set()
    {
        var options = new ServiceLayerOptions { CompanyDb = "SBODEMOUS", UserName = "manager", Password = "x" };

        options.Validate();

        Assert.Equal(new Uri("https://localhost:50000/b1s/v1/"), options.ServiceRoot);
        Assert.NotEmpty(options.Errors.Rules);
    }

    public static TheoryData<string, Action<ServiceLayerOptions>> BadSettings => new()
    {
        { "BaseUrl", o => o.BaseUrl = new Uri("/relative", UriKind.Relative) },
        { "BaseUrl", o => o.BaseUrl = new Uri("ftp://sap:50000/") },
        { "CompanyDb", o => o.CompanyDb = " " },
        { "UserName", o => o.UserName = "" },
        { "Password", o => o.Password = "" },
        { "MaxSessions", o => o.MaxSessions = 0 },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.Zero },
        { "BatchTimeout", o => o.BatchTimeout = TimeSpan.FromMilliseconds(-1) },
        { "PageSize", o => o.PageSize = -1 },
        { "Retry.MaxAttempts", o => o.Retry.MaxAttempts = 0 },
        { "Retry.BaseDelay", o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1) },
        { "Retry.MaxDelay", o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(2); o.Retry.MaxDelay = TimeSpan.FromSeconds(1); } },
        { "CircuitBreaker.FailureRatio", o => o.CircuitBreaker.FailureRatio = 0 },
        { "CircuitBreaker.MinimumThroughput", o => o.CircuitBreaker.MinimumThroughput = 1 },
        { "CircuitBreaker.SamplingDuration", o => o.CircuitBreaker.SamplingDuration = TimeSpan.FromMilliseconds(100) },
        { "CircuitBreaker.BreakDuration", o => o.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(100) },
        { "Errors", o => o.Errors = null! },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_named_by_its_configuration_key(string setting, Action<ServiceLayerOptions> spoil)
    {
        var options = TestClients.Options(spoil);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith($"ServiceLayer:{setting.Replace('.', ':')} ", error.Message);
        Assert.DoesNotContain("ServiceLayerOptions", error.Message);
    }

    [Fact]
    public void The_password_is_never_echoed_by_validation_or_ToString()
    {
        var options = TestClients.Options(o => o.MaxSessions = 0);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.DoesNotContain(FakeServiceLayer.Password, error.ToString());
        Assert.DoesNotContain(FakeServiceLayer.Password, options.ToString());
        Assert.Contains("Password = ***", options.ToString());
    }

    [Theory]
    [InlineData("https://sap:50000", ServiceLayerVersion.V2, "https://sap:50000/b1s/v2/")]
    [InlineData("https://proxy.example/sap/", ServiceLayerVersion.V1, "https://proxy.example/sap/b1s/v1/")]
    public void The_service_root_is_derived_from_BaseUrl_and_Version(string baseUrl, ServiceLayerVersion version, string root)
    {
        var options = TestClients.Options(o =>
        {
            o.BaseUrl = new Uri(baseUrl);
            o.Version = version;
        });

        Assert.Equal(new Uri(root), options.ServiceRoot);
    }

    [Fact]
    public void The_client_refuses_invalid_options_before_doing_anything()
    {
        var fake = new FakeServiceLayer();

        Assert.Throws<ArgumentException>(() => TestClients.Create(fake, o => o.CompanyDb = ""));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void The_client_refuses_a_handler_that_would_manage_cookies_itself()
    {
        using var handler = new SocketsHttpHandler { UseCookies = true };

        var error = Assert.Throws<ArgumentException>(() => new ServiceLayerClient(TestClients.Options(), handler));

        Assert.Equal("handler", error.ParamName);
    }
}

using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Tests.Fakes;

public static class TestClients
{
    /// <summary>Valid options against the fake; retries without delay and a breaker that stays out of the way
    /// unless a spec sets it up.</summary>
    public static ServiceLayerOptions Options(Action<ServiceLayerOptions>? tweak = null)
    {
        var options = new ServiceLayerOptions
        {
            BaseUrl = new Uri("https://sap.test:50000/"),
            CompanyDb = FakeServiceLayer.CompanyDb,
            UserName = FakeServiceLayer.UserName,
            Password = FakeServiceLayer.Password,
            MaxSessions = 4,
            RequestTimeout = TimeSpan.FromSeconds(60),
            Retry = new RetrySettings { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(5) },
            CircuitBreaker = new CircuitBreakerSettings { MinimumThroughput = 1000, FailureRatio = 1.0 },
        };
        tweak?.Invoke(options);
        return options;
    }

    public static ServiceLayerClient Create(FakeServiceLayer fake, Action<ServiceLayerOptions>? tweak = null,
        TimeProvider? time = null, ILoggerFactory? loggers = null, Func<double>? randomizer = null) =>
        new(Options(tweak), fake, loggers, time, randomizer);
}

using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.ServiceLayer.Sessions;

namespace ActorSync.ServiceLayer.Tests.AgainstEmulator;

/// <summary>SAP locks a user after repeated failed logins: a refused login must not be tried again in a loop.</summary>
public class LoginRefusalSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;

    public async Task InitializeAsync() =>
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 20 }, MaxSessions = 1 });

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private ServiceLayerClient Client(string password) => new(new ServiceLayerOptions
    {
        BaseUrl = _sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = password, MaxSessions = 1,
        RequestTimeout = TimeSpan.FromSeconds(5),
        Retry = { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    });

    private long Logins() => _sap.GetStats().Requests.GetValueOrDefault("POST Login");

    [Fact]
    public async Task A_wrong_password_is_tried_once_and_every_later_request_is_refused_without_asking_sap()
    {
        await using var client = Client("not-the-password");

        var errors = new List<ServiceLayerException>();
        for (var i = 0; i < 10; i++)
            errors.Add(await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')")));

        Assert.Equal(1, Logins());
        Assert.All(errors, e => Assert.True(e.IsLoginFailure));
        Assert.Equal(LoginRefusalKind.Credentials, client.LoginRefused?.Kind);
        Assert.Equal("100000027", client.LoginRefused?.Code);
        Assert.All(errors, e => Assert.DoesNotContain("not-the-password", e.Message));
    }

    [Fact]
    public async Task Allowing_logins_again_makes_exactly_one_more_attempt()
    {
        await using var client = Client("not-the-password");
        await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')"));

        client.AllowLogins();
        Assert.Null(client.LoginRefused);
        await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')"));
        await Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')"));

        Assert.Equal(2, Logins());
    }

    [Fact]
    public async Task Requests_arriving_together_after_logins_are_allowed_spend_one_refused_login_not_one_each()
    {
        await using var client = new ServiceLayerClient(new ServiceLayerOptions
        {
            BaseUrl = _sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "not-the-password", MaxSessions = 6,
            RequestTimeout = TimeSpan.FromSeconds(5),
            Retry = { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });
        // At start, six requests that each need a session of their own: one login goes to SAP.
        var first = Enumerable.Range(0, 6).Select(_ => Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')")));
        await Task.WhenAll(first);
        Assert.Equal(1, Logins());

        // The same after an operator allows logins while the password is still wrong.
        client.AllowLogins();
        var again = Enumerable.Range(0, 6).Select(_ => Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')")));
        await Task.WhenAll(again);
        Assert.Equal(2, Logins());
    }

    [Fact]
    public async Task When_sap_ends_every_session_after_the_password_changed_the_sessions_logging_in_again_spend_one_refused_login()
    {
        // Six sessions proven by working logins; then the password is rotated in SAP and every session ends. Each
        // session's next request finds its session gone and logs in again: one refused login must stop the others.
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 20 }, MaxSessions = 10 });
        await using var client = new ServiceLayerClient(new ServiceLayerOptions
        {
            BaseUrl = sap.BaseAddress, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager", MaxSessions = 6,
            RequestTimeout = TimeSpan.FromSeconds(5),
            Retry = { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });
        sap.ApplyFaults(new FaultSettings { LatencyMs = 150 });
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("Items('ITM00001')")));
        var loginsWhileProven = sap.GetStats().Requests.GetValueOrDefault("POST Login");
        Assert.True(loginsWhileProven >= 2, $"the spec needs several sessions open, SAP saw {loginsWhileProven} logins");

        sap.ApplyFaults(new FaultSettings { Password = "rotated", ExpireAllSessions = true });
        var refused = Enumerable.Range(0, 6).Select(_ => Assert.ThrowsAsync<ServiceLayerException>(() => client.GetAsync("Items('ITM00001')")));
        await Task.WhenAll(refused);

        Assert.Equal(1, sap.GetStats().Requests.GetValueOrDefault("POST Login") - loginsWhileProven);
        Assert.Equal(LoginRefusalKind.Credentials, client.LoginRefused?.Kind);
    }

    [Fact]
    public async Task A_session_cap_is_not_a_refusal_the_login_goes_through_once_a_session_ends()
    {
        await using var holder = Client("manager");
        Assert.NotNull(await holder.GetAsync("Items('ITM00001')")); // holds the only session
        await using var second = Client("manager");

        await Assert.ThrowsAnyAsync<Exception>(() => second.GetAsync("Items('ITM00001')"));
        Assert.Null(second.LoginRefused);

        await holder.DisposeAsync(); // logs out
        Assert.NotNull(await second.GetAsync("Items('ITM00001')"));
    }
}

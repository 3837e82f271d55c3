using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.ServiceLayer.Batching;
using ActorSync.ServiceLayer.Errors;

namespace ActorSync.ServiceLayer.Tests.AgainstEmulator;

/// <summary>The real client against the in-process emulator, over real sockets on loopback.</summary>
public class ClientAgainstEmulatorSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private string _item = "";
    private string _inactiveItem = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 120 } });
        _item = _sap.Company.FirstPlainActiveItemsWithStock(1, 10).Single().ItemCode;
        _inactiveItem = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
    }

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    private ServiceLayerClient Client(ServiceLayerVersion version = ServiceLayerVersion.V1, Action<ServiceLayerOptions>? configure = null)
    {
        var options = new ServiceLayerOptions
        {
            BaseUrl = _sap.BaseAddress, Version = version, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager",
            RequestTimeout = TimeSpan.FromSeconds(10),
            Retry = { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        };
        configure?.Invoke(options);
        return new ServiceLayerClient(options);
    }

    private object Order(string numAtCard, string? item = null) => new
    {
        CardCode = CompanyCatalog.WebGuest,
        NumAtCard = numAtCard,
        DocDueDate = "2026-12-01",
        DocumentLines = new[] { new { ItemCode = item ?? _item, Quantity = 1, UnitPrice = 10.0, WarehouseCode = "01", VatGroup = "O1" } },
    };

    private long Requests(string key) => _sap.GetStats().Requests.GetValueOrDefault(key);

    [Theory]
    [InlineData(ServiceLayerVersion.V1)]
    [InlineData(ServiceLayerVersion.V2)]
    public async Task A_batch_of_two_changesets_creates_both_documents_and_reads_back_their_keys(ServiceLayerVersion version)
    {
        await using var client = Client(version);
        var batch = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", Order("B-1")))
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", Order("B-2")));

        var outcome = Assert.IsType<BatchOutcome.Completed>(await client.SendBatchAsync(batch));

        Assert.Equal(2, outcome.Parts.Count);
        var entries = outcome.Parts.Select(p => Assert.IsType<WriteOutcome.Succeeded>(p.Outcome).Body!.Value.GetProperty("DocEntry").GetInt32()).ToList();
        Assert.Equal(_sap.Company.Orders.Select(o => o.DocEntry).Order(), entries.Order());
        Assert.Equal(["B-1", "B-2"], _sap.Company.Orders.Select(o => o.NumAtCard).Order());
        Assert.Equal(1, _sap.GetStats().Batches);
    }

    [Theory]
    [InlineData(ServiceLayerVersion.V1)]
    [InlineData(ServiceLayerVersion.V2)]
    public async Task A_failing_changeset_is_rejected_its_predecessor_committed_and_its_successor_reported_not_executed(ServiceLayerVersion version)
    {
        await using var client = Client(version);
        var batch = new BatchRequest()
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", Order("OK-1")))
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", Order("BAD-2", _inactiveItem)))
            .AddChangeset(new BatchOperation(HttpMethod.Post, "Orders", Order("SKIPPED-3")));

        var outcome = Assert.IsType<BatchOutcome.Completed>(await client.SendBatchAsync(batch));

        Assert.IsType<WriteOutcome.Succeeded>(outcome.Parts[0].Outcome);
        var rejected = Assert.IsType<WriteOutcome.Rejected>(outcome.Parts[1].Outcome);
        Assert.Equal((ErrorCategory.Validation, "-10"), (rejected.Error.Category, rejected.Error.Code));
        Assert.Equal($"10001069 - Item {_inactiveItem} is inactive", rejected.Error.Message);
        Assert.IsType<WriteOutcome.NotExecuted>(outcome.Parts[2].Outcome);
        Assert.Equal(["OK-1"], _sap.Company.Orders.Select(o => o.NumAtCard));
    }

    [Theory]
    [InlineData(ServiceLayerVersion.V1)]
    [InlineData(ServiceLayerVersion.V2)]
    public async Task When_sap_expires_the_session_mid_run_the_client_logs_in_again_and_replays(ServiceLayerVersion version)
    {
        await using var client = Client(version);
        Assert.NotNull(await client.GetAsync($"Items('{_item}')"));

        _sap.ApplyFaults(new FaultSettings { ExpireAllSessions = true });
        var created = await client.CreateAsync("Orders", Order("AFTER-EXPIRY"));

        Assert.IsType<WriteOutcome.Succeeded>(created);
        Assert.Equal(1, client.Sessions.Relogins);
        Assert.Equal(2, _sap.GetStats().Sessions.Logins);
        Assert.Single(_sap.Company.Orders);
    }

    [Fact]
    public async Task Never_more_sessions_than_the_budget_under_concurrent_load()
    {
        await using var client = Client(configure: o => o.MaxSessions = 3);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync($"Items('{_item}')")));

        Assert.InRange(_sap.GetStats().Sessions.Peak, 1, 3);
        Assert.InRange(client.Sessions.Peak, 1, 3);
    }

    [Theory]
    [InlineData(ServiceLayerVersion.V1)]
    [InlineData(ServiceLayerVersion.V2)]
    public async Task A_lock_held_by_a_user_comes_back_as_a_lock_conflict(ServiceLayerVersion version)
    {
        await using var client = Client(version);
        _sap.ApplyFaults(new FaultSettings { UserLocks = [new UserLockFault(_item, "01", 10_000, "jane")] });

        var outcome = await client.CreateAsync("Orders", Order("LOCKED"));

        var rejected = Assert.IsType<WriteOutcome.Rejected>(outcome);
        Assert.Equal(ErrorCategory.LockConflict, rejected.Error.Category);
        Assert.Equal("-2039", rejected.Error.Code);
        Assert.Empty(_sap.Company.Orders);
        Assert.Equal(1, _sap.GetStats().LockConflicts);
    }

    [Theory]
    [InlineData(ServiceLayerVersion.V1)]
    [InlineData(ServiceLayerVersion.V2)]
    public async Task DeleteAsync_removes_an_unreferenced_partner_and_reports_what_SAP_refuses(ServiceLayerVersion version)
    {
        await using var client = Client(version);
        var customer = _sap.Company.Customers[1];
        Assert.IsType<WriteOutcome.Succeeded>(await client.CreateAsync("Orders", Order("NAMES-WEBGUEST")));

        var removed = Assert.IsType<WriteOutcome.Succeeded>(await client.DeleteAsync($"BusinessPartners('{customer}')"));
        var linked = Assert.IsType<WriteOutcome.Rejected>(await client.DeleteAsync($"BusinessPartners('{CompanyCatalog.WebGuest}')"));
        var missing = Assert.IsType<WriteOutcome.Rejected>(await client.DeleteAsync($"BusinessPartners('{customer}')"));
        var document = Assert.IsType<WriteOutcome.Rejected>(await client.DeleteAsync("Orders(1)"));

        Assert.Equal((204, null), (removed.Status, removed.Body));
        Assert.Null(await client.GetAsync($"BusinessPartners('{customer}')"));
        Assert.Equal(("-5002", ErrorCategory.Validation), (linked.Error.Code, linked.Error.Category));
        Assert.Equal(("-2028", ErrorCategory.NotFound), (missing.Error.Code, missing.Error.Category));
        Assert.Equal(("-5006", ErrorCategory.Validation), (document.Error.Code, document.Error.Category));
        Assert.NotNull(_sap.Company.FindBusinessPartner(CompanyCatalog.WebGuest));
        Assert.Single(_sap.Company.Orders);
    }

    [Fact]
    public async Task A_response_dropped_after_commit_is_uncertain_and_never_sent_twice()
    {
        await using var client = Client();
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "Orders") });

        var outcome = await client.CreateAsync("Orders", Order("DROPPED"));

        Assert.IsType<WriteOutcome.Uncertain>(outcome);
        Assert.Equal(1, Requests("POST Orders"));
        Assert.Equal(["DROPPED"], _sap.Company.Orders.Select(o => o.NumAtCard));
        // The caller's look-up finds it.
        var found = await client.QueryAsync("Orders?$select=DocEntry,NumAtCard&$filter=NumAtCard eq 'DROPPED'").ToListAsync();
        Assert.Single(found);
    }

    [Fact]
    public async Task An_outage_opens_the_circuit_which_then_refuses_without_sending_and_recovers_after_sap_returns()
    {
        await using var client = Client(configure: o =>
        {
            o.CircuitBreaker.MinimumThroughput = 3;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(800);
        });
        _sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });

        var outcomes = new List<WriteOutcome>();
        for (var i = 0; i < 6; i++) outcomes.Add(await client.CreateAsync("Orders", Order($"OUT-{i}")));
        var sentDuringOutage = Requests("POST Orders");
        var refused = await client.CreateAsync("Orders", Order("REFUSED"));

        Assert.All(outcomes, o => Assert.IsType<WriteOutcome.NotApplied>(o));
        Assert.Equal(CircuitState.Open, client.Circuit);
        Assert.IsType<WriteOutcome.NotApplied>(refused);
        Assert.Equal(sentDuringOutage, Requests("POST Orders"));

        _sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        await Task.Delay(1000);
        Assert.IsType<WriteOutcome.Succeeded>(await client.CreateAsync("Orders", Order("BACK")));
        Assert.Equal(["BACK"], _sap.Company.Orders.Select(o => o.NumAtCard));
    }

    [Theory]
    [InlineData(ServiceLayerVersion.V1, false)]
    [InlineData(ServiceLayerVersion.V2, false)]
    [InlineData(ServiceLayerVersion.V1, true)]
    public async Task Queries_follow_next_links_across_every_page(ServiceLayerVersion version, bool absoluteLinks)
    {
        await using var sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 75 }, AbsoluteNextLinks = absoluteLinks });
        await using var client = new ServiceLayerClient(new ServiceLayerOptions
        {
            BaseUrl = sap.BaseAddress, Version = version, CompanyDb = "SBODEMO", UserName = "manager", Password = "manager", PageSize = 20,
        });

        var rows = await client.QueryAsync("Items?$select=ItemCode&$orderby=ItemCode").ToListAsync();

        Assert.Equal(75, rows.Count);
        Assert.Equal(75, rows.Select(r => r.GetProperty("ItemCode").GetString()).Distinct().Count());
        Assert.Equal(4, sap.GetStats().Requests.GetValueOrDefault("GET Items"));
    }
}

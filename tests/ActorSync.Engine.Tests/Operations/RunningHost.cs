using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSync.Cli;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Api;
using ActorSync.Host.Demo;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;

namespace ActorSync.Engine.Tests.Operations;

[CollectionDefinition(Name)]
public sealed class RunningHostCollection : ICollectionFixture<RunningHost>
{
    public const string Name = "running host";
}

/// <summary>
/// One service as <c>run</c> starts it, with an operator and a read-only token, against the Service Layer emulator:
/// three Magento orders posted, one parked (SAP rejects its inactive item), a stock position, and exceptions of
/// other types for the specs that resolve, ignore or count them. Shared by the CLI and ops API specs.
/// </summary>
public sealed class RunningHost : IAsyncLifetime
{
    public const string Operator = "op-5d1e9c7a3b2f4e6d8c0a1b2c3d4e5f6a";
    public const string Reader = "ro-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    public const int PostedOrders = 3;
    private const int Items = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ServiceLayerEmulator _sap = null!;
    public OpsTestHost Service { get; private set; } = null!;
    public string Url => Service.Http.BaseAddress!.ToString().TrimEnd('/');
    public IReadOnlyList<string> Posted { get; private set; } = [];
    public string ParkedOrder { get; private set; } = "";
    public string ParkedException { get; private set; } = "";
    public string ToResolve { get; private set; } = "";
    public string ToIgnore { get; private set; } = "";
    public string Sku { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.MasterData.Enabled = false; // SAP itself rejects the inactive item
        Service = await OpsTestHost.StartAsync(settings, access: new OpsAccessSettings { Token = Operator, ReadToken = Reader });
        Service.Http.DefaultRequestHeaders.Authorization = new("Bearer", Operator);

        var orders = new DemoOrderGenerator(Items).Generate(PostedOrders + 1, idPrefix: "OPS-").ToList();
        var inactive = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
        var sample = orders[^1];
        var line = sample.Lines[0] with { Sku = inactive };
        orders[^1] = sample with { Lines = [line], TotalPaid = line.NetTotal + line.TaxAmount + sample.ShippingAmount + sample.ShippingTax };
        foreach (var order in orders)
            Assert.Equal(HttpStatusCode.Accepted, (await Service.Http.PostAsJsonAsync("/api/orders", order)).StatusCode);
        Posted = orders.Take(PostedOrders).Select(o => o.Key.EntityId).ToList();
        ParkedOrder = orders[^1].Key.EntityId;
        await Eventually.HoldsAsync(async () =>
        {
            var states = await Task.WhenAll(orders.Select(o => Service.Engine.GetOrderAsync(o.Key.EntityId)));
            var settled = states.Take(PostedOrders).All(s => s.DocEntry is not null) && states[^1].Status == OrderStatus.Quarantined;
            return (settled, string.Join(", ", states.Select(s => s.Status)));
        }, Patience, "three orders posted and one parked");

        Sku = _sap.Company.FirstItems(ItemKind.Plain, 1).Single().ItemCode;
        await Service.Engine.ApplyStockSnapshotAsync([new ActorSync.Engine.Api.StockLevel(Sku, "01", 37.5m, 4.25m, 12m)], DateTimeOffset.UtcNow);

        var at = DateTimeOffset.UtcNow;
        await Service.Queue.RaiseAsync(new RaiseException(RecordKinds.Order, "magento:OPS-TAX", ExceptionTypes.UnmappedTax("No VAT group for 7 %"), "{}", at));
        await Service.Queue.RaiseAsync(new RaiseException("refund", "magento:R-1", ExceptionTypes.UnmappedShipping("drone"), "{\"refund\":\"R-1\"}", at));
        await Service.Queue.RaiseAsync(new RaiseException("refund", "magento:R-2", ExceptionTypes.UnmappedShipping("sledge"), "{\"refund\":\"R-2\"}", at));
        await Eventually.HoldsAsync(async () =>
        {
            var count = (await Service.Queue.ListAsync()).Count;
            return (count == 4, $"{count} exceptions");
        }, Patience, "four exceptions");
        var all = await Service.Queue.ListAsync();
        ParkedException = all.Single(e => e.RecordId == ParkedOrder).Id;
        ToResolve = all.Single(e => e.RecordId == "magento:R-1").Id;
        ToIgnore = all.Single(e => e.RecordId == "magento:R-2").Id;
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _sap.DisposeAsync();
    }

    /// <summary>The CLI in-process against this host, with the operator token unless the arguments name another.</summary>
    public Task<CliResult> Cli(params string[] args) => CliWith(null, args.Concat(["--host", Url]).Concat(args.Contains("--token") ? [] : ["--token", Operator]).ToArray());

    public static async Task<CliResult> CliWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, name => environment?.GetValueOrDefault(name));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

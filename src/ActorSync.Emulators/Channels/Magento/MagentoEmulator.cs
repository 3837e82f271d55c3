using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// An in-process Magento 2 REST API on Kestrel (loopback, port 0 by default, so many tests can run their own).
/// REST root: <see cref="RestBaseAddress"/> (<c>BaseAddress + "rest/default/"</c>).
/// </summary>
public sealed class MagentoEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MagentoEmulator(WebApplication app, MagentoEmulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:43121/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The store's REST root, e.g. http://127.0.0.1:43121/rest/default/ (paths go on with <c>V1/…</c>).</summary>
    public Uri RestBaseAddress => new(BaseAddress, "rest/default/");

    public MagentoEmulatorState State { get; }

    public string AccessToken => State.Options.AccessToken;

    public static async Task<MagentoEmulator> StartAsync(MagentoEmulatorOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        var state = new MagentoEmulatorState(options);
        var app = BuildApp(state, url, logToConsole: false);
        await app.StartAsync(ct).ConfigureAwait(false);
        return new MagentoEmulator(app, state, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    internal static WebApplication BuildApp(MagentoEmulatorState state, string url, bool logToConsole) =>
        ChannelEmulatorHost.BuildApp(url, logToConsole, app => app.MapMagentoEmulator(state));

    /// <summary>Adds an order in the <c>GET /V1/orders/{id}</c> shape; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void SeedOrder(JsonObject order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (State.Store.Seed((JsonObject)order.DeepClone()) is { } problem)
            throw new ArgumentException("Magento emulator order: " + problem, nameof(order));
    }

    public void SeedOrder(string orderJson) =>
        SeedOrder(JsonNode.Parse(orderJson) as JsonObject ?? throw new ArgumentException("The order must be a JSON object.", nameof(orderJson)));

    /// <summary>The order as <c>GET /V1/orders/{id}</c> would answer it now, or null.</summary>
    public JsonObject? GetOrder(long entityId) => State.Store.Order(entityId);

    /// <summary>The shipments of an order (by its <c>entity_id</c>), as <c>GET /V1/shipments</c> lists them.</summary>
    public IReadOnlyList<JsonObject> GetShipments(long orderEntityId) => State.Store.ShipmentsOf(orderEntityId);

    /// <summary>The credit memos of an order (by its <c>entity_id</c>), as <c>GET /V1/creditmemos</c> lists them.</summary>
    public IReadOnlyList<JsonObject> GetCreditMemos(long orderEntityId) => State.Store.CreditMemosOf(orderEntityId);

    /// <summary>A shipment made by the merchant in the admin (the body of <c>POST /V1/order/{id}/ship</c>); its id, or Magento's refusal.</summary>
    public (long? Id, string? Problem) Ship(long orderEntityId, string body = "{}") => Created(State.Store.Ship(orderEntityId, body));

    /// <summary>An offline refund made by the merchant (the body of <c>POST /V1/order/{id}/refund</c>); the credit memo id, or Magento's refusal.</summary>
    public (long? Id, string? Problem) Refund(long orderEntityId, string body = "{}") => Created(State.Store.Refund(orderEntityId, body));

    private static (long? Id, string? Problem) Created(MagentoReply reply) =>
        reply.Status == 200 && long.TryParse(reply.Json, out var id) ? (id, null) : (null, reply.Json);

    public ChannelStats GetStats() => State.GetStats();

    public void ApplyFaults(ChannelFaultSettings faults)
    {
        if (State.ApplyFaults(faults) is { } refused)
            throw new ArgumentException(refused, nameof(faults));
    }

    public void Reset() => State.Reset();

    public async ValueTask DisposeAsync()
    {
        State.Faults.Apply(new ChannelFaultSettings { Clear = true });
        await ChannelEmulatorHost.StopAsync(_app).ConfigureAwait(false);
    }
}

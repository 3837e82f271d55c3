using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using Microsoft.Extensions.Logging;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>Every log line, formatted, with its exception.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}

/// <summary>An HttpMessageHandler that answers from a function: for answers no emulator gives (malformed bodies).</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        return Task.FromResult(answer(request));
    }

    public static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
}

/// <summary>
/// Seed orders from the vendor fixtures, notices, and publishers wired to an in-process emulator. The tokens are
/// distinctive so a test can search every text for them.
/// </summary>
internal static class OutboundRig
{
    public const string MagentoToken = "mage-T0KEN-9f27c1d4e8";
    public const string MagentoConsumerKey = "mage-CKEY-51d0a7c3";
    public const string MagentoConsumerSecret = "mage-CSECRET-e07b22f19a";
    public const string MagentoTokenSecret = "mage-TSECRET-3a6f08d4c1";
    public const string BigCommerceToken = "bc-T0KEN-4c81e0aa73";

    /// <summary>The Magento fixture order (entity_id 3, increment_id 000000003, item 3 "WS12-M-Orange" × 1), with a
    /// configurable pair added on request (parent item 4 "MH01-XS-Black" × 2, child item 5 with parent_item_id 4).</summary>
    public static JsonObject MagentoOrder(bool withConfigurable = false, string state = "new")
    {
        var order = (JsonObject)Fixtures.Node("magento/order.json");
        order["state"] = state;
        order["status"] = state == "new" ? "pending" : state;
        var items = (JsonArray)order["items"]!;
        if (withConfigurable)
        {
            var parent = (JsonObject)items[0]!.DeepClone();
            parent["item_id"] = 4;
            parent["sku"] = "MH01-XS-Black";
            parent["product_type"] = "configurable";
            parent["qty_ordered"] = 2;
            parent["price"] = 52;
            var child = (JsonObject)parent.DeepClone();
            child["item_id"] = 5;
            child["parent_item_id"] = 4;
            child["product_type"] = "simple";
            child["price"] = 0;
            items.Add(parent);
            items.Add(child);
        }

        return order;
    }

    /// <summary>The BigCommerce fixtures as one order 218 (products 65 "S-ORAN" and bundled 66 "ABS", one each;
    /// addresses 132 and 133): order ids aligned, product 65 to address 132, product 66 to <paramref name="addressOf66"/>.</summary>
    public static (JsonObject Order, JsonArray Products, JsonArray Addresses) BigCommerceOrder(long addressOf66 = 132)
    {
        var order = (JsonObject)Fixtures.Node("bigcommerce/v2_order.json");
        var products = (JsonArray)Fixtures.Node("bigcommerce/v2_order_products.json");
        foreach (var product in products.OfType<JsonObject>())
        {
            product["order_id"] = 218;
            product["order_address_id"] = (long)product["id"]! == 66 ? addressOf66 : 132;
        }

        var addresses = (JsonArray)Fixtures.Node("bigcommerce/v2_order_shipping_addresses.json");
        foreach (var address in addresses.OfType<JsonObject>())
            address["order_id"] = 218;
        return (order, products, addresses);
    }

    public static ShipmentNotice Notice(string channel, string order, string dispatch, string? carrier, string? tracking, params (string Sku, decimal Qty)[] lines) =>
        new(channel, order, dispatch, lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), carrier, tracking);
}

internal sealed class MagentoRig : IAsyncDisposable
{
    private MagentoRig(MagentoEmulator emulator, MagentoShipmentPublisher publisher, HttpClient http, CapturingLogger<MagentoShipmentPublisher> log)
    {
        Emulator = emulator;
        Publisher = publisher;
        Http = http;
        Log = log;
    }

    public MagentoEmulator Emulator { get; }
    public MagentoShipmentPublisher Publisher { get; }
    public HttpClient Http { get; }
    public CapturingLogger<MagentoShipmentPublisher> Log { get; }

    /// <param name="emulatorToken">What the store accepts; the publisher always sends <see cref="OutboundRig.MagentoToken"/>.</param>
    public static async Task<MagentoRig> StartAsync(JsonObject? order = null, Func<MagentoOutboundOptions, MagentoOutboundOptions>? tweak = null, string emulatorToken = OutboundRig.MagentoToken)
    {
        // The store takes only OAuth-signed requests (2.4.4+ default); the publisher signs with the integration's four credentials.
        var emulator = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions
        {
            ConsumerKey = OutboundRig.MagentoConsumerKey, ConsumerSecret = OutboundRig.MagentoConsumerSecret,
            AccessToken = emulatorToken, AccessTokenSecret = OutboundRig.MagentoTokenSecret,
        });
        emulator.SeedOrder(order ?? OutboundRig.MagentoOrder());
        var options = new MagentoOutboundOptions
        {
            BaseUrl = emulator.RestBaseAddress.ToString(),
            ConsumerKey = OutboundRig.MagentoConsumerKey,
            ConsumerSecret = OutboundRig.MagentoConsumerSecret,
            AccessToken = OutboundRig.MagentoToken,
            AccessTokenSecret = OutboundRig.MagentoTokenSecret,
            ReadRetryDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        var http = new HttpClient();
        var log = new CapturingLogger<MagentoShipmentPublisher>();
        return new MagentoRig(emulator, new MagentoShipmentPublisher(http, tweak is null ? options : tweak(options), log), http, log);
    }

    public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice) => Publisher.PublishAsync(notice, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

internal sealed class BigCommerceRig : IAsyncDisposable
{
    private BigCommerceRig(BigCommerceEmulator emulator, BigCommerceShipmentPublisher publisher, HttpClient http, CapturingLogger<BigCommerceShipmentPublisher> log)
    {
        Emulator = emulator;
        Publisher = publisher;
        Http = http;
        Log = log;
    }

    public BigCommerceEmulator Emulator { get; }
    public BigCommerceShipmentPublisher Publisher { get; }
    public HttpClient Http { get; }
    public CapturingLogger<BigCommerceShipmentPublisher> Log { get; }

    public static async Task<BigCommerceRig> StartAsync(long addressOf66 = 132, BigCommerceEmulatorOptions? emulatorOptions = null,
        Func<BigCommerceOutboundOptions, BigCommerceOutboundOptions>? tweak = null)
    {
        var emulator = await BigCommerceEmulator.StartAsync((emulatorOptions ?? new BigCommerceEmulatorOptions()) with { AccessToken = OutboundRig.BigCommerceToken });
        var (order, products, addresses) = OutboundRig.BigCommerceOrder(addressOf66);
        emulator.SeedOrder(order, products, addresses);
        var options = new BigCommerceOutboundOptions
        {
            ApiBaseUrl = emulator.BaseAddress.ToString(),
            StoreHash = emulator.StoreHash,
            AccessToken = OutboundRig.BigCommerceToken,
            ReadRetryDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        var http = new HttpClient();
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();
        return new BigCommerceRig(emulator, new BigCommerceShipmentPublisher(http, tweak is null ? options : tweak(options), log), http, log);
    }

    public Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice) => Publisher.PublishAsync(notice, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock tests move by hand (the BigCommerce quota window reads it).</summary>
internal sealed class HandClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

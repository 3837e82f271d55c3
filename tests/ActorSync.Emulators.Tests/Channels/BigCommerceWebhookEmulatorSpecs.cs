using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ActorSync.Emulators.Tests.Channels.ChannelFixtures;

namespace ActorSync.Emulators.Tests.Channels;

/// <summary>The emulator's webhooks (registration, delivery, retries, deactivation, duplicates), its order list by modification and its V3 refunds.</summary>
public class BigCommerceWebhookEmulatorSpecs
{
    /// <summary>A destination that records what it receives and answers with <paramref name="status"/>.</summary>
    private sealed class Receiver(WebApplication app) : IAsyncDisposable
    {
        public ConcurrentQueue<(string Body, string? Secret, string? Signature)> Received { get; } = new();
        public string Url => app.Urls.First().TrimEnd('/') + "/hook";

        public static async Task<Receiver> StartAsync(int status)
        {
            Receiver? self = null;
            var app = ChannelEmulatorHost.BuildApp("http://127.0.0.1:0", false, a => a.MapPost("/hook", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                self!.Received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["X-ActorSync-Secret"].FirstOrDefault(), context.Request.Headers["webhook-signature"].FirstOrDefault()));
                return Results.StatusCode(status);
            }));
            self = new Receiver(app);
            await app.StartAsync();
            return self;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static string Hook(string destination, string scope = "store/order/*") => new JsonObject
    {
        ["scope"] = scope, ["destination"] = destination, ["is_active"] = true, ["headers"] = new JsonObject { ["X-ActorSync-Secret"] = "s3cr3t-value" },
    }.ToJsonString();

    private static Task Until(Func<bool> condition, string what) => Task.Run(async () =>
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    });

    [Fact]
    public async Task A_registered_hook_gets_the_light_payload_with_its_custom_header_and_signature()
    {
        await using var receiver = await Receiver.StartAsync(200);
        await using var emulator = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions
        {
            Webhooks = new BigCommerceWebhookOptions { StandardWebhooksSecret = "whsec_" + Convert.ToBase64String(new byte[24]) },
        });
        using var http = Client(new Uri(emulator.StoreRoot, "v3/"), ("X-Auth-Token", emulator.AccessToken));

        var (status, created) = await SendAsync(http, HttpMethod.Post, "hooks", Hook(receiver.Url));
        var id = emulator.State.Generate(1, [11]).Single();
        await Until(() => receiver.Received.Count >= 2, "created and statusUpdated");
        var (_, list) = await SendAsync(http, HttpMethod.Get, "hooks");

        Assert.Equal(200, status);
        Assert.Equal("store/order/*", (string?)created!["data"]!["scope"]);
        Assert.Single(list!["data"]!.AsArray());
        var first = JsonNode.Parse(receiver.Received.First(r => r.Body.Contains("store/order/created")).Body)!;
        Assert.Equal(id, (long)first["data"]!["id"]!);
        Assert.Equal("order", (string?)first["data"]!["type"]);
        Assert.Equal($"stores/{emulator.StoreHash}", (string?)first["producer"]);
        Assert.Equal(40, ((string?)first["hash"])!.Length);
        Assert.All(receiver.Received, r => Assert.Equal("s3cr3t-value", r.Secret));
        Assert.All(receiver.Received, r => Assert.StartsWith("v1,", r.Signature));
    }

    [Fact]
    public async Task A_failing_destination_is_retried_on_the_schedule_and_the_hook_is_deactivated_after_the_last_retry()
    {
        await using var receiver = await Receiver.StartAsync(500);
        // 48 h of BigCommerce's schedule in about 1.7 s.
        await using var emulator = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions { Webhooks = new BigCommerceWebhookOptions { TimeScale = 0.00001 } });
        emulator.Webhooks.Create(Hook(receiver.Url, "store/order/created"));

        emulator.State.Generate(1, [11]);
        await Until(() => emulator.Webhooks.GetStats().Abandoned == 1, "the hook given up");

        var stats = emulator.Webhooks.GetStats();
        Assert.Equal(BigCommerceWebhookOptions.RetryScheduleSeconds.Length + 1, receiver.Received.Count);
        Assert.Equal(0, stats.ActiveHooks);
        Assert.Equal(1, stats.InactiveHooks);
        Assert.Equal(173_040, BigCommerceWebhookOptions.RetryScheduleSeconds.Sum()); // ~48 h
    }

    [Fact]
    public async Task Duplicates_carry_the_same_hash_and_a_slow_destination_counts_as_failed()
    {
        await using var receiver = await Receiver.StartAsync(204);
        await using var emulator = await BigCommerceEmulator.StartAsync(new BigCommerceEmulatorOptions { Webhooks = new BigCommerceWebhookOptions { DuplicateRate = 1 } });
        emulator.Webhooks.Create(Hook(receiver.Url, "store/order/created"));
        emulator.Webhooks.Create(Hook("http://10.255.255.1:9/never", "store/order/created"));
        emulator.Webhooks.Options = emulator.Webhooks.Options with { DeliveryTimeout = TimeSpan.FromMilliseconds(200), TimeScale = 0.0001 };

        emulator.State.Generate(1, [11]);
        await Until(() => receiver.Received.Count >= 2 && emulator.Webhooks.GetStats().Failed >= 1, "a duplicate and a timeout");

        Assert.Single(receiver.Received.Select(r => (string?)JsonNode.Parse(r.Body)!["hash"]).Distinct());
        Assert.Equal(1, emulator.Webhooks.GetStats().Duplicates);
    }

    [Fact]
    public async Task Orders_are_listed_by_date_modified_from_min_date_modified_and_an_empty_page_is_204()
    {
        await using var emulator = await BigCommerceEmulator.StartAsync();
        using var http = Client(emulator.ApiBaseAddress, ("X-Auth-Token", emulator.AccessToken));
        var ids = emulator.State.Generate(3, [11, 0, 5]);
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"));

        var (status, list) = await SendAsync(http, HttpMethod.Get, $"orders?min_date_modified={since}&sort=date_modified:asc&limit=2&page=1");
        var (later, _) = await SendAsync(http, HttpMethod.Get, $"orders?min_date_modified={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}");

        Assert.Equal(200, status);
        Assert.Equal(ids.Take(2), list!.AsArray().Select(o => (long)o!["id"]!));
        Assert.Equal("0.0000", ((string?)list[0]!["discount_amount"]));
        Assert.Equal(204, later);
    }

    [Fact]
    public async Task A_refund_is_read_back_in_the_v3_shape_and_moves_the_order_to_partially_refunded()
    {
        await using var emulator = await BigCommerceEmulator.StartAsync();
        using var v3 = Client(new Uri(emulator.StoreRoot, "v3/"), ("X-Auth-Token", emulator.AccessToken));
        var id = emulator.State.Generate(1, [11]).Single();
        var product = emulator.GetOrder(id)!.Value.Products[0];
        var quantity = (int)product["quantity"]!;

        var (refundId, problem) = emulator.State.Refund(id, [((long)product["id"]!, 1)]);
        var (status, body) = await SendAsync(v3, HttpMethod.Get, $"orders/{id}/payment_actions/refunds");

        Assert.Null(problem);
        Assert.Equal(200, status);
        var refund = body!["data"]![0]!;
        Assert.Equal(refundId, (long)refund["id"]!);
        Assert.Equal("PRODUCT", (string?)refund["items"]![0]!["item_type"]);
        var order = emulator.GetOrder(id)!.Value.Order;
        Assert.Equal(emulator.GetOrder(id)!.Value.Products.Count == 1 && quantity == 1 ? 4 : 14, (int)order["status_id"]!);
        Assert.NotEqual("0.0000", (string?)order["refunded_amount"]);
    }
}

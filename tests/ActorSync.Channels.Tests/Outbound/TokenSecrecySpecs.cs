using System.Net;
using ActorSync.Channels.Outbound;
using ActorSync.Emulators.Channels;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>The access token never appears in an outcome, a log line or an exception, whatever happens.</summary>
public class TokenSecrecySpecs
{
    [Fact]
    public async Task The_Magento_token_is_in_no_outcome_and_no_log_line_across_every_kind_of_outcome()
    {
        var texts = new List<string>();
        await using (var rig = await MagentoRig.StartAsync(MagentoOrder(withConfigurable: true)))
        {
            var tee = Notice("magento", "000000003", "D-1", "UPS", "1Z1", ("WS12-M-Orange", 1));
            rig.Emulator.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });
            texts.Add((await rig.PublishAsync(tee)).ToString()); // Failed: answer dropped
            texts.Add((await rig.PublishAsync(tee)).ToString()); // Published, already there
            texts.Add((await rig.PublishAsync(Notice("magento", "000000003", "D-2", "PostNord", "X", ("MH01-XS-Black", 3)))).ToString()); // Rejected: over-ship
            texts.Add((await rig.PublishAsync(Notice("magento", "000000077", "D-3", null, null, ("A", 1)))).ToString()); // Rejected: no order
            rig.Emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
            texts.Add((await rig.PublishAsync(tee)).ToString()); // Failed: outage
            texts.AddRange(rig.Log.Lines);
        }

        await using (var refused = await MagentoRig.StartAsync(emulatorToken: "store-token"))
        {
            texts.Add((await refused.PublishAsync(Notice("magento", "000000003", "D-1", null, null, ("WS12-M-Orange", 1)))).ToString()); // Rejected: 401
            texts.AddRange(refused.Log.Lines);
        }

        Assert.Contains(texts, t => t.Contains("Published", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("answered 401", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Debug: magento GET", StringComparison.Ordinal)); // the logger did see the requests
        Assert.All(texts, t => Assert.DoesNotContain(MagentoToken, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(MagentoConsumerSecret, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(MagentoTokenSecret, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(MagentoConsumerKey, t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_BigCommerce_token_is_in_no_outcome_and_no_log_line_across_every_kind_of_outcome()
    {
        var texts = new List<string>();
        await using (var rig = await BigCommerceRig.StartAsync())
        {
            var towel = Notice("bigcommerce", "218", "D-1", "UPS", "1Z1", ("S-ORAN", 1));
            rig.Emulator.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });
            texts.Add((await rig.PublishAsync(towel)).ToString());
            texts.Add((await rig.PublishAsync(towel)).ToString());
            texts.Add((await rig.PublishAsync(Notice("bigcommerce", "218", "D-2", null, null, ("ABS", 5)))).ToString());
            texts.Add((await rig.PublishAsync(Notice("bigcommerce", "404", "D-3", null, null, ("ABS", 1)))).ToString());
            rig.Emulator.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(150, 30_000, 0) });
            texts.Add((await rig.PublishAsync(towel with { DispatchId = "D-4" })).ToString());
            texts.AddRange(rig.Log.Lines);
        }

        Assert.Contains(texts, t => t.Contains("answered 429", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(BigCommerceToken, t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_that_echoes_the_token_in_its_error_has_it_masked()
    {
        var stub = new StubHandler(request => StubHandler.Answer(HttpStatusCode.Unauthorized,
            $$"""[{"status":401,"message":"Token {{request.Headers.GetValues("X-Auth-Token").Single()}} is not valid for this store"}]"""));
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();
        var publisher = new BigCommerceShipmentPublisher(new HttpClient(stub), new BigCommerceOutboundOptions { StoreHash = "abc", AccessToken = BigCommerceToken }, log);

        var rejected = Assert.IsType<ShipmentPublishOutcome.Rejected>(await publisher.PublishAsync(Notice("bigcommerce", "218", "D-1", null, null, ("S-ORAN", 1)), CancellationToken.None));

        Assert.Contains("Token *** is not valid for this store", rejected.Reason, StringComparison.Ordinal);
        Assert.All(log.Lines, l => Assert.DoesNotContain(BigCommerceToken, l, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_never_show_the_token_not_even_when_it_is_invalid()
    {
        var magento = new MagentoOutboundOptions
        {
            BaseUrl = "https://shop.example.com/rest/default/", ConsumerKey = MagentoConsumerKey, ConsumerSecret = MagentoConsumerSecret,
            AccessToken = MagentoToken, AccessTokenSecret = MagentoTokenSecret,
        };
        Assert.DoesNotContain(MagentoConsumerSecret, magento.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(MagentoTokenSecret, magento.ToString(), StringComparison.Ordinal);
        var bigCommerce = new BigCommerceOutboundOptions { StoreHash = "abc123", AccessToken = BigCommerceToken };
        Assert.DoesNotContain(MagentoToken, magento.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(BigCommerceToken, bigCommerce.ToString(), StringComparison.Ordinal);

        var invalid = Assert.Throws<ArgumentException>(() => (magento with { AccessToken = MagentoToken + " x" }).Validate());
        Assert.Equal("AccessToken", invalid.ParamName);
        Assert.DoesNotContain(MagentoToken, invalid.Message, StringComparison.Ordinal);
    }
}

using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Tests.Channels;

public class ChannelCommandLineSpecs
{
    [Fact]
    public void Magento_options_map_to_emulator_options()
    {
        var settings = MagentoCommand.Parse(["--urls", "http://127.0.0.1:5201", "--token", "t0k", "--bearer", "off", "--seed", "a.json", "--seed", "b.json"]);
        Assert.Equal(("http://127.0.0.1:5201", "t0k", false), (settings.Url, settings.Options.AccessToken, settings.Options.BearerEnabled));
        Assert.Equal(["a.json", "b.json"], settings.SeedFiles);
        Assert.Equal("http://127.0.0.1:5101", MagentoCommand.Parse([]).Url);
    }

    [Fact]
    public void Magento_takes_the_integrations_credentials_the_last_page_behaviour_and_generation()
    {
        var settings = MagentoCommand.Parse(["--consumer-key", "ck", "--consumer-secret", "cs", "--token-secret", "ts", "--last-page", "empty",
            "--orders", "500", "--rate", "20", "--items", "1000"]);
        Assert.Equal(("ck", "cs", "ts", false, 1000), (settings.Options.ConsumerKey, settings.Options.ConsumerSecret, settings.Options.AccessTokenSecret,
            settings.Options.RepeatLastPage, settings.Options.ItemCount));
        Assert.Equal((500, 20.0), (settings.Orders, settings.Rate));
        var defaults = MagentoCommand.Parse([]);
        Assert.Equal((false, true, 0), (defaults.Options.BearerEnabled, defaults.Options.RepeatLastPage, defaults.Orders));
        Assert.Throws<ArgumentException>(() => MagentoCommand.Parse(["--last-page", "sometimes"]));
        Assert.Throws<ArgumentException>(() => MagentoCommand.Parse(["--orders", "-1"]));
    }

    [Fact]
    public void BigCommerce_options_map_to_emulator_options()
    {
        var settings = BigCommerceCommand.Parse(["--store-hash", "abc123", "--token", "t0k", "--quota", "450", "--window-ms", "1000"]);
        Assert.Equal(("abc123", "t0k", 450, 1000), (settings.Options.StoreHash, settings.Options.AccessToken, settings.Options.RateLimit.Quota, settings.Options.RateLimit.WindowMs));
        Assert.Equal("http://127.0.0.1:5102", settings.Url);
    }

    [Fact]
    public void Unknown_or_incomplete_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MagentoCommand.Parse(["--colour", "red"]));
        Assert.Throws<ArgumentException>(() => MagentoCommand.Parse(["--bearer", "maybe"]));
        Assert.Throws<ArgumentException>(() => MagentoCommand.Parse(["--token"]));
        Assert.Throws<ArgumentException>(() => BigCommerceCommand.Parse(["--quota", "0"]));
        Assert.Throws<ArgumentException>(() => BigCommerceCommand.Parse(["--store-hash", "a/b"]));
    }
}

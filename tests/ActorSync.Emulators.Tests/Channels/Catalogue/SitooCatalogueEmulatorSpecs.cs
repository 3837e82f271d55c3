using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Sitoo;

namespace ActorSync.Emulators.Tests.Channels.Catalogue;

/// <summary>The Sitoo emulator's product writes and price lists (channels.md §3.5): what it accepts, what it refuses, what it keeps.</summary>
public class SitooCatalogueEmulatorSpecs
{
    private static HttpClient Client(SitooEmulator emulator)
    {
        var options = emulator.State.Options;
        var http = new HttpClient { BaseAddress = new Uri(emulator.ApiBaseAddress, "sites/1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiId}:{options.ApiPassword}")));
        return http;
    }

    private static async Task<(HttpStatusCode Status, string Body)> Send(HttpClient http, HttpMethod method, string path, string json)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Products_are_created_in_a_batch_withdrawn_by_activepos_and_priced_gross_in_a_price_list()
    {
        await using var emulator = await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = 20 });
        using var http = Client(emulator);
        var before = emulator.State.Catalogue.ProductCount;

        var created = await Send(http, HttpMethod.Post, "products.json", """[{"sku":"10038-1","title":"Sofa Grand III","activepos":true},{"sku":"83537-0","title":"Sofa Stressless"}]""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var ids = JsonNode.Parse(created.Body)!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        Assert.Equal(2, ids.Length);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Put, "products.json", $$"""[{"productid":{{ids[1]}},"activepos":false}]""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Put, "pricelists/1/pricelistitems.json", """[{"sku":"10038-1","moneyprice":"10392.00"},{"sku":"83537-0","moneyprice":"7592.49"}]""")).Status);

        Assert.Equal(before + 2, emulator.State.Catalogue.ProductCount);
        Assert.Equal(("Sofa Stressless", false), emulator.State.Catalogue.Product("83537-0"));
        Assert.Equal(7592.49m, emulator.State.Catalogue.PriceOf(1, "83537-0"));
        // A withdrawn product is listed only with includeinactive.
        using var active = await http.GetAsync("products.json?sku=10038-1,83537-0");
        using var all = await http.GetAsync("products.json?sku=10038-1,83537-0&includeinactive=1");
        Assert.Equal((1, 2), (JsonNode.Parse(await active.Content.ReadAsStringAsync())!["totalcount"]!.GetValue<int>(), JsonNode.Parse(await all.Content.ReadAsStringAsync())!["totalcount"]!.GetValue<int>()));
        Assert.Equal(2, emulator.GetStats().Requests["PUT /sites/{siteid}/products.json"] + emulator.GetStats().Requests["PUT /sites/{siteid}/pricelists/{pricelistid}/pricelistitems.json"]);
    }

    [Fact]
    public async Task A_batch_with_one_bad_product_is_refused_whole_naming_it()
    {
        await using var emulator = await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = 20 });
        using var http = Client(emulator);
        var before = emulator.State.Catalogue.ProductCount;

        var badSku = await Send(http, HttpMethod.Post, "products.json", """[{"sku":"10038-5","title":"Kitchen Table"},{"sku":"ITM 0003","title":"Tote bag"}]""");
        var unknownSku = await Send(http, HttpMethod.Put, "pricelists/1/pricelistitems.json", """[{"sku":"no-such-sku","moneyprice":"12.50"}]""");
        var badMoney = await Send(http, HttpMethod.Put, "pricelists/1/pricelistitems.json", """[{"sku":"10038-5","moneyprice":12.5}]""");

        Assert.Equal(HttpStatusCode.BadRequest, badSku.Status);
        Assert.Contains("ITM 0003", badSku.Body, StringComparison.Ordinal);
        Assert.Equal(before, emulator.State.Catalogue.ProductCount);
        Assert.Equal(HttpStatusCode.BadRequest, unknownSku.Status);
        Assert.Contains("no-such-sku", unknownSku.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMoney.Status);
    }

    [Fact]
    public async Task A_dropped_answer_still_applies_the_write_and_an_outage_applies_nothing()
    {
        await using var emulator = await SitooEmulator.StartAsync(new SitooEmulatorOptions { ItemCount = 20 });
        using var http = Client(emulator);
        emulator.ApplyFaults(new ChannelFaultSettings { DropResponses = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => Send(http, HttpMethod.Post, "products.json", """[{"sku":"10038-2","title":"Sofa Cosy"}]"""));
        Assert.NotNull(emulator.State.Catalogue.Product("10038-2"));

        emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Send(http, HttpMethod.Post, "products.json", """[{"sku":"83428-0","title":"Sofa Modern"}]""")).Status);
        Assert.Null(emulator.State.Catalogue.Product("83428-0"));
    }
}

using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class PagingSpecs(QueryEmulatorFixture fixture) : IClassFixture<QueryEmulatorFixture>
{
    private static int Count(JsonElement page) => page.GetProperty("value").GetArrayLength();

    [Fact]
    public async Task Default_page_is_20_with_a_relative_v1_next_link()
    {
        var page = await fixture.V1.GetJsonAsync("Items?$select=ItemCode");
        Assert.Equal(20, Count(page));
        Assert.Equal("Items?$select=ItemCode&$skip=20", page.GetProperty("odata.nextLink").GetString());
    }

    [Fact]
    public async Task V2_next_link_uses_its_annotation_and_keeps_the_filter()
    {
        var page = await fixture.V2.GetJsonAsync("Items?$filter=startswith(ItemCode,'ITM000')&$select=ItemCode");
        Assert.False(page.TryGetProperty("odata.nextLink", out _));
        Assert.Equal("Items?$filter=startswith(ItemCode,'ITM000')&$select=ItemCode&$skip=20", page.GetProperty("@odata.nextLink").GetString());
    }

    [Fact]
    public async Task Following_next_links_reads_everything_once()
    {
        var seen = new List<string>();
        string? next = "Items?$select=ItemCode";
        while (next is not null)
        {
            var page = await fixture.V1.GetJsonAsync(next);
            seen.AddRange(page.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("ItemCode").GetString()!));
            next = page.TryGetProperty("odata.nextLink", out var link) ? link.GetString() : null;
        }

        Assert.Equal(fixture.Emulator.Company.Items.Select(i => i.ItemCode), seen);
    }

    [Fact]
    public async Task Prefer_maxpagesize_sets_the_page_and_is_echoed()
    {
        var response = await fixture.V1.GetAsync("Items?$select=ItemCode", ("Prefer", "odata.maxpagesize=5"));
        Assert.Equal("odata.maxpagesize=5", response.Headers.GetValues("Preference-Applied").Single());
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5, Count(page));
        Assert.Equal("Items?$select=ItemCode&$skip=5", page.GetProperty("odata.nextLink").GetString());
    }

    [Fact]
    public async Task B1S_PageSize_sets_the_page_and_zero_means_unlimited()
    {
        Assert.Equal(7, Count(await fixture.V1.GetJsonAsync("Items?$select=ItemCode", ("B1S-PageSize", "7"))));
        var all = await fixture.V1.GetJsonAsync("Items?$select=ItemCode", ("B1S-PageSize", "0"));
        Assert.Equal(100, Count(all));
        Assert.False(all.TryGetProperty("odata.nextLink", out _));
        Assert.Equal(100, Count(await fixture.V2.GetJsonAsync("Items?$select=ItemCode", ("Prefer", "odata.maxpagesize=0"))));
    }

    [Fact]
    public async Task Top_larger_than_a_page_continues_with_the_remaining_top()
    {
        var page = await fixture.V1.GetJsonAsync("Items?$select=ItemCode&$top=30&$skip=40");
        Assert.Equal(20, Count(page));
        Assert.Equal("ITM00041", page.GetProperty("value")[0].GetProperty("ItemCode").GetString());
        Assert.Equal("Items?$select=ItemCode&$top=10&$skip=60", page.GetProperty("odata.nextLink").GetString());
        var rest = await fixture.V1.GetJsonAsync(page.GetProperty("odata.nextLink").GetString()!);
        Assert.Equal(10, Count(rest));
        Assert.False(rest.TryGetProperty("odata.nextLink", out _));
    }

    [Fact]
    public async Task Absolute_next_links_are_selectable()
    {
        await using var emulator = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions
        {
            Company = new CompanySpec { Items = 30 }, AbsoluteNextLinks = true, DefaultPageSize = 10,
        });
        using var v1 = await Emulators.LoggedInAsync(emulator);
        using var v2 = await Emulators.LoggedInAsync(emulator, "v2");
        Assert.Equal("/b1s/v1/Items?$select=ItemCode&$skip=10", (await v1.GetJsonAsync("Items?$select=ItemCode")).GetProperty("odata.nextLink").GetString());
        var next = (await v2.GetJsonAsync("Items?$select=ItemCode")).GetProperty("@odata.nextLink").GetString()!;
        Assert.Equal("/b1s/v2/Items?$select=ItemCode&$skip=10", next);
        Assert.Equal(10, Count(await v2.GetJsonAsync(new Uri(emulator.BaseAddress, next).ToString())));
    }
}

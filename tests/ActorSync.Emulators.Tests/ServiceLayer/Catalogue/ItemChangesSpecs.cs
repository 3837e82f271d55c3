using System.Net;
using System.Text.Json;

namespace ActorSync.Emulators.Tests.ServiceLayer.Catalogue;

/// <summary>What the catalogue reader relies on: an item's price or freeze moves its UpdateDate/UpdateTime, the changed-since filter finds it, Frozen carries its dates.</summary>
public class ItemChangesSpecs
{
    [Fact]
    public async Task A_price_change_or_a_freeze_with_dates_moves_the_items_stamp_and_the_changed_since_filter_finds_only_those_items()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var items = emulator.Company.FirstPlainActiveItems(3).Select(i => i.ItemCode).ToList();
        // The cursor after the newest item: its second, and the last code inside that second.
        var newest = emulator.Company.Items.Max(i => i.UpdateStamp);
        var lastCode = emulator.Company.Items.Where(i => i.UpdateStamp == newest).Max(i => i.ItemCode);
        var (date, time) = (newest.ToString("yyyy-MM-dd"), newest.ToString("HH:mm:ss"));

        Assert.Equal(HttpStatusCode.NoContent, (await http.PatchAsync($"Items('{items[0]}')", """{"ItemPrices":[{"PriceList":1,"Price":19.99}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PatchAsync($"Items('{items[2]}')", """{"Frozen":"tYES","FrozenFrom":"2026-12-01","FrozenTo":"2026-12-24"}""")).StatusCode);

        var filter = Uri.EscapeDataString($"UpdateDate gt '{date}' or (UpdateDate eq '{date}' and (UpdateTime gt '{time}' or (UpdateTime eq '{time}' and ItemCode gt '{lastCode}')))");
        var changed = await http.GetJsonAsync($"Items?$select=ItemCode,ItemPrices,Frozen,FrozenFrom,FrozenTo,UpdateDate,UpdateTime&$filter={filter}&$orderby=UpdateDate,UpdateTime,ItemCode");
        var rows = changed.GetProperty("value").EnumerateArray().ToList();

        Assert.Equal([items[0], items[2]], rows.Select(r => r.GetProperty("ItemCode").GetString()).Order(StringComparer.Ordinal).ToList());
        var frozen = rows.Single(r => r.GetProperty("ItemCode").GetString() == items[2]);
        Assert.Equal(("tYES", "2026-12-01", "2026-12-24"), (frozen.GetProperty("Frozen").GetString(), frozen.GetProperty("FrozenFrom").GetString()![..10], frozen.GetProperty("FrozenTo").GetString()![..10]));
        var repriced = rows.Single(r => r.GetProperty("ItemCode").GetString() == items[0]);
        Assert.Equal(19.99m, repriced.GetProperty("ItemPrices").EnumerateArray().Single(p => p.GetProperty("PriceList").GetInt32() == 1).GetProperty("Price").GetDecimal());
    }
}

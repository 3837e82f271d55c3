using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class WriteSpecs
{
    private static string Order(string item, decimal quantity = 2, string card = "C00001", string? numAtCard = null) =>
        $$"""{"CardCode":"{{card}}","NumAtCard":{{(numAtCard is null ? "null" : $"\"{numAtCard}\"")}},"DocumentLines":[{"ItemCode":"{{item}}","Quantity":{{quantity}},"PriceAfterVAT":12}]}""";

    [Fact]
    public async Task Post_answers_201_with_the_entity_and_its_location()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.PostAsync("Orders", Order(item));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(emulator.BaseAddress, "b1s/v1/Orders(1)"), response.Headers.Location);
        // Raw header, read before the body (reading the body makes HttpClient re-format it).
        Assert.Equal("application/json;odata=minimalmetadata;charset=utf-8", response.Content.Headers.NonValidated["Content-Type"].ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("$metadata#Orders/@Element", body.GetProperty("odata.metadata").GetString());
        Assert.Equal((1, 1, 24.0m, "bost_Open"), (body.GetProperty("DocEntry").GetInt32(), body.GetProperty("DocNum").GetInt32(),
            body.GetProperty("DocTotal").GetDecimal(), body.GetProperty("DocumentStatus").GetString()));
        Assert.Equal(2m, body.GetProperty("DocumentLines")[0].GetProperty("RemainingOpenQuantity").GetDecimal());
    }

    [Fact]
    public async Task Prefer_return_no_content_answers_204_with_location()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var response = await http.PostAsync("Orders", Order(item), ("Prefer", "return-no-content"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(new Uri(emulator.BaseAddress, "b1s/v2/Orders(1)"), response.Headers.Location);
        Assert.Equal("return-no-content", response.Headers.GetValues("Preference-Applied").Single());
        Assert.Single(emulator.Company.Orders);
    }

    [Fact]
    public async Task Patch_changes_only_sent_fields_and_lines()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var items = emulator.Company.FirstPlainActiveItems(2);
        await http.PostAsync("Orders", Order(items[0].ItemCode, numAtCard: "W-9"));
        var patch = await http.PatchAsync("Orders(1)", $$"""
            {"Comments":"call first","DocumentLines":[{"LineNum":0,"Quantity":3},{"ItemCode":"{{items[1].ItemCode}}","Quantity":1,"PriceAfterVAT":6}]}
            """);
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        var order = await http.GetJsonAsync("Orders(1)");
        Assert.Equal(("call first", "W-9", 42m), (order.GetProperty("Comments").GetString(), order.GetProperty("NumAtCard").GetString(), order.GetProperty("DocTotal").GetDecimal()));
        Assert.Equal(2, order.GetProperty("DocumentLines").GetArrayLength());
        Assert.Equal(3m, emulator.Company.GetStock(items[0].ItemCode, "01").Committed);
    }

    [Fact]
    public async Task Patch_or_action_on_a_missing_document_is_404_and_there_is_no_upsert()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        foreach (var response in new[]
                 {
                     await http.PatchAsync("Orders(7)", """{"Comments":"x"}"""),
                     await http.PatchAsync("BusinessPartners('NEW1')", """{"CardName":"x"}"""),
                     await http.PostAsync("Orders(7)/Close", ""),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(-2028, (await SlHttp.ErrorOf(response)).Code);
        }

        Assert.Empty(emulator.Company.Orders);
        Assert.Null(emulator.Company.FindBusinessPartner("NEW1"));
    }

    [Fact]
    public async Task Close_and_cancel_answer_204_and_release_committed_stock()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        await http.PostAsync("Orders", Order(item, 4));
        await http.PostAsync("Orders", Order(item, 5));
        Assert.Equal(9m, emulator.Company.GetStock(item, "01").Committed);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("Orders(1)/Close", "")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("Orders(2)/Cancel", "")).StatusCode);
        Assert.Equal(0m, emulator.Company.GetStock(item, "01").Committed);
        var cancelled = await http.GetJsonAsync("Orders(2)?$select=DocumentStatus,Cancelled");
        Assert.Equal(("bost_Close", "tYES"), (cancelled.GetProperty("DocumentStatus").GetString(), cancelled.GetProperty("Cancelled").GetString()));
        Assert.Equal(-5002, (await SlHttp.ErrorOf(await http.PostAsync("Orders(2)/Cancel", ""))).Code);
    }

    [Fact]
    public async Task Business_errors_use_the_sap_envelope()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var inactive = emulator.Company.FirstItems(ItemKind.Inactive, 1)[0].ItemCode;
        var response = await http.PostAsync("Orders", Order(inactive));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            $$$$"""{"error":{"code":-10,"message":{"lang":"en-us","value":"10001069 - Item {{{{inactive}}}} is inactive"}}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(1, emulator.GetStats().Rejections["-10"]);
    }

    [Fact]
    public async Task Documents_cannot_be_deleted()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        await http.PostAsync("Orders", Order(emulator.Company.FirstPlainActiveItems(1)[0].ItemCode));
        var response = await http.SendAsync(HttpMethod.Delete, "Orders(1)");
        Assert.Equal((HttpStatusCode.BadRequest, -5006), (response.StatusCode, (await SlHttp.ErrorOf(response)).Code));
        Assert.Single(emulator.Company.Orders);
    }

    [Fact]
    public async Task Business_partners_can_be_created_once_and_patched()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        const string body = """{"CardCode":"WEB-1001","CardName":"Ada","EmailAddress":"ada@example.com","BPAddresses":[{"AddressName":"Home","Street":"1 Main St","AddressType":"bo_ShipTo"}]}""";
        var created = await http.PostAsync("BusinessPartners", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("BusinessPartners('WEB-1001')", created.Headers.Location!.ToString());
        var duplicate = await http.PostAsync("BusinessPartners", body);
        Assert.Equal((-2035, "This entry already exists in the following tables (ODBC -2035)"), await SlHttp.ErrorOf(duplicate));
        Assert.Equal(HttpStatusCode.NoContent, (await http.PatchAsync("BusinessPartners('WEB-1001')", """{"Phone1":"555"}""")).StatusCode);
        var partner = await http.GetJsonAsync("BusinessPartners('WEB-1001')");
        Assert.Equal(("Ada", "555", "Home"), (partner.GetProperty("CardName").GetString(), partner.GetProperty("Phone1").GetString(),
            partner.GetProperty("BPAddresses")[0].GetProperty("AddressName").GetString()));
    }

    [Fact]
    public async Task Patching_an_item_inactive_makes_documents_fail_and_moves_its_update_stamp()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        Assert.Equal(HttpStatusCode.NoContent, (await http.PatchAsync($"Items('{item}')", """{"Valid":"tNO","ItemPrices":[{"PriceList":1,"Price":9.5}]}""")).StatusCode);
        var reread = await http.GetJsonAsync($"Items('{item}')?$select=Valid,ItemPrices,UpdateDate");
        Assert.Equal("tNO", reread.GetProperty("Valid").GetString());
        Assert.Equal(9.5m, reread.GetProperty("ItemPrices")[0].GetProperty("Price").GetDecimal());
        Assert.NotEqual("2025-01-01", reread.GetProperty("UpdateDate").GetString());
        Assert.Equal(-10, (await SlHttp.ErrorOf(await http.PostAsync("Orders", Order(item)))).Code);
    }

    [Fact]
    public async Task Duplicate_NumAtCard_is_accepted_and_counted()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        foreach (var numAtCard in new[] { "SHOP-1", "SHOP-1", "SHOP-2", "SHOP-1" })
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Orders", Order(item, numAtCard: numAtCard))).StatusCode);
        }

        await http.PostAsync("Orders", Order(item));
        await http.PostAsync("Orders", Order(item));
        var stats = emulator.GetStats();
        Assert.Equal((6L, 2L), (stats.DocumentsCreated["Orders"], stats.DuplicateNumAtCard["Orders"]));
    }
}

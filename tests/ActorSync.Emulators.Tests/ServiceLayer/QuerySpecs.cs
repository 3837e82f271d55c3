using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>One read-only emulator shared by the query specs.</summary>
public sealed class QueryEmulatorFixture : IAsyncLifetime
{
    public ServiceLayerEmulator Emulator { get; private set; } = null!;
    internal SlHttp V1 { get; private set; } = null!;
    internal SlHttp V2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100, Customers = 30 } });
        V1 = await Emulators.LoggedInAsync(Emulator);
        V2 = await Emulators.LoggedInAsync(Emulator, "v2");
    }

    public async Task DisposeAsync()
    {
        V1.Dispose();
        V2.Dispose();
        await Emulator.DisposeAsync();
    }
}

public class QuerySpecs(QueryEmulatorFixture fixture) : IClassFixture<QueryEmulatorFixture>
{
    private SlHttp V1 => fixture.V1;
    private SlHttp V2 => fixture.V2;

    private static List<string> Codes(JsonElement page, string property = "ItemCode") =>
        page.GetProperty("value").EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToList();

    private async Task<List<string>> FilterItems(string filter) =>
        Codes(await V1.GetJsonAsync($"Items?$select=ItemCode&$filter={Uri.EscapeDataString(filter)}", ("B1S-PageSize", "0")));

    [Fact]
    public async Task A_filter_listing_item_codes_answers_those_items_in_code_order_as_a_scan_would()
    {
        // Answered by key look-ups (the stock reader's reads of moved items); unknown codes are simply absent.
        Assert.Equal(["ITM00002", "ITM00009", "ITM00041"],
            await FilterItems("ItemCode eq 'ITM00041' or ItemCode eq 'ITM00002' or ItemCode eq 'NOPE''S' or ItemCode eq 'ITM00009' or ItemCode eq 'ITM00002'"));
        var keyset = Codes(await V1.GetJsonAsync($"Items?$select=ItemCode&$filter={Uri.EscapeDataString("ItemCode gt 'ITM00095'")}&$orderby=ItemCode&$top=3"));
        Assert.Equal(["ITM00096", "ITM00097", "ITM00098"], keyset);
        var descending = Codes(await V1.GetJsonAsync("Items?$select=ItemCode&$orderby=ItemCode desc&$top=2"));
        Assert.Equal(["ITM00100", "ITM00099"], descending);
    }

    [Fact]
    public async Task Get_by_key_returns_the_entity_with_sap_field_names()
    {
        var item = await V1.GetJsonAsync("Items('ITM00003')");
        Assert.EndsWith("$metadata#Items/@Element", item.GetProperty("odata.metadata").GetString());
        Assert.Equal("tYES", item.GetProperty("ManageBatchNumbers").GetString());
        Assert.Equal("tNO", item.GetProperty("ManageSerialNumbers").GetString());
        Assert.Equal("tYES", item.GetProperty("Valid").GetString());
        Assert.Equal(5, item.GetProperty("ItemWarehouseInfoCollection").GetArrayLength());
        var row = item.GetProperty("ItemWarehouseInfoCollection")[0];
        Assert.Equal(["ItemCode", "WarehouseCode", "InStock", "Committed", "Ordered"],
            new[] { "ItemCode", "WarehouseCode", "InStock", "Committed", "Ordered" }.Where(p => row.TryGetProperty(p, out _)));
        var price = item.GetProperty("ItemPrices")[0];
        Assert.Equal((1, "EUR"), (price.GetProperty("PriceList").GetInt32(), price.GetProperty("Currency").GetString()));
        Assert.Equal("O1", item.GetProperty("SalesVATGroup").GetString());
        Assert.Equal("2025-01-01", item.GetProperty("UpdateDate").GetString());
        Assert.Matches(@"^\d\d:\d\d:\d\d$", item.GetProperty("UpdateTime").GetString());

        var v2 = await V2.GetJsonAsync("Items('ITM00003')?$select=ItemCode,UpdateDate");
        Assert.Equal("2025-01-01T00:00:00Z", v2.GetProperty("UpdateDate").GetString());
        Assert.EndsWith("$metadata#Items(ItemCode,UpdateDate)/$entity", v2.GetProperty("@odata.context").GetString());
    }

    [Theory]
    [InlineData("Items('NOPE')")]
    [InlineData("Orders(999)")]
    [InlineData("BusinessPartners('C99999')")]
    public async Task Missing_keys_answer_404_with_2028(string path)
    {
        var response = await V1.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((-2028, "No matching records found (ODBC -2028)"), await SlHttp.ErrorOf(response));
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties()
    {
        var page = await V1.GetJsonAsync("BusinessPartners?$select=CardCode,EmailAddress&$top=2");
        Assert.EndsWith("$metadata#BusinessPartners&$select=CardCode,EmailAddress", page.GetProperty("odata.metadata").GetString());
        var first = page.GetProperty("value")[0];
        Assert.Equal(["CardCode", "EmailAddress"], first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Unknown_properties_are_rejected()
    {
        var response = await V1.GetAsync("Items?$select=ItemCode,Colour");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Property 'Colour' of 'Item' is invalid", (await SlHttp.ErrorOf(response)).Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await V1.GetAsync("Items?$filter=Colour eq 'red'")).StatusCode);
    }

    [Fact]
    public async Task Filter_supports_comparisons_logic_and_parentheses()
    {
        Assert.Equal(["ITM00007"], await FilterItems("ItemCode eq 'ITM00007'"));
        Assert.Equal(99, (await FilterItems("ItemCode ne 'ITM00007'")).Count);
        Assert.Equal(["ITM00098", "ITM00099", "ITM00100"], await FilterItems("ItemCode gt 'ITM00097'"));
        Assert.Equal(["ITM00097", "ITM00098", "ITM00099", "ITM00100"], await FilterItems("ItemCode ge 'ITM00097'"));
        Assert.Equal(["ITM00001", "ITM00002"], await FilterItems("ItemCode lt 'ITM00003'"));
        Assert.Equal(["ITM00001", "ITM00002", "ITM00003"], await FilterItems("ItemCode le 'ITM00003'"));
        Assert.Equal(["ITM00001", "ITM00005"], await FilterItems("(ItemCode eq 'ITM00001' or ItemCode eq 'ITM00005') and not (ItemCode eq 'ITM00002')"));
        Assert.Equal(["ITM00003", "ITM00023"], await FilterItems("ManageBatchNumbers eq 'tYES' and ItemCode lt 'ITM00030'"));
        Assert.Equal(["ITM00003", "ITM00023"], await FilterItems("ManageBatchNumbers eq 'Y' and ItemCode lt 'ITM00030'"));
        Assert.Equal(["ITM00009", "ITM00029"], await FilterItems("Valid eq SAPB1.BoYesNoEnum'tNO' and ItemCode lt 'ITM00030'"));
    }

    [Fact]
    public async Task Filter_supports_the_four_string_functions()
    {
        Assert.Equal(["ITM00010", "ITM00011"], await FilterItems("startswith(ItemCode,'ITM0001') and ItemCode lt 'ITM00012'"));
        Assert.Equal(["ITM00042", "ITM00092"], await FilterItems("endswith(ItemCode,'42') or endswith(ItemCode, '92')"));
        Assert.Equal(10, (await FilterItems("contains(ItemCode,'M0005')")).Count);
        Assert.Equal(10, (await FilterItems("substringof('M0005',ItemCode)")).Count);
        Assert.Equal(10, (await FilterItems("substringof('M0005',ItemCode) eq true")).Count);
    }

    [Fact]
    public async Task Filter_accepts_numbers_and_every_date_literal_form()
    {
        var company = fixture.Emulator.Company;
        var wellStocked = company.Items
            .Where(i => CompanyCatalog.WarehouseCodes.Sum(w => company.GetStock(i.ItemCode, w).InStock) > 900)
            .Select(i => i.ItemCode).ToList();
        Assert.NotEmpty(wellStocked);
        Assert.Equal(wellStocked, await FilterItems("QuantityOnStock gt 900"));
        Assert.Equal(wellStocked, await FilterItems("QuantityOnStock gt 900.0"));
        Assert.Equal(100, (await FilterItems("UpdateDate eq '2025-01-01'")).Count);
        Assert.Equal(100, (await FilterItems("UpdateDate eq '20250101'")).Count);
        Assert.Equal(100, (await FilterItems("UpdateDate ge datetime'2025-01-01T00:00:00'")).Count);
        Assert.Equal(100, (await FilterItems("UpdateDate lt 2025-01-02")).Count);
        Assert.Empty(await FilterItems("UpdateDate gt 2025-01-01"));
        var early = await FilterItems("UpdateDate eq '2025-01-01' and UpdateTime lt '09:00:00'");
        Assert.InRange(early.Count, 1, 99);
        var partners = Codes(await V1.GetJsonAsync("BusinessPartners?$select=CardCode&$filter=CardType eq 'cSupplier'"), "CardCode");
        Assert.Equal([CompanyCatalog.Supplier], partners);
    }

    [Fact]
    public async Task Unsupported_functions_and_arithmetic_are_clear_400s()
    {
        var response = await V1.GetAsync("Items?$filter=tolower(ItemCode) eq 'itm00001'");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Function 'tolower' is not supported", (await SlHttp.ErrorOf(response)).Message);
        var arithmetic = await V1.GetAsync("Items?$filter=QuantityOnStock add 1 gt 3");
        Assert.Contains("Arithmetic operator 'add' is not supported", (await SlHttp.ErrorOf(arithmetic)).Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await V1.GetAsync("Items?$filter=ItemCode eq")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await V1.GetAsync("Items?$expand=ItemPrices")).StatusCode);
    }

    [Fact]
    public async Task Orderby_sorts_by_several_keys()
    {
        var page = await V1.GetJsonAsync("Items?$select=ItemCode,SalesVATGroup&$orderby=SalesVATGroup desc,ItemCode desc&$top=3");
        var rows = page.GetProperty("value").EnumerateArray().Select(e => (e.GetProperty("SalesVATGroup").GetString(), e.GetProperty("ItemCode").GetString())).ToList();
        Assert.Equal([("O2", "ITM00095"), ("O2", "ITM00085"), ("O2", "ITM00065")], rows);
        var ascending = Codes(await V1.GetJsonAsync("Items?$select=ItemCode&$orderby=SalesVATGroup asc,ItemCode&$top=2"));
        Assert.Equal(["ITM00025", "ITM00050"], ascending);
    }

    [Fact]
    public async Task Top_and_skip_slice_the_result()
    {
        Assert.Equal(["ITM00011", "ITM00012", "ITM00013"], Codes(await V1.GetJsonAsync("Items?$select=ItemCode&$skip=10&$top=3")));
    }

    [Fact]
    public async Task Count_segment_answers_plain_text()
    {
        var response = await V1.GetAsync("Items/$count?$filter=startswith(ItemCode,'ITM0001')");
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("10", await response.Content.ReadAsStringAsync());
        Assert.Equal("100", await (await V2.GetAsync("Items/$count")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Inline_count_is_annotated_per_version()
    {
        var v1 = await V1.GetJsonAsync("Items?$select=ItemCode&$top=2&$inlinecount=allpages");
        Assert.Equal(100, v1.GetProperty("odata.count").GetInt32());
        var v2 = await V2.GetJsonAsync("Items?$select=ItemCode&$top=2&$count=true&$filter=startswith(ItemCode,'ITM0002')");
        Assert.Equal(10, v2.GetProperty("@odata.count").GetInt32());
        Assert.Equal(2, v2.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task Master_data_sets_carry_the_catalog()
    {
        var warehouses = await V1.GetJsonAsync("Warehouses");
        Assert.Equal(["01", "02", "03", "QC", "DMG"], Codes(warehouses, "WarehouseCode"));
        var vat = await V1.GetJsonAsync("VatGroups('O2')");
        Assert.Equal(5, vat.GetProperty("VatGroups_Lines")[0].GetProperty("Rate").GetInt32());
        Assert.Equal("Express", (await V1.GetJsonAsync("ShippingTypes(2)")).GetProperty("Name").GetString());
        Assert.Equal("tYES", (await V1.GetJsonAsync("ChartOfAccounts('161010')")).GetProperty("ActiveAccount").GetString());
    }

    [Fact]
    public async Task Batches_can_be_found_for_fefo_with_quantities_per_warehouse()
    {
        var batchItem = fixture.Emulator.Company.FirstItems(ItemKind.BatchManaged, 1)[0].ItemCode;
        var view = await V1.GetJsonAsync($"view.svc/BatchStockB1SLQuery?$filter=ItemCode eq '{batchItem}' and WhsCode eq '01' and Quantity gt 0&$orderby=ExpDate,DistNumber");
        var expected = fixture.Emulator.Company.GetBatches(batchItem, "01");
        Assert.Equal(expected.Select(b => b.BatchNumber), Codes(view, "DistNumber"));
        Assert.Equal(expected.Select(b => b.Quantity), view.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Quantity").GetDecimal()));

        var details = await V1.GetJsonAsync($"BatchNumberDetails?$filter=ItemCode eq '{batchItem}'&$select=Batch,ExpirationDate,AdmissionDate");
        Assert.Equal(expected.Select(b => b.ExpiryDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Order(),
            details.GetProperty("value").EnumerateArray()
                .Where(r => expected.Any(b => b.BatchNumber == r.GetProperty("Batch").GetString()))
                .Select(r => r.GetProperty("ExpirationDate").GetString()).Order());
    }

    [Fact]
    public async Task Unknown_sets_are_not_found()
    {
        var response = await V1.GetAsync("Colours");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found for the segment 'Colours'.", (await SlHttp.ErrorOf(response)).Message);
    }
}

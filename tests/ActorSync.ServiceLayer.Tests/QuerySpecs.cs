using ActorSync.ServiceLayer.Tests.Fakes;

namespace ActorSync.ServiceLayer.Tests;

/// <summary>Reading: single resources, paging by next link in every shape SAP uses (reference §5), OData literals.</summary>
public class QuerySpecs
{
    private static string Page(string linkProperty, string? link, params int[] docEntries)
    {
        var rows = string.Join(",", docEntries.Select(d => $"{{\"DocEntry\":{d}}}"));
        var next = link is null ? "" : $",\"{linkProperty}\":\"{link}\"";
        return $"{{\"value\":[{rows}]{next}}}";
    }

    private static async Task<List<int>> DocEntries(IAsyncEnumerable<System.Text.Json.JsonElement> rows)
    {
        var result = new List<int>();
        await foreach (var row in rows) result.Add(row.GetProperty("DocEntry").GetInt32());
        return result;
    }

    [Fact]
    public async Task V1_paging_follows_a_relative_then_an_absolute_odata_nextLink_across_three_pages()
    {
        var fake = new FakeServiceLayer();
        fake.OnRequest = (request, _) => Task.FromResult(Responses.Json(200, request.Path switch
        {
            "Orders?$select=DocEntry" => Page("odata.nextLink", "Orders?$select=DocEntry&$skip=2", 1, 2),
            "Orders?$select=DocEntry&$skip=2" => Page("odata.nextLink", "/b1s/v1/Orders?$select=DocEntry&$skip=4", 3, 4),
            "Orders?$select=DocEntry&$skip=4" => Page("odata.nextLink", null, 5),
            var other => throw new InvalidOperationException($"unexpected {other}"),
        }));
        await using var client = TestClients.Create(fake, o => o.PageSize = 2);

        var entries = await DocEntries(client.QueryAsync("Orders?$select=DocEntry"));

        Assert.Equal([1, 2, 3, 4, 5], entries);
        Assert.Equal(3, fake.Calls.Count);
        Assert.All(fake.Calls, c => Assert.Equal("odata.maxpagesize=2", c.Header("Prefer")));
    }

    [Fact]
    public async Task V2_paging_follows_the_at_odata_nextLink_including_a_full_URL_on_the_same_server()
    {
        var fake = new FakeServiceLayer();
        fake.OnRequest = (request, _) => Task.FromResult(Responses.Json(200, request.Uri.PathAndQuery switch
        {
            "/b1s/v2/Items?$select=ItemCode" => Page("@odata.nextLink", "Items?$select=ItemCode&$skip=20", 10),
            "/b1s/v2/Items?$select=ItemCode&$skip=20" => Page("@odata.nextLink", "https://sap.test:50000/b1s/v2/Items?$select=ItemCode&$skip=40", 20),
            "/b1s/v2/Items?$select=ItemCode&$skip=40" => Page("@odata.nextLink", null, 30),
            var other => throw new InvalidOperationException($"unexpected {other}"),
        }));
        await using var client = TestClients.Create(fake, o => o.Version = ServiceLayerVersion.V2);

        Assert.Equal([10, 20, 30], await DocEntries(client.QueryAsync("Items?$select=ItemCode")));
        Assert.Equal("/b1s/v2/Login", fake.Logins[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_next_link_to_another_server_is_not_followed_with_our_session()
    {
        var fake = new FakeServiceLayer
        {
            OnRequest = (_, _) => Task.FromResult(Responses.Json(200, Page("odata.nextLink", "https://evil.example/b1s/v1/Orders?$skip=2", 1))),
        };
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => DocEntries(client.QueryAsync("Orders")));

        Assert.Equal(ClientErrorCodes.ForeignNextLink, error.Error.Code);
        Assert.All(fake.Requests, r => Assert.Equal("sap.test", r.Uri.Host));
    }

    [Fact]
    public async Task A_next_link_pointing_back_at_a_page_already_read_stops_the_loop()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Json(200, Page("odata.nextLink", "Orders", 1))) };
        await using var client = TestClients.Create(fake);

        await Assert.ThrowsAsync<ServiceLayerException>(() => DocEntries(client.QueryAsync("Orders")));
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task GetAsync_returns_the_entity_and_null_for_404()
    {
        var fake = new FakeServiceLayer();
        fake.OnRequest = (request, _) => Task.FromResult(request.Path == "Items('A1')"
            ? Responses.Json(200, """{"ItemCode":"A1","QuantityOnStock":12.0}""")
            : Responses.SapError(404, -2028, "No matching records found (ODBC -2028)"));
        await using var client = TestClients.Create(fake);

        var found = await client.GetAsync("Items('A1')");
        var missing = await client.GetAsync("Items('ZZ')");

        Assert.Equal(12.0, found!.Value.GetProperty("QuantityOnStock").GetDouble());
        Assert.Null(missing);
        Assert.Equal(2, fake.Calls.Count); // a 404 is an answer, not retried
    }

    [Fact]
    public async Task A_query_answering_404_throws_rather_than_pretending_the_set_is_empty()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.SapError(404, -2028, "No matching records found")) };
        await using var client = TestClients.Create(fake);

        var error = await Assert.ThrowsAsync<ServiceLayerException>(() => DocEntries(client.QueryAsync("Items('ZZ')/ItemWarehouseInfoCollection")));

        Assert.Equal(ErrorCategory.NotFound, error.Error.Category);
    }

    [Fact]
    public void Filter_literals_quote_strings_and_double_embedded_quotes()
    {
        Assert.Equal("NumAtCard eq 'O''Brien''s #1'", ODataFilter.Eq("NumAtCard", "O'Brien's #1"));
        Assert.Equal("DocEntry gt 41", ODataFilter.Gt("DocEntry", 41));
        Assert.Equal("DocTotal eq 10.50", ODataFilter.Eq("DocTotal", 10.50m));
        Assert.Equal("UpdateDate ge '2026-03-01'", ODataFilter.Ge("UpdateDate", new DateOnly(2026, 3, 1)));
        Assert.Equal("CardName eq null", ODataFilter.Eq("CardName", (string?)null));
        Assert.Equal("(CardType eq 'cCustomer') and (startswith(CardCode,'WEB'))",
            ODataFilter.And(ODataFilter.Eq("CardType", "cCustomer"), ODataFilter.StartsWith("CardCode", "WEB")));
    }

    [Fact]
    public void A_property_name_cannot_smuggle_in_syntax()
    {
        Assert.Throws<ArgumentException>(() => ODataFilter.Eq("CardCode eq 'x' or 1", "y"));
    }

    [Fact]
    public async Task A_built_query_reaches_SAP_with_the_value_intact()
    {
        var fake = new FakeServiceLayer { OnRequest = (_, _) => Task.FromResult(Responses.Json(200, Page("odata.nextLink", null, 1))) };
        await using var client = TestClients.Create(fake);
        var query = new ODataQuery("Orders").Filter(ODataFilter.Eq("NumAtCard", "A&B+C#1 O'Neil")).Select("DocEntry", "NumAtCard").Top(5);

        await DocEntries(client.QueryAsync(query));

        var call = Assert.Single(fake.Calls);
        Assert.Equal("Orders?$filter=NumAtCard eq 'A&B+C#1 O''Neil'&$select=DocEntry,NumAtCard&$top=5", call.Path); // decoded view
        Assert.Contains("%26B%2BC%231", call.Uri.Query); // &, + and # travel escaped, so SAP sees one $filter value
    }
}

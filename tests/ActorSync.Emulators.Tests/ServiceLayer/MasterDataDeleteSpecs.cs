using System.Net;
using System.Text.RegularExpressions;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>
/// Reference §6: DELETE of a business partner or an item that no document names answers 204 and the record is
/// gone (DI's <c>Remove</c>); one that a document names is refused with -5002; a missing key is 404 -2028.
/// Documents themselves are never deleted (-5006). DELETE works inside <c>$batch</c> changesets too.
/// </summary>
public class MasterDataDeleteSpecs
{
    private const string PartnerLinked = "253000019 - Journal entries linked to card";

    private static string Order(string card, string item) =>
        $$"""{"CardCode":"{{card}}","DocumentLines":[{"ItemCode":"{{item}}","Quantity":1}]}""";

    private static async Task<(HttpStatusCode Status, string Body)> Answer(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Changeset(string version, params (string Method, string Url, string? Body)[] requests)
    {
        var text = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n";
        for (var i = 0; i < requests.Length; i++)
        {
            var (method, url, body) = requests[i];
            text += $"--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {i + 1}\r\n\r\n" +
                    $"{method} {(url.StartsWith('$') ? url : $"/b1s/{version}/{url}")} HTTP/1.1\r\n" +
                    (body is null ? "\r\n\r\n" : $"Content-Type: application/json\r\n\r\n{body}\r\n");
        }

        return text + "--c--\r\n--b--\r\n";
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task An_unreferenced_business_partner_is_deleted_with_204_and_is_gone_afterwards(string version)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);

        var deleted = await http.SendAsync(HttpMethod.Delete, "BusinessPartners('C00002')");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("", await deleted.Content.ReadAsStringAsync());
        Assert.Null(emulator.Company.FindBusinessPartner("C00002"));
        var read = await http.GetAsync("BusinessPartners('C00002')");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal((-2028, "No matching records found (ODBC -2028)"), await SlHttp.ErrorOf(read));
        Assert.DoesNotContain("C00002", await (await http.GetAsync("BusinessPartners?$select=CardCode")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task An_unreferenced_item_is_deleted_with_204_and_is_gone_afterwards(string version)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var before = emulator.Company.Items.Count;

        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(HttpMethod.Delete, $"Items('{item}')")).StatusCode);

        Assert.Null(emulator.Company.FindItem(item));
        Assert.Equal(before - 1, emulator.Company.Items.Count);
        var read = await http.GetAsync($"Items('{item}')");
        Assert.Equal((HttpStatusCode.NotFound, -2028), (read.StatusCode, (await SlHttp.ErrorOf(read)).Code));
        Assert.Equal((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await (await http.GetAsync("Items/$count")).Content.ReadAsStringAsync());
        // The item is unknown to new documents too.
        var order = await http.PostAsync("Orders", Order("C00001", item));
        Assert.Equal((HttpStatusCode.BadRequest, -2028), (order.StatusCode, (await SlHttp.ErrorOf(order)).Code));
    }

    [Theory]
    [InlineData("Orders", """{"CardCode":"C00002","DocumentLines":[{"ItemCode":"{item}","Quantity":1}]}""")]
    [InlineData("IncomingPayments", """{"DocType":"rCustomer","CardCode":"C00002","CashAccount":"161000","CashSum":5}""")]
    public async Task A_business_partner_a_document_names_is_refused_and_kept(string set, string document)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync(set, document.Replace("{item}", item, StringComparison.Ordinal))).StatusCode);

        var refused = await http.SendAsync(HttpMethod.Delete, "BusinessPartners('C00002')");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal((-5002, PartnerLinked), await SlHttp.ErrorOf(refused));
        Assert.NotNull(emulator.Company.FindBusinessPartner("C00002"));
    }

    [Theory]
    [InlineData("Orders", """{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{item}","Quantity":1}]}""")]
    [InlineData("InventoryGenEntries", """{"DocumentLines":[{"ItemCode":"{item}","Quantity":1,"Price":4}]}""")]
    [InlineData("StockTransfers", """{"FromWarehouse":"01","ToWarehouse":"02","StockTransferLines":[{"ItemCode":"{item}","Quantity":1}]}""")]
    public async Task An_item_a_document_names_is_refused_and_kept(string set, string document)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        var item = emulator.Company.FirstPlainActiveItemsWithStock(1, 5)[0].ItemCode;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync(set, document.Replace("{item}", item, StringComparison.Ordinal))).StatusCode);

        var refused = await http.SendAsync(HttpMethod.Delete, $"Items('{item}')");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal((-5002, $"Item is linked to documents and cannot be removed [OITM.ItemCode] , '{item}'"), await SlHttp.ErrorOf(refused));
        Assert.NotNull(emulator.Company.FindItem(item));
    }

    [Theory]
    [InlineData("v1", "BusinessPartners('NOPE')")]
    [InlineData("v2", "BusinessPartners('NOPE')")]
    [InlineData("v1", "Items('NOPE')")]
    [InlineData("v2", "Items('NOPE')")]
    public async Task Deleting_a_missing_key_answers_404(string version, string path)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);

        var response = await http.SendAsync(HttpMethod.Delete, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((-2028, "No matching records found (ODBC -2028)"), await SlHttp.ErrorOf(response));
    }

    [Fact]
    public async Task Documents_are_refused_with_5006_and_a_missing_document_is_404()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");
        await http.PostAsync("Orders", Order("C00001", emulator.Company.FirstPlainActiveItems(1)[0].ItemCode));

        var refused = await http.SendAsync(HttpMethod.Delete, "Orders(1)");
        var missing = await http.SendAsync(HttpMethod.Delete, "Orders(2)");

        Assert.Equal((HttpStatusCode.BadRequest, """{"error":{"code":"-5006","message":"Operation not allowed"}}"""),
            (refused.StatusCode, await refused.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.NotFound, -2028), (missing.StatusCode, (await SlHttp.ErrorOf(missing)).Code));
        Assert.Single(emulator.Company.Orders);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task A_delete_inside_a_changeset_answers_204_in_its_part(string version)
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, version);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;

        var answer = await Answer(http.BatchAsync("b", Changeset(version,
            ("DELETE", "BusinessPartners('C00002')", null),
            ("DELETE", $"Items('{item}')", null))));

        Assert.Equal(version == "v1" ? HttpStatusCode.Accepted : HttpStatusCode.OK, answer.Status);
        Assert.Equal(["204", "204"], Regex.Matches(answer.Body, @"HTTP/1\.1 (\d{3}) ").Select(m => m.Groups[1].Value));
        Assert.Null(emulator.Company.FindBusinessPartner("C00002"));
        Assert.Null(emulator.Company.FindItem(item));
    }

    [Fact]
    public async Task A_partner_created_deleted_and_created_again_in_one_changeset_ends_up_existing()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator, "v2");

        var answer = await Answer(http.BatchAsync("b", Changeset("v2",
            ("POST", "BusinessPartners", """{"CardCode":"NEW-D","CardName":"first"}"""),
            ("DELETE", "$1", null),
            ("POST", "BusinessPartners", """{"CardCode":"NEW-D","CardName":"second"}"""))));

        Assert.Equal(["201", "204", "201"], Regex.Matches(answer.Body, @"HTTP/1\.1 (\d{3}) ").Select(m => m.Groups[1].Value));
        Assert.Equal("second", emulator.Company.FindBusinessPartner("NEW-D")!.CardName);
    }

    [Fact]
    public async Task A_changeset_that_fails_after_a_delete_puts_the_records_back()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var partners = emulator.Company.BusinessPartners.Select(p => p.CardCode).ToList();
        var items = emulator.Company.Items.Select(i => i.ItemCode).ToList();

        var answer = await Answer(http.BatchAsync("b", Changeset("v1",
            ("DELETE", "BusinessPartners('C00002')", null),
            ("DELETE", $"Items('{item}')", null),
            ("POST", "Orders", Order("CINACTIVE", emulator.Company.FirstPlainActiveItems(2)[1].ItemCode)))));

        Assert.Contains("HTTP/1.1 400 Bad Request", answer.Body);
        Assert.Equal(partners, emulator.Company.BusinessPartners.Select(p => p.CardCode)); // same records, same order
        Assert.Equal(items, emulator.Company.Items.Select(i => i.ItemCode));
    }

    [Fact]
    public async Task Deleting_a_partner_that_an_order_in_the_same_changeset_names_is_refused_and_the_order_rolled_back()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);

        var answer = await Answer(http.BatchAsync("b", Changeset("v1",
            ("POST", "Orders", Order("C00002", emulator.Company.FirstPlainActiveItems(1)[0].ItemCode)),
            ("DELETE", "BusinessPartners('C00002')", null))));

        Assert.Contains($"{{\"error\":{{\"code\":-5002,\"message\":{{\"lang\":\"en-us\",\"value\":\"{PartnerLinked}\"}}}}}}\n", answer.Body);
        Assert.Empty(emulator.Company.Orders);
        Assert.NotNull(emulator.Company.FindBusinessPartner("C00002"));
    }
}

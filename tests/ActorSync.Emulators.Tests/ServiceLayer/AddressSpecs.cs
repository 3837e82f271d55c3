using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Document and partner addresses, the Countries and States sets, over HTTP.</summary>
public class AddressSpecs
{

    /// <summary>2 × 10.15 at 20 % and 19.99 at 5 % to a guest in Vienna, billed in Austin, Texas.</summary>
    private static string Order(IReadOnlyList<ItemRecord> items, string numAtCard, string address = """{"ShipToStreet":"Mariahilfer Straße 88","ShipToBlock":"Stiege 2, Top 14","ShipToCity":"Wien","ShipToZipCode":"1070","ShipToCountry":"AT","BillToStreet":"555 Main Street","BillToCity":"Austin","BillToZipCode":"78751","BillToState":"TX","BillToCountry":"US"}""") =>
        $$"""
        {"CardCode":"WEBGUEST","CardName":"Anna Gruber","NumAtCard":"{{numAtCard}}","DocDate":"2030-01-15",
         "Address":"Anna Gruber\r555 Main Street\r78751 Austin\rTX\rUS\ranna@example.at","Address2":"Anna Gruber\rMariahilfer Straße 88\r1070 Wien\rAT",
         "AddressExtension":{{address}},
         "DocumentLines":[
           {"ItemCode":"{{items[0].ItemCode}}","Quantity":2,"UnitPrice":10.15,"LineTotal":20.30,"TaxTotal":4.06,"VatGroup":"O1","WarehouseCode":"01","ShipToDescription":"Anna Gruber, Wien"},
           {"ItemCode":"{{items[1].ItemCode}}","Quantity":1,"UnitPrice":19.99,"LineTotal":19.99,"TaxTotal":1.00,"VatGroup":"O2","WarehouseCode":"01"}]}
        """;

    private static string Copy(string set, int baseType, int baseEntry, string numAtCard, string extra = "") =>
        $$"""{"CardCode":"WEBGUEST","NumAtCard":"{{numAtCard}}","DocDate":"2030-01-16"{{extra}},"DocumentLines":[{"BaseType":{{baseType}},"BaseEntry":{{baseEntry}},"BaseLine":0,"Quantity":2},{"BaseType":{{baseType}},"BaseEntry":{{baseEntry}},"BaseLine":1,"Quantity":1}]}""";

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Field(JsonElement document, string name) => document.GetProperty("AddressExtension").GetProperty(name).GetString();

    [Fact]
    public async Task Countries_and_States_are_entity_sets_with_the_metadata_field_names()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var austria = await http.GetJsonAsync("Countries('AT')");
        var texas = await http.GetJsonAsync("States?$filter=" + Uri.EscapeDataString("Country eq 'US' and Name eq 'Texas'"));
        var unknown = await http.GetAsync("Countries('XK')");

        Assert.Equal(("Austria", "tYES"), (austria.GetProperty("Name").GetString(), austria.GetProperty("EU").GetString()));
        var state = Assert.Single(texas.GetProperty("value").EnumerateArray());
        Assert.Equal(("TX", "US"), (state.GetProperty("Code").GetString(), state.GetProperty("Country").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_sales_orders_addresses_are_stored_and_the_delivery_invoice_and_credit_note_copy_them()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);

        var order = await Created(await http.PostAsync("Orders", Order(items, "ADDR-1")));
        var delivery = await Created(await http.PostAsync("DeliveryNotes", Copy("DeliveryNotes", 17, order.GetProperty("DocEntry").GetInt32(), "ADDR-1/D")));
        var invoice = await Created(await http.PostAsync("Invoices", Copy("Invoices", 15, delivery.GetProperty("DocEntry").GetInt32(), "ADDR-1/I")));
        var credit = await Created(await http.PostAsync("CreditNotes", Copy("CreditNotes", 13, invoice.GetProperty("DocEntry").GetInt32(), "ADDR-1/R")));

        foreach (var document in new[] { order, delivery, invoice, credit })
        {
            Assert.Equal("Anna Gruber", document.GetProperty("CardName").GetString());
            Assert.Equal(("Wien", "1070", "AT", "Stiege 2, Top 14"),
                (Field(document, "ShipToCity"), Field(document, "ShipToZipCode"), Field(document, "ShipToCountry"), Field(document, "ShipToBlock")));
            Assert.Equal(("Austin", "TX", "US"), (Field(document, "BillToCity"), Field(document, "BillToState"), Field(document, "BillToCountry")));
            Assert.Equal("Anna Gruber\rMariahilfer Straße 88\r1070 Wien\rAT", document.GetProperty("Address2").GetString());
            Assert.EndsWith("anna@example.at", document.GetProperty("Address").GetString());
            Assert.Equal("Anna Gruber, Wien", document.GetProperty("DocumentLines")[0].GetProperty("ShipToDescription").GetString());
        }

        var read = await http.GetJsonAsync($"Invoices({invoice.GetProperty("DocEntry").GetInt32()})?$select=DocEntry,AddressExtension,Address2");
        Assert.Equal("Mariahilfer Straße 88", Field(read, "ShipToStreet"));
        Assert.False(read.TryGetProperty("CardCode", out _));
    }

    [Fact]
    public async Task A_delivery_that_says_where_it_goes_keeps_it_and_its_invoice_copies_that()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);

        var order = await Created(await http.PostAsync("Orders", Order(items, "ADDR-2")));
        var elsewhere = ""","Address2":"Jane Doe\r555 Main Street\r78751 Austin","AddressExtension":{"ShipToStreet":"555 Main Street","ShipToCity":"Austin","ShipToZipCode":"78751","ShipToState":"TX","ShipToCountry":"US"}""";
        var delivery = await Created(await http.PostAsync("DeliveryNotes", Copy("DeliveryNotes", 17, order.GetProperty("DocEntry").GetInt32(), "ADDR-2/D", elsewhere)));
        var invoice = await Created(await http.PostAsync("Invoices", Copy("Invoices", 15, delivery.GetProperty("DocEntry").GetInt32(), "ADDR-2/I")));

        foreach (var document in new[] { delivery, invoice })
        {
            Assert.Equal(("Austin", "TX"), (Field(document, "ShipToCity"), Field(document, "ShipToState")));
            Assert.Equal("Jane Doe\r555 Main Street\r78751 Austin", document.GetProperty("Address2").GetString());
            Assert.Equal("Austin", Field(document, "BillToCity")); // the bill-to still comes from the order
        }
    }

    [Theory]
    [InlineData("""{"ShipToStreet":"Jungfernstieg 1","ShipToCity":"Hamburg","ShipToZipCode":"20354","ShipToCountry":"XK"}""", "[RDR12.CountryS]")]
    [InlineData("""{"BillToStreet":"555 Main Street","BillToCity":"Austin","BillToZipCode":"78751","BillToState":"TE","BillToCountry":"US"}""", "[RDR12.StateB]")]
    public async Task An_unknown_country_or_state_code_is_refused_with_SAPs_bad_reference_naming_the_column(string address, string column)
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var refused = await http.PostAsync("Orders", Order(sap.Company.FirstPlainActiveItemsWithStock(2, 5), "ADDR-3", address));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal((-2028, $"{column} , 'No matching records found (ODBC -2028)'"), await SlHttp.ErrorOf(refused));
        Assert.Empty(sap.Company.Orders);
    }

    [Fact]
    public async Task A_country_added_in_SAP_is_known_from_then_on()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);
        const string kosovo = """{"ShipToStreet":"Rruga Agim Ramadani 15","ShipToCity":"Prishtinë","ShipToZipCode":"10000","ShipToCountry":"XK"}""";

        var refused = await http.PostAsync("Orders", Order(items, "ADDR-8", kosovo));
        var added = await Created(await http.PostAsync("Countries", """{"Code":"XK","Name":"Kosovo"}"""));
        var twice = await http.PostAsync("Countries", """{"Code":"XK","Name":"Kosovo"}""");
        var posted = await Created(await http.PostAsync("Orders", Order(items, "ADDR-8", kosovo)));

        Assert.Equal(-2028, (await SlHttp.ErrorOf(refused)).Code);
        Assert.Equal(("XK", "Kosovo"), (added.GetProperty("Code").GetString(), added.GetProperty("Name").GetString()));
        Assert.Equal(-2035, (await SlHttp.ErrorOf(twice)).Code);
        Assert.Equal("XK", Field(posted, "ShipToCountry"));
    }

    [Fact]
    public async Task A_value_longer_than_SAPs_field_is_refused()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var refused = await http.PostAsync("Orders", Order(sap.Company.FirstPlainActiveItemsWithStock(2, 5), "ADDR-4",
            """{"ShipToStreet":"Jungfernstieg 1","ShipToCity":"Hamburg","ShipToZipCode":"D-20354-HAMBURG-ALTSTADT","ShipToCountry":"DE"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'ShipToZipCode' of 'AddressExtension'", (await SlHttp.ErrorOf(refused)).Message);
    }

    [Fact]
    public async Task A_partner_is_created_with_its_addresses_and_a_document_naming_one_gets_it_filled_in()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        var items = sap.Company.FirstPlainActiveItemsWithStock(2, 5);

        var partner = await Created(await http.PostAsync("BusinessPartners", """
            {"CardCode":"WADDR01","CardName":"Anna Gruber","EmailAddress":"anna@example.at","Phone1":"+43 1 523 4411","BPAddresses":[
              {"AddressName":"Bill to","AddressType":"bo_BillTo","Street":"Mariahilfer Straße 88","Block":"Stiege 2, Top 14","City":"Wien","ZipCode":"1070","Country":"AT"},
              {"AddressName":"Ship to","AddressType":"bo_ShipTo","Street":"Am Sandtorkai 27","City":"Hamburg","ZipCode":"20457","Country":"DE"}]}
            """));
        var badCountry = await http.PostAsync("BusinessPartners", """{"CardCode":"WADDR02","CardName":"X","BPAddresses":[{"AddressName":"Ship to","AddressType":"bo_ShipTo","Country":"XK"}]}""");
        var lines = $$"""[{"ItemCode":"{{items[0].ItemCode}}","Quantity":1,"UnitPrice":10.15,"LineTotal":10.15,"TaxTotal":2.03,"VatGroup":"O1","WarehouseCode":"01"}]""";
        var named = await Created(await http.PostAsync("Orders", $$"""{"CardCode":"WADDR01","NumAtCard":"ADDR-5","DocDate":"2030-01-15","ShipToCode":"Ship to","PayToCode":"Bill to","DocumentLines":{{lines}}}"""));
        var defaulted = await Created(await http.PostAsync("Orders", $$"""{"CardCode":"WADDR01","NumAtCard":"ADDR-6","DocDate":"2030-01-15","DocumentLines":{{lines}}}"""));
        var wrongCode = await http.PostAsync("Orders", $$"""{"CardCode":"WADDR01","NumAtCard":"ADDR-7","DocDate":"2030-01-15","ShipToCode":"Office","DocumentLines":{{lines}}}""");

        Assert.Equal(("Ship to", "Bill to"), (partner.GetProperty("ShipToDefault").GetString(), partner.GetProperty("BilltoDefault").GetString()));
        var addresses = (await http.GetJsonAsync("BusinessPartners('WADDR01')?$select=CardCode,BPAddresses")).GetProperty("BPAddresses");
        Assert.Equal([("Bill to", "bo_BillTo", "Wien"), ("Ship to", "bo_ShipTo", "Hamburg")],
            addresses.EnumerateArray().Select(a => (a.GetProperty("AddressName").GetString(), a.GetProperty("AddressType").GetString(), a.GetProperty("City").GetString())));
        Assert.Equal((-2028, "[CRD1.Country] , 'No matching records found (ODBC -2028)'"), await SlHttp.ErrorOf(badCountry));
        foreach (var document in new[] { named, defaulted })
        {
            Assert.Equal(("Ship to", "Bill to"), (document.GetProperty("ShipToCode").GetString(), document.GetProperty("PayToCode").GetString()));
            Assert.Equal(("Am Sandtorkai 27", "Wien"), (Field(document, "ShipToStreet"), Field(document, "BillToCity")));
            Assert.Equal("Am Sandtorkai 27\r20457 Hamburg\rDE", document.GetProperty("Address2").GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal(-2028, (await SlHttp.ErrorOf(wrongCode)).Code);
    }

    [Fact]
    public async Task Generated_customers_have_a_bill_to_and_a_ship_to_in_Hamburg()
    {
        await using var sap = await Emulators.StartSmallAsync();
        var customer = sap.Company.BusinessPartners.Single(p => p.CardCode == CompanyCatalog.CustomerCode(1, 5));

        Assert.Equal([("Bill to", "Jungfernstieg 1"), ("Ship to", "Jungfernstieg 1")], customer.Addresses.Select(a => (a.AddressName, a.Place.Street)));
        Assert.Equal(("Ship to", "Bill to"), (customer.ShipToDefault, customer.BillToDefault));
    }
}

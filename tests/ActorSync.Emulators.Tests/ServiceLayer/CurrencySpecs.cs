using System.Net;
using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Documents;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Currencies, their daily rates and the business partner's currency rule, over HTTP.</summary>
public class CurrencySpecs
{
    private static readonly DateOnly Day = new(2030, 1, 15);

    /// <summary>49.95 + 9.99 tax at 20 % and 24.80 + 1.24 at 5 %: 85.98 in whatever currency the document is.</summary>
    private static string Order(string card, string? currency = null, string date = "2030-01-15") =>
        $$"""
        {"CardCode":"{{card}}","DocDate":"{{date}}","NumAtCard":"FX-1"{{(currency is null ? "" : $",\"DocCurrency\":\"{currency}\"")}},
         "DocumentLines":[
           {"ItemCode":"ITM00001","Quantity":1,"UnitPrice":49.95,"LineTotal":49.95,"TaxTotal":9.99,"VatGroup":"O1","WarehouseCode":"01"},
           {"ItemCode":"ITM00002","Quantity":2,"UnitPrice":12.40,"LineTotal":24.80,"TaxTotal":1.24,"VatGroup":"O2","WarehouseCode":"01"}]}
        """;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Currencies_is_an_entity_set_with_the_metadata_field_names_select_and_filter()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var page = await http.GetJsonAsync("Currencies?$select=Code,Name,DocumentsCode&$filter=" + Uri.EscapeDataString("Code eq 'USD' or Code eq 'SEK'"));
        var euro = await http.GetJsonAsync("Currencies('EUR')");
        var invalid = await http.GetAsync("Currencies?$select=Code,Rate");

        Assert.Equal([("USD", "US Dollar", "USD"), ("SEK", "Swedish Krona", "SEK")],
            page.GetProperty("value").EnumerateArray().Select(c => (c.GetProperty("Code").GetString(), c.GetProperty("Name").GetString(), c.GetProperty("DocumentsCode").GetString())));
        Assert.False(page.GetProperty("value")[0].TryGetProperty("Decimals", out _));
        Assert.Equal(("Euro", "cdDefault", "rsNoRounding"),
            (euro.GetProperty("Name").GetString(), euro.GetProperty("Decimals").GetString(), euro.GetProperty("Rounding").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(-1000, (await SlHttp.ErrorOf(invalid)).Code);
    }

    [Fact]
    public async Task A_rate_set_for_a_day_is_read_back_for_that_day_only_and_the_local_currency_is_eur_at_1()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var set = await http.PostAsync("SBOBobService_SetCurrencyRate", """{"RateDate":"20300115","Currency":"USD","Rate":"1.0834"}""");
        var that = await Json(await http.PostAsync("SBOBobService_GetCurrencyRate", """{"Currency":"USD","Date":"2030-01-15"}"""));
        var next = await Json(await http.PostAsync("SBOBobService_GetCurrencyRate", """{"Currency":"USD","Date":"20300116"}"""));
        var gbp = await Json(await http.PostAsync("SBOBobService_GetCurrencyRate", """{"Currency":"GBP","Date":"20300115"}"""));
        var euro = await Json(await http.PostAsync("SBOBobService_GetCurrencyRate", """{"Currency":"EUR","Date":"20300115"}"""));
        var local = await Json(await http.PostAsync("SBOBobService_GetLocalCurrency", ""));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(1.0834m, that.GetProperty("value").GetDecimal());
        Assert.Equal(CompanyCatalog.SeededRates["USD"], next.GetProperty("value").GetDecimal());
        Assert.Equal(1.1834m, gbp.GetProperty("value").GetDecimal());
        Assert.Equal(1m, euro.GetProperty("value").GetDecimal());
        Assert.EndsWith("$metadata#Edm.String", local.GetProperty("odata.metadata").GetString());
        Assert.Equal("EUR", local.GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_currency_without_a_rate_for_the_day_is_refused_until_one_is_set()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);

        var read = await http.PostAsync("SBOBobService_GetCurrencyRate", """{"Currency":"CHF","Date":"20300115"}""");
        var refused = await http.PostAsync("Orders", Order(CompanyCatalog.WebGuest, "CHF"));
        var unknown = await http.PostAsync("SBOBobService_SetCurrencyRate", """{"RateDate":"20300115","Currency":"XYZ","Rate":"2"}""");
        var forLocal = await http.PostAsync("SBOBobService_SetCurrencyRate", """{"RateDate":"20300115","Currency":"EUR","Rate":"2"}""");
        await http.PostAsync("SBOBobService_SetCurrencyRate", """{"RateDate":"20300115","Currency":"CHF","Rate":0.9571}""");
        var posted = await http.PostAsync("Orders", Order(CompanyCatalog.WebGuest, "CHF"));

        Assert.Equal((-10, "Update the exchange rate , 'CHF'"), await SlHttp.ErrorOf(read));
        Assert.Equal((-10, "Update the exchange rate , 'CHF'"), await SlHttp.ErrorOf(refused));
        Assert.Equal(-2028, (await SlHttp.ErrorOf(unknown)).Code);
        Assert.Equal(-5002, (await SlHttp.ErrorOf(forLocal)).Code);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(0.9571m, (await Json(posted)).GetProperty("DocRate").GetDecimal());
    }

    [Fact]
    public async Task A_usd_order_for_an_all_currencies_partner_keeps_its_total_in_usd_with_the_days_rate()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        await http.PostAsync("SBOBobService_SetCurrencyRate", """{"RateDate":"20300115","Currency":"USD","Rate":"1.0834"}""");

        var created = await http.PostAsync("Orders", Order(CompanyCatalog.WebGuest, "USD"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json(created);
        Assert.Equal(("USD", 1.0834m, 85.98m, 11.23m), (body.GetProperty("DocCurrency").GetString(), body.GetProperty("DocRate").GetDecimal(),
            body.GetProperty("DocTotal").GetDecimal(), body.GetProperty("VatSum").GetDecimal()));
        // 85.98 USD at 1.0834 = 93.150732 EUR.
        Assert.Equal((85.98m, 93.15m), (body.GetProperty("DocTotalFc").GetDecimal(), body.GetProperty("DocTotalSys").GetDecimal()));
        Assert.All(body.GetProperty("DocumentLines").EnumerateArray(), l => Assert.Equal("USD", l.GetProperty("Currency").GetString()));
        Assert.Equal("USD", Assert.Single(sap.Company.Orders).DocCurrency);
    }

    [Fact]
    public async Task A_document_without_doc_currency_is_in_the_partners_currency_and_local_for_an_all_currencies_partner()
    {
        await using var sap = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(sap);
        await http.PostAsync("BusinessPartners", """{"CardCode":"CUSD01","CardName":"US buyer","Currency":"USD"}""");

        var guest = await Json(await http.PostAsync("Orders", Order(CompanyCatalog.WebGuest)));
        var dollar = await Json(await http.PostAsync("Orders", Order("CUSD01")));

        Assert.Equal(("EUR", 1m), (guest.GetProperty("DocCurrency").GetString(), guest.GetProperty("DocRate").GetDecimal()));
        Assert.Equal(("USD", CompanyCatalog.SeededRates["USD"]), (dollar.GetProperty("DocCurrency").GetString(), dollar.GetProperty("DocRate").GetDecimal()));
    }

    [Fact]
    public void The_partners_currency_decides_which_document_currencies_it_takes()
    {
        var sap = new RuleHarness();
        sap.Run(uow =>
        {
            using var partner = JsonDocument.Parse("""{"CardCode":"CUSD01","CardName":"US buyer","Currency":"USD"}""");
            return sap.Rules.CreateBusinessPartner(partner.RootElement, uow);
        });

        var localOnly = sap.Reject(DocumentSets.Orders, Order("C00001", "USD"));
        var unknown = sap.Reject(DocumentSets.Orders, Order("C00001", "XYZ"));
        var third = sap.Reject(DocumentSets.Orders, Order("CUSD01", "GBP"));
        var ownCurrency = sap.PostDocument(DocumentSets.Orders, Order("CUSD01", "USD"));
        var localForForeign = sap.PostDocument(DocumentSets.Orders, Order("CUSD01", "EUR"));
        var anyForAll = sap.PostDocument(DocumentSets.Orders, Order(CompanyCatalog.WebGuest, "SEK"));
        var localForLocal = sap.PostDocument(DocumentSets.Orders, Order("C00001", "EUR"));

        Assert.Equal((-10, "Currency USD is not valid for business partner C00001, whose currency is EUR [ORDR.DocCur]"), (localOnly.Code, localOnly.SapMessage));
        Assert.Equal((-2028, "[ORDR.DocCur] , 'No matching records found (ODBC -2028)'"), (unknown.Code, unknown.SapMessage));
        Assert.Equal(-10, third.Code);
        Assert.Contains("whose currency is USD", third.SapMessage, StringComparison.Ordinal);
        Assert.Equal(["USD", "EUR", "SEK", "EUR"], new[] { ownCurrency, localForForeign, anyForAll, localForLocal }.Select(d => d.DocCurrency));
        Assert.Equal(4, sap.Company.Orders.Count);
    }

    [Fact]
    public void A_partner_cannot_be_given_a_currency_sap_does_not_define()
    {
        var sap = new RuleHarness();

        var error = Assert.Throws<SapException>(() => sap.Run(uow =>
        {
            using var partner = JsonDocument.Parse("""{"CardCode":"CXYZ01","CardName":"Nowhere","Currency":"XYZ"}""");
            return sap.Rules.CreateBusinessPartner(partner.RootElement, uow);
        }));

        Assert.Equal((-2028, "[OCRD.Currency] , 'No matching records found (ODBC -2028)'"), (error.Code, error.SapMessage));
        Assert.Null(sap.Company.FindBusinessPartner("CXYZ01"));
    }

    [Fact]
    public void Delivery_and_invoice_copied_from_a_usd_order_carry_usd_and_may_not_switch_currency()
    {
        var sap = new RuleHarness();
        var order = sap.PostDocument(DocumentSets.Orders, Order(CompanyCatalog.WebGuest, "USD"));

        var switched = sap.Reject(DocumentSets.DeliveryNotes,
            $$"""{"CardCode":"{{CompanyCatalog.WebGuest}}","DocCurrency":"EUR","DocumentLines":[{{RuleHarness.Based(17, order.DocEntry, 0)}}]}""");
        var delivery = sap.PostDocument(DocumentSets.DeliveryNotes,
            $$"""{"CardCode":"{{CompanyCatalog.WebGuest}}","DocumentLines":[{{RuleHarness.Based(17, order.DocEntry, 0)}},{{RuleHarness.Based(17, order.DocEntry, 1)}}]}""");
        var invoice = sap.PostDocument(DocumentSets.Invoices,
            $$"""{"CardCode":"{{CompanyCatalog.WebGuest}}","DocumentLines":[{{RuleHarness.Based(15, delivery.DocEntry, 0)}},{{RuleHarness.Based(15, delivery.DocEntry, 1)}}]}""");

        Assert.Equal(-10, switched.Code);
        Assert.Contains("differs from the base document's currency USD", switched.SapMessage, StringComparison.Ordinal);
        Assert.Equal(("USD", "USD"), (delivery.DocCurrency, invoice.DocCurrency));
        Assert.Equal((order.DocTotal, 85.98m), (invoice.DocTotal, order.DocTotal));
        Assert.All(invoice.Lines, l => Assert.Equal("USD", l.Currency));
    }

    [Fact]
    public void A_payment_in_a_currency_its_partner_does_not_take_is_refused()
    {
        var sap = new RuleHarness();
        var invoice = sap.PostDocument(DocumentSets.Invoices, Order("C00001"));

        var error = sap.Reject(DocumentSets.IncomingPayments,
            $$"""{"CardCode":"C00001","DocCurrency":"USD","CashAccount":"{{CompanyCatalog.AccountCash}}","CashSum":85.98,"PaymentInvoices":[{"DocEntry":{{invoice.DocEntry}},"SumApplied":85.98}]}""");

        Assert.Equal(-10, error.Code);
        Assert.Contains("[ORCT.DocCurr]", error.SapMessage, StringComparison.Ordinal);
        Assert.Empty(sap.Company.IncomingPayments);
    }

    [Fact]
    public void A_day_outside_the_seeded_rates_has_no_rate()
    {
        var company = new CompanyData(new CompanySpec { Items = 5, Customers = 1 });

        Assert.Equal(CompanyCatalog.SeededRates["SEK"], company.FindRate("SEK", Day));
        Assert.Null(company.FindRate("SEK", new DateOnly(2024, 12, 31)));
        Assert.Null(company.FindRate("CHF", Day));
    }
}

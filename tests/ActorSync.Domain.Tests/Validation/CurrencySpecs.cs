using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests.Validation;

/// <summary>An order's currency against SAP's currencies and the business partner's currency rule.</summary>
public class CurrencySpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The test company in EUR: WEBGUEST takes every currency, C00001 and POSGUEST are EUR only, CGBP01 is in GBP.</summary>
    private static MasterDataSnapshot Company()
    {
        var snapshot = TestCompany.Snapshot();
        return snapshot with
        {
            LocalCurrency = "EUR",
            Currencies = ["EUR", "USD", "GBP", "SEK"],
            BusinessPartners = snapshot.BusinessPartners
                .SetItem("WEBGUEST", new BusinessPartnerMasterData("WEBGUEST", Currency: BusinessPartnerMasterData.AllCurrencies))
                .SetItem("POSGUEST", new BusinessPartnerMasterData("POSGUEST", Currency: "EUR"))
                .SetItem("C00001", snapshot.BusinessPartners["C00001"] with { Currency = "EUR" })
                .SetItem("CGBP01", new BusinessPartnerMasterData("CGBP01", EmailAddress: "uk.buyer@example.com", Currency: "GBP")),
        };
    }

    /// <summary>49.95 at 20 %, 2 x 12.40 at 5 %, shipping 4.95 at 20 %: 91.92 paid, in whatever currency the channel says.</summary>
    private static ChannelOrder Order(string currency, string? email = null) =>
        new("magento", "700", TestCompany.Today, currency, new CustomerRef(email, null, IsGuest: email is null),
            [new OrderLine("ITM00001", 1, 49.95m, 9.99m, 20m, "01"), new OrderLine("ITM00002", 2, 12.40m, 1.24m, 5m, "01")],
            ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 91.92m, ShippingMethod: "flatrate_flatrate");

    private static ImmutableList<ExceptionDetails> Check(ChannelOrder order, string? cardCode, MasterDataSnapshot? snapshot = null) =>
        SalesOrderChecks.Check(order, TestCompany.Mapping(), snapshot ?? Company(), cardCode);

    [Fact]
    public void An_order_in_the_local_currency_posts_as_before_without_doc_currency()
    {
        var built = SalesOrderBuilder.Build(Order("EUR"), TestCompany.Mapping(), "WEBGUEST", Company());

        Assert.Empty(Check(Order("EUR"), "WEBGUEST"));
        Assert.Null(built.Exception);
        Assert.Null(built.Document!.DocCurrency);
    }

    [Fact]
    public void A_usd_order_for_an_all_currencies_partner_carries_usd_and_keeps_the_amounts_the_customer_paid()
    {
        var built = SalesOrderBuilder.Build(Order("USD"), TestCompany.Mapping(), "WEBGUEST", Company());

        Assert.Empty(Check(Order("USD"), "WEBGUEST"));
        var document = built.Document!;
        Assert.Equal("USD", document.DocCurrency);
        // The rows are in the document currency: the channel's own figures, not converted at any rate.
        Assert.Equal([(49.95m, 9.99m, "O1"), (24.80m, 1.24m, "O2")],
            document.DocumentLines.Select(l => (l.LineTotal!.Value, l.TaxTotal!.Value, l.VatGroup!)));
        var shipping = Assert.Single(document.DocumentAdditionalExpenses!);
        Assert.Equal((4.95m, 0.99m), (shipping.LineTotal, shipping.TaxSum!.Value));
        Assert.Equal(91.92m, document.DocumentLines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + shipping.LineTotal + shipping.TaxSum.Value);
    }

    [Fact]
    public void A_usd_order_for_a_local_only_partner_parks_for_finance_naming_currency_partner_and_why()
    {
        var problems = Check(Order("USD", "customer1@example.com"), "C00001");
        var built = SalesOrderBuilder.Build(Order("USD", "customer1@example.com"), TestCompany.Mapping(), "C00001", Company());

        var problem = Assert.Single(problems);
        Assert.Equal((ExceptionTypes.CurrencyNotAcceptedType, OwningTeam.Finance), (problem.Type, problem.Team));
        Assert.Contains("USD", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("business partner C00001 is in the local currency EUR only", problem.Reason, StringComparison.Ordinal);
        Assert.Null(built.Document);
        Assert.Equal(problem, built.Exception);
    }

    [Fact]
    public void A_currency_sap_does_not_define_parks_whatever_the_partner_accepts()
    {
        var problem = Assert.Single(Check(Order("JPY"), "WEBGUEST"));

        Assert.Equal(ExceptionTypes.CurrencyNotAcceptedType, problem.Type);
        Assert.Contains("JPY, which is not a currency in SAP", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_in_a_foreign_currency_takes_that_currency_and_local_said_explicitly_but_no_third_one()
    {
        var gbp = SalesOrderBuilder.Build(Order("GBP", "uk.buyer@example.com"), TestCompany.Mapping(), "CGBP01", Company());
        var eur = SalesOrderBuilder.Build(Order("EUR", "uk.buyer@example.com"), TestCompany.Mapping(), "CGBP01", Company());
        var usd = Assert.Single(Check(Order("USD", "uk.buyer@example.com"), "CGBP01"));

        Assert.Equal("GBP", gbp.Document!.DocCurrency);
        // Without DocCurrency SAP would book it in the partner's GBP.
        Assert.Equal("EUR", eur.Document!.DocCurrency);
        Assert.Contains("business partner CGBP01 is in GBP (it accepts GBP or EUR)", usd.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_local_currency_in_the_master_data_the_currency_is_sent_for_sap_to_check()
    {
        var old = Company() with { LocalCurrency = null };

        Assert.Empty(Check(Order("USD", "customer1@example.com"), "C00001", old));
        Assert.Equal("USD", SalesOrderBuilder.Build(Order("USD"), TestCompany.Mapping(), "WEBGUEST", old).Document!.DocCurrency);
        Assert.Equal("EUR", SalesOrderBuilder.Build(Order("EUR"), TestCompany.Mapping(), "WEBGUEST", null).Document!.DocCurrency);
    }

    [Fact]
    public void A_partner_the_engine_creates_is_in_local_currency_so_a_foreign_order_for_it_parks_first()
    {
        var decision = DocumentCurrency.Decide("USD", "MAGENTO-NEW", Company(), "Order magento:700", newPartner: true);

        Assert.Null(decision.DocCurrency);
        Assert.Contains("(created by the engine) is in the local currency EUR only", decision.Exception!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_entity_quarantines_a_foreign_order_its_partner_refuses_instead_of_validating_it()
    {
        var order = Order("USD", "customer1@example.com");

        var decision = OrderState.Empty(order.Key.EntityId)
            .ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), TestCompany.Mapping(), Now, Company());

        var parked = Assert.IsType<OrderQuarantined>(decision.Events[1]);
        Assert.Equal(ExceptionTypes.CurrencyNotAcceptedType, parked.Exception.Type);
        Assert.DoesNotContain(decision.Events, e => e is OrderValidated);
    }

    private static PosTransaction TillSale(string currency, CustomerRef customer) =>
        new("sitoo", "91001", PosTransactionKind.Sale, TestCompany.Today, currency, customer, "1",
            [new PosLine("ITM00001", 1, 49.95m, 9.99m, 20), new PosLine("ITM00002", 2, 24.80m, 1.24m, 5)],
            [new PosPayment("Card", 85.98m, "REF-9", "Visa")], 85.98m);

    [Fact]
    public void A_till_sale_in_a_foreign_currency_for_the_local_walk_in_partner_parks_for_finance()
    {
        var plan = PosDocumentBuilder.Build(TillSale("USD", new CustomerRef(null, null, true)), TestCompany.Mapping(), Company());

        Assert.False(plan.CanPost);
        Assert.Contains(plan.Exceptions, e => e.Type == ExceptionTypes.CurrencyNotAcceptedType && e.Reason.Contains("POSGUEST", StringComparison.Ordinal));
    }

    [Fact]
    public void A_till_sale_in_a_foreign_currency_its_partner_accepts_puts_the_currency_on_the_invoice_and_every_payment()
    {
        var snapshot = Company();
        snapshot = snapshot with { BusinessPartners = snapshot.BusinessPartners.SetItem("POSGUEST", new BusinessPartnerMasterData("POSGUEST", Currency: "##")) };

        var plan = PosDocumentBuilder.Build(TillSale("SEK", new CustomerRef(null, null, true)), TestCompany.Mapping(), snapshot);
        var local = PosDocumentBuilder.Build(TillSale("EUR", new CustomerRef(null, null, true)), TestCompany.Mapping(), Company());

        Assert.True(plan.CanPost, string.Join("; ", plan.Exceptions.Select(e => e.Reason)));
        Assert.Equal("SEK", Assert.IsType<SapDocument>(plan.Postings[0].Body).DocCurrency);
        Assert.All(plan.Postings.Skip(1), p => Assert.Equal("SEK", Assert.IsType<SapPayment>(p.Body).DocCurrency));
        Assert.Null(Assert.IsType<SapDocument>(local.Postings[0].Body).DocCurrency);
        Assert.All(local.Postings.Skip(1), p => Assert.Null(Assert.IsType<SapPayment>(p.Body).DocCurrency));
    }
}

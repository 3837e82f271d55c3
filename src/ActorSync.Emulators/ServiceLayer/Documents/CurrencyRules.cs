using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// The currency of a document or payment, as SAP decides it (the emulator README's "Currencies"):
/// <list type="number">
/// <item>the currency sent in <c>DocCurrency</c>; else a copied document's base currency; else the partner's
///   currency (local for a partner in local currency or in all currencies, <c>##</c>);</item>
/// <item>it must be defined in <c>Currencies</c> (-2028 on <c>DocCur</c>);</item>
/// <item>a copied document keeps its base document's currency (-10 otherwise);</item>
/// <item>the partner must allow it: a partner in local currency takes only local, <c>##</c> takes any, a partner in a
///   foreign currency takes that one or local (SAP's document currency choice: local, system or BP currency) (-10);</item>
/// <item>a foreign currency needs a rate for the document date (-10 "Update the exchange rate").</item>
/// </list>
/// </summary>
internal sealed class CurrencyRules(CompanyData company)
{
    public (string Currency, decimal Rate) ForDocument(string headerTable, string currencyColumn, string? sent, BusinessPartnerRecord? partner,
        string? baseCurrency, DateOnly date)
    {
        var local = company.LocalCurrency;
        var currency = sent ?? baseCurrency ?? PartnerDefault(partner, local);
        if (company.FindCurrency(currency) is null)
        {
            throw SapErrors.BadReference($"{headerTable}.{currencyColumn}", line: null);
        }

        if (baseCurrency is not null && !string.Equals(currency, baseCurrency, StringComparison.Ordinal))
        {
            throw SapErrors.Rule($"Document currency {currency} differs from the base document's currency {baseCurrency} [{headerTable}.{currencyColumn}]");
        }

        if (partner is not null && !Allows(partner.Currency, currency, local))
        {
            throw SapErrors.Rule(
                $"Currency {currency} is not valid for business partner {partner.CardCode}, whose currency is {partner.Currency} [{headerTable}.{currencyColumn}]");
        }

        var rate = company.FindRate(currency, date)
            ?? throw SapErrors.Rule($"Update the exchange rate , '{currency}'");
        return (currency, rate);
    }

    /// <summary>Whether a partner in <paramref name="partnerCurrency"/> may have documents in <paramref name="currency"/>.</summary>
    public static bool Allows(string partnerCurrency, string currency, string local) =>
        partnerCurrency == CompanyCatalog.AllCurrencies
        || string.Equals(currency, local, StringComparison.Ordinal)
        || string.Equals(currency, partnerCurrency, StringComparison.Ordinal);

    private static string PartnerDefault(BusinessPartnerRecord? partner, string local) =>
        partner is null || partner.Currency == CompanyCatalog.AllCurrencies ? local : partner.Currency;

    /// <summary>A partner's own currency must be defined, or be <c>##</c>.</summary>
    public void RequirePartnerCurrency(string currency)
    {
        if (currency != CompanyCatalog.AllCurrencies && company.FindCurrency(currency) is null)
        {
            throw SapErrors.BadReference("OCRD.Currency", line: null);
        }
    }
}

using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Validation;

/// <summary>What <c>DocCurrency</c> a document carries, or why it cannot go to SAP at all.</summary>
/// <param name="DocCurrency">Null: SAP takes the partner's currency, which is the order's.</param>
public sealed record CurrencyDecision(string? DocCurrency, ExceptionDetails? Exception);

/// <summary>
/// The currency of a channel document against SAP's currencies and the business partner's currency rule, the way
/// SAP applies it (the emulator README's "Currencies"): a partner in the local currency takes only local documents,
/// one in all currencies (<c>##</c>) takes any currency SAP defines, one in a foreign currency takes that currency or
/// local. A document without <c>DocCurrency</c> is in the partner's currency (local for <c>##</c>).
/// <list type="bullet">
/// <item>No currency on the order: nothing to check, no <c>DocCurrency</c>.</item>
/// <item>No snapshot, or one without a local currency (an older master-data file): not checked here, but the order's
///   currency is always sent, so SAP itself refuses what it cannot book and the refusal parks. Leaving it out would
///   let SAP book a foreign order as local, which is the one thing this must never do.</item>
/// <item>The local currency: no <c>DocCurrency</c> (as before), except for a partner in a foreign currency, whose
///   default would be its own currency: then local is sent.</item>
/// <item>A foreign currency SAP defines and the partner allows: sent as <c>DocCurrency</c>. Otherwise the order parks
///   for finance as <see cref="ExceptionTypes.CurrencyNotAcceptedType"/>, naming the currency, the partner and why.</item>
/// </list>
/// The exchange rate for the document date is left to SAP: rates are entered daily, often after the snapshot was read
/// (it refreshes every few minutes and holds no rates), and SAP's "Update the exchange rate" refusal parks the order
/// with SAP's own words, to be retried once the rate is in. Checking it here would need a rate read per order date.
/// </summary>
public static class DocumentCurrency
{
    /// <param name="currency">The order's currency as the channel sent it.</param>
    /// <param name="cardCode">The partner the document goes to; null when it is only matched at post time.</param>
    /// <param name="newPartner">The engine creates this partner first (SAP gives a new partner the local currency).</param>
    public static CurrencyDecision Decide(string? currency, string? cardCode, MasterDataSnapshot? snapshot, string context, bool newPartner = false)
    {
        if (string.IsNullOrWhiteSpace(currency))
            return new(null, null);
        currency = currency.Trim().ToUpperInvariant();
        if (snapshot?.LocalCurrency is not { Length: > 0 } local)
            return new(currency, null);

        var partnerCurrency = newPartner ? local
            : cardCode is not null && snapshot.BusinessPartners.TryGetValue(cardCode, out var partner) ? partner.Currency
            : null;
        if (string.Equals(currency, local, StringComparison.Ordinal))
        {
            // A partner in a foreign currency would default to it; one whose currency is unknown gets local said out loud.
            var foreignPartner = partnerCurrency is null
                || (partnerCurrency != BusinessPartnerMasterData.AllCurrencies && !string.Equals(partnerCurrency, local, StringComparison.Ordinal));
            return new(foreignPartner && cardCode is not null ? local : null, null);
        }

        var who = cardCode is null ? "the business partner" : $"business partner {cardCode}";
        if (!snapshot.Currencies.Contains(currency))
        {
            return new(null, ExceptionTypes.CurrencyNotAccepted(
                $"{context}: the order is in {currency}, which is not a currency in SAP (the company's local currency is {local}); it is not posted as {local}."));
        }

        if (partnerCurrency is null)
        {
            // Matched at post time, or a partner the snapshot does not describe: SAP judges the explicit currency.
            return new(currency, null);
        }

        if (partnerCurrency == BusinessPartnerMasterData.AllCurrencies || string.Equals(partnerCurrency, currency, StringComparison.Ordinal))
            return new(currency, null);

        var why = string.Equals(partnerCurrency, local, StringComparison.Ordinal)
            ? $"{who}{(newPartner ? " (created by the engine)" : "")} is in the local currency {local} only"
            : $"{who} is in {partnerCurrency} (it accepts {partnerCurrency} or {local})";
        return new(null, ExceptionTypes.CurrencyNotAccepted(
            $"{context}: the order is in {currency} but {why}; SAP would refuse the document, and it is not posted as {local}."));
    }
}

using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Rows of a service-type A/R document (<c>DocType dDocument_Service</c>, BoDocumentTypes "S"): SAP's service
/// invoice or credit note books amounts to G/L accounts instead of selling items.
/// <list type="bullet">
/// <item>No <c>ItemCode</c> (sending one is -10), and nothing that only items have: warehouse, batches, serials,
///   stock movement.</item>
/// <item><c>ItemDescription</c> (Dscription) is what the row charges for and is required; <c>AccountCode</c>
///   (AcctCode) must be an active ChartOfAccounts account; <c>VatGroup</c> must exist and be active.</item>
/// <item>The amount: <c>LineTotal</c> is the net amount. Without it, <c>UnitPrice</c> or <c>Price</c> (net, as on
///   item rows with <c>DiscountPercent</c>) or <c>PriceAfterVAT</c> (gross) times <c>Quantity</c>, which defaults to
///   1 — all real DocumentLine fields. Tax as on item rows (<see cref="LinePricing"/>); a sent <c>TaxTotal</c> wins.</item>
/// <item>Copied from a service invoice row (BaseType 13), a credit note row takes its description, account and VAT
///   group and, without an amount, what is still open on it; the amount may not exceed that.</item>
/// </list>
/// </summary>
internal sealed class ServiceLines(PostingHelpers helpers)
{
    /// <summary>Fields only item rows have. The emulator refuses them rather than silently dropping what a client meant.</summary>
    private static readonly string[] ItemRowProperties = ["WarehouseCode", "BatchNumbers", "SerialNumbers", "WithoutInventoryMovement"];

    /// <param name="openOnBase">What the base row (if any) still has open, less what earlier rows of this document took.</param>
    public DocumentLine Build(DocumentSetInfo set, Payload payload, int index, DocumentLine? baseLine, decimal openOnBase)
    {
        var lineNo = index + 1;
        var line = new DocumentLine { LineNum = index, Extras = payload.CollectExtras(ModelledProperties.DocumentLine) };
        if (payload.String("ItemCode") is { } itemCode)
        {
            throw SapErrors.Rule($"Item code is not allowed in a service document [{set.LineTable}.ItemCode]{PostingHelpers.Line(lineNo)} , '{itemCode}'");
        }

        if (ItemRowProperties.FirstOrDefault(payload.Has) is { } itemOnly)
        {
            throw SapErrors.Validation($"Property '{itemOnly}' applies to item rows only, not to a service document [{set.LineTable}]{PostingHelpers.Line(lineNo)}");
        }

        var description = payload.String("ItemDescription") ?? baseLine?.ItemDescription;
        if (string.IsNullOrWhiteSpace(description))
        {
            throw SapErrors.Rule($"Specify a description for the service row [{set.LineTable}.Dscription]{PostingHelpers.Line(lineNo)}");
        }

        var account = payload.String("AccountCode") ?? baseLine?.AccountCode;
        helpers.RequireAccount(account, set.LineTable + ".AcctCode", lineNo);
        var vatGroup = payload.String("VatGroup") ?? baseLine?.VatGroup;
        var rate = helpers.RequireVatGroup(vatGroup, set.LineTable + ".VatGroup", lineNo).Rate;
        var quantity = payload.Decimal("Quantity") ?? 1m;
        PostingHelpers.RequirePositive(quantity, set.LineTable, lineNo);

        var input = new PriceInput(
            UnitPrice: payload.Decimal("UnitPrice"),
            Price: payload.Decimal("Price"),
            PriceAfterVat: payload.Decimal("PriceAfterVAT"),
            DiscountPercent: payload.Decimal("DiscountPercent"),
            LineTotal: payload.Decimal("LineTotal"),
            TaxTotal: payload.Decimal("TaxTotal"));
        if (baseLine is not null && input is { UnitPrice: null, Price: null, PriceAfterVat: null, LineTotal: null })
        {
            // Crediting a whole row at its own VAT group keeps its tax, so the credit gives back exactly what was charged.
            var wholeRow = openOnBase == baseLine.LineTotal && vatGroup == baseLine.VatGroup;
            input = wholeRow
                ? input with { LineTotal = baseLine.LineTotal, TaxTotal = input.TaxTotal ?? baseLine.TaxTotal }
                : input with { LineTotal = openOnBase };
        }

        // No price list applies to a G/L account: a row without any amount is a zero row.
        var priced = LinePricing.Price(quantity, input, listPrice: 0m, rate);
        if (baseLine is not null && priced.LineTotal > openOnBase)
        {
            throw SapErrors.Rule(
                $"Amount {PostingHelpers.Money(priced.LineTotal)} exceeds the open amount {PostingHelpers.Money(openOnBase)} of the base document row [{set.LineTable}.LineTotal]{PostingHelpers.Line(lineNo)}");
        }

        priced.ApplyTo(line);
        line.ItemDescription = description;
        line.AccountCode = account;
        line.Quantity = quantity;
        line.VatGroup = vatGroup;
        line.TaxPercentagePerRow = rate;
        line.PricedGross = input.PriceAfterVat is not null;
        line.RemainingOpenQuantity = quantity;
        line.OpenServiceAmount = priced.LineTotal;
        return line;
    }

    /// <summary>A credit note row took <paramref name="amount"/> of a service invoice row; the row closes when nothing is left.</summary>
    public static void Consume(DocumentLine baseLine, decimal amount)
    {
        var left = baseLine.OpenAmount - amount;
        baseLine.OpenServiceAmount = Math.Max(0m, left);
        if (left <= 0)
        {
            baseLine.RemainingOpenQuantity = 0;
            baseLine.Open = false;
        }
    }
}

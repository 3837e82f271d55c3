using ActorSync.Emulators.ServiceLayer.Company;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>What a line or expense says about its price; every field optional.</summary>
internal sealed record PriceInput(
    decimal? UnitPrice = null,
    decimal? Price = null,
    decimal? PriceAfterVat = null,
    decimal? DiscountPercent = null,
    decimal? LineTotal = null,
    decimal? TaxTotal = null);

/// <summary>The priced line: every amount rounded as stored.</summary>
internal readonly record struct PricedLine(
    decimal UnitPrice, decimal Price, decimal PriceAfterVat, decimal DiscountPercent,
    decimal LineTotal, decimal TaxTotal, decimal GrossTotal)
{
    public void ApplyTo(DocumentLine line)
    {
        line.UnitPrice = UnitPrice;
        line.Price = Price;
        line.PriceAfterVat = PriceAfterVat;
        line.DiscountPercent = DiscountPercent;
        line.LineTotal = LineTotal;
        line.TaxTotal = TaxTotal;
        line.GrossTotal = GrossTotal;
    }
}

/// <summary>
/// Document arithmetic. Deliberately simple and deterministic, because the engine needs <c>DocTotal</c> to equal
/// what the customer paid:
/// <list type="bullet">
/// <item>Gross entry — the line sends <c>PriceAfterVAT</c> (unit price incl. VAT):
///   GrossTotal = round2(Quantity × PriceAfterVAT × (1 − Discount%)); LineTotal = round2(GrossTotal / (1 + rate));
///   TaxTotal = GrossTotal − LineTotal (or, if the line sends <c>TaxTotal</c>, LineTotal = GrossTotal − TaxTotal).
///   So the line's gross amount is exactly what was charged.</item>
/// <item>Net entry — <c>UnitPrice</c> (before discount), else <c>Price</c> (after discount), else <c>LineTotal</c>,
///   else the item's price list price: Price = UnitPrice × (1 − Discount%); LineTotal = sent LineTotal or
///   round2(Quantity × Price); TaxTotal = sent TaxTotal or round2(LineTotal × rate).</item>
/// <item>Header: VatSum = Σ line TaxTotal + Σ expense TaxSum; DocTotal = Σ LineTotal + Σ expense LineTotal + VatSum.</item>
/// </list>
/// Rounding is per line to 2 decimals, half away from zero, as B1 rounds amounts per row. Unit prices keep 6 decimals.
/// </summary>
internal static class LinePricing
{
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    public static decimal Round6(decimal value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);

    public static PricedLine Price(decimal quantity, PriceInput input, decimal listPrice, decimal ratePercent)
    {
        var rate = ratePercent / 100m;
        var discount = input.DiscountPercent ?? 0m;
        var keep = 1m - discount / 100m;
        if (input.PriceAfterVat is { } gross)
        {
            var grossTotal = Round2(quantity * gross * keep);
            decimal lineTotal;
            decimal taxTotal;
            if (input.TaxTotal is { } explicitTax)
            {
                taxTotal = Round2(explicitTax);
                lineTotal = grossTotal - taxTotal;
            }
            else
            {
                lineTotal = Round2(grossTotal / (1m + rate));
                taxTotal = grossTotal - lineTotal;
            }

            var unit = Round6(gross / (1m + rate));
            return new PricedLine(unit, Round6(unit * keep), Round6(gross), discount, lineTotal, taxTotal, grossTotal);
        }

        decimal unitPrice;
        decimal price;
        if (input.UnitPrice is { } sentUnit)
        {
            unitPrice = sentUnit;
            price = input.Price ?? Round6(sentUnit * keep);
        }
        else if (input.Price is { } sentPrice)
        {
            price = sentPrice;
            unitPrice = keep == 0 ? sentPrice : Round6(sentPrice / keep);
        }
        else if (input.LineTotal is { } sentTotal && quantity != 0)
        {
            price = Round6(sentTotal / quantity);
            unitPrice = keep == 0 ? price : Round6(price / keep);
        }
        else
        {
            unitPrice = listPrice;
            price = Round6(listPrice * keep);
        }

        var net = input.LineTotal is { } total ? Round2(total) : Round2(quantity * price);
        var tax = input.TaxTotal is { } sentTax ? Round2(sentTax) : Round2(net * rate);
        return new PricedLine(unitPrice, price, Round6(price * (1m + rate)), discount, net, tax, net + tax);
    }

    /// <summary>
    /// An additional expense: net <c>LineTotal</c>, or gross <c>LineGross</c> (then LineTotal = round2(gross / (1 + rate))
    /// and TaxSum = gross − LineTotal), or an explicit <c>TaxSum</c>.
    /// </summary>
    public static (decimal LineTotal, decimal TaxSum, decimal LineGross) Expense(decimal? lineTotal, decimal? lineGross, decimal? taxSum, decimal ratePercent)
    {
        var rate = ratePercent / 100m;
        if (lineGross is { } gross && lineTotal is null)
        {
            var grossRounded = Round2(gross);
            var tax = taxSum is { } t ? Round2(t) : grossRounded - Round2(grossRounded / (1m + rate));
            return (grossRounded - tax, tax, grossRounded);
        }

        var net = Round2(lineTotal ?? 0m);
        var sum = taxSum is { } s ? Round2(s) : Round2(net * rate);
        return (net, sum, net + sum);
    }
}

using System.Globalization;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Validation;

/// <summary>One row as SAP will price it: net amount sent or computed, and the tax SAP will book for it.</summary>
public sealed record PricedRow(string Label, decimal Net, decimal Tax);

/// <summary>
/// Whether a document's rows add up to what the customer paid. SAP rounds net and tax per row to the cent (half away
/// from zero); channels round differently (Magento's "calculate on total" spreads a cent across rows,
/// channels.md §5.4), so a difference of up to <c>tolerancePerRow</c> per row is rounding and anything larger means
/// the document would not reconcile with the channel and must not post.
/// </summary>
public static class DocumentTotals
{
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>SAP's tax for a net row at <paramref name="ratePercent"/>.</summary>
    public static decimal SapTax(decimal net, decimal ratePercent) => Round2(net * ratePercent / 100m);

    /// <summary>Null when the rows reconcile with <paramref name="expectedTotal"/> within tolerance.</summary>
    public static ExceptionDetails? Reconcile(IReadOnlyCollection<PricedRow> rows, decimal expectedTotal, decimal tolerancePerRow, string context)
    {
        var total = rows.Sum(r => r.Net + r.Tax);
        var difference = expectedTotal - total;
        var allowed = tolerancePerRow * Math.Max(1, rows.Count);
        if (Math.Abs(difference) <= allowed)
            return null;
        return ExceptionTypes.TotalsMismatch(
            $"{context}: the document comes to {Money(total)} (net {Money(rows.Sum(r => r.Net))} + tax {Money(rows.Sum(r => r.Tax))}) " +
            $"but the channel's total is {Money(expectedTotal)}; difference {Money(difference)}, more than the {Money(allowed)} rounding allowed for {rows.Count} rows.");
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Documents;

/// <summary>Turns a channel order into the SAP Sales Order it becomes, or says why it cannot.</summary>
public static class SalesOrderBuilder
{
    /// <param name="masterData">SAP's master data, for the currency rule (<see cref="DocumentCurrency"/>); without it the
    /// order's currency is sent as it is and SAP checks it.</param>
    /// <param name="newPartner">The partner is created by the engine just before (so it is in the local currency).</param>
    public static BuildResult Build(ChannelOrder order, OrderMapping mapping, string? cardCode = null, MasterDataSnapshot? masterData = null,
        bool newPartner = false)
    {
        if (order.Lines.IsEmpty)
            return Fail(ExceptionTypes.InvalidOrder($"Order {order.Key} has no lines."));
        foreach (var line in order.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Sku))
                return Fail(ExceptionTypes.InvalidOrder($"Order {order.Key} has a line without a SKU."));
            if (line.Quantity <= 0)
                return Fail(ExceptionTypes.InvalidOrder($"Order {order.Key}, SKU {line.Sku}: quantity {line.Quantity} is not positive."));
            if (!mapping.VatGroupsByRate.ContainsKey(line.TaxRate))
                return Fail(ExceptionTypes.UnmappedTax($"Order {order.Key}, SKU {line.Sku}: tax rate {line.TaxRate}% has no VAT group."));
        }

        int? transportation = null;
        if (!string.IsNullOrEmpty(order.ShippingMethod))
        {
            if (!mapping.ShippingTypes.TryGetValue(order.ShippingMethod, out var code))
                return Fail(ExceptionTypes.UnmappedShipping($"Order {order.Key}: shipping method '{order.ShippingMethod}' has no SAP shipping type."));
            transportation = code;
        }

        var card = cardCode ?? mapping.GuestCardCodes.GetValueOrDefault(order.Channel);
        if (card is null)
            return Fail(ExceptionTypes.InvalidOrder($"Order {order.Key}: no customer and no guest business partner configured for channel '{order.Channel}'."));

        // Never booked silently as local currency: a foreign order carries its DocCurrency, or does not go at all.
        var currency = DocumentCurrency.Decide(order.Currency, card, masterData, $"Order {order.Key}", newPartner);
        if (currency.Exception is not null)
            return Fail(currency.Exception);

        // The channel's own net and tax go to SAP line by line (LineTotal/TaxTotal, both writable), so SAP's DocTotal
        // is what the customer paid rather than SAP's own re-computation of the tax.
        var lines = order.Lines
            .Select(l => new SapDocumentLine(l.Sku, l.Quantity, l.UnitPrice, l.Warehouse ?? mapping.DefaultWarehouse, mapping.VatGroupsByRate[l.TaxRate],
                LineTotal: l.NetTotal, TaxTotal: Math.Round(l.TaxAmount, 2, MidpointRounding.AwayFromZero)))
            .ToImmutableList();

        ImmutableList<SapAdditionalExpense>? expenses = null;
        if (order.ShippingAmount != 0)
        {
            var shippingRate = Math.Round(order.ShippingTax / order.ShippingAmount * 100, 0);
            expenses = [new SapAdditionalExpense(mapping.FreightExpenseCode, order.ShippingAmount, mapping.VatGroupsByRate.GetValueOrDefault(shippingRate), order.ShippingTax)];
        }

        var (spread, rounding) = SpreadRounding(order, lines, expenses);
        var comments = $"{order.Channel} order {order.ExternalId} (ActorSync)" + rounding;

        var document = new SapDocument(
            CardCode: card,
            NumAtCard: order.Key.NumAtCard,
            DocDate: order.OrderDate.ToString("yyyy-MM-dd"),
            DocDueDate: order.OrderDate.AddDays(mapping.DueInDays).ToString("yyyy-MM-dd"),
            DocumentLines: spread,
            DocCurrency: currency.DocCurrency,
            TransportationCode: transportation,
            Comments: comments,
            DocumentAdditionalExpenses: expenses);
        var guest = card == mapping.GuestCardCodes.GetValueOrDefault(order.Channel);
        var partner = guest || newPartner ? null : masterData?.BusinessPartners.GetValueOrDefault(card);
        return new BuildResult(DocumentAddresses.OnSalesOrder(document, order, guest, partner, masterData), null)
        {
            Destinations = DocumentAddresses.Destinations(order, guest, partner, masterData),
        };
    }

    private static BuildResult Fail(ExceptionDetails details) => new(null, details);

    /// <summary>
    /// When the channel's lines and shipping do not add up to what it charged (it rounded its total, not each line),
    /// the difference, cent by cent, goes onto the lines' tax from the largest line down, and the comment says so.
    /// Differences bigger than the allowed rounding never get here: the totals check parks the order first.
    /// </summary>
    private static (ImmutableList<SapDocumentLine> Lines, string Note) SpreadRounding(ChannelOrder order, ImmutableList<SapDocumentLine> lines,
        ImmutableList<SapAdditionalExpense>? expenses)
    {
        // Stryker disable once Linq : equivalent, an order has at most one expense (its freight), whose sum is its maximum
        var freight = expenses?.Sum(e => e.LineTotal + (e.TaxSum ?? 0)) ?? 0;
        var sent = lines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + freight;
        var difference = order.TotalPaid - sent;
        if (difference == 0 || lines.IsEmpty) return (lines, "");
        var cents = (int)Math.Round(Math.Abs(difference) * 100);
        var step = Math.Sign(difference) * 0.01m;
        var largestFirst = lines.Select((l, i) => (l, i)).OrderByDescending(x => x.l.LineTotal).Select(x => x.i).ToList();
        var builder = lines.ToBuilder();
        for (var c = 0; c < cents; c++)
        {
            var i = largestFirst[c % largestFirst.Count];
            builder[i] = builder[i] with { TaxTotal = builder[i].TaxTotal + step };
        }
        return (builder.ToImmutable(), $"; rounding {difference:+0.00;-0.00} spread over line tax to match the channel's total {order.TotalPaid:0.00}");
    }
}

/// <summary>Either the document or the exception that keeps it from SAP.</summary>
public sealed record BuildResult(SapDocument? Document, ExceptionDetails? Exception)
{
    /// <summary>Where deliveries to the order's further shipping addresses go (an order shipping to several).</summary>
    public ImmutableList<DeliveryDestination>? Destinations { get; init; }
}

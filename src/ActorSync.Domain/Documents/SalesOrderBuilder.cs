using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Documents;

/// <summary>Turns a channel order into the SAP Sales Order it becomes, or says why it cannot.</summary>
public static class SalesOrderBuilder
{
    public static BuildResult Build(ChannelOrder order, OrderMapping mapping, string? cardCode = null)
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

        var lines = order.Lines
            .Select(l => new SapDocumentLine(l.Sku, l.Quantity, l.UnitPrice, l.Warehouse ?? mapping.DefaultWarehouse, mapping.VatGroupsByRate[l.TaxRate]))
            .ToImmutableList();

        ImmutableList<SapAdditionalExpense>? expenses = null;
        if (order.ShippingAmount != 0)
        {
            var shippingRate = order.ShippingAmount == 0 ? 0 : Math.Round(order.ShippingTax / order.ShippingAmount * 100, 0);
            expenses = [new SapAdditionalExpense(mapping.FreightExpenseCode, order.ShippingAmount, mapping.VatGroupsByRate.GetValueOrDefault(shippingRate))];
        }

        return new BuildResult(new SapDocument(
            CardCode: card,
            NumAtCard: order.Key.NumAtCard,
            DocDate: order.OrderDate.ToString("yyyy-MM-dd"),
            DocDueDate: order.OrderDate.AddDays(mapping.DueInDays).ToString("yyyy-MM-dd"),
            DocumentLines: lines,
            DocCurrency: null,
            TransportationCode: transportation,
            Comments: $"{order.Channel} order {order.ExternalId} (ActorSync)",
            DocumentAdditionalExpenses: expenses), null);
    }

    private static BuildResult Fail(ExceptionDetails details) => new(null, details);
}

/// <summary>Either the document or the exception that keeps it from SAP.</summary>
public sealed record BuildResult(SapDocument? Document, ExceptionDetails? Exception);

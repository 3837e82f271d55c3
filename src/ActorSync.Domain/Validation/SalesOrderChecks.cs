using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Validation;

/// <summary>
/// Everything that would stop a channel order's Sales Order in SAP, found before posting: unmapped tax rates and
/// shipping, unknown or inactive items, warehouses, VAT groups (with the wrong rate) and shipping types, and a
/// document total that would not equal what the customer paid, and the buyer's addresses (<see cref="AddressChecks"/>). Unlike <see cref="SalesOrderBuilder"/>, which stops
/// at the first problem, this lists them all, so one trip through the exception queue fixes the record.
/// </summary>
public static class SalesOrderChecks
{
    /// <param name="order">With line warehouses resolved (<see cref="MappingResolution.WithLineWarehouses"/>).</param>
    /// <param name="cardCode">The partner the order goes to, when known: its currency rule is checked.</param>
    /// <param name="newPartner">The engine creates that partner first (in the local currency).</param>
    public static ImmutableList<ExceptionDetails> Check(ChannelOrder order, OrderMapping mapping, MasterDataSnapshot? snapshot,
        string? cardCode = null, bool newPartner = false)
    {
        var problems = ImmutableList.CreateBuilder<ExceptionDetails>();
        var context = $"Order {order.Key}";
        Add(problems, DocumentCurrency.Decide(order.Currency, cardCode, snapshot, context, newPartner).Exception);
        var rows = new List<PricedRow>();
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var rowContext = $"{context}, line {i + 1} ({line.Sku})";
            var (group, unmapped) = MappingResolution.ResolveVatGroup(mapping, line.TaxRate, rowContext);
            Add(problems, unmapped);
            var warehouse = line.Warehouse ?? mapping.DefaultWarehouse;
            if (snapshot is not null)
            {
                Add(problems, MasterDataChecks.Item(snapshot, line.Sku, rowContext));
                Add(problems, MasterDataChecks.Warehouse(snapshot, warehouse, rowContext));
                if (group is not null)
                    Add(problems, MasterDataChecks.VatGroup(snapshot, group, line.TaxRate, rowContext));
            }

            // What SAP will book: the builder passes the channel's own net and tax through (LineTotal/TaxTotal).
            // A VAT group whose rate differs from the channel's is reported above; here only the sums matter.
            rows.Add(new PricedRow(line.Sku, line.NetTotal, DocumentTotals.Round2(line.TaxAmount)));
        }

        if (!string.IsNullOrEmpty(order.ShippingMethod))
        {
            if (!mapping.ShippingTypes.TryGetValue(order.ShippingMethod, out var code))
                problems.Add(ExceptionTypes.UnmappedShipping($"{context}: shipping method '{order.ShippingMethod}' has no Mapping:ShippingTypes:{order.ShippingMethod}."));
            else if (snapshot is not null)
                Add(problems, MasterDataChecks.ShippingType(snapshot, code, context));
        }

        if (order.ShippingAmount != 0)
        {
            // The builder picks the freight VAT group by the shipping rate rounded to a whole percent; mirror it.
            var shippingGroup = mapping.VatGroupsByRate.GetValueOrDefault(Math.Round(order.ShippingTax / order.ShippingAmount * 100, 0));
            if (order.ShippingTax != 0 && shippingGroup is null)
            {
                var rate = order.ShippingTax / order.ShippingAmount * 100m;
                problems.Add(ExceptionTypes.UnmappedTax(
                    $"{context}: shipping is taxed at {rate.ToString("0.##", CultureInfo.InvariantCulture)} % ({DocumentTotals.Money(order.ShippingTax)} on {DocumentTotals.Money(order.ShippingAmount)}), " +
                    "which maps to no VAT group; SAP would apply the freight expense's default group."));
            }

            // The freight expense carries the channel's shipping tax (TaxSum), like the lines.
            rows.Add(new PricedRow("shipping", order.ShippingAmount, order.ShippingTax));
        }

        Add(problems, DocumentTotals.Reconcile(rows, order.TotalPaid, mapping.TotalsTolerancePerLine, context));
        var guest = cardCode is not null && cardCode == mapping.GuestCardCodes.GetValueOrDefault(order.Channel);
        foreach (var problem in AddressChecks.Check(order, snapshot, guest, newPartner))
            Add(problems, problem);
        return problems.ToImmutable();
    }

    private static void Add(ImmutableList<ExceptionDetails>.Builder list, ExceptionDetails? exception)
    {
        if (exception is not null && !list.Contains(exception))
            list.Add(exception);
    }
}

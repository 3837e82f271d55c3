using System.Collections.Immutable;
using ActorSync.Domain.Documents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// The amounts an order's invoices and credit notes carry, decided by the engine rather than by SAP's re-computation,
/// so that the engine knows each document's total before SAP answers and can pay it exactly:
/// <list type="bullet">
/// <item>An invoice row is its share of the sales order row (net and tax, the channel's own), pro rata by quantity and
///   rounded half away from zero to the cent; the dispatch that completes a row takes what is left of it. The first
///   dispatch's invoice carries the order's shipping (as Magento invoices shipping with the first invoice). So the
///   invoices of a fully dispatched order add up, to the cent, to the sales order's total: what the customer paid.</item>
/// <item>A credit note row carries what the channel refunded for it (gross, split into net and tax at the row's rate),
///   shared over the invoice rows it credits the same way; refunded shipping carries its tax. So the credit note's
///   total is exactly what the customer got back.</item>
/// </list>
/// Pure functions of the journaled state: a re-send builds the same amounts.
/// </summary>
public static class CopyAmounts
{
    /// <summary>One copied row's net and tax.</summary>
    public sealed record RowAmount(decimal LineTotal, decimal TaxTotal)
    {
        public decimal Gross => LineTotal + TaxTotal;
    }

    /// <summary>An invoice's rows (in its allocation's order), the shipping it carries, and its total.</summary>
    public sealed record InvoiceAmounts(ImmutableList<RowAmount> Rows, SapAdditionalExpense? Shipping)
    {
        public decimal Total => Rows.Sum(r => r.Gross) + (Shipping is { } s ? s.LineTotal + (s.TaxSum ?? 0) : 0);
    }

    public static InvoiceAmounts Invoice(OrderState state, string dispatchId)
    {
        var document = state.Document ?? throw new InvalidOperationException($"Order {state.OrderId} has no sales order to invoice.");
        var taken = new Dictionary<int, decimal>();
        var shared = new Dictionary<int, RowAmount>();
        foreach (var recorded in state.Dispatches)
        {
            var rows = ImmutableList.CreateBuilder<RowAmount>();
            foreach (var a in recorded.Allocation)
            {
                var row = document.DocumentLines[a.OrderLine];
                var (net, tax) = (row.LineTotal ?? Money(row.Quantity * row.UnitPrice), row.TaxTotal ?? 0m);
                var before = shared.GetValueOrDefault(a.OrderLine) ?? new RowAmount(0, 0);
                taken[a.OrderLine] = taken.GetValueOrDefault(a.OrderLine) + a.Quantity;
                var share = taken[a.OrderLine] >= row.Quantity
                    ? new RowAmount(net - before.LineTotal, tax - before.TaxTotal)
                    : new RowAmount(Money(net * a.Quantity / row.Quantity), Money(tax * a.Quantity / row.Quantity));
                shared[a.OrderLine] = new RowAmount(before.LineTotal + share.LineTotal, before.TaxTotal + share.TaxTotal);
                rows.Add(share);
            }
            if (recorded.Dispatch.DispatchId == dispatchId)
                // Stryker disable once Linq : equivalent, the order's expenses are null or hold its one freight row, never an empty list
                return new InvoiceAmounts(rows.ToImmutable(), ReferenceEquals(recorded, state.Dispatches[0]) ? document.DocumentAdditionalExpenses?.FirstOrDefault() : null);
        }
        throw new InvalidOperationException($"Order {state.OrderId} has no dispatch {dispatchId}.");
    }

    /// <summary>
    /// A credit note's rows for its allocation (as <see cref="FulfilmentDecisions.AllocateCredit"/> made it, refund line
    /// by refund line): each refund line's gross amount shared over its allocations by quantity, the last taking the
    /// rest. Null for a row whose refund line names no amount (SAP then prices it from the invoice).
    /// </summary>
    public static ImmutableList<RowAmount?> Credit(OrderState state, RefundRequest refund, ImmutableList<CreditAllocation> allocation)
    {
        var result = ImmutableList.CreateBuilder<RowAmount?>();
        var next = 0;
        foreach (var line in refund.Lines)
        {
            var left = line.Quantity;
            var grossLeft = line.Amount;
            while (left > 0 && next < allocation.Count)
            {
                var a = allocation[next++];
                left -= a.Quantity;
                if (line.Amount <= 0)
                {
                    result.Add(null);
                    continue;
                }
                var gross = left <= 0 ? grossLeft : Money(line.Amount * a.Quantity / line.Quantity);
                grossLeft -= gross;
                var rate = RateOf(state, a);
                var net = Money(gross / (1 + rate));
                result.Add(new RowAmount(net, gross - net));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>The tax rate of the order line an invoice row was copied from.</summary>
    private static decimal RateOf(OrderState state, CreditAllocation a)
    {
        // Stryker disable once Linq : equivalent, the dispatch a credit allocation names is always there (the jobs and their references are planned together); a missing one throws either way
        var dispatch = state.Dispatches.Single(d => d.Dispatch.DispatchId == a.DispatchId);
        var orderLine = dispatch.Allocation[a.InvoiceLine].OrderLine;
        // Stryker disable once Equality : equivalent, the sales order has one row per order line (SalesOrderBuilder), so the row index never reaches the count
        return state.Order is { } order && orderLine < order.Lines.Count ? order.Lines[orderLine].TaxRate / 100m : 0m;
    }

    public static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

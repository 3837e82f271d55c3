using ActorSync.Domain.Payments;
using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Boundary;
using System.Globalization;
using ActorSync.Channels;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Validation;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Cli.Map;

/// <summary>
/// The flows, run without SAP: the same builders and checks the engine uses, so what is printed is what would be
/// posted (or parked in the exception queue).
/// </summary>
public static class DryRuns
{
    /// <summary>
    /// An address seen before its order is whole: how it would go to SAP (state and country as SAP's codes, the
    /// printable text) and what the engine's address check would park (<see cref="AddressChecks"/>).
    /// </summary>
    public static void Address(MapEntry entry, string role, PostalAddress address, MapContext context, string what, string? buyerName = null)
    {
        var sap = DocumentAddresses.ToSap(address, context.MasterData);
        entry.Addresses.Add(new AddressForSap(role, sap, DocumentAddresses.Printable(address, sap, buyerName)));
        if (AddressChecks.Problems(address, context.MasterData) is { Count: > 0 } problems)
            entry.Exceptions.Add(ExceptionTypes.InvalidAddress($"{what} ({AddressChecks.Describe(address)}): {string.Join("; ", problems)}."));
    }

    /// <summary>
    /// A channel order: line warehouses from the mapping, the business partner, the Sales Order that
    /// <see cref="SalesOrderBuilder"/> builds, then every check (<see cref="SalesOrderChecks"/>) and the channel's own
    /// totals. A held order still shows the document it will become; a cancelled or ignored one shows none.
    /// </summary>
    public static void Order(MapReport report, ParsedChannelOrder parsed, MapContext context)
    {
        var order = parsed.Order;
        var entry = report.Add($"{order.Channel} order {order.ExternalId}");
        entry.Readiness = parsed.Readiness;
        entry.Totals = parsed.Totals;
        entry.Notes.AddRange(parsed.Notes);
        if (parsed.PaymentMethod is not null)
            entry.Notes.Add($"Payment method '{parsed.PaymentMethod}' (used when the order is invoiced and paid; a sales order carries no payment).");

        if (parsed.Readiness.Action == OrderAction.Cancel)
        {
            entry.Parsed = new OrderCancellation(order.Channel, order.ExternalId, parsed.Readiness.Reason);
            entry.Outcome = $"An OrderCancellation: the sales order {order.Key.NumAtCard} is closed in SAP if it was posted, and never posted otherwise.";
            return;
        }

        if (parsed.Readiness.Action == OrderAction.Ignore)
        {
            entry.Parsed = order;
            entry.Outcome = "Nothing for SAP.";
            return;
        }

        var (withWarehouses, warehouseProblem) = MappingResolution.WithLineWarehouses(order, context.Mapping);
        entry.Parsed = withWarehouses;
        // The engine's own door (SyncEngine and the ops API) would refuse the record before any of the checks below.
        if (RecordChecks.Check(order) is { Count: > 0 } refused)
            entry.Exceptions.Add(ExceptionTypes.InvalidOrder("The engine would refuse this order at its door: " + string.Join("; ", refused.Select(p => $"{p.Path} {p.Problem}"))));
        if (warehouseProblem is not null)
            entry.Exceptions.Add(warehouseProblem);
        if (parsed.Totals.Check($"Order {order.Key}", order.Lines.Count + (order.ShippingAmount != 0 ? 1 : 0), context.Mapping.TotalsTolerancePerLine) is { } channelTotals)
            entry.Exceptions.Add(channelTotals);
        if (parsed.Totals.RoundingDifference != 0)
            entry.Notes.Add($"The channel's figures leave a difference of {parsed.Totals.RoundingDifference.ToString("0.00", CultureInfo.InvariantCulture)} against its grand total.");

        var customer = MappingResolution.ResolveCustomer(order.Customer, order.Channel, context.Mapping, context.MasterData);
        entry.Notes.Add($"Customer: {customer.How}.");
        if (customer.Exception is not null)
            entry.Exceptions.Add(customer.Exception);

        var channelTotalsFail = entry.Exceptions.Any(e => e.Type == "totals-mismatch");
        foreach (var problem in SalesOrderChecks.Check(withWarehouses, context.Mapping, context.MasterData, customer.CardCode))
        {
            // When the channel's own figures do not add up, SAP's view of the same rows says nothing new.
            if (channelTotalsFail && problem.Type == "totals-mismatch")
                continue;
            if (!entry.Exceptions.Contains(problem))
                entry.Exceptions.Add(problem);
        }

        var built = SalesOrderBuilder.Build(withWarehouses, context.Mapping, customer.CardCodeOrPlaceholder, context.MasterData);
        if (built.Document is not null)
        {
            entry.Documents.Add(new SapPosting(SapEntitySets.Orders, built.Document, order.Key.NumAtCard));
            Payments(entry, withWarehouses, built.Document, context);
        }
        else if (built.Exception is { } stop && !entry.Exceptions.Any(e => e.Type == stop.Type))
        {
            entry.Exceptions.Add(stop);
        }

        if (withWarehouses.Currency is { Length: > 0 } currency)
            entry.Notes.Add(context.MasterData?.LocalCurrency is { Length: > 0 } local
                ? $"Order currency {currency}, local currency {local}: checked against SAP's currencies and the partner's currency rule."
                : $"Order currency {currency}: no local currency in the master data, so it is not checked here; it is sent as DocCurrency and SAP checks it.");
        entry.Outcome = entry.Exceptions.Count > 0
            ? "Parked in the exception queue with the reasons below; nothing is posted."
            : parsed.Readiness.Action == OrderAction.Hold
                ? $"Held until the channel moves it on ({parsed.Readiness.Reason}); then the Sales Order below is posted."
                : $"The Sales Order below is posted once, keyed by NumAtCard {order.Key.NumAtCard}.";
    }

    /// <summary>
    /// The payment documents the order's money becomes, shown as if the order were dispatched in one go: the incoming
    /// payment of that invoice (its DocEntry is filled in when the invoice posts), or why there is none yet.
    /// </summary>
    private static void Payments(MapEntry entry, ChannelOrder order, SapDocument document, MapContext context)
    {
        if (order.Payments is not { Count: > 0 } payments)
        {
            entry.Notes.Add("The order says nothing of its payment: its invoices are left open for finance.");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var id = order.Key.EntityId;
        var validated = OrderState.Empty(id)
            .ProcessEvent(new OrderEvents.OrderReceived(id, order, order.Fingerprint(), now))
            .ProcessEvent(new OrderEvents.OrderValidated(id, document, now));
        var state = validated.PlanDownPayments(context.Mapping, now).Aggregate(validated, (s, e) => s.ProcessEvent(e))
            .ProcessEvent(new OrderEvents.OrderPosted(id, 0, 0, false, now));
        var lines = order.Lines.GroupBy(l => l.Sku).Select(g => new DispatchLine(g.Key, g.Sum(l => l.Quantity))).ToImmutableList();
        var dispatch = state.ProcessCommand(new OrderCommands.RecordDispatch(id, new DispatchConfirmation(order.Channel, order.ExternalId, "ALL", lines, order.OrderDate)),
            now, mapping: context.Mapping);
        state = dispatch.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));
        foreach (var payment in payments)
            entry.Notes.Add($"Payment: {payment.Method} {payment.Amount.ToString("0.00", CultureInfo.InvariantCulture)}, {payment.State}{(payment.Reference is null ? "" : $", reference {payment.Reference}")}.");
        foreach (var job in state.Jobs.Where(j => j.Kind == JobKind.DownPayment))
        {
            var work = state.DownPaymentWork(job);
            entry.Documents.Add(new SapPosting(work.Path, work.Body!, work.LookUp.Value));
        }
        foreach (var draw in state.Draws("ALL"))
            entry.Notes.Add($"Its invoice draws {draw.GrossAmountToDraw.ToString("0.00", CultureInfo.InvariantCulture)} from the down payment (DownPaymentsToDraw) and asks only for the rest.");
        foreach (var job in state.Jobs.Where(j => j.IsPayment()))
        {
            if (job.Exception is { } parked)
            {
                entry.Notes.Add($"Its payment would park for {parked.Team}, the order going on: {parked.Reason}");
                continue;
            }
            var work = state.PaymentWork(job);
            entry.Documents.Add(new SapPosting(work.Path, work.Body!, work.LookUp.Value));
        }
        if (!state.Jobs.Any(j => j.IsPayment()))
            entry.Notes.Add("No payment until the money is reported (POST /api/payments): the method is collected later or the channel has not captured it; the invoice stays open meanwhile.");
        else
            entry.Notes.Add(state.DownPayments().IsEmpty
                ? "Payments shown as if the order were dispatched at once: each invoice gets an incoming payment of its share, PaymentInvoices' DocEntry filled in when it posts."
                : "Mapping:CapturedBeforeInvoice is DownPayment: what was captured becomes an A/R down payment invoice, paid at once after the sales order (InvoiceType it_DownPayment); invoices draw it as they post.");
    }

    public static void Pos(MapReport report, ParsedPosTransaction parsed, MapContext context)
    {
        var tx = parsed.Transaction;
        var kind = tx.Kind == PosTransactionKind.Sale ? "sale" : "return";
        var entry = report.Add($"{tx.Channel} POS {kind} {tx.ExternalId}");
        entry.Readiness = parsed.Readiness;
        entry.Parsed = tx;
        entry.Totals = parsed.Totals;
        entry.Notes.AddRange(parsed.Notes);
        if (parsed.Readiness.Action is OrderAction.Cancel or OrderAction.Ignore)
        {
            entry.Outcome = parsed.Readiness.Action == OrderAction.Cancel ? "Cancelled at the till: nothing is posted." : "Nothing for SAP.";
            return;
        }

        var plan = PosDocumentBuilder.Build(tx, context.Mapping, context.MasterData);
        entry.Documents.AddRange(plan.Postings);
        entry.Exceptions.AddRange(plan.Exceptions);
        entry.Notes.AddRange(plan.Notes);
        entry.Outcome = plan.Exceptions.Count > 0
            ? "Parked in the exception queue with the reasons below; nothing is posted."
            : tx.Kind == PosTransactionKind.Sale
                ? "An A/R invoice (no base document) and the incoming payment(s) settling it."
                : "An A/R credit note and the refund payment(s) settling it.";
    }

    public static void Warehouse(MapReport report, IReadOnlyList<WarehouseMovement> movements, IReadOnlyList<string> skipped, MapContext context, string source)
    {
        var entry = report.Add($"{source}: {movements.Count} warehouse movement(s)");
        entry.Parsed = movements;
        entry.Notes.AddRange(skipped);
        var plan = WarehouseDocumentCoalescer.Coalesce(movements, context.Mapping, context.Window, context.MasterData);
        foreach (var document in plan.Documents)
        {
            entry.Documents.Add(document.Posting);
            entry.Notes.Add($"{document.Posting.EntitySet} {document.Posting.Key} (window from {document.WindowStart:yyyy-MM-dd HH:mm}Z): {string.Join(", ", document.MovementKeys)}.");
        }

        foreach (var rejected in plan.Rejected)
            entry.Exceptions.AddRange(rejected.Exceptions);
        entry.Notes.AddRange(plan.Notes);
        entry.Outcome = $"{plan.Documents.Count} document(s), one per SAP warehouse (per pair for transfers) and {FormatWindow(context.Window)} window; "
                        + (plan.Rejected.IsEmpty ? "no movement rejected." : $"{plan.Rejected.Count} movement(s) parked in the exception queue, the rest still post.");
    }

    public static string FormatWindow(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes) ? $"{window.TotalMinutes:0}-minute" : $"{window}";

    /// <summary>Product lists: SAP masters items; with master data, the SKUs SAP does not know are named (no exception: nothing posts).</summary>
    public static void Products(MapReport report, IReadOnlyList<ChannelProduct> products, MapContext context, string channel)
    {
        var entry = report.Add($"{channel} products ({products.Count})");
        entry.Parsed = products;
        entry.Outcome = "Nothing for SAP: items and prices flow from SAP to the channel, never back.";
        if (context.MasterData is { } snapshot)
        {
            var unknown = products.Where(p => !snapshot.Items.ContainsKey(p.Sku)).Select(p => p.Sku).ToList();
            entry.Notes.Add(unknown.Count == 0
                ? "Every SKU is an SAP item."
                : $"Not SAP items (orders for them would raise unknown-sku): {string.Join(", ", unknown)}.");
        }
    }
}

using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// What happens to an order after its sales order: dispatches become deliveries then invoices, refunds become credit
/// notes, a cancellation cancels or closes the SAP order. Pure functions, like <see cref="OrderDecisions"/>.
/// </summary>
public static class FulfilmentDecisions
{
    /// <param name="channelTakesShipments">Whether the order's channel can be told about shipments (a publisher exists for it).</param>
    /// <param name="mapping">Finds the accounts of the payments the dispatch's invoice gets; without it they park for finance.</param>
    public static OrderDecision ProcessCommand(this OrderState state, OrderCommands.RecordDispatch cmd, DateTimeOffset now, bool channelTakesShipments = false,
        OrderMapping? mapping = null)
    {
        if (state.IsEmpty) return Reply(cmd.OrderId, CommandResultCode.NotFound, $"No order {cmd.OrderId}: a dispatch cannot be recorded before its order.");
        var dispatch = cmd.Dispatch;
        if (state.Dispatches.FirstOrDefault(d => d.Dispatch.DispatchId == dispatch.DispatchId) is { } known)
            return SameLines(known.Dispatch.Lines.Select(l => (l.Sku, l.Quantity)), dispatch.Lines.Select(l => (l.Sku, l.Quantity)))
                ? Reply(cmd.OrderId, CommandResultCode.Duplicate, $"Dispatch {dispatch.DispatchId} was already recorded; nothing to do.")
                : Reply(cmd.OrderId, CommandResultCode.Conflict, $"Dispatch {dispatch.DispatchId} was already recorded with other lines; the change was not applied.");
        if (state.Cancellation is not null || state.Status == OrderStatus.Cancelled)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Order {cmd.OrderId} was cancelled; dispatch {dispatch.DispatchId} was not recorded.");
        if (state.Status == OrderStatus.Quarantined)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Order {cmd.OrderId} is parked in the exception queue; fix and retry it before recording dispatches.");
        if (dispatch.Lines.IsEmpty)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Dispatch {dispatch.DispatchId} has no lines.");
        if (state.Document is null)
            return Reply(cmd.OrderId, CommandResultCode.Rejected,
                $"Order {cmd.OrderId} is still waiting for SAP's master data to be checked; dispatch {dispatch.DispatchId} was not recorded, send it again shortly.");

        var allocation = ImmutableList.CreateBuilder<DispatchAllocation>();
        var lines = state.Document!.DocumentLines;
        var taken = state.Dispatches.SelectMany(d => d.Allocation).GroupBy(a => a.OrderLine).ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));
        foreach (var line in dispatch.Lines)
        {
            if (line.Quantity <= 0)
                return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Dispatch {dispatch.DispatchId}, SKU {line.Sku}: quantity {line.Quantity} is not positive.");
            var left = line.Quantity;
            for (var i = 0; i < lines.Count && left > 0; i++)
            {
                if (lines[i].ItemCode != line.Sku) continue;
                var open = lines[i].Quantity - taken.GetValueOrDefault(i);
                if (open <= 0) continue;
                var take = Math.Min(open, left);
                allocation.Add(new DispatchAllocation(i, line.Sku, take));
                taken[i] = taken.GetValueOrDefault(i) + take;
                left -= take;
            }
            if (left > 0)
            {
                var ordered = lines.Where(l => l.ItemCode == line.Sku).Sum(l => l.Quantity);
                return Reply(cmd.OrderId, CommandResultCode.Rejected, ordered == 0
                    ? $"Dispatch {dispatch.DispatchId}: SKU {line.Sku} is not on order {cmd.OrderId}."
                    : $"Dispatch {dispatch.DispatchId}: SKU {line.Sku} would ship more than the {ordered} ordered.");
            }
        }

        var evt = new DispatchRecorded(cmd.OrderId, dispatch, allocation.ToImmutable(), now)
        {
            PublishToChannel = TrackingDecisions.NeedsPublishing(dispatch, channelTakesShipments),
        };
        // The invoice's payment is owed from the money captured so far (none until then for a pending method).
        var payments = state.ProcessEvent(evt).PlanIncoming(mapping, now);
        return new([evt, .. payments], new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted, "Dispatch recorded."), NextStep.PostNow);
    }

    /// <param name="mapping">Decides where a shipping-only refund is credited; without it such a refund parks.</param>
    public static OrderDecision ProcessCommand(this OrderState state, OrderCommands.RecordRefund cmd, DateTimeOffset now, OrderMapping? mapping = null)
    {
        if (state.IsEmpty) return Reply(cmd.OrderId, CommandResultCode.NotFound, $"No order {cmd.OrderId}: a refund cannot be recorded before its order.");
        var refund = cmd.Refund;
        if (state.Refunds.FirstOrDefault(r => r.RefundId == refund.RefundId) is { } known)
            return SameLines(known.Lines.Select(l => (l.Sku, l.Quantity)), refund.Lines.Select(l => (l.Sku, l.Quantity))) && known.ShippingRefund == refund.ShippingRefund
                ? Reply(cmd.OrderId, CommandResultCode.Duplicate, $"Refund {refund.RefundId} was already recorded; nothing to do.")
                : Reply(cmd.OrderId, CommandResultCode.Conflict, $"Refund {refund.RefundId} was already recorded with other lines; the change was not applied.");
        if (refund.Lines.IsEmpty && refund.ShippingRefund <= 0)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Refund {refund.RefundId} refunds nothing.");
        foreach (var line in refund.Lines)
            if (line.Quantity <= 0)
                return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Refund {refund.RefundId}, SKU {line.Sku}: quantity {line.Quantity} is not positive.");

        // The money already went back to the customer in the channel: record it even when SAP has nothing to credit,
        // and park it for finance, rather than refuse and lose sight of it.
        ExceptionDetails? parked = null;
        foreach (var sku in refund.Lines.Select(l => l.Sku).Distinct())
        {
            var dispatched = state.Dispatches.SelectMany(d => d.Allocation).Where(a => a.Sku == sku).Sum(a => a.Quantity);
            var refunded = state.Refunds.SelectMany(r => r.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            var asked = refund.Lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
            if (asked > dispatched - refunded)
            {
                parked = ExceptionTypes.RefundNotInvoiced(refund.RefundId, sku, asked, dispatched - refunded);
                break;
            }
        }
        if (refund.Lines.IsEmpty)
            (refund, parked) = PlanShippingCredit(state, refund, mapping);
        var evt = new RefundRecorded(cmd.OrderId, refund, parked, now);
        // The credit note is settled by paying back what the channel refunded (when the order says how it was paid).
        var payment = state.ProcessEvent(evt).PlanRefund(refund, mapping, now);
        return new([evt, .. payment], new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted,
            parked is null ? "Refund recorded." : $"Refund recorded and parked: {parked.Reason}"), parked is null ? NextStep.PostNow : NextStep.None);
    }

    public static OrderDecision ProcessCommand(this OrderState state, OrderCommands.CancelOrder cmd, DateTimeOffset now)
    {
        if (state.IsEmpty) return Reply(cmd.OrderId, CommandResultCode.NotFound, $"No order {cmd.OrderId}.");
        if (state.Cancellation is not null || state.Status == OrderStatus.Cancelled)
            return Reply(cmd.OrderId, CommandResultCode.Duplicate, $"Order {cmd.OrderId} was already cancelled; nothing to do.");
        var ordered = state.Document?.DocumentLines.Sum(l => l.Quantity) ?? 0;
        var dispatched = state.Dispatches.SelectMany(d => d.Allocation).Sum(a => a.Quantity);
        if (state.Document is not null && dispatched >= ordered)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Order {cmd.OrderId} was dispatched in full; refund it instead of cancelling.");

        var accepted = new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted, "Cancellation recorded.");
        return state.Status switch
        {
            // Never reached SAP: nothing to undo.
            OrderStatus.Quarantined or OrderStatus.Received =>
                new([new CancellationRecorded(cmd.OrderId, cmd.Cancellation, null, now), new OrderCancelled(cmd.OrderId, now)], accepted, NextStep.None),
            // A post may be in flight: the outcome (or a look-up) decides between cancelling in SAP and nothing.
            OrderStatus.Validated =>
                new([new CancellationRecorded(cmd.OrderId, cmd.Cancellation, JobKind.CancelOrder, now)], accepted, NextStep.LookUpNow),
            // SAP refuses to cancel an order once rows were copied to a delivery; closing releases what is left.
            _ => new([new CancellationRecorded(cmd.OrderId, cmd.Cancellation, dispatched > 0 ? JobKind.CloseOrder : JobKind.CancelOrder, now)],
                accepted, NextStep.PostNow),
        };
    }

    /// <summary>
    /// Lets a parked job try again; documents are looked up first in case an earlier send did land. A shipping-only
    /// refund parked for want of a mapping is planned again with the mapping in force now.
    /// </summary>
    public static OrderDecision ReleaseJob(this OrderState state, SapJob job, OrderMapping mapping, DateTimeOffset now)
    {
        if (job.IsPayment()) return state.ReleasePayment(job, mapping, now);
        var released = new JobReleased(state.OrderId, job.Key, now);
        var accepted = new OrderCommandResult(state.OrderId, CommandResultCode.Accepted, $"Released {job.Key} for another attempt.");
        // Stryker disable once Linq : equivalent, the refund a credit note job names is always there (the jobs and their references are planned together); a missing one throws either way
        if (job.Kind == JobKind.CreditNote && state.Refunds.Single(r => r.RefundId == job.Reference) is { Lines.IsEmpty: true, ShippingCredit: null } refund)
        {
            var (planned, problem) = PlanShippingCredit(state, refund, mapping);
            return problem is not null
                ? new([], new OrderCommandResult(state.OrderId, CommandResultCode.Rejected, $"Still failing: {problem.Reason}"), NextStep.None)
                : new([new ShippingCreditPlanned(state.OrderId, refund.RefundId, planned.ShippingCredit!, now), released], accepted, NextStep.LookUpNow);
        }
        return new([released], accepted, job.Request() == RequestKind.Action ? NextStep.PostNow : NextStep.LookUpNow);
    }

    /// <summary>SAP's answer to the next job, judged by the rules every flow shares (<see cref="PostingJobs.Judge{TJob}"/>).</summary>
    public static OrderDecision ProcessJobOutcome(this OrderState state, SapJob job, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter) =>
        OrderDecision.Of(PostingJobs.Judge(job, outcome, policy, now, jitter, job.Request()).Decide(job.Key, new OrderJobEvents(state, now)));

    public static OrderDecision ProcessJobLookup(this OrderState state, SapJob job, LookupOutcome outcome, DateTimeOffset now) =>
        OrderDecision.Of(PostingJobs.Judge(outcome, job.Request()).Decide(job.Key, new OrderJobEvents(state, now)));

    /// <summary>
    /// The request for the order's current piece of work: the sales order while it is not in SAP, then each job.
    /// Null when there is nothing to send (or the next job cannot be built yet, which parks it).
    /// </summary>
    public static WorkItem? CurrentWork(this OrderState state)
    {
        var document = state.Document;
        if (document is null) return null;
        if (state.Status == OrderStatus.Validated && state.CustomerToCreate is { } customer)
            return new WorkItem("customer", RequestKind.MasterData, "BusinessPartners", customer, new LookUpKey("BusinessPartners", "CardCode", customer.CardCode));
        if (state.Status == OrderStatus.Validated)
            return Document("order", SapEntitySets.Orders, document, document.NumAtCard);
        if (state.NextJob is not { } job) return null;

        switch (job.Kind)
        {
            case JobKind.Delivery:
            {
                // Stryker disable once Linq : equivalent, the dispatch a delivery job names is always there (the jobs and their references are planned together); a missing one throws either way
                var dispatch = state.Dispatches.Single(d => d.Dispatch.DispatchId == job.Reference);
                var lines = StockPicking.DeliveryLines(state, job, dispatch);
                var numAtCard = $"{document.NumAtCard}/D{job.Reference}";
                // SAP copies the order's ship-to; a delivery to one of its further addresses says its own.
                var destination = DocumentAddresses.ForDelivery(state.Order, state.Destinations, dispatch.Allocation.Select(a => a.OrderLine));
                return Document(job.Key, SapEntitySets.DeliveryNotes,
                    new SapCopyDocument(document.CardCode, numAtCard, dispatch.Dispatch.Date.ToString("yyyy-MM-dd"), lines, Tracking(dispatch.Dispatch),
                        Address2: destination?.Address2, ShipToCode: destination?.ShipToCode, AddressExtension: destination?.AddressExtension), numAtCard);
            }
            case JobKind.Invoice:
            {
                // Stryker disable once Linq : equivalent, the dispatch an invoice job names is always there (the jobs and their references are planned together); a missing one throws either way
                var dispatch = state.Dispatches.Single(d => d.Dispatch.DispatchId == job.Reference);
                // Stryker disable once Linq : equivalent, the delivery of an invoiced dispatch is always there (the jobs and their references are planned together); a missing one throws either way
                var delivery = state.Jobs.Single(j => j.Key == SapJob.DeliveryKey(job.Reference));
                // SAP numbers a copy's lines 0..n-1 in the order they were sent, so invoice line i copies delivery line i.
                // Its amounts are the engine's (CopyAmounts), so its total is known before SAP answers and its payment is exact.
                var amounts = CopyAmounts.Invoice(state, job.Reference);
                var lines = dispatch.Allocation.Select((a, i) => new SapCopyLine(SapObjectTypes.Delivery, delivery.DocEntry!.Value, i, a.Quantity,
                    LineTotal: amounts.Rows[i].LineTotal, TaxTotal: amounts.Rows[i].TaxTotal)).ToImmutableList();
                var numAtCard = $"{document.NumAtCard}/I{job.Reference}";
                var draws = state.Draws(job.Reference);
                return Document(job.Key, SapEntitySets.Invoices,
                    new SapCopyDocument(document.CardCode, numAtCard, dispatch.Dispatch.Date.ToString("yyyy-MM-dd"), lines,
                        DocumentAdditionalExpenses: amounts.Shipping is { } shipping ? [shipping] : null,
                        DownPaymentsToDraw: draws.IsEmpty ? null : draws), numAtCard);
            }
            case JobKind.DownPayment:
                return state.DownPaymentWork(job);
            // Stryker disable once Linq : equivalent, the refund a credit note job names is always there (the jobs and their references are planned together); a missing one throws either way
            case JobKind.CreditNote when state.Refunds.Single(r => r.RefundId == job.Reference) is { ShippingCredit: { } credit } shippingOnly:
            {
                var numAtCard = $"{document.NumAtCard}/R{job.Reference}";
                return Document(job.Key, SapEntitySets.CreditNotes,
                    new SapServiceDocument(document.CardCode, numAtCard, shippingOnly.Date.ToString("yyyy-MM-dd"),
                        [new SapServiceLine($"Shipping refund {shippingOnly.RefundId} of {state.OrderId}", credit.AccountCode, credit.NetAmount, credit.VatGroup, credit.TaxAmount)],
                        $"Refund {shippingOnly.RefundId} of {state.OrderId} (shipping only)"), numAtCard);
            }
            case JobKind.CreditNote:
            {
                // Stryker disable once Linq : equivalent, the refund a credit note job names is always there (the jobs and their references are planned together); a missing one throws either way
                var refund = state.Refunds.Single(r => r.RefundId == job.Reference);
                // Stryker disable once NullCoalescing : equivalent, jobs run in order, so a credit note is built only once every invoice before it is done and its allocation is found
                var allocation = AllocateCredit(state, job.Reference) ?? [];
                var amounts = CopyAmounts.Credit(state, refund, allocation);
                // Stryker disable once Equality : equivalent, the credit note has one amount per allocated row (both walk the same allocation), so i never reaches the count
                var lines = StockPicking.CreditLines(state, allocation, refund.ReturnToStock)
                    .Select((l, i) => i < amounts.Count && amounts[i] is { } amount ? l with { LineTotal = amount.LineTotal, TaxTotal = amount.TaxTotal } : l)
                    .ToImmutableList();
                var numAtCard = $"{document.NumAtCard}/R{job.Reference}";
                return Document(job.Key, SapEntitySets.CreditNotes,
                    new SapCopyDocument(document.CardCode, numAtCard, refund.Date.ToString("yyyy-MM-dd"), lines,
                        $"Refund {refund.RefundId} of {state.OrderId}", ShippingRefund(state, refund)), numAtCard);
            }
            case JobKind.IncomingPayment or JobKind.RefundPayment:
                return state.PaymentWork(job);
            case JobKind.CancelOrder:
                return new WorkItem(job.Key, RequestKind.Action, $"{SapEntitySets.Orders}({state.DocEntry})/Cancel", null, PostingJobs.KeyFor(SapEntitySets.Orders, document.NumAtCard));
            case JobKind.CloseOrder:
                return new WorkItem(job.Key, RequestKind.Action, $"{SapEntitySets.Orders}({state.DocEntry})/Close", null, PostingJobs.KeyFor(SapEntitySets.Orders, document.NumAtCard));
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job.Kind, "Unknown job kind.");
        }
    }

    /// <summary>
    /// Which invoice lines a refund credits: the earliest invoiced quantity of each SKU not yet credited. Null when the
    /// invoices cannot cover it (the refund was recorded when more had been dispatched than is invoiced yet).
    /// </summary>
    public static ImmutableList<CreditAllocation>? AllocateCredit(OrderState state, string refundId)
    {
        // Stryker disable once Linq : equivalent, the refund a credit note job names is always there (the jobs and their references are planned together); a missing one throws either way
        var refund = state.Refunds.Single(r => r.RefundId == refundId);
        var used = state.Credited.GroupBy(c => (c.DispatchId, c.InvoiceLine)).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));
        var result = ImmutableList.CreateBuilder<CreditAllocation>();
        foreach (var line in refund.Lines)
        {
            var left = line.Quantity;
            foreach (var dispatch in state.Dispatches.Where(d => state.Jobs.Any(j => j.Key == SapJob.InvoiceKey(d.Dispatch.DispatchId) && j.Status == JobStatus.Done)))
            {
                for (var i = 0; i < dispatch.Allocation.Count && left > 0; i++)
                {
                    if (dispatch.Allocation[i].Sku != line.Sku) continue;
                    var key = (dispatch.Dispatch.DispatchId, i);
                    var open = dispatch.Allocation[i].Quantity - used.GetValueOrDefault(key);
                    if (open <= 0) continue;
                    var take = Math.Min(open, left);
                    result.Add(new CreditAllocation(dispatch.Dispatch.DispatchId, i, line.Sku, take));
                    used[key] = used.GetValueOrDefault(key) + take;
                    left -= take;
                }
            }
            if (left > 0) return null;
        }
        return result.ToImmutable();
    }

    private static ImmutableList<SapAdditionalExpense>? ShippingRefund(OrderState state, RefundRequest refund)
    {
        if (refund.ShippingRefund <= 0 || state.Order is not { } order) return null;
        // The channel refunds shipping gross; SAP's expense line is net, taxed at the rate the order's shipping carried.
        var rate = order.ShippingAmount == 0 ? 0 : order.ShippingTax / order.ShippingAmount;
        // Stryker disable once Linq : equivalent, the order's expenses are null or hold its one freight row, never an empty list
        var freight = state.Document!.DocumentAdditionalExpenses?.FirstOrDefault();
        var net = Math.Round(refund.ShippingRefund / (1 + rate), 2, MidpointRounding.AwayFromZero);
        // The tax is sent too, so net plus tax is exactly the shipping the customer got back.
        return [new SapAdditionalExpense(freight?.ExpenseCode ?? 1, net, freight?.VatGroup, refund.ShippingRefund - net)];
    }

    /// <summary>
    /// A refund of shipping alone has no row to copy from an invoice: it becomes one service row on the mapped account,
    /// taxed like the order's shipping, so net plus tax is exactly what the customer got back.
    /// </summary>
    private static (RefundRequest Refund, ExceptionDetails? Parked) PlanShippingCredit(OrderState state, RefundRequest refund, OrderMapping? mapping)
    {
        var context = $"Shipping refund {refund.RefundId} of {state.OrderId}";
        if (mapping?.ShippingRefundAccount is not { } account)
            return (refund, ExceptionTypes.UnmappedShippingRefund($"{context}: Mapping:Returns:ShippingRefundAccount is not set, so SAP has no account to credit it to."));
        var order = state.Order!;
        var rate = order.ShippingAmount == 0 ? 0 : order.ShippingTax / order.ShippingAmount;
        // Stryker disable once Linq : equivalent, the order's expenses are null or hold its one freight row, never an empty list
        var vatGroup = state.Document?.DocumentAdditionalExpenses?.FirstOrDefault()?.VatGroup;
        if (vatGroup is null)
        {
            // Stryker disable once Arithmetic : equivalent, validation parks an order whose shipping tax has no VAT group, so the freight row lacks one only when its tax, and so its rate, is 0
            (vatGroup, var problem) = MappingResolution.ResolveVatGroup(mapping, Math.Round(rate * 100, 2), context);
            if (problem is not null) return (refund, problem);
        }
        var net = Math.Round(refund.ShippingRefund / (1 + rate), 2, MidpointRounding.AwayFromZero);
        return (refund with { ShippingCredit = new ShippingCredit(account, vatGroup!, net, refund.ShippingRefund - net) }, null);
    }

    /// <summary>A document the order owes, found again by its <c>NumAtCard</c>.</summary>
    private static WorkItem Document(string key, string entitySet, object body, string numAtCard) =>
        new(key, RequestKind.Document, entitySet, body, PostingJobs.KeyFor(entitySet, numAtCard));

    private static string? Tracking(DispatchConfirmation dispatch) =>
        dispatch.TrackingNumber is null ? $"Dispatch {dispatch.DispatchId}" : $"Dispatch {dispatch.DispatchId}, {dispatch.Carrier} {dispatch.TrackingNumber}";

    /// <summary>What a job asks SAP to do: cancelling and closing act on the sales order, every other job creates a document.</summary>
    internal static RequestKind Request(this SapJob job) => job.Kind is JobKind.CancelOrder or JobKind.CloseOrder ? RequestKind.Action : RequestKind.Document;

    private static bool SameLines(IEnumerable<(string Sku, decimal Quantity)> a, IEnumerable<(string Sku, decimal Quantity)> b) =>
        a.OrderBy(x => x.Sku).ThenBy(x => x.Quantity).SequenceEqual(b.OrderBy(x => x.Sku).ThenBy(x => x.Quantity));

    private static OrderDecision Reply(string orderId, CommandResultCode code, string message) =>
        new([], new OrderCommandResult(orderId, code, message), NextStep.None);
}

/// <summary>The order's events for what happens to its jobs; jobs run strictly in order, so a parked one holds back the rest.</summary>
internal sealed record OrderJobEvents(OrderState State, DateTimeOffset At) : IJobEvents<IOrderEvent>
{
    /// <summary>A credit note's journaled completion says which invoice lines it credited, so the next refund takes others.</summary>
    public IOrderEvent Completed(string key, JobVerdict.Completed done)
    {
        // Stryker disable once Linq : equivalent, the job being judged is always there (the jobs and their references are planned together); a missing one throws either way
        var job = State.Jobs.Single(j => j.Key == key);
        // Stryker disable once NullCoalescing : equivalent, jobs run in order, so a credit note completes only once every invoice before it is done and its allocation is found
        var credited = job.Kind == JobKind.CreditNote ? FulfilmentDecisions.AllocateCredit(State, job.Reference) ?? [] : ImmutableList<CreditAllocation>.Empty;
        return new JobCompleted(State.OrderId, key, done.DocEntry, done.DocNum, credited, done.FoundByLookup, At);
    }

    public IOrderEvent Deferred(string key, JobVerdict.Deferred deferred) => new JobDeferred(State.OrderId, key, deferred.Reason, deferred.LockAttempts, At);
    public IOrderEvent Parked(string key, ExceptionDetails exception) => new JobParked(State.OrderId, key, exception, At);
    public IOrderEvent Picked(string key, ImmutableList<LinePick> picks) => new StockPicked(State.OrderId, key, picks, At);
    public IOrderEvent PickRefused(string key, string reason) => new StockPickRejected(State.OrderId, key, reason, At);
    public bool AnotherJobCanGo(IOrderEvent evt) => State.ProcessEvent(evt).NextJob is not null;
}

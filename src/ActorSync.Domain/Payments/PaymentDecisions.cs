using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Payments;

/// <summary>
/// A web order's money in SAP, as pure functions over the order's state:
/// <list type="bullet">
/// <item>Money the channel captured (at checkout, or reported later) pays the order's invoices in dispatch order, each
///   invoice taking what it still owes from the payments in the order they came (checkout first, then reports), so
///   every invoice gets an incoming payment for exactly its share and the shares add up to what was captured. An
///   invoice's total is known before SAP answers (<see cref="CopyAmounts"/>), so no share is ever rounded again.</item>
/// <item>What was captured but not invoiced yet stays where it is (the PSP's clearing account, outside SAP) until its
///   invoice posts: a payment on account would need a manual reconciliation to its invoice later. Or, with
///   <c>Mapping:CapturedBeforeInvoice DownPayment</c>, each captured payment becomes an A/R down payment invoice paid at
///   once after the sales order, and each invoice draws its share of them (dispatch order), asking only for the rest.</item>
/// <item>A pending method (cash on delivery, bank transfer, invoice later: <c>Capture: Reported</c>) pays nothing until
///   its payment is reported; a re-delivered order whose payment went from authorised or pending to captured counts as such a report.</item>
/// <item>A refund's credit note is settled by an outgoing payment of what the channel refunded, from the method's
///   account (or the account of the method the money went back to: store credit, a gift card).</item>
/// </list>
/// Every payment is planned once, journaled with its amounts, and found again in SAP by its <c>Remarks</c> before it is ever sent again.
/// </summary>
public static class PaymentDecisions
{
    /// <summary>The most SAP's <c>TransferReference</c> holds (the POS flow's payments use the same limit).</summary>
    private const int ReferenceLength = 27;

    /// <summary>Money in hand for the order's invoices, in the order it is spent.</summary>
    private sealed record Source(string Key, string Method, decimal Amount, string? Reference, DateOnly PaidOn);

    /// <summary>A reported payment: recorded once, then paid into SAP against what the invoices still owe.</summary>
    public static OrderDecision ProcessCommand(this OrderState state, PaymentCommands.RecordPayment cmd, OrderMapping? mapping, DateTimeOffset now)
    {
        if (state.IsEmpty) return Reply(cmd.OrderId, CommandResultCode.NotFound, $"No order {cmd.OrderId}: a payment cannot be recorded before its order.");
        var payment = cmd.Payment;
        if (state.ReportedPayments().FirstOrDefault(r => r.PaymentId == payment.PaymentId) is { } known)
            return known.Amount == payment.Amount && string.Equals(known.Method, payment.Method, StringComparison.OrdinalIgnoreCase)
                ? Reply(cmd.OrderId, CommandResultCode.Duplicate, $"Payment {payment.PaymentId} was already recorded; nothing to do.")
                : Reply(cmd.OrderId, CommandResultCode.Conflict, $"Payment {payment.PaymentId} was already recorded with another amount or method; the change was not applied.");
        if (payment.Amount <= 0)
            return Reply(cmd.OrderId, CommandResultCode.Rejected, $"Payment {payment.PaymentId}: amount {payment.Amount} is not positive.");

        var reported = new PaymentReported(cmd.OrderId, payment, now);
        var planned = state.ProcessEvent(reported).PlanIncoming(mapping, now);
        var message = planned.IsEmpty
            ? "Payment recorded; nothing invoiced is open yet, so it is paid into SAP as invoices post."
            : $"Payment recorded; {planned.Count} incoming payment(s) owed to SAP.";
        return new([reported, .. planned], new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted, message), planned.IsEmpty ? NextStep.None : NextStep.PostNow);
    }

    /// <summary>
    /// The same order delivered again: its payments are not part of its fingerprint, but a payment the channel now says
    /// is captured that was authorised or pending before is a payment report (the connector re-reads orders on every
    /// change). Null when nothing was captured since.
    /// </summary>
    public static OrderDecision? NewlyCaptured(this OrderState state, ChannelOrder again, OrderMapping? mapping, DateTimeOffset now)
    {
        if (state.Order?.Payments is not { } before || again.Payments is not { } after) return null;
        var events = ImmutableList.CreateBuilder<OrderEvents.IOrderEvent>();
        var current = state;
        for (var i = 0; i < Math.Min(before.Count, after.Count); i++)
        {
            var id = $"channel-capture-{i}";
            if (after[i].State != PaymentState.Captured || before[i].State == PaymentState.Captured || current.ReportedPayments().Any(r => r.PaymentId == id)
                || !string.Equals(before[i].Method, after[i].Method, StringComparison.OrdinalIgnoreCase))
                continue;
            var reported = new PaymentReported(state.OrderId,
                new PaymentReport(again.Channel, again.ExternalId, id, after[i].Method, after[i].Amount, DateOnly.FromDateTime(now.UtcDateTime), after[i].Reference), now);
            events.Add(reported);
            current = current.ProcessEvent(reported);
        }
        if (events.Count == 0) return null;
        var planned = current.PlanIncoming(mapping, now);
        return new(events.ToImmutable().AddRange(planned),
            new OrderCommandResult(state.OrderId, CommandResultCode.Accepted, "The channel now reports the payment captured; recorded."),
            planned.IsEmpty ? NextStep.None : NextStep.PostNow);
    }

    /// <summary>
    /// With <c>Mapping:CapturedBeforeInvoice DownPayment</c>, once the order is checked: an A/R down payment invoice per
    /// payment captured at checkout, each with the incoming payment that settles it. Planned once per order (a retried
    /// order is checked again but keeps what it planned); none in the default mode or when nothing was captured.
    /// </summary>
    public static ImmutableList<OrderEvents.IOrderEvent> PlanDownPayments(this OrderState state, OrderMapping mapping, DateTimeOffset now)
    {
        if (mapping.CapturedBeforeInvoice != CapturedBeforeInvoice.DownPayment || state.Document is null || !state.DownPayments().IsEmpty) return [];
        var events = ImmutableList.CreateBuilder<OrderEvents.IOrderEvent>();
        var current = state;
        foreach (var source in Sources(state, mapping).Where(s => s.Key.StartsWith("checkout:", StringComparison.Ordinal)))
        {
            var downPayment = new PlannedDownPayment(SapJob.DownPaymentKey(current.DownPayments().Count + 1), source.Key, source.Method, source.Amount, source.PaidOn);
            var planned = new DownPaymentPlanned(state.OrderId, downPayment, now);
            current = current.ProcessEvent(planned);
            var payment = Planned(current, mapping, new PlannedPayment(SapJob.PaymentKey(current.PlannedPayments().Count + 1), PaymentDirection.Incoming,
                downPayment.Key, source.Key, source.Method, source.Amount, source.Amount, source.PaidOn, source.PaidOn, Reference(source.Reference)), now);
            current = current.ProcessEvent(payment);
            events.Add(planned);
            events.Add(payment);
        }
        return events.ToImmutable();
    }

    /// <summary>
    /// What each invoice draws from the order's down payments: the invoices in dispatch order, each taking what it
    /// costs from the down payments in the order they were planned, until they are used up. A dispatch's invoice
    /// total is known before SAP answers (<see cref="CopyAmounts"/>), so the draws are the same at every send.
    /// </summary>
    public static ImmutableList<SapDownPaymentDraw> Draws(this OrderState state, string dispatchId)
    {
        var downPayments = state.DownPayments();
        if (downPayments.IsEmpty) return [];
        var left = downPayments.Select(d => d.Amount).ToArray();
        foreach (var recorded in state.Dispatches)
        {
            var owed = CopyAmounts.Invoice(state, recorded.Dispatch.DispatchId).Total;
            var draws = ImmutableList.CreateBuilder<SapDownPaymentDraw>();
            for (var i = 0; i < left.Length && owed > 0; i++)
            {
                var take = Math.Min(left[i], owed);
                if (take <= 0) continue;
                left[i] -= take;
                owed -= take;
                // Stryker disable once Linq : equivalent, every down payment has its job (planned together); a missing one throws either way
                var job = state.Jobs.Single(j => j.Key == downPayments[i].Key);
                draws.Add(new SapDownPaymentDraw(job.DocEntry ?? 0, take));
            }
            if (recorded.Dispatch.DispatchId == dispatchId) return draws.ToImmutable();
        }
        return [];
    }

    /// <summary>
    /// The incoming payments owed now: every recorded invoice's unpaid share, from the money in hand not yet spent, in
    /// dispatch order. Append-only: what was planned stays as planned, so a new dispatch or a new report only adds.
    /// </summary>
    public static ImmutableList<OrderEvents.IOrderEvent> PlanIncoming(this OrderState state, OrderMapping? mapping, DateTimeOffset now)
    {
        var sources = Sources(state, mapping);
        // Stryker disable once Logical : equivalent, a dispatch is recorded only once the order has its document, and with no source the loop below plans nothing
        if (sources.IsEmpty || state.Document is null) return [];
        var spent = state.PlannedPayments().Where(p => p.Direction == PaymentDirection.Incoming).GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var paid = state.PlannedPayments().Where(p => p.Direction == PaymentDirection.Incoming).GroupBy(p => p.Settles).ToDictionary(g => g.Key, g => g.Sum(p => p.Applied));
        var number = state.PlannedPayments().Count;
        var events = ImmutableList.CreateBuilder<OrderEvents.IOrderEvent>();
        foreach (var recorded in state.Dispatches)
        {
            var invoice = SapJob.InvoiceKey(recorded.Dispatch.DispatchId);
            var owed = CopyAmounts.Invoice(state, recorded.Dispatch.DispatchId).Total - paid.GetValueOrDefault(invoice)
                - state.Draws(recorded.Dispatch.DispatchId).Sum(d => d.GrossAmountToDraw);
            foreach (var source in sources)
            {
                if (owed <= 0) break;
                var left = source.Amount - spent.GetValueOrDefault(source.Key);
                if (left <= 0) continue;
                var take = Math.Min(left, owed);
                spent[source.Key] = spent.GetValueOrDefault(source.Key) + take;
                // Stryker disable once Arithmetic : equivalent, each invoice is visited once per call, so what it was paid in this call is never read again
                paid[invoice] = paid.GetValueOrDefault(invoice) + take;
                owed -= take;
                // Stryker disable once Equality : equivalent, of two equal dates either is the later
                var date = recorded.Dispatch.Date > source.PaidOn ? recorded.Dispatch.Date : source.PaidOn;
                events.Add(Planned(state, mapping, new PlannedPayment(SapJob.PaymentKey(++number), PaymentDirection.Incoming, invoice, source.Key,
                    source.Method, take, take, date, source.PaidOn, Reference(source.Reference)), now));
            }
        }
        return events.ToImmutable();
    }

    /// <summary>
    /// The outgoing payment settling a refund's credit note: what the channel refunded, from the account of the method
    /// the money went back to. None for an order the channel sent without payments (nothing says where the money went).
    /// </summary>
    public static ImmutableList<OrderEvents.IOrderEvent> PlanRefund(this OrderState state, RefundRequest refund, OrderMapping? mapping, DateTimeOffset now)
    {
        var method = refund.Method ?? Sources(state, mapping).FirstOrDefault()?.Method ?? state.Order?.Payments?.FirstOrDefault()?.Method;
        if (method is null || refund.Refunded <= 0 || (state.Order?.Payments is null && state.ReportedPayments().IsEmpty && refund.Method is null)) return [];
        var amount = refund.TotalRefunded is { } total && total > 0 ? total : refund.Refunded;
        var payment = new PlannedPayment(SapJob.PaymentKey(state.PlannedPayments().Count + 1), PaymentDirection.Refund, SapJob.CreditKey(refund.RefundId),
            $"refund:{refund.RefundId}", method, amount, Math.Min(amount, refund.Refunded), refund.Date, refund.Date);
        return [Planned(state, mapping, payment, now)];
    }

    /// <summary>A parked payment tries again; one parked for want of a mapping first looks for its account in the mapping in force now.</summary>
    public static OrderDecision ReleasePayment(this OrderState state, SapJob job, OrderMapping mapping, DateTimeOffset now)
    {
        // Stryker disable once Linq : equivalent, a payment job's reference is always a planned payment; a missing one throws either way
        var payment = state.PlannedPayments().Single(p => p.Key == job.Reference);
        var released = new OrderEvents.JobReleased(state.OrderId, job.Key, now);
        var accepted = new OrderCommandResult(state.OrderId, CommandResultCode.Accepted, $"Released {job.Key} for another attempt.");
        if (payment.Account is not null) return new([released], accepted, NextStep.LookUpNow);
        var (account, problem) = MappingResolution.ResolveOrderPayment(mapping, state.Order!.Channel, payment.Method, Context(state, payment));
        return problem is not null
            ? new([], new OrderCommandResult(state.OrderId, CommandResultCode.Rejected, $"Still failing: {problem.Reason}"), NextStep.None)
            : new([new PaymentAccountResolved(state.OrderId, payment.Key, account!.Account, account.Means, now), released], accepted, NextStep.LookUpNow);
    }

    /// <summary>The request for a payment job: its document's DocEntry filled in, found again by its exact <c>Remarks</c>.</summary>
    public static WorkItem PaymentWork(this OrderState state, SapJob job)
    {
        var document = state.Document!;
        // Stryker disable once Linq : equivalent, a payment job's reference is always a planned payment; a missing one throws either way
        var payment = state.PlannedPayments().Single(p => p.Key == job.Reference);
        // Stryker disable once Linq : equivalent, what a payment settles is always a job of the order; a missing one throws either way
        var settled = state.Jobs.Single(j => j.Key == payment.Settles);
        var incoming = payment.Direction == PaymentDirection.Incoming;
        var entitySet = incoming ? SapFlowEntitySets.IncomingPayments : SapFlowEntitySets.VendorPayments;
        var remarks = Remarks(document.NumAtCard, payment);
        var docDate = payment.Date.ToString("yyyy-MM-dd");
        var type = settled.Kind switch { JobKind.DownPayment => "it_DownPayment", JobKind.CreditNote => "it_CredItnote", _ => "it_Invoice" };
        var settles = ImmutableList.Create(new SapPaymentInvoice(settled.DocEntry, payment.Applied, type));
        var body = payment.Means == PaymentMeans.Cash
            ? new SapPayment("rCustomer", document.CardCode, docDate, settles, CashAccount: payment.Account, CashSum: payment.Amount, Remarks: remarks, DocCurrency: document.DocCurrency)
            : new SapPayment("rCustomer", document.CardCode, docDate, settles, TransferAccount: payment.Account, TransferSum: payment.Amount,
                TransferDate: payment.PaidOn.ToString("yyyy-MM-dd"), TransferReference: payment.Reference, Remarks: remarks, DocCurrency: document.DocCurrency);
        return new WorkItem(job.Key, RequestKind.Document, entitySet, body, PostingJobs.KeyFor(entitySet, remarks));
    }

    /// <summary>
    /// The A/R down payment invoice of a <see cref="JobKind.DownPayment"/> job: it asks for what was captured against the
    /// whole sales order (its rows copied, so SAP links the two, and its freight, which the customer paid too), moves no stock and leaves the order open for its
    /// deliveries. Found again by its <c>NumAtCard</c>, the order's with <c>/DP&lt;n&gt;</c>.
    /// </summary>
    public static WorkItem DownPaymentWork(this OrderState state, SapJob job)
    {
        var document = state.Document!;
        // Stryker disable once Linq : equivalent, a down payment job's key is always a planned down payment; a missing one throws either way
        var downPayment = state.DownPayments().Single(d => d.Key == job.Key);
        var lines = document.DocumentLines.Select((l, i) => new SapCopyLine(SapObjectTypes.Order, state.DocEntry!.Value, i, l.Quantity)).ToImmutableList();
        var numAtCard = $"{document.NumAtCard}/DP{job.Key["downpayment:".Length..]}";
        var body = new SapCopyDocument(document.CardCode, numAtCard, downPayment.Date.ToString("yyyy-MM-dd"), lines,
            $"Down payment of {state.OrderId}: {downPayment.Method} captured at checkout", document.DocumentAdditionalExpenses,
            DownPaymentType: "dptInvoice", DocTotal: downPayment.Amount);
        return new WorkItem(job.Key, RequestKind.Document, SapEntitySets.DownPayments, body, PostingJobs.KeyFor(SapEntitySets.DownPayments, numAtCard));
    }

    /// <summary>
    /// The payment's key in SAP (<c>Payment</c> has no NumAtCard): the order's NumAtCard, the payment's number, the
    /// method and the direction, unique and the same on every send. Reconciliation reads the channel and method back from it.
    /// </summary>
    public static string Remarks(string numAtCard, PlannedPayment payment)
    {
        var text = $"{numAtCard}/P{payment.Key["payment:".Length..]} {(payment.Direction == PaymentDirection.Incoming ? "payment" : "refund")} {payment.Method} (ActorSync)";
        return text.Length <= 254 ? text : text[..253] + "…";
    }

    /// <summary>
    /// The money in hand: the checkout payments the channel says are captured, unless their method is collected later
    /// (<c>Capture: Reported</c>, whose report brings the money), then every reported payment, in the order recorded.
    /// </summary>
    private static ImmutableList<Source> Sources(OrderState state, OrderMapping? mapping)
    {
        if (state.Order is not { } order) return [];
        var sources = ImmutableList.CreateBuilder<Source>();
        for (var i = 0; i < (order.Payments?.Count ?? 0); i++)
        {
            var p = order.Payments![i];
            if (p.State != PaymentState.Captured || p.Amount <= 0) continue;
            // Stryker disable once String : equivalent, only the account is read from this resolution, never the reason the context goes into
            var account = mapping is null ? null : MappingResolution.ResolveOrderPayment(mapping, order.Channel, p.Method, "").Account;
            if (account?.Capture == PaymentCapture.Reported) continue;
            sources.Add(new Source($"checkout:{i}", p.Method, p.Amount, p.Reference, order.OrderDate));
        }
        foreach (var r in state.ReportedPayments())
            sources.Add(new Source($"reported:{r.PaymentId}", r.Method, r.Amount, r.Reference, r.Date));
        return sources.ToImmutable();
    }

    /// <summary>The planned payment with its account, or parked for finance when its method has none (only the payment: the order goes on).</summary>
    private static PaymentPlanned Planned(OrderState state, OrderMapping? mapping, PlannedPayment payment, DateTimeOffset now)
    {
        var (account, problem) = mapping is null
            ? (null, Exceptions.ExceptionTypes.UnmappedPaymentMethod($"{Context(state, payment)}: no mapping is loaded, so payment method '{payment.Method}' has no account."))
            : MappingResolution.ResolveOrderPayment(mapping, state.Order!.Channel, payment.Method, Context(state, payment));
        return new PaymentPlanned(state.OrderId, account is null ? payment : payment with { Account = account.Account, Means = account.Means }, problem, now);
    }

    private static string Context(OrderState state, PlannedPayment payment) =>
        $"{(payment.Direction == PaymentDirection.Incoming ? "Payment" : "Refund payment")} {payment.Key} of {state.OrderId} ({payment.Amount:0.00} settling {payment.Settles})";

    private static string? Reference(string? reference) =>
        // Stryker disable once Equality : equivalent, a reference of exactly the limit is the same whole or cut to the limit
        string.IsNullOrWhiteSpace(reference) ? null : reference.Length <= ReferenceLength ? reference : reference[..ReferenceLength];

    private static OrderDecision Reply(string orderId, CommandResultCode code, string message) =>
        new([], new OrderCommandResult(orderId, code, message), NextStep.None);
}

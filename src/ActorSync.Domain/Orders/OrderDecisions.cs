using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// A decision: events to journal, the reply (if a command asked for one) and what to do next. While an order is
/// received but not validated, <see cref="NextStep.Post"/> means "check it" (<see cref="OrderDecisions.Validate"/>).
/// </summary>
public sealed record OrderDecision(ImmutableList<IOrderEvent> Events, OrderCommandResult? Reply, NextStep Next) : IFlowDecision<IOrderEvent>
{
    object? IFlowDecision<IOrderEvent>.ReplyMessage => Reply;

    public static OrderDecision Only(NextStep next) => new([], null, next);

    /// <summary>What a verdict on one of the order's jobs journals, as a decision with no reply.</summary>
    internal static OrderDecision Of(JobDecision<IOrderEvent> decided) => new(decided.Events, null, decided.Next);
}

/// <summary>
/// The order's rules as pure functions: commands and SAP outcomes in, events and next steps out.
/// The entity actor only sequences these: journal the events, reply, and act on the next step.
/// </summary>
public static class OrderDecisions
{
    /// <summary>How long a received order waits for SAP's master data before it is checked again.</summary>
    public static readonly TimeSpan MasterDataWait = TimeSpan.FromSeconds(5);

    public static OrderDecision ProcessCommand(this OrderState state, OrderCommands.SubmitOrder cmd, OrderMapping mapping, DateTimeOffset now,
        MasterDataSnapshot? masterData = null)
    {
        var fingerprint = cmd.Order.Fingerprint();
        if (!state.IsEmpty)
        {
            switch (OrderRedelivery.Judge(state, cmd.Order, fingerprint))
            {
                case Redelivery.Duplicate:
                    // Payments are not in the fingerprint: the same order whose payment was captured since is a payment report.
                    if (state.NewlyCaptured(cmd.Order, mapping, now) is { } captured) return captured;
                    return new OrderDecision([], new OrderCommandResult(cmd.OrderId, CommandResultCode.Duplicate, $"Order {cmd.OrderId} was already accepted; nothing to do."), NextStep.None);
                case Redelivery.Correction:
                    return state.Corrected(cmd, mapping, now, masterData);
                default:
                    return new OrderDecision([], new OrderCommandResult(cmd.OrderId, CommandResultCode.Conflict,
                        $"Order {cmd.OrderId} was already accepted with different content; the change was not applied."), NextStep.None);
            }
        }
        if (cmd.Order.Key.EntityId != cmd.OrderId)
            return new OrderDecision([], new OrderCommandResult(cmd.OrderId, CommandResultCode.Rejected,
                $"Order id {cmd.OrderId} does not match the order's channel and id ({cmd.Order.Key.EntityId})."), NextStep.None);

        var received = new OrderReceived(cmd.OrderId, cmd.Order, fingerprint, now);
        var checkedOrder = state.ProcessEvent(received).Validate(mapping, masterData, now);
        var message = checkedOrder.Events.FirstOrDefault() switch
        {
            OrderValidated => "Accepted.",
            OrderQuarantined q => $"Accepted and parked: {q.Exception.Reason}",
            _ => "Accepted; waiting for SAP's master data to match the customer.",
        };
        return new OrderDecision(checkedOrder.Events.Insert(0, received), new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted, message), checkedOrder.Next);
    }

    /// <summary>
    /// Checks a received order before anything goes to SAP: the customer (matched by the channel's rule, or the guest
    /// partner), the line warehouses, every mapping, and, when SAP's master data is loaded, items, warehouses, VAT groups
    /// and shipping types, and that SAP's total will equal what the customer paid. All problems are reported at once.
    /// An order that needs master data to find its customer waits for it rather than guess.
    /// </summary>
    public static OrderDecision Validate(this OrderState state, OrderMapping mapping, MasterDataSnapshot? masterData, DateTimeOffset now)
    {
        if (state.Status != OrderStatus.Received || state.Order is null) return OrderDecision.Only(NextStep.None);
        var (order, warehouseProblem) = MappingResolution.WithLineWarehouses(state.Order, mapping);
        if (warehouseProblem is not null) return Park(state, warehouseProblem, now);
        var customer = MappingResolution.ResolveCustomer(order.Customer, order.Channel, mapping, masterData);
        SapBusinessPartner? newCustomer = null;
        if (customer.Exception is { Type: ExceptionTypes.UnknownCustomerType } && mapping.CreateMissingCustomers.Contains(order.Channel)
            && !string.IsNullOrWhiteSpace(order.Customer.Email))
        {
            var email = order.Customer.Email.Trim();
            newCustomer = new SapBusinessPartner(SapBusinessPartner.CodeFor(order.Channel, email),
                order.Customer.Name ?? order.Addresses?.Buyer.DisplayName ?? email, email,
                Phone1: order.Addresses?.Buyer.Phone?.Trim() is { Length: > 0 } phone ? phone : null,
                BPAddresses: DocumentAddresses.ForNewPartner(order, masterData));
            customer = customer with { CardCode = newCustomer.CardCode, Exception = null };
        }
        if (customer.Exception is not null) return Park(state, customer.Exception, now);
        if (customer.CardCode is null) return OrderDecision.Only(new NextStep.Wait(MasterDataWait, NextStep.PostNow));

        var problems = SalesOrderChecks.Check(order, mapping, masterData, customer.CardCode, newCustomer is not null);
        if (!problems.IsEmpty) return Park(state, Combine(problems), now);
        var built = SalesOrderBuilder.Build(order, mapping, customer.CardCode, masterData, newCustomer is not null);
        if (built.Document is null) return Park(state, built.Exception!, now);
        var validated = new OrderValidated(state.OrderId, built.Document, now) { NewCustomer = newCustomer, Destinations = built.Destinations };
        // Money captured at checkout becomes a down payment right after the sales order, when the merchant asks for it.
        var downPayments = state.ProcessEvent(validated).PlanDownPayments(mapping, now);
        return new OrderDecision([validated, .. downPayments], null, NextStep.PostNow);
    }

    /// <summary>
    /// A parked order delivered again with corrected addresses: journal the correction and check it again at once, as
    /// an operator's retry would; SAP is looked up first, like after any retry.
    /// </summary>
    private static OrderDecision Corrected(this OrderState state, OrderCommands.SubmitOrder cmd, OrderMapping mapping, DateTimeOffset now, MasterDataSnapshot? masterData)
    {
        var corrected = new OrderCorrected(cmd.OrderId, cmd.Order, now);
        var again = state.ProcessEvent(corrected).Validate(mapping, masterData, now);
        var (code, message, next) = again.Events.FirstOrDefault() switch
        {
            OrderValidated => (CommandResultCode.Accepted, "Accepted the corrected addresses; the order goes to SAP.", NextStep.LookUpNow),
            OrderQuarantined q => (CommandResultCode.Accepted, $"Accepted the corrected addresses; still parked: {q.Exception.Reason}", NextStep.None),
            _ => (CommandResultCode.Accepted, "Accepted the corrected addresses; waiting for SAP's master data to check them.", again.Next),
        };
        return new OrderDecision(again.Events.Insert(0, corrected), new OrderCommandResult(cmd.OrderId, code, message), next);
    }

    private static OrderDecision Park(OrderState state, ExceptionDetails exception, DateTimeOffset now) =>
        new([new OrderQuarantined(state.OrderId, exception, now)], null, NextStep.None);

    /// <summary>One exception for the queue: the first problem, with the others named so one fix round covers them all.</summary>
    private static ExceptionDetails Combine(ImmutableList<ExceptionDetails> problems) =>
        problems.Count == 1 ? problems[0]
        : problems[0] with { Reason = $"{problems[0].Reason} Also: {string.Join(" ", problems.Skip(1).Select(p => p.Reason))}" };

    public static OrderDecision ProcessCommand(this OrderState state, OrderCommands.RetryOrder cmd, OrderMapping mapping, DateTimeOffset now,
        MasterDataSnapshot? masterData = null)
    {
        if (state.Jobs.FirstOrDefault(j => j.Status == JobStatus.Parked) is { } parked && state.Status != OrderStatus.Quarantined)
            return state.ReleaseJob(parked, mapping, now);
        if (state.Tracking.FirstOrDefault(t => t.Status == TrackingStatus.Parked) is { } parkedShipment)
            return state.ReleaseTracking(parkedShipment, now);
        if (state.Status != OrderStatus.Quarantined)
            return new OrderDecision([], new OrderCommandResult(cmd.OrderId,
                state.IsEmpty ? CommandResultCode.NotFound : CommandResultCode.Rejected,
                state.IsEmpty ? $"No order {cmd.OrderId}." : $"Order {cmd.OrderId} is {state.Status}, not quarantined."), NextStep.None);

        // Check again from the original payload: the fix may have been to the mapping or to SAP's master data.
        var released = new QuarantineReleased(cmd.OrderId, now);
        var again = (state with { Status = OrderStatus.Received }).ProcessEvent(released).Validate(mapping, masterData, now);
        if (again.Events.FirstOrDefault() is OrderQuarantined still)
            return new OrderDecision([still], new OrderCommandResult(cmd.OrderId, CommandResultCode.Rejected, $"Still failing: {still.Exception.Reason}"), NextStep.None);
        if (again.Events.FirstOrDefault() is not OrderValidated validated)
            return new OrderDecision([], new OrderCommandResult(cmd.OrderId, CommandResultCode.Rejected,
                "SAP's master data is not loaded yet, so the customer cannot be matched; try again shortly."), NextStep.None);

        // A document SAP rejected may, in rare cases, have been committed by an earlier uncertain send: look first.
        // The check's events whole: the validation and, with down payments, what it planned after the sales order.
        return new OrderDecision([released, .. again.Events],
            new OrderCommandResult(cmd.OrderId, CommandResultCode.Accepted, "Released for another attempt."), NextStep.LookUpNow);
    }

    /// <summary>What SAP's answer to the current piece of work (the sales order, or the next job) means.</summary>
    public static OrderDecision ProcessOutcome(this OrderState state, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter)
    {
        if (state.Status != OrderStatus.Validated)
            return state.NextJob is { } job ? state.ProcessJobOutcome(job, outcome, policy, now, jitter) : OrderDecision.Only(NextStep.None);
        if (state.CustomerToCreate is { } customer)
            return state.ProcessCustomerOutcome(customer, outcome, now);
        // The sales order is judged like every job; only its events are its own.
        var attempt = new JobAttempt(JobStatus.Pending, null, null, state.LockAttempts, state.FirstLockAt, null, null, 0);
        return state.SalesOrderJudged(PostingJobs.Judge(attempt, outcome, policy, now, jitter), now);
    }

    /// <summary>What a look-up by NumAtCard means: found means done (never post twice), absent means post now.</summary>
    public static OrderDecision ProcessLookup(this OrderState state, LookupOutcome outcome, DateTimeOffset now)
    {
        if (state.Status != OrderStatus.Validated)
            return state.NextJob is { } job ? state.ProcessJobLookup(job, outcome, now) : OrderDecision.Only(NextStep.None);
        // A business partner is never looked up: sending it again is safe, SAP answers a duplicate key.
        if (state.CustomerToCreate is not null) return OrderDecision.Only(NextStep.PostNow);
        // Cancelled while its post was uncertain, and SAP never got it: nothing to undo.
        if (outcome is LookupOutcome.Absent && state.Cancellation is not null) return new([new OrderCancelled(state.OrderId, now)], null, NextStep.None);
        return state.SalesOrderJudged(PostingJobs.Judge(outcome), now);
    }

    private static OrderDecision SalesOrderJudged(this OrderState state, JobVerdict verdict, DateTimeOffset now) => verdict switch
    {
        // Once the sales order is in SAP, any work recorded meanwhile (dispatches, a cancellation) starts.
        JobVerdict.Completed done => new([new OrderPosted(state.OrderId, done.DocEntry!.Value, done.DocNum!.Value, done.FoundByLookup, now)], null,
            state.Jobs.Any(j => j.Status == JobStatus.Pending) ? NextStep.PostNow : NextStep.None),
        JobVerdict.Deferred deferred => new([new PostingDeferred(state.OrderId, deferred.Reason, deferred.LockAttempts, now)], null,
            new NextStep.Wait(deferred.Delay, NextStep.PostNow)),
        JobVerdict.Parked parked => new([new OrderQuarantined(state.OrderId, parked.Exception, now)], null, NextStep.None),
        JobVerdict.Continue go => OrderDecision.Only(go.Next),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "A sales order has no picks to judge."),
    };

    /// <summary>
    /// The new customer's business partner: created, or already there (SAP's duplicate-key answer to a send whose first
    /// answer was lost, or to a second order of the same new customer), both mean "go on with the sales order".
    /// </summary>
    private static OrderDecision ProcessCustomerOutcome(this OrderState state, SapBusinessPartner customer, PostOutcome outcome, DateTimeOffset now) =>
        outcome switch
        {
            PostOutcome.Applied or PostOutcome.Created => new([new CustomerCreated(state.OrderId, customer.CardCode, false, now)], null, NextStep.PostNow),
            PostOutcome.Rejected { Kind: RejectionKind.Duplicate } => new([new CustomerCreated(state.OrderId, customer.CardCode, true, now)], null, NextStep.PostNow),
            PostOutcome.Rejected { Kind: RejectionKind.Validation } rejected =>
                new([new OrderQuarantined(state.OrderId, ExceptionTypes.SapRejected(rejected.Code, $"creating customer {customer.CardCode}: {rejected.Message}"), now)], null, NextStep.None),
            PostOutcome.Rejected or PostOutcome.Uncertain => OrderDecision.Only(new NextStep.Wait(PostingJobs.DefaultRetryDelay, NextStep.PostNow)),
            PostOutcome.NotApplied notApplied => OrderDecision.Only(new NextStep.Wait(notApplied.RetryAfter ?? PostingJobs.DefaultRetryDelay, NextStep.PostNow)),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown post outcome."),
        };

    /// <summary>
    /// What an order woken from its journal must do. Any piece of work may have been mid-post when the process died,
    /// and the journal cannot tell, so documents are looked up before they are posted again; actions are idempotent
    /// in effect (SAP answers "already cancelled"), so they are simply sent again.
    /// </summary>
    public static NextStep OnRecovery(this OrderState state) =>
        !state.HasUnfinishedWork ? NextStep.None
        : state.Status == OrderStatus.Received ? NextStep.PostNow
        : state.Status == OrderStatus.Validated && state.CustomerToCreate is not null ? NextStep.PostNow
        : state.Status != OrderStatus.Validated && state.NextJob?.Request() == RequestKind.Action ? NextStep.PostNow
        : NextStep.LookUpNow;
}

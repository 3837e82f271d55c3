using System.Collections.Immutable;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Payments;

/// <summary>
/// Whether the channel has the customer's money. Only <see cref="Captured"/> money is paid into SAP: an authorisation
/// can lapse or be voided, and a pending method (cash on delivery, bank transfer, invoice later) has taken nothing yet.
/// </summary>
public enum PaymentState { Captured, Authorised, Pending }

/// <summary>
/// How the customer paid (part of) an order, as the channel reported it with the order: the method name as the channel
/// spells it (Magento <c>payment.method</c>, BigCommerce <c>payment_method</c>, Sitoo payment <c>name</c>), the amount,
/// the channel's own state, and its transaction reference where it has one.
/// </summary>
public sealed record OrderPayment(string Method, decimal Amount, PaymentState State, string? Reference = null);

/// <summary>
/// Money the channel or the PSP reported after the order: cash collected on delivery, a bank transfer that arrived, an
/// authorisation captured. Idempotent by <see cref="PaymentId"/> (the channel's transaction id, or the operator's).
/// </summary>
public sealed record PaymentReport(
    string Channel,
    string OrderExternalId,
    string PaymentId,
    string Method,
    decimal Amount,
    DateOnly Date,
    string? Reference = null)
{
    public Orders.OrderKey OrderKey => new(Channel, OrderExternalId);
}

/// <summary>Which way the money goes: in from the customer (<c>IncomingPayments</c>) or back to them (<c>VendorPayments</c>, <c>DocType rCustomer</c>).</summary>
public enum PaymentDirection { Incoming, Refund }

/// <summary>
/// One payment document the order owes SAP, decided when its invoice (or credit note) was recorded or when the money
/// was reported, and journaled so a re-send carries the same amounts.
/// </summary>
/// <param name="Key">The job's key, <c>payment:1</c>, numbered in the order they were planned.</param>
/// <param name="Settles">The key of the invoice or credit-note job it settles (its DocEntry is filled in when sent).</param>
/// <param name="Source">Where the money came from: <c>checkout:0</c> (the order's first payment), <c>reported:&lt;id&gt;</c>, <c>refund:&lt;id&gt;</c>.</param>
/// <param name="Amount">What the payment moves on its account (<c>TransferSum</c>/<c>CashSum</c>).</param>
/// <param name="Applied">What it applies to the document (<c>SumApplied</c>); less than <paramref name="Amount"/> leaves the rest on account.</param>
/// <param name="Date">The payment's <c>DocDate</c>: never before the document it settles.</param>
/// <param name="PaidOn">When the money moved (capture, report or refund date): <c>TransferDate</c>, and the day reconciliation counts it on.</param>
/// <param name="Account">The G/L account, resolved from the mapping; null while the method is unmapped (the job is then parked).</param>
public sealed record PlannedPayment(
    string Key,
    PaymentDirection Direction,
    string Settles,
    string Source,
    string Method,
    decimal Amount,
    decimal Applied,
    DateOnly Date,
    DateOnly PaidOn,
    string? Reference = null,
    string? Account = null,
    PaymentMeans Means = PaymentMeans.Transfer);

/// <summary>
/// An A/R down payment invoice owed to SAP for money captured at checkout (<c>Mapping:CapturedBeforeInvoice
/// DownPayment</c>): it asks for <paramref name="Amount"/> against the sales order, an incoming payment settles it, and
/// the order's invoices draw it in dispatch order.
/// </summary>
/// <param name="Key">The job's key, <c>downpayment:1</c>.</param>
/// <param name="Source">The captured payment it stands for: <c>checkout:&lt;i&gt;</c>.</param>
public sealed record PlannedDownPayment(string Key, string Source, string Method, decimal Amount, DateOnly Date);

/// <summary>An order's money: the payments reported after it, and the payment documents planned, each one a job.</summary>
public sealed record OrderMoney
{
    public ImmutableList<PaymentReport> Reported { get; init; } = [];
    public ImmutableList<PlannedPayment> Planned { get; init; } = [];
    public ImmutableList<PlannedDownPayment> DownPayments { get; init; } = [];
}

public static class OrderMoneyAccess
{
    /// <summary>Payments reported after the order (cash collected, a transfer arrived, an authorisation captured).</summary>
    public static ImmutableList<PaymentReport> ReportedPayments(this OrderState state) => state.Money?.Reported ?? [];

    /// <summary>The payment documents planned so far (<see cref="JobKind.IncomingPayment"/>, <see cref="JobKind.RefundPayment"/> jobs).</summary>
    public static ImmutableList<PlannedPayment> PlannedPayments(this OrderState state) => state.Money?.Planned ?? [];

    /// <summary>The A/R down payment invoices planned for money captured at checkout (<see cref="JobKind.DownPayment"/> jobs).</summary>
    public static ImmutableList<PlannedDownPayment> DownPayments(this OrderState state) => state.Money?.DownPayments ?? [];
}

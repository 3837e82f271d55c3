using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Payments;

/// <summary>How the payment events change an order's state (part of <see cref="OrderEvolution.ProcessEvent"/>).</summary>
public static class PaymentEvolution
{
    public static OrderState ProcessPaymentEvent(this OrderState state, IPaymentEvent evt) => evt switch
    {
        PaymentReported e => state with { ReportedPayments = state.ReportedPayments.Add(e.Payment) },
        PaymentPlanned e => state with
        {
            PlannedPayments = state.PlannedPayments.Add(e.Payment),
            Jobs = state.Jobs.Add(new SapJob(e.Payment.Key, e.Payment.Direction == PaymentDirection.Incoming ? JobKind.IncomingPayment : JobKind.RefundPayment,
                e.Payment.Key, e.ParkedBecause is null ? JobStatus.Pending : JobStatus.Parked, Exception: e.ParkedBecause)),
        },
        PaymentAccountResolved e => state with
        {
            PlannedPayments = state.PlannedPayments.Select(p => p.Key == e.Key ? p with { Account = e.Account, Means = e.Means } : p).ToImmutableList(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown payment event."),
    };
}

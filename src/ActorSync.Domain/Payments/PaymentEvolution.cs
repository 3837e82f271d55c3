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
        PaymentReported e => state with { Money = Money(state) with { Reported = state.ReportedPayments().Add(e.Payment) } },
        PaymentPlanned e => state with
        {
            Money = Money(state) with { Planned = state.PlannedPayments().Add(e.Payment) },
            Jobs = state.Jobs.Add(new SapJob(e.Payment.Key, e.Payment.Direction == PaymentDirection.Incoming ? JobKind.IncomingPayment : JobKind.RefundPayment,
                e.Payment.Key, e.ParkedBecause is null ? JobStatus.Pending : JobStatus.Parked, Exception: e.ParkedBecause)),
        },
        DownPaymentPlanned e => state with
        {
            Money = Money(state) with { DownPayments = state.DownPayments().Add(e.DownPayment) },
            Jobs = state.Jobs.Add(new SapJob(e.DownPayment.Key, JobKind.DownPayment, e.DownPayment.Source)),
        },
        PaymentAccountResolved e => state with
        {
            Money = Money(state) with { Planned = state.PlannedPayments().Select(p => p.Key == e.Key ? p with { Account = e.Account, Means = e.Means } : p).ToImmutableList() },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown payment event."),
    };

    private static OrderMoney Money(OrderState state) => state.Money ?? new OrderMoney();
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Payments;

/// <summary>What the channel says moved on a day: captured into or refunded out of one order, with one method.</summary>
public sealed record ChannelMoney(string OrderId, string Method, decimal Captured, decimal Refunded);

/// <summary>One payment document SAP holds, as read back: its Remarks (which name the order and the method), direction, amount and day.</summary>
public sealed record SapMoney(int DocEntry, string Remarks, bool Incoming, decimal Amount, DateOnly Day, bool Cancelled = false);

/// <summary>Per method: the channel's figures against SAP's, and the differences.</summary>
public sealed record ReconciledMethod(string Method, decimal ChannelCaptured, decimal SapIncoming, decimal ChannelRefunded, decimal SapOutgoing)
{
    public decimal CapturedDifference => ChannelCaptured - SapIncoming;
    public decimal RefundedDifference => ChannelRefunded - SapOutgoing;
}

/// <summary>One order whose money on the day is not (all) in SAP, or is in SAP without the channel saying so.</summary>
public sealed record ReconciliationDifference(string OrderId, string Method, decimal Channel, decimal Sap, string Direction);

public sealed record PaymentReconciliationReport(string Channel, DateOnly Day, ImmutableList<ReconciledMethod> Methods, ImmutableList<ReconciliationDifference> Differences);

/// <summary>
/// The reconciliation input of one channel and day: what the channel captured (checkout payments captured that day,
/// payments reported that day) and refunded, against the incoming and outgoing payments SAP holds for that day, per
/// method, and the orders where they differ. The channel's side comes from the orders' journals (each such event is
/// tagged with its channel and day, <see cref="DayTag"/>); SAP's from its payments, recognised by the Remarks the
/// engine writes (<see cref="PaymentDecisions.Remarks"/>), each counted on its <c>TransferDate</c> (the day the money
/// moved) or, for cash, its <c>DocDate</c>. Money captured but not yet invoiced shows as a difference until its invoice posts.
/// </summary>
public static partial class PaymentReconciliation
{
    public static string DayTag(string channel, DateOnly day) => $"payments:{channel.ToLowerInvariant()}:{day:yyyy-MM-dd}";

    /// <summary>The day tag an order event carries, if it says money moved: an order with payments, a payment reported, a refund payment planned.</summary>
    public static string? DayTagOf(OrderEvents.IOrderEvent evt) => evt switch
    {
        OrderEvents.OrderReceived { Order.Payments: not null } e => DayTag(e.Order.Channel, e.Order.OrderDate),
        PaymentReported e => DayTag(e.Payment.Channel, e.Payment.Date),
        PaymentPlanned { Payment.Direction: PaymentDirection.Refund } e => DayTag(OrderKey.Parse(e.OrderId).Channel, e.Payment.PaidOn),
        _ => null,
    };

    /// <summary>The channel's money of the day, from the events tagged with it (the mapping says which checkout methods are collected later).</summary>
    public static ImmutableList<ChannelMoney> ChannelSide(IEnumerable<OrderEvents.IOrderEvent> events, OrderMapping mapping, DateOnly day)
    {
        var money = ImmutableList.CreateBuilder<ChannelMoney>();
        foreach (var evt in events)
        {
            switch (evt)
            {
                case OrderEvents.OrderReceived { Order.Payments: { } payments } e when e.Order.OrderDate == day:
                    foreach (var p in payments.Where(p => p.State == PaymentState.Captured))
                    {
                        var account = MappingResolution.ResolveOrderPayment(mapping, e.Order.Channel, p.Method, "").Account;
                        if (account?.Capture != PaymentCapture.Reported) money.Add(new ChannelMoney(e.OrderId, p.Method, p.Amount, 0));
                    }
                    break;
                case PaymentReported e when e.Payment.Date == day:
                    money.Add(new ChannelMoney(e.OrderId, e.Payment.Method, e.Payment.Amount, 0));
                    break;
                case PaymentPlanned { Payment.Direction: PaymentDirection.Refund } e when e.Payment.PaidOn == day:
                    money.Add(new ChannelMoney(e.OrderId, e.Payment.Method, 0, e.Payment.Amount));
                    break;
            }
        }
        return money.ToImmutable();
    }

    /// <summary>Compares the two sides; SAP payments not written by the engine for this channel are left out.</summary>
    public static PaymentReconciliationReport Compare(string channel, DateOnly day, IEnumerable<ChannelMoney> channelSide, IEnumerable<SapMoney> sapSide)
    {
        var prefix = channel.ToUpperInvariant() + "-";
        var sap = sapSide.Where(s => !s.Cancelled && s.Day == day).Select(s => (s, parsed: Parse(s.Remarks)))
            .Where(x => x.parsed is { } p && p.NumAtCard.StartsWith(prefix, StringComparison.Ordinal))
            .Select(x => (OrderId: new OrderKey(channel, x.parsed!.Value.NumAtCard[prefix.Length..]).EntityId, x.parsed!.Value.Method, x.s.Incoming, x.s.Amount))
            .ToList();
        var channelMoney = channelSide.ToList();
        var methods = channelMoney.Select(c => c.Method).Concat(sap.Select(s => s.Method)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)
            .Select(m => new ReconciledMethod(m,
                channelMoney.Where(c => Same(c.Method, m)).Sum(c => c.Captured), sap.Where(s => s.Incoming && Same(s.Method, m)).Sum(s => s.Amount),
                channelMoney.Where(c => Same(c.Method, m)).Sum(c => c.Refunded), sap.Where(s => !s.Incoming && Same(s.Method, m)).Sum(s => s.Amount)))
            .ToImmutableList();
        var differences = ImmutableList.CreateBuilder<ReconciliationDifference>();
        foreach (var direction in new[] { true, false })
        {
            var keys = channelMoney.Where(c => (direction ? c.Captured : c.Refunded) != 0).Select(c => (c.OrderId, c.Method))
                .Concat(sap.Where(s => s.Incoming == direction).Select(s => (s.OrderId, s.Method)))
                // A method is the same whatever its case (the channel's "CheckMo" is SAP's "checkmo"), as in the totals above.
                .DistinctBy(k => (k.OrderId, k.Method.ToUpperInvariant()));
            foreach (var (orderId, method) in keys.OrderBy(k => k.OrderId, StringComparer.Ordinal))
            {
                var said = channelMoney.Where(c => c.OrderId == orderId && Same(c.Method, method)).Sum(c => direction ? c.Captured : c.Refunded);
                var held = sap.Where(s => s.OrderId == orderId && s.Incoming == direction && Same(s.Method, method)).Sum(s => s.Amount);
                if (said != held) differences.Add(new ReconciliationDifference(orderId, method, said, held, direction ? "captured" : "refunded"));
            }
        }
        return new PaymentReconciliationReport(channel, day, methods, differences.ToImmutable());
    }

    /// <summary>The order's NumAtCard and the method from an engine-written Remarks; null for any other payment.</summary>
    public static (string NumAtCard, string Method)? Parse(string? remarks) =>
        remarks is not null && RemarksPattern().Match(remarks) is { Success: true } m ? (m.Groups["doc"].Value, m.Groups["method"].Value) : null;

    [GeneratedRegex(@"^(?<doc>.+)/P\d+ (payment|refund) (?<method>.+) \(ActorSync\)$")]
    private static partial Regex RemarksPattern();

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;

namespace ActorSync.Domain.Connectors.Sitoo;

/// <summary>What a Sitoo order's state says the engine should do with it (channels.md §3.2, §5.2).</summary>
public enum SitooOrderVerdict
{
    /// <summary>Type 10 (Order), payment 20 (Successful), not cancelled: post it.</summary>
    Post,
    /// <summary>A booking (100), a parked POS sale (110) or an open order not paid yet: it may still become a sale.</summary>
    Hold,
    /// <summary>Cancelled in Sitoo (orderstateid 20).</summary>
    Cancel,
    /// <summary>Abandoned (−1), payment cancelled or failed: nothing for SAP.</summary>
    Ignore,
}

/// <summary>
/// The one rule for a Sitoo order's state, used by the poll (which orders to watch) and by the parser (what the inbox
/// does with an order). Only type 10 with payment 20 is final; Sitoo has Booking (100) and POSParked (110) types and
/// open webshop orders whose payment comes later, so those are held, never posted early and never forgotten.
/// </summary>
public static class SitooOrderGate
{
    public const int OrderType = 10, BookingType = 100, PosParkedType = 110;
    public const int PaymentSuccessful = 20;

    public static (SitooOrderVerdict Verdict, string Reason) Of(int orderTypeId, int orderStateId, int paymentStateId)
    {
        var said = string.Create(CultureInfo.InvariantCulture, $"ordertypeid {orderTypeId}, orderstateid {orderStateId}, paymentstateid {paymentStateId}");
        if (orderTypeId == BookingType) return (SitooOrderVerdict.Hold, $"{said}: a booking, not a sale yet");
        if (orderTypeId == PosParkedType) return (SitooOrderVerdict.Hold, $"{said}: a parked POS sale");
        if (orderStateId == 20) return (SitooOrderVerdict.Cancel, $"{said}: cancelled in Sitoo");
        if (orderStateId == -1) return (SitooOrderVerdict.Ignore, $"{said}: abandoned");
        return paymentStateId switch
        {
            PaymentSuccessful => (SitooOrderVerdict.Post, $"{said}: paid"),
            30 or 40 => (SitooOrderVerdict.Ignore, $"{said}: payment {(paymentStateId == 30 ? "cancelled" : "failed")}"),
            _ => (SitooOrderVerdict.Hold, $"{said}: payment {paymentStateId switch { 0 => "none yet", 10 => "pending", 15 => "reserved", _ => "state unknown" }}"),
        };
    }

    /// <summary>How the poll treats an order row: held orders are filed (the inbox says why they wait) and watched.</summary>
    public static PollVerdict ForPoll(int orderTypeId, int orderStateId, int paymentStateId) =>
        Of(orderTypeId, orderStateId, paymentStateId).Verdict == SitooOrderVerdict.Hold ? PollVerdict.FileAndWatch : PollVerdict.File;
}

/// <summary>
/// Which Sitoo warehouse transactions the warehouse poll books (channels.md §3.4): Move In (10), Move Out (20) and
/// StockTaking (50), in warehouses the configuration lists. Every other type (Sales, Refund, …) is the stock side of
/// a till receipt or web order that the POS and order flows already book as an invoice or credit note, which moves
/// SAP's stock itself: booking the transaction as well would move it twice.
/// </summary>
public static class SitooTransactionGate
{
    public const int MoveIn = 10, MoveOut = 20, StockTaking = 50;

    public static (PollVerdict Verdict, string? Reason) Of(string warehouseId, int transactionType, IReadOnlyCollection<string> bookedWarehouses)
    {
        if (!bookedWarehouses.Contains(warehouseId))
            return (PollVerdict.Skip, $"warehouse {warehouseId} is not in Connectors:Sitoo:BookWarehouseTransactions");
        if (transactionType is not (MoveIn or MoveOut or StockTaking))
            return (PollVerdict.Skip, string.Create(CultureInfo.InvariantCulture, $"type {transactionType} is booked by the POS or order flow"));
        return (PollVerdict.File, null);
    }
}

/// <summary>
/// The inbox keys of Sitoo records. A polled order's key carries its state, so reading it again in the same state is
/// a duplicate while a change (paid at last) is new work; an SPI event's key is its <c>event_id</c> (Sitoo sends the
/// same event again after a failed delivery). Both paths may file the same order: submitting it twice is a Duplicate.
/// </summary>
public static class SitooInboxKeys
{
    public const string OrderKind = "order", TransactionKind = "warehouse-transaction", EventKind = "spi-event";

    public static string Order(long orderId, int orderTypeId, int orderStateId, int paymentStateId) =>
        string.Create(CultureInfo.InvariantCulture, $"order:{orderId}:{orderTypeId}-{orderStateId}-{paymentStateId}");

    public static string Transaction(long transactionId) => string.Create(CultureInfo.InvariantCulture, $"warehouse-transaction:{transactionId}");

    public static string Event(string eventId) => $"event:{eventId}";
}

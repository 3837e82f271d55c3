using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Orders;

/// <summary>Everything addressed to one order carries its entity id (<see cref="OrderKey.EntityId"/>).</summary>
public interface IWithOrderId
{
    string OrderId { get; }
}

public static class OrderCommands
{
    public interface IOrderCommand : IWithOrderId;

    /// <summary>A channel reported an order. Idempotent: the same order delivered twice is accepted once.</summary>
    public sealed record SubmitOrder(string OrderId, ChannelOrder Order) : IOrderCommand;

    /// <summary>An operator asks a quarantined order to try again (after fixing master data or a mapping).</summary>
    public sealed record RetryOrder(string OrderId) : IOrderCommand;
}

public static class OrderQueries
{
    public sealed record GetOrderState(string OrderId) : IWithOrderId;
}

public static class OrderEvents
{
    public interface IOrderEvent : IWithOrderId;

    public sealed record OrderReceived(string OrderId, ChannelOrder Order, string Fingerprint, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderValidated(string OrderId, SapDocument Document, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderQuarantined(string OrderId, ExceptionDetails Exception, DateTimeOffset At) : IOrderEvent;

    /// <summary>SAP answered that records were locked; the order waits and tries again.</summary>
    public sealed record PostingDeferred(string OrderId, string Reason, int LockAttempts, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderPosted(string OrderId, int DocEntry, int DocNum, bool FoundByLookup, DateTimeOffset At) : IOrderEvent;

    /// <summary>An operator released the order from quarantine to try again.</summary>
    public sealed record QuarantineReleased(string OrderId, DateTimeOffset At) : IOrderEvent;
}

public enum CommandResultCode { Accepted, Duplicate, Conflict, Rejected, NotFound }

/// <summary>The one reply to any order command.</summary>
public sealed record OrderCommandResult(string OrderId, CommandResultCode Code, string Message)
{
    public bool IsError => Code is CommandResultCode.Rejected or CommandResultCode.NotFound;
}

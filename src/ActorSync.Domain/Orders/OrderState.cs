using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Orders;

public enum OrderStatus { New, Received, Validated, Posted, Delivered, Invoiced, Refunded, Quarantined }

/// <summary>The journaled state of one channel order. Rebuilt from its events; never changed in place.</summary>
public sealed record OrderState
{
    public static OrderState Empty(string orderId) => new() { OrderId = orderId };

    public string OrderId { get; init; } = "";
    public OrderStatus Status { get; init; } = OrderStatus.New;
    public ChannelOrder? Order { get; init; }
    public string? Fingerprint { get; init; }
    public SapDocument? Document { get; init; }
    public int? DocEntry { get; init; }
    public int? DocNum { get; init; }
    public int LockAttempts { get; init; }
    public DateTimeOffset? FirstLockAt { get; init; }
    public string? LastProblem { get; init; }
    public ExceptionDetails? Exception { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? PostedAt { get; init; }

    public bool IsEmpty => Status == OrderStatus.New;

    /// <summary>Accepted, not yet in SAP and not parked: the engine still owes this order a post.</summary>
    public bool HasUnfinishedWork => Status == OrderStatus.Validated;

    /// <summary>Logs print the shape, not the whole payload.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"OrderId = {OrderId}, Status = {Status}, DocEntry = {DocEntry}, LockAttempts = {LockAttempts}");
        return true;
    }
}

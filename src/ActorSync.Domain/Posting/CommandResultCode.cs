namespace ActorSync.Domain.Posting;

/// <summary>How every flow answers a command (orders, POS transactions, warehouse movements): the same five codes everywhere.</summary>
public enum CommandResultCode { Accepted, Duplicate, Conflict, Rejected, NotFound }

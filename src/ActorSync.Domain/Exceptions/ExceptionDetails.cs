namespace ActorSync.Domain.Exceptions;

/// <summary>The team that owns fixing a kind of exception; every parked record has one.</summary>
public enum OwningTeam { Finance, Operations, Merchandising, CustomerService, Integration }

/// <summary>
/// Why a record could not go to SAP, who should act and what they should do. Stored with the record's
/// original payload in the exception queue; an operator retries, resolves or ignores it.
/// </summary>
public sealed record ExceptionDetails(string Type, OwningTeam Team, string Reason, string SuggestedAction);

/// <summary>The exception types the engine raises, each with its owner and the suggested next step.</summary>
public static class ExceptionTypes
{
    public static ExceptionDetails InvalidOrder(string reason) =>
        new("invalid-order", OwningTeam.Integration, reason, "Check the channel payload and the connector; fix and retry.");

    public static ExceptionDetails UnmappedTax(string reason) =>
        new("unmapped-tax", OwningTeam.Finance, reason, "Add the tax rate to Mapping:VatGroups, then retry.");

    public static ExceptionDetails UnmappedShipping(string reason) =>
        new("unmapped-shipping", OwningTeam.Operations, reason, "Add the shipping method to Mapping:ShippingTypes, then retry.");

    public static ExceptionDetails SapRejected(string code, string message) =>
        new("sap-rejected", OwningTeam.Integration, $"SAP answered {code}: {message}",
            "Read SAP's message, fix the master data or the mapping it names, then retry.");

    public static ExceptionDetails LockTimeout(int attempts, string lastMessage) =>
        new("lock-timeout", OwningTeam.Operations,
            $"The SAP records stayed locked by another user through {attempts} attempts; last answer: {lastMessage}",
            "Ask who holds the item or document open in SAP to close it, then retry.");
}

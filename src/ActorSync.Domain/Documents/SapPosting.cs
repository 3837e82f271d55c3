using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Documents;

/// <summary>
/// One write to the Service Layer: <c>POST /{EntitySet}</c> with <see cref="Body"/> (a record whose property names are
/// SAP's field names). <see cref="Key"/> is what makes the write idempotent (the <c>NumAtCard</c> or
/// <c>Reference2</c> the engine looks the document up by after an uncertain outcome).
/// </summary>
/// <param name="References">Fields of <see cref="Body"/> that take a value from an earlier posting of the same plan
/// once SAP has answered it (a payment needs its invoice's <c>DocEntry</c>, which only exists after the invoice posts;
/// a <c>$batch</c> changeset cannot carry it inside a body).</param>
public sealed record SapPosting(string EntitySet, object Body, string Key, ImmutableList<PostingReference> References)
{
    public SapPosting(string entitySet, object body, string key)
        : this(entitySet, body, key, ImmutableList<PostingReference>.Empty)
    {
    }
}

/// <summary><c>TargetField</c> (a path like <c>PaymentInvoices/0/DocEntry</c>) gets <c>SourceField</c> of posting number <c>FromPosting</c>.</summary>
public sealed record PostingReference(string TargetField, int FromPosting, string SourceField = "DocEntry");

/// <summary>
/// Everything one source record becomes: the postings, in order, or the exceptions that keep them from SAP (a plan
/// with any exception posts nothing), plus notes for people (choices made, things skipped).
/// </summary>
public sealed record PostingPlan(ImmutableList<SapPosting> Postings, ImmutableList<ExceptionDetails> Exceptions, ImmutableList<string> Notes)
{
    public bool CanPost => Exceptions.IsEmpty && !Postings.IsEmpty;

    public static PostingPlan Empty { get; } = new([], [], []);
}

/// <summary>Entity sets beyond <see cref="SapEntitySets"/> that the POS and warehouse flows write.</summary>
public static class SapFlowEntitySets
{
    public const string IncomingPayments = "IncomingPayments";

    /// <summary>Outgoing payments; a refund to a customer is one with <c>DocType rCustomer</c>.</summary>
    public const string VendorPayments = "VendorPayments";

    public const string InventoryGenEntries = "InventoryGenEntries";
    public const string InventoryGenExits = "InventoryGenExits";
    public const string StockTransfers = "StockTransfers";
}

using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Orders;

/// <summary>What a job does. Journaled by name; new kinds are only ever appended.</summary>
public enum JobKind { Delivery, Invoice, CreditNote, CancelOrder, CloseOrder, IncomingPayment, RefundPayment, DownPayment }

/// <summary>
/// One piece of SAP work an order owes after its sales order: a delivery and an invoice per dispatch, a credit note
/// per refund, closing or cancelling the order. Jobs run strictly in the order they were recorded, so an invoice never
/// overtakes its delivery and a credit note never overtakes the invoice it credits.
/// </summary>
/// <param name="Reference">The dispatch or refund id the job comes from ("" for cancel/close).</param>
/// <param name="Picks">For a delivery of batch- or serial-managed items: what it takes, chosen from SAP's stock just before posting.</param>
/// <param name="PickRejections">How often SAP refused the chosen batches or serials (someone took them first); bounded.</param>
public sealed record SapJob(
    string Key,
    JobKind Kind,
    string Reference,
    JobStatus Status = JobStatus.Pending,
    int? DocEntry = null,
    int? DocNum = null,
    int LockAttempts = 0,
    DateTimeOffset? FirstLockAt = null,
    ExceptionDetails? Exception = null,
    ImmutableList<LinePick>? Picks = null,
    int PickRejections = 0) : IAttemptedJob<SapJob>
{
    JobAttempt IAttemptedJob<SapJob>.Attempt => new(Status, DocEntry, DocNum, LockAttempts, FirstLockAt, Exception, Picks, PickRejections);

    SapJob IAttemptedJob<SapJob>.With(JobAttempt a) => this with
    {
        Status = a.Status, DocEntry = a.DocEntry, DocNum = a.DocNum, LockAttempts = a.LockAttempts, FirstLockAt = a.FirstLockAt,
        Exception = a.Exception, Picks = a.Picks, PickRejections = a.PickRejections,
    };

    public static string PaymentKey(int number) => $"payment:{number}";
    public static string DeliveryKey(string dispatchId) => $"delivery:{dispatchId}";
    public static string InvoiceKey(string dispatchId) => $"invoice:{dispatchId}";
    public static string CreditKey(string refundId) => $"credit:{refundId}";
    public static string DownPaymentKey(int number) => $"downpayment:{number}";
    public const string CancelKey = "cancel";
}

public static class SapJobKinds
{
    /// <summary>A payment into or out of SAP settling one of the order's documents: finance's, so parking one holds back no other job.</summary>
    public static bool IsPayment(this SapJob job) => job.Kind is JobKind.IncomingPayment or JobKind.RefundPayment;
}

/// <summary>How much of one sales order line a dispatch takes (decided when the dispatch is recorded).</summary>
public sealed record DispatchAllocation(int OrderLine, string Sku, decimal Quantity);

/// <summary>
/// The batches or serials one row of a document takes out (a delivery line by its index in the dispatch's allocation;
/// a POS or warehouse document's row by its index in the body). Every flow's jobs carry these; the record stays in
/// this namespace because journals written with CLR type names refer to it here.
/// </summary>
public sealed record LinePick(int Line, ImmutableList<SapBatchNumber>? BatchNumbers, ImmutableList<SapSerialNumber>? SerialNumbers);

/// <summary>How much of one invoice line a refund credits (decided when its credit note is built, journaled when posted).</summary>
public sealed record CreditAllocation(string DispatchId, int InvoiceLine, string Sku, decimal Quantity);

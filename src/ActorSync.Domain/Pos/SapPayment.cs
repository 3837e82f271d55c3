using System.Collections.Immutable;

namespace ActorSync.Domain.Pos;

/// <summary>
/// An incoming payment (<c>IncomingPayments</c>) or, for refunds, an outgoing one (<c>VendorPayments</c>); both use
/// SAP's <c>Payment</c> type (reference/service-layer.md §8). Cash goes in <c>CashAccount/CashSum</c>, everything else
/// in <c>TransferAccount/TransferSum</c>: <c>PaymentCreditCards</c> would need SAP credit-card codes (OCRC), card
/// numbers and validity dates that no channel sends. Property names are SAP's; nulls are left out. <c>DocCurrency</c> is
/// the receipt's document currency (null: the partner's), added after v1 and optional, so older journal rows read back.
/// </summary>
public sealed record SapPayment(
    string DocType,
    string CardCode,
    string DocDate,
    ImmutableList<SapPaymentInvoice> PaymentInvoices,
    string? CashAccount = null,
    decimal? CashSum = null,
    string? TransferAccount = null,
    decimal? TransferSum = null,
    string? TransferDate = null,
    string? TransferReference = null,
    string? Remarks = null,
    string? DocCurrency = null);

/// <summary>
/// The document a payment settles. <see cref="DocEntry"/> is null in a plan until the document it refers to has
/// posted (see <c>SapPosting.References</c>). <see cref="InvoiceType"/> is <c>it_Invoice</c> or <c>it_CredItnote</c>
/// (SAP's own spelling).
/// </summary>
public sealed record SapPaymentInvoice(int? DocEntry, decimal SumApplied, string InvoiceType);

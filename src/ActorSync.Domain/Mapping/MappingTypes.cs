using System.Collections.Immutable;

namespace ActorSync.Domain.Mapping;

/// <summary>How a channel's customers find their SAP business partner (<c>Mapping:Channels:&lt;channel&gt;:CustomerMatching</c>).</summary>
public enum CustomerMatchRule
{
    /// <summary>The business partner whose <c>EmailAddress</c> equals the order's email; guests go to the guest partner.</summary>
    Email,
    /// <summary>The business partner that records the channel's customer id (a UDF in real companies).</summary>
    ChannelCustomerId,
    /// <summary>Every order goes to the channel's guest partner (typical for POS, where receipts rarely name a customer).</summary>
    AlwaysGuest,
}

/// <summary>Which batches a document draws from when the channel does not say (<c>Mapping:BatchAllocation</c>).</summary>
public enum BatchAllocationStrategy
{
    /// <summary>First expired, first out: earliest expiry date first, expired batches skipped.</summary>
    Fefo,
    /// <summary>First in, first out: earliest admission (receipt) date first; expired batches still skipped.</summary>
    Fifo,
}

/// <summary>
/// How money taken with a payment method lands in an SAP incoming payment. The reference (§8 IncomingPayments) offers
/// <c>CashAccount/CashSum</c>, <c>TransferAccount/TransferSum</c> and <c>PaymentCreditCards</c>; the last needs a
/// credit-card code from SAP's card master (OCRC) plus card number and validity, which neither channels nor the
/// emulated company provide, so card takings post as a transfer to a card clearing account.
/// </summary>
public enum PaymentMeans { Cash, Transfer }

/// <summary>
/// When a web order's money paid with a method counts as received (<c>Capture</c> of a payment method's mapping):
/// <see cref="AtCheckout"/> for cards and wallets the PSP captures when the customer pays; <see cref="Reported"/> for
/// cash on delivery, bank transfer and invoice-later methods, whose money arrives later and is reported then.
/// </summary>
public enum PaymentCapture { AtCheckout, Reported }

/// <summary>
/// Where a web order's money captured at checkout sits in SAP before the invoice it pays is posted
/// (<c>Mapping:CapturedBeforeInvoice</c>). <see cref="Clearing"/> (the default): nowhere yet; it stays on the PSP's
/// clearing account and each invoice gets an incoming payment of its share when it posts, so every payment matches
/// one invoice and nothing waits on account for a manual reconciliation. <see cref="DownPayment"/>: an A/R down
/// payment invoice for what was captured is posted and paid as soon as the sales order is in SAP, for merchants who
/// must recognise the payment when it is taken; each invoice then draws its share of it.
/// </summary>
public enum CapturedBeforeInvoice { Clearing, DownPayment }

/// <summary>The G/L account a payment method's money is posted to, whether it is cash or a transfer, and when a web order's money counts as received.</summary>
public sealed record PaymentAccount(string Account, PaymentMeans Means, PaymentCapture Capture = PaymentCapture.AtCheckout);

/// <summary>
/// One channel location (Magento source, BigCommerce location id, Sitoo warehouse id, WMS site): the SAP warehouse its
/// lines post to, the SAP warehouses whose stock it may sell, and the safety buffer held back from what is published.
/// </summary>
public sealed record ChannelLocation(string Warehouse, ImmutableList<string> SellableWarehouses, decimal SafetyBuffer);

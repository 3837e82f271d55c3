namespace ActorSync.Domain.Exceptions;

/// <summary>The team that owns fixing a kind of exception; every parked record has one.</summary>
public enum OwningTeam { Finance, Operations, Merchandising, CustomerService, Integration }

public static class OwningTeams
{
    /// <summary>The team as operators type it and as the API, metrics and alerts show it: <c>finance</c>, <c>customer-service</c>.</summary>
    public static string Name(this OwningTeam team) => team switch
    {
        OwningTeam.CustomerService => "customer-service",
        _ => team.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Why a record could not go to SAP, who should act and what they should do. Stored with the record's
/// original payload in the exception queue; an operator retries, resolves or ignores it.
/// </summary>
public sealed record ExceptionDetails(string Type, OwningTeam Team, string Reason, string SuggestedAction);

/// <summary>
/// A kind of exception as the people who own it read it: what it means for the business and what to do. One per type;
/// a raised exception adds the reason of the record at hand.
/// </summary>
public sealed record ExceptionKind(string Type, OwningTeam Team, string Meaning, string SuggestedAction)
{
    public ExceptionDetails Raise(string reason) => new(Type, Team, reason, SuggestedAction);
}

/// <summary>The exception types the engine raises, each with its owner, its meaning and the suggested next step.</summary>
public static class ExceptionTypes
{
    private static readonly ExceptionKind InvalidOrderKind = new("invalid-order", OwningTeam.Integration,
        "An order, refund or dispatch arrived that cannot be a valid SAP document as it stands (a missing id, date, line or customer; a negative price; a field longer than SAP holds). Nothing of it reached SAP.",
        "Check the channel payload and the connector; fix and retry.");

    public static ExceptionDetails InvalidOrder(string reason) =>
        InvalidOrderKind.Raise(reason);

    private static readonly ExceptionKind UnmappedTaxKind = new("unmapped-tax", OwningTeam.Finance,
        "The channel charged a tax rate that has no SAP VAT group in the engine's mapping, so the order cannot be posted with the right tax.",
        "Add the tax rate to Mapping:VatGroups, then retry.");

    public static ExceptionDetails UnmappedTax(string reason) =>
        UnmappedTaxKind.Raise(reason);

    private static readonly ExceptionKind UnmappedShippingKind = new("unmapped-shipping", OwningTeam.Operations,
        "The channel's shipping method has no SAP shipping type in the mapping, so the order cannot say how it ships.",
        "Add the shipping method to Mapping:ShippingTypes, then retry.");

    public static ExceptionDetails UnmappedShipping(string reason) =>
        UnmappedShippingKind.Raise(reason);

    private static readonly ExceptionKind UnknownSkuKind = new("unknown-sku", OwningTeam.Merchandising,
        "A line names a SKU that is not an item in SAP. The order waits; nothing is posted without it.",
        "Create the item in SAP or correct the SKU in the channel (SKU must equal the SAP ItemCode), then retry.");

    public static ExceptionDetails UnknownSku(string reason) =>
        UnknownSkuKind.Raise(reason);

    private static readonly ExceptionKind InactiveItemKind = new("inactive-item", OwningTeam.Merchandising,
        "A line names an SAP item that is inactive or frozen, so SAP refuses to sell it.",
        "Activate or unfreeze the item in SAP, or take it off sale in the channel and resolve the record by hand.");

    public static ExceptionDetails InactiveItem(string reason) =>
        InactiveItemKind.Raise(reason);

    private static readonly ExceptionKind BatchAllocationImpossibleKind = new("batch-allocation", OwningTeam.Operations,
        "A dispatch of a batch-managed item cannot be given batches from that warehouse (none received, expired, or too few).",
        "Check the item's batches in that SAP warehouse (received, not expired, enough quantity), correct the stock or the batch the warehouse reported, then retry.");

    public static ExceptionDetails BatchAllocationImpossible(string reason) =>
        BatchAllocationImpossibleKind.Raise(reason);

    private static readonly ExceptionKind SerialAllocationImpossibleKind = new("serial-allocation", OwningTeam.Operations,
        "A dispatch of a serial-managed item cannot be given serial numbers from that warehouse, or the serials the warehouse reported are not in stock there.",
        "Check the item's serial numbers in that SAP warehouse, correct the stock or the serials the warehouse reported, then retry.");

    public static ExceptionDetails SerialAllocationImpossible(string reason) =>
        SerialAllocationImpossibleKind.Raise(reason);

    private static readonly ExceptionKind InsufficientStockKind = new("insufficient-stock", OwningTeam.Operations,
        "SAP's stock in the warehouse is lower than what is being dispatched or moved, so the delivery or transfer would go negative.",
        "Post the missing receipt or transfer in SAP (or correct the count), then retry.");

    public static ExceptionDetails InsufficientStock(string reason) =>
        InsufficientStockKind.Raise(reason);

    private static readonly ExceptionKind UnmappedWarehouseKind = new("unmapped-warehouse", OwningTeam.Operations,
        "A channel location or a warehouse system's own code has no SAP warehouse in the mapping, so the engine does not know where the stock is.",
        "Add the location to Mapping:Channels:<channel>:Locations with its SAP warehouse, then retry.");

    public static ExceptionDetails UnmappedWarehouse(string reason) =>
        UnmappedWarehouseKind.Raise(reason);

    /// <summary>A warehouse system's own warehouse code with no SAP warehouse in the connector's map (<paramref name="key"/> names the setting).</summary>
    public static ExceptionDetails UnmappedWmsWarehouse(string reason, string key) =>
        UnmappedWarehouseKind.Raise(reason) with { SuggestedAction = $"Add {key} with the SAP warehouse code (configuration, then restart), then retry." };

    public const string OrderNotFoundType = "order-not-found";

    private static readonly ExceptionKind OrderNotFoundKind = new(OrderNotFoundType, OwningTeam.Integration,
        "A warehouse confirmed a dispatch for an order the engine never received (or received under another id); the delivery cannot be posted against it.",
        "Check that the order came in from its channel (GET /api/orders/<channel>:<id>) and that the warehouse names it as <channel>:<order id>; submit the order if it never arrived, then retry (the dispatch is applied once).");

    /// <summary>A warehouse confirmed a dispatch of an order the engine never received (or received under another id).</summary>
    public static ExceptionDetails OrderNotFound(string reason) =>
        OrderNotFoundKind.Raise(reason);

    private static readonly ExceptionKind UnmappedPaymentMethodKind = new("unmapped-payment-method", OwningTeam.Finance,
        "The order was paid with a method that has no G/L account in the mapping, so the payment cannot be posted to the right account.",
        "Add the payment method to Mapping:PaymentMethods with its G/L account and kind (Cash or Transfer), then retry.");

    public static ExceptionDetails UnmappedPaymentMethod(string reason) =>
        UnmappedPaymentMethodKind.Raise(reason);

    private static readonly ExceptionKind TotalsMismatchKind = new("totals-mismatch", OwningTeam.Finance,
        "What the engine would send SAP does not add up to what the customer paid (lines, tax, shipping, discounts), so it stops rather than post the wrong money.",
        "Compare the channel's totals with the document; fix the mapping or the channel record, or post the difference by hand and resolve.");

    public static ExceptionDetails TotalsMismatch(string reason) =>
        TotalsMismatchKind.Raise(reason);

    private static readonly ExceptionKind TaxRateMismatchKind = new("tax-rate-mismatch", OwningTeam.Finance,
        "The SAP VAT group the mapping names carries a different rate from the one the channel charged.",
        "Create a VAT group with the channel's rate in SAP and point Mapping:VatGroups at it, then retry.");

    public static ExceptionDetails TaxRateMismatch(string reason) =>
        TaxRateMismatchKind.Raise(reason);

    public const string CurrencyNotAcceptedType = "currency-not-accepted";

    private static readonly ExceptionKind CurrencyNotAcceptedKind = new(CurrencyNotAcceptedType, OwningTeam.Finance,
        "The order is in a currency SAP does not know, or that the customer's business partner may not use.",
        "Define the currency and its daily exchange rate in SAP, or give the business partner that currency or All Currencies (##) " +
            "(or map the channel's guest to such a partner), then retry. Never re-key it as local currency: the customer paid in the order's currency.");

    /// <summary>An order in a currency SAP does not know, or that its business partner's currency does not allow.</summary>
    public static ExceptionDetails CurrencyNotAccepted(string reason) =>
        CurrencyNotAcceptedKind.Raise(reason);

    private static readonly ExceptionKind UnknownVatGroupKind = new("unknown-vat-group", OwningTeam.Finance,
        "The mapping names an SAP VAT group that does not exist or is inactive.",
        "Create or activate the VAT group in SAP, or correct Mapping:VatGroups, then retry.");

    public static ExceptionDetails UnknownVatGroup(string reason) =>
        UnknownVatGroupKind.Raise(reason);

    private static readonly ExceptionKind UnknownShippingTypeKind = new("unknown-shipping-type", OwningTeam.Operations,
        "The mapping names an SAP shipping type that does not exist.",
        "Create the shipping type in SAP or correct Mapping:ShippingTypes, then retry.");

    public static ExceptionDetails UnknownShippingType(string reason) =>
        UnknownShippingTypeKind.Raise(reason);

    private static readonly ExceptionKind UnknownWarehouseKind = new("unknown-warehouse", OwningTeam.Operations,
        "The mapping names an SAP warehouse that does not exist or is inactive.",
        "Create or activate the warehouse in SAP, or correct the warehouse in Mapping, then retry.");

    public static ExceptionDetails UnknownWarehouse(string reason) =>
        UnknownWarehouseKind.Raise(reason);

    private static readonly ExceptionKind UnknownGlAccountKind = new("unknown-gl-account", OwningTeam.Finance,
        "The mapping names a G/L account SAP does not have (for a payment or a refund).",
        "Create the G/L account in SAP or correct Mapping:PaymentMethods, then retry.");

    public static ExceptionDetails UnknownGlAccount(string reason) =>
        UnknownGlAccountKind.Raise(reason);

    public const string UnknownCustomerType = "unknown-customer";

    private static readonly ExceptionKind UnknownCustomerKind = new(UnknownCustomerType, OwningTeam.CustomerService,
        "The order belongs to a registered customer who has no business partner in SAP (or none that carries the channel's customer id).",
        "Create the business partner in SAP (or record the channel customer id on the right one), then retry.");

    public static ExceptionDetails UnknownCustomer(string reason) =>
        UnknownCustomerKind.Raise(reason);

    public const string InvalidAddressType = "invalid-address";

    private static readonly ExceptionKind InvalidAddressKind = new(InvalidAddressType, OwningTeam.CustomerService,
        "The billing or shipping address cannot be used as it is: a country or state SAP does not know, a missing street, city or postcode, a value too long for SAP, or stray control characters.",
        "Correct the address in the channel (when the channel sends the order again, the corrected address replaces the parked one and the order is checked again), " +
            "or add the missing country or state in SAP (Administration › Setup › General › Countries, States) and retry; confirm the address with the buyer when it is unclear.");

    /// <summary>
    /// An address SAP would refuse or the warehouse could not ship to: a country or state SAP does not know, a state
    /// missing where SAP lists states for the country, no street, city or postcode, a value longer than SAP's field, or
    /// control characters. The reason shows the address as the channel sent it, each problem and a suggested correction.
    /// </summary>
    public static ExceptionDetails InvalidAddress(string reason) =>
        InvalidAddressKind.Raise(reason);

    private static readonly ExceptionKind InactiveCustomerKind = new("inactive-customer", OwningTeam.CustomerService,
        "The customer's business partner in SAP is inactive or frozen, so SAP refuses documents for it.",
        "Reactivate the business partner in SAP or move the customer to an active one, then retry.");

    public static ExceptionDetails InactiveCustomer(string reason) =>
        InactiveCustomerKind.Raise(reason);

    /// <summary>
    /// What SAP's refusal of a document means for the people who must act: a missing exchange rate for the document's
    /// date is finance's to enter (SAP: "Update the exchange rate , 'USD'"); anything else is read by integration first.
    /// </summary>
    public static ExceptionDetails ForSapRefusal(string code, string message) =>
        message.Contains("exchange rate", StringComparison.OrdinalIgnoreCase) ? ExchangeRateMissing(code, message) : SapRejected(code, message);

    private static readonly ExceptionKind ExchangeRateMissingKind = new("exchange-rate-missing", OwningTeam.Finance,
        "SAP has no exchange rate for the document's currency on its date, so it cannot post a foreign-currency document.",
        "Enter the day's rate for that currency in SAP (Administration › Exchange Rates and Indexes), then retry. Never re-key the order in local currency.");

    public static ExceptionDetails ExchangeRateMissing(string code, string message) =>
        ExchangeRateMissingKind.Raise($"SAP has no exchange rate for the document's currency on its date; it answered {code}: {message}");

    private static readonly ExceptionKind SapRejectedKind = new("sap-rejected", OwningTeam.Integration,
        "SAP refused the document with a message the engine has no specific rule for; its message says why.",
        "Read SAP's message, fix the master data or the mapping it names, then retry.");

    public static ExceptionDetails SapRejected(string code, string message) =>
        SapRejectedKind.Raise($"SAP answered {code}: {message}");

    private static readonly ExceptionKind RefundNotInvoicedKind = new("refund-not-invoiced", OwningTeam.Finance,
        "A refund gives back more than was dispatched and invoiced, so SAP has no invoice line to credit.",
        "Check the refund in the channel; dispatch first or cancel the order line in SAP, then retry.");

    public static ExceptionDetails RefundNotInvoiced(string refundId, string sku, decimal asked, decimal creditable) =>
        RefundNotInvoicedKind.Raise($"Refund {refundId} gives back {asked} x {sku} but only {Math.Max(creditable, 0)} was dispatched and not yet refunded, so SAP has no invoice to credit.");

    private static readonly ExceptionKind UnmappedShippingRefundKind = new("unmapped-shipping-refund", OwningTeam.Finance,
        "A refund gives back shipping, but no G/L account for shipping refunds is set.",
        "Set Mapping:Returns:ShippingRefundAccount to the G/L account shipping refunds are credited to, then retry; or credit it by hand in SAP and resolve.");

    public static ExceptionDetails UnmappedShippingRefund(string reason) =>
        UnmappedShippingRefundKind.Raise(reason);

    private static readonly ExceptionKind TrackingRejectedKind = new("tracking-rejected", OwningTeam.CustomerService,
        "A channel refused the dispatch and tracking number the engine sent back, so the customer may not have been told it shipped.",
        "Check the order in the channel (already shipped by hand, items changed, tracking number too long), fix it there, then retry; or resolve if the customer has the tracking.");

    public static ExceptionDetails TrackingRejected(string reason) =>
        TrackingRejectedKind.Raise(reason);

    public const string SapLoginRefusedType = "sap-login-refused";

    private static readonly ExceptionKind SapLoginRefusedKind = new(SapLoginRefusedType, OwningTeam.Integration,
        "SAP refused the integration user's login (wrong password, locked user, no licence). Nothing posts until it is fixed; the engine stopped trying so SAP does not lock the user.",
        "Fix ServiceLayer:UserName and ServiceLayer:Password (or unlock the user, or assign it a licence in SAP), then retry this exception: the engine logs in once more. Until then it does not try, so SAP does not lock the user.");

    public static ExceptionDetails SapLoginRefused(string reason) =>
        SapLoginRefusedKind.Raise(reason);

    private static readonly ExceptionKind LockTimeoutKind = new("lock-timeout", OwningTeam.Operations,
        "SAP kept the records locked (someone has the item or document open) through every retry, so the engine parked the work rather than wait forever.",
        "Ask who holds the item or document open in SAP to close it, then retry.");

    public static ExceptionDetails LockTimeout(int attempts, string lastMessage) =>
        LockTimeoutKind.Raise($"The SAP records stayed locked by another user through {attempts} attempts; last answer: {lastMessage}");

    public const string StockSkuRefusedType = "stock-sku-refused";

    private static readonly ExceptionKind StockSkuRefusedKind = new(StockSkuRefusedType, OwningTeam.Merchandising,
        "A channel refused a stock quantity for one SKU (it does not know the SKU, or tracks it by variant); that channel shows a stale quantity for it.",
        "Create or link the product in the channel with the SAP ItemCode as its SKU (tracked by product), or take it off that channel; then retry (the SKU is sent again with SAP's latest quantity). Until then it is not sent again at this quantity.");

    /// <summary>A channel refused a SKU's stock quantity (unknown on the channel, tracked by variant): the rest of the call went through.</summary>
    public static ExceptionDetails StockSkuRefused(string reason) =>
        StockSkuRefusedKind.Raise(reason);

    public const string CatalogueSkuRefusedType = "catalogue-sku-refused";

    private static readonly ExceptionKind CatalogueSkuRefusedKind = new(CatalogueSkuRefusedType, OwningTeam.Merchandising,
        "A channel refused an item from SAP as a product (a SKU with characters the channel does not allow, a missing or invalid field, a product the channel locks): that channel does not show SAP's title, price or on-sale state for it. The rest of the call went through.",
        "Read the channel's reason: correct the item in SAP (its code, name or price) or the product in the channel, then retry (the product is sent again as SAP has it). Until then it is not sent again unless SAP changes it.");

    /// <summary>A channel refused a product (title, price, enabled) taken from an SAP item; the rest of its call went through.</summary>
    public static ExceptionDetails CatalogueSkuRefused(string reason) =>
        CatalogueSkuRefusedKind.Raise(reason);

    public const string InvalidChannelRecordType = "invalid-channel-record";

    private static readonly ExceptionKind InvalidChannelRecordKind = new(InvalidChannelRecordType, OwningTeam.Integration,
        "A connector took a record from a channel (a webhook or a polled order) that cannot be read: it does not parse, a field is missing, or the checks refuse it. The reason names the field.",
        "Compare the payload with the channel's record at the path named; fix the record in the channel or the connector's mapping, then retry (the connector fetches it again).");

    /// <summary>
    /// A record a connector took from a channel (a webhook, a polled order) that cannot become a domain record:
    /// it does not parse, misses a field, or the boundary check refuses it. The reason names the JSON path.
    /// </summary>
    public static ExceptionDetails InvalidChannelRecord(string reason) =>
        InvalidChannelRecordKind.Raise(reason);

    private static readonly ExceptionKind ReconOrderMissingKind = new("recon-order-missing-in-sap", OwningTeam.Integration,
        "Reconciliation found a channel order that should be in SAP (paid, not cancelled, older than the grace period) with no sales order: the customer paid and SAP does not know.",
        "Look the order up (actorsync entity show order <channel>:<id>) and in the exception queue: when it is parked, fix that cause and retry; when the engine never had it, check the connector's inbox and poll. This closes by itself when a later run finds the sales order.");

    private static readonly ExceptionKind ReconSapOrderUnknownKind = new("recon-sap-order-unknown-to-channel", OwningTeam.Finance,
        "Reconciliation found an SAP sales order whose NumAtCard names a channel order the channel does not have (a test order, one keyed by hand with the channel's prefix, or one deleted in the channel).",
        "Check the sales order in SAP: cancel or close it when it should not be there, or correct its NumAtCard. This closes by itself when a later run no longer finds it.");

    private static readonly ExceptionKind ReconRefundWithoutCreditNoteKind = new("recon-refund-without-credit-note", OwningTeam.Finance,
        "Reconciliation found a refund the channel made with no credit note in SAP: the money went back to the customer but SAP's revenue and receivables still count it.",
        "Look at the order (actorsync entity show order) and its exceptions (refund-not-invoiced, unmapped-shipping-refund): fix and retry; if the engine never received the refund, check the connector. Closes by itself when the credit note is in SAP.");

    private static readonly ExceptionKind ReconDispatchWithoutDeliveryKind = new("recon-dispatch-without-delivery", OwningTeam.Operations,
        "Reconciliation found a shipment the channel shows with no SAP delivery: SAP still holds the goods as in stock and committed.",
        "Look at the order and its exceptions (batch-allocation, lock-timeout, insufficient-stock): fix and retry; if the dispatch never reached the engine, check the warehouse connector. Closes by itself when the delivery is in SAP.");

    private static readonly ExceptionKind ReconDispatchWithoutInvoiceKind = new("recon-dispatch-without-invoice", OwningTeam.Finance,
        "Reconciliation found a shipment whose delivery is in SAP but not its invoice: goods went out and nothing is billed, so the payment cannot be applied either.",
        "Look at the order and its exceptions, fix the cause and retry. Closes by itself when the invoice is in SAP.");

    private static readonly ExceptionKind ReconPosTakingsDifferKind = new("recon-pos-takings-differ", OwningTeam.Finance,
        "Reconciliation found a store's takings for a day that differ from SAP: with one payment method against SAP's incoming payments, or the receipts' total against SAP's invoices. The reason names the receipts that differ.",
        "Look at each receipt named (actorsync entity show pos sitoo:<id>) and its exceptions (unmapped-payment-method, unknown-gl-account): fix and retry; a receipt SAP never received means the Sitoo connector missed it. Closes by itself when a later run finds the day equal.");

    private static readonly ExceptionKind ReconStockAboveSapKind = new("recon-stock-above-sap", OwningTeam.Operations,
        "Reconciliation found a channel location showing more stock for a SKU than SAP allows it to sell (beyond Reconciliation:StockThreshold): the shop can sell what is not there.",
        "Check the SKU's stock publishing (GET /api/stock/publishing, stock-sku-refused exceptions) and whether someone set the quantity in the channel by hand; the next publish puts SAP's figure back. Closes by itself when a later run finds them equal.");

    private static readonly ExceptionKind ReconStockBelowSapKind = new("recon-stock-below-sap", OwningTeam.Merchandising,
        "Reconciliation found a channel location showing less stock for a SKU than SAP allows it to sell (beyond Reconciliation:StockThreshold): sales are being lost.",
        "Check the SKU's stock publishing and the location's SellableWarehouses and SafetyBuffer mapping. Closes by itself when a later run finds them equal.");

    /// <summary>The exception kind of a reconciliation finding.</summary>
    public static ExceptionKind ReconFinding(Reconciliation.FindingKind kind) => kind switch
    {
        Reconciliation.FindingKind.OrderMissingInSap => ReconOrderMissingKind,
        Reconciliation.FindingKind.SapOrderUnknownToChannel => ReconSapOrderUnknownKind,
        Reconciliation.FindingKind.RefundWithoutCreditNote => ReconRefundWithoutCreditNoteKind,
        Reconciliation.FindingKind.DispatchWithoutDelivery => ReconDispatchWithoutDeliveryKind,
        Reconciliation.FindingKind.DispatchWithoutInvoice => ReconDispatchWithoutInvoiceKind,
        Reconciliation.FindingKind.PosTakingsDiffer => ReconPosTakingsDifferKind,
        Reconciliation.FindingKind.StockAboveSap => ReconStockAboveSapKind,
        _ => ReconStockBelowSapKind,
    };

    /// <summary>Every kind of exception the engine raises; the operator's guide (docs/operations-guide.md) is generated from it.</summary>
    public static readonly IReadOnlyList<ExceptionKind> Catalogue =
    [
        InvalidOrderKind,
        UnmappedTaxKind,
        UnmappedShippingKind,
        UnknownSkuKind,
        InactiveItemKind,
        BatchAllocationImpossibleKind,
        SerialAllocationImpossibleKind,
        InsufficientStockKind,
        UnmappedWarehouseKind,
        OrderNotFoundKind,
        UnmappedPaymentMethodKind,
        TotalsMismatchKind,
        TaxRateMismatchKind,
        CurrencyNotAcceptedKind,
        UnknownVatGroupKind,
        UnknownShippingTypeKind,
        UnknownWarehouseKind,
        UnknownGlAccountKind,
        UnknownCustomerKind,
        InvalidAddressKind,
        InactiveCustomerKind,
        ExchangeRateMissingKind,
        SapRejectedKind,
        RefundNotInvoicedKind,
        UnmappedShippingRefundKind,
        TrackingRejectedKind,
        SapLoginRefusedKind,
        LockTimeoutKind,
        StockSkuRefusedKind,
        CatalogueSkuRefusedKind,
        InvalidChannelRecordKind,
        ReconOrderMissingKind,
        ReconSapOrderUnknownKind,
        ReconRefundWithoutCreditNoteKind,
        ReconDispatchWithoutDeliveryKind,
        ReconDispatchWithoutInvoiceKind,
        ReconPosTakingsDifferKind,
        ReconStockAboveSapKind,
        ReconStockBelowSapKind,
    ];
}

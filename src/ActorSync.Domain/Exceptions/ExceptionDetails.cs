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

    public static ExceptionDetails UnknownSku(string reason) =>
        new("unknown-sku", OwningTeam.Merchandising, reason,
            "Create the item in SAP or correct the SKU in the channel (SKU must equal the SAP ItemCode), then retry.");

    public static ExceptionDetails InactiveItem(string reason) =>
        new("inactive-item", OwningTeam.Merchandising, reason,
            "Activate or unfreeze the item in SAP, or take it off sale in the channel and resolve the record by hand.");

    public static ExceptionDetails BatchAllocationImpossible(string reason) =>
        new("batch-allocation", OwningTeam.Operations, reason,
            "Check the item's batches in that SAP warehouse (received, not expired, enough quantity), correct the stock or the batch the warehouse reported, then retry.");

    public static ExceptionDetails SerialAllocationImpossible(string reason) =>
        new("serial-allocation", OwningTeam.Operations, reason,
            "Check the item's serial numbers in that SAP warehouse, correct the stock or the serials the warehouse reported, then retry.");

    public static ExceptionDetails InsufficientStock(string reason) =>
        new("insufficient-stock", OwningTeam.Operations, reason,
            "Post the missing receipt or transfer in SAP (or correct the count), then retry.");

    public static ExceptionDetails UnmappedWarehouse(string reason) =>
        new("unmapped-warehouse", OwningTeam.Operations, reason,
            "Add the location to Mapping:Channels:<channel>:Locations with its SAP warehouse, then retry.");

    /// <summary>A warehouse system's own warehouse code with no SAP warehouse in the connector's map (<paramref name="key"/> names the setting).</summary>
    public static ExceptionDetails UnmappedWmsWarehouse(string reason, string key) =>
        new("unmapped-warehouse", OwningTeam.Operations, reason,
            $"Add {key} with the SAP warehouse code (configuration, then restart), then retry.");

    public const string OrderNotFoundType = "order-not-found";

    /// <summary>A warehouse confirmed a dispatch of an order the engine never received (or received under another id).</summary>
    public static ExceptionDetails OrderNotFound(string reason) =>
        new(OrderNotFoundType, OwningTeam.Integration, reason,
            "Check that the order came in from its channel (GET /api/orders/<channel>:<id>) and that the warehouse names it as <channel>:<order id>; submit the order if it never arrived, then retry (the dispatch is applied once).");

    public static ExceptionDetails UnmappedPaymentMethod(string reason) =>
        new("unmapped-payment-method", OwningTeam.Finance, reason,
            "Add the payment method to Mapping:PaymentMethods with its G/L account and kind (Cash or Transfer), then retry.");

    public static ExceptionDetails TotalsMismatch(string reason) =>
        new("totals-mismatch", OwningTeam.Finance, reason,
            "Compare the channel's totals with the document; fix the mapping or the channel record, or post the difference by hand and resolve.");

    public static ExceptionDetails TaxRateMismatch(string reason) =>
        new("tax-rate-mismatch", OwningTeam.Finance, reason,
            "Create a VAT group with the channel's rate in SAP and point Mapping:VatGroups at it, then retry.");

    public const string CurrencyNotAcceptedType = "currency-not-accepted";

    /// <summary>An order in a currency SAP does not know, or that its business partner's currency does not allow.</summary>
    public static ExceptionDetails CurrencyNotAccepted(string reason) =>
        new(CurrencyNotAcceptedType, OwningTeam.Finance, reason,
            "Define the currency and its daily exchange rate in SAP, or give the business partner that currency or All Currencies (##) " +
            "(or map the channel's guest to such a partner), then retry. Never re-key it as local currency: the customer paid in the order's currency.");

    public static ExceptionDetails UnknownVatGroup(string reason) =>
        new("unknown-vat-group", OwningTeam.Finance, reason,
            "Create or activate the VAT group in SAP, or correct Mapping:VatGroups, then retry.");

    public static ExceptionDetails UnknownShippingType(string reason) =>
        new("unknown-shipping-type", OwningTeam.Operations, reason,
            "Create the shipping type in SAP or correct Mapping:ShippingTypes, then retry.");

    public static ExceptionDetails UnknownWarehouse(string reason) =>
        new("unknown-warehouse", OwningTeam.Operations, reason,
            "Create or activate the warehouse in SAP, or correct the warehouse in Mapping, then retry.");

    public static ExceptionDetails UnknownGlAccount(string reason) =>
        new("unknown-gl-account", OwningTeam.Finance, reason,
            "Create the G/L account in SAP or correct Mapping:PaymentMethods, then retry.");

    public const string UnknownCustomerType = "unknown-customer";

    public static ExceptionDetails UnknownCustomer(string reason) =>
        new(UnknownCustomerType, OwningTeam.CustomerService, reason,
            "Create the business partner in SAP (or record the channel customer id on the right one), then retry.");

    public const string InvalidAddressType = "invalid-address";

    /// <summary>
    /// An address SAP would refuse or the warehouse could not ship to: a country or state SAP does not know, a state
    /// missing where SAP lists states for the country, no street, city or postcode, a value longer than SAP's field, or
    /// control characters. The reason shows the address as the channel sent it, each problem and a suggested correction.
    /// </summary>
    public static ExceptionDetails InvalidAddress(string reason) =>
        new(InvalidAddressType, OwningTeam.CustomerService, reason,
            "Correct the address in the channel (when the channel sends the order again, the corrected address replaces the parked one and the order is checked again), " +
            "or add the missing country or state in SAP (Administration › Setup › General › Countries, States) and retry; confirm the address with the buyer when it is unclear.");

    public static ExceptionDetails InactiveCustomer(string reason) =>
        new("inactive-customer", OwningTeam.CustomerService, reason,
            "Reactivate the business partner in SAP or move the customer to an active one, then retry.");

    /// <summary>
    /// What SAP's refusal of a document means for the people who must act: a missing exchange rate for the document's
    /// date is finance's to enter (SAP: "Update the exchange rate , 'USD'"); anything else is read by integration first.
    /// </summary>
    public static ExceptionDetails ForSapRefusal(string code, string message) =>
        message.Contains("exchange rate", StringComparison.OrdinalIgnoreCase) ? ExchangeRateMissing(code, message) : SapRejected(code, message);

    public static ExceptionDetails ExchangeRateMissing(string code, string message) =>
        new("exchange-rate-missing", OwningTeam.Finance, $"SAP has no exchange rate for the document's currency on its date; it answered {code}: {message}",
            "Enter the day's rate for that currency in SAP (Administration › Exchange Rates and Indexes), then retry. Never re-key the order in local currency.");

    public static ExceptionDetails SapRejected(string code, string message) =>
        new("sap-rejected", OwningTeam.Integration, $"SAP answered {code}: {message}",
            "Read SAP's message, fix the master data or the mapping it names, then retry.");

    public static ExceptionDetails RefundNotInvoiced(string refundId, string sku, decimal asked, decimal creditable) =>
        new("refund-not-invoiced", OwningTeam.Finance,
            $"Refund {refundId} gives back {asked} x {sku} but only {Math.Max(creditable, 0)} was dispatched and not yet refunded, so SAP has no invoice to credit.",
            "Check the refund in the channel; dispatch first or cancel the order line in SAP, then retry.");

    public static ExceptionDetails UnmappedShippingRefund(string reason) =>
        new("unmapped-shipping-refund", OwningTeam.Finance, reason,
            "Set Mapping:Returns:ShippingRefundAccount to the G/L account shipping refunds are credited to, then retry; or credit it by hand in SAP and resolve.");

    public static ExceptionDetails TrackingRejected(string reason) =>
        new("tracking-rejected", OwningTeam.CustomerService, reason,
            "Check the order in the channel (already shipped by hand, items changed, tracking number too long), fix it there, then retry; or resolve if the customer has the tracking.");

    public const string SapLoginRefusedType = "sap-login-refused";

    public static ExceptionDetails SapLoginRefused(string reason) =>
        new(SapLoginRefusedType, OwningTeam.Integration, reason,
            "Fix ServiceLayer:UserName and ServiceLayer:Password (or unlock the user, or assign it a licence in SAP), then retry this exception: the engine logs in once more. Until then it does not try, so SAP does not lock the user.");

    public static ExceptionDetails LockTimeout(int attempts, string lastMessage) =>
        new("lock-timeout", OwningTeam.Operations,
            $"The SAP records stayed locked by another user through {attempts} attempts; last answer: {lastMessage}",
            "Ask who holds the item or document open in SAP to close it, then retry.");

    public const string StockSkuRefusedType = "stock-sku-refused";

    /// <summary>A channel refused a SKU's stock quantity (unknown on the channel, tracked by variant): the rest of the call went through.</summary>
    public static ExceptionDetails StockSkuRefused(string reason) =>
        new(StockSkuRefusedType, OwningTeam.Merchandising, reason,
            "Create or link the product in the channel with the SAP ItemCode as its SKU (tracked by product), or take it off that channel; then retry (the SKU is sent again with SAP's latest quantity). Until then it is not sent again at this quantity.");

    public const string InvalidChannelRecordType = "invalid-channel-record";

    /// <summary>
    /// A record a connector took from a channel (a webhook, a polled order) that cannot become a domain record:
    /// it does not parse, misses a field, or the boundary check refuses it. The reason names the JSON path.
    /// </summary>
    public static ExceptionDetails InvalidChannelRecord(string reason) =>
        new(InvalidChannelRecordType, OwningTeam.Integration, reason,
            "Compare the payload with the channel's record at the path named; fix the record in the channel or the connector's mapping, then retry (the connector fetches it again).");
}

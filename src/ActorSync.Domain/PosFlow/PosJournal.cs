using ActorSync.Domain.Journal;
using static ActorSync.Domain.PosFlow.PosCommands;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Domain.PosFlow;

/// <summary>The POS flow's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class PosJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"TransactionId":"sitoo:","Exceptions":[{"Type":"unmapped-payment-method","Team":"Finance","Reason":"","SuggestedAction":"Add the payment method to Mapping:PaymentMethods with its G/L account and kind (Cash or Transfer), then retry."}],"Notes":[""],"At":"2026-"}
        {"TransactionId":"sitoo:","Key":"SITOO-","Picks":[{"Line":1,"BatchNumbers":[{"BatchNumber":"","Quantity":1}],"SerialNumbers":[{"InternalSerialNumber":""}]}],"At":"2026-"}
        {"TransactionId":"sitoo:","Key":"SITOO-","Reason":"-2039 Another user or another operation modified data","LockAttempts":1,"At":"2026-"}
        {"TransactionId":"sitoo:","Key":"SITOO-","DocEntry":,"DocNum":,"FoundByLookup":true,"At":"2026-","WorkPending":true}
        {"TransactionId":"sitoo:","Jobs":[{"Key":"SITOO-","EntitySet":"Invoices","Body":"{\u0022CardCode\u0022:\u0022POSGUEST\u0022,\u0022NumAtCard\u0022:\u0022SITOO-\u0022,\u0022DocDate\u0022:\u00222026-\u0022,\u0022DocDueDate\u0022:\u00222026-\u0022,\u0022DocumentLines\u0022:[{\u0022ItemCode\u0022:\u0022ITM0\u0022,\u0022Quantity\u0022:1,\u0022UnitPrice\u0022:,\u0022WarehouseCode\u0022:\u002202\u0022,\u0022VatGroup\u0022:\u0022O1\u0022,\u0022LineTotal\u0022:,\u0022TaxTotal\u0022:}]}","LookUp":{"EntitySet":"Invoices","Field":"NumAtCard","Value":"SITOO-"},"References":[]},{"Key":"SITOO-/161010","EntitySet":"IncomingPayments","Body":"{\u0022DocType\u0022:\u0022rCustomer\u0022,\u0022CardCode\u0022:\u0022POSGUEST\u0022,\u0022DocDate\u0022:\u00222026-\u0022,\u0022PaymentInvoices\u0022:[{\u0022SumApplied\u0022:,\u0022InvoiceType\u0022:\u0022it_Invoice\u0022}],\u0022CashAccount\u0022:\u0022100000\u0022,\u0022CashSum\u0022:,\u0022TransferAccount\u0022:\u0022161010\u0022,\u0022TransferSum\u0022:,\u0022TransferReference\u0022:\u0022\u0022,\u0022Remarks\u0022:\u0022SITOO-\u0022}","LookUp":{"EntitySet":"IncomingPayments","Field":"Remarks","Value":"SITOO-"},"References":[{"TargetField":"PaymentInvoices/0/DocEntry","FromJob":"SITOO-"}]}],"CardCode":"POSGUEST","Notes":[],"At":"2026-","WorkPending":true}
        {"TransactionId":"sitoo:","Transaction":{"Channel":"sitoo","ExternalId":"","Kind":"Sale","Date":"2026-","Currency":"EUR","Customer":{"IsGuest":true},"Location":"1","Lines":[{"Sku":"ITM0","Quantity":1,"NetAmount":,"TaxAmount":,"TaxRate":20,"Description":""}],"Payments":[{"Method":"Cash","Amount":},{"Method":"Card","Amount":,"Reference":"","CardIssuer":"Visa"}],"Total":,"RegisterId":""},"Fingerprint":"","At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("pos",
    [
        ("pos.received.v1", typeof(PosTransactionReceived)),
        ("pos.original-awaited.v1", typeof(PosOriginalAwaited)),
        ("pos.planned.v1", typeof(PosTransactionPlanned)),
        ("pos.quarantined.v1", typeof(PosTransactionQuarantined)),
        ("pos.quarantine-released.v1", typeof(PosQuarantineReleased)),
        ("pos.job-completed.v1", typeof(PosJobCompleted)),
        ("pos.job-deferred.v1", typeof(PosJobDeferred)),
        ("pos.job-parked.v1", typeof(PosJobParked)),
        ("pos.stock-picked.v1", typeof(PosStockPicked)),
        ("pos.stock-pick-refused.v1", typeof(PosStockPickRefused)),
        ("pos.job-released.v1", typeof(PosJobReleased)),
        // On the wire between nodes.
        ("pos.submit.v1", typeof(SubmitPosTransaction)),
        ("pos.retry.v1", typeof(RetryPosTransaction)),
        ("pos.get-state.v1", typeof(PosQueries.GetPosTransactionState)),
        ("pos.state.v1", typeof(PosTransactionState)),
        ("pos.command-result.v1", typeof(PosCommandResult)),
    ], dictionaries: [DictionaryV1]);
}

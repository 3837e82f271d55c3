using ActorSync.Domain.Journal;
using static ActorSync.Domain.Orders.OrderCommands;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// The orders' journal format. A manifest is never changed or reused: a new shape of an event gets the next version
/// and an upcaster from the old one (see <see cref="JournalContract"/>). Commands, the query and its replies are here
/// too because they cross nodes on their way to the order's shard.
/// </summary>
public static class OrderJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"OrderId":"bigcommerce:","Key":"credit:","Exception":{"Type":"lock-timeout","Team":"Operations","Reason":"The SAP records stayed locked by another user","SuggestedAction":"Ask who holds the item or document open in SAP to close it, then retry."},"At":"2026-"}
        {"OrderId":"magento:","Key":"cancel","Reason":"-2039 Another user or another operation modified data","LockAttempts":1,"At":"2026-"}
        {"OrderId":"magento:","Refund":{"Channel":"magento","OrderExternalId":"","RefundId":"","Lines":[{"Sku":"","Quantity":1,"Amount":}],"ShippingRefund":,"ReturnToStock":true,"Date":"2026-"},"At":"2026-","WorkPending":true}
        {"OrderId":"magento:","Key":"delivery:","Picks":[{"Line":1,"BatchNumbers":[{"BatchNumber":"","Quantity":,"ExpiryDate":"2027-"}],"SerialNumbers":[{"InternalSerialNumber":""}]}],"At":"2026-"}
        {"OrderId":"magento:","Dispatch":{"Channel":"magento","OrderExternalId":"","DispatchId":"","Lines":[{"Sku":"ITM0","Quantity":1}],"Date":"2026-","Carrier":"","TrackingNumber":"","Source":"wms"},"Allocation":[{"OrderLine":1,"Sku":"ITM0","Quantity":1}],"At":"2026-","WorkPending":true,"PublishToChannel":true}
        {"OrderId":"magento:","Key":"invoice:","DocEntry":,"DocNum":,"Credited":[{"DispatchId":"","InvoiceLine":1,"Sku":"ITM0","Quantity":1}],"FoundByLookup":true,"At":"2026-","WorkPending":true}
        {"OrderId":"magento:","DocEntry":,"DocNum":,"At":"2026-12-01T00:00:00.0000000+00:00"}
        {"OrderId":"magento:","Document":{"CardCode":"WEBGUEST","NumAtCard":"MAGENTO-","DocDate":"2026-11-27","DocDueDate":"2026-11-30","DocumentLines":[{"ItemCode":"ITM0","Quantity":1,"UnitPrice":,"WarehouseCode":"01","VatGroup":"O1","LineTotal":,"TaxTotal":},{"ItemCode":"ITM0","Quantity":2,"UnitPrice":,"WarehouseCode":"01","VatGroup":"O1","LineTotal":,"TaxTotal":}],"DocCurrency":"EUR","TransportationCode":1,"Comments":"magento order  (ActorSync)","DocumentAdditionalExpenses":[{"ExpenseCode":1,"LineTotal":,"VatGroup":"O1","TaxSum":}]},"At":"2026-12-01T00:00:00.0000000+00:00","WorkPending":true}
        {"OrderId":"magento:","Order":{"Channel":"magento","ExternalId":"","OrderDate":"2026-11-27","Currency":"EUR","Customer":{"Email":"@example.com","ChannelCustomerId":"","IsGuest":true,"Name":""},"Lines":[{"Sku":"ITM0","Quantity":1,"UnitPrice":,"TaxAmount":,"TaxRate":20},{"Sku":"ITM0","Quantity":2,"UnitPrice":,"TaxAmount":,"TaxRate":20}],"ShippingAmount":,"ShippingTax":,"TotalPaid":,"ShippingMethod":"standard"},"Fingerprint":"","At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("orders",
    [
        ("order.received.v1", typeof(OrderReceived)),
        ("order.validated.v1", typeof(OrderValidated)),
        ("order.customer-created.v1", typeof(CustomerCreated)),
        ("order.quarantined.v1", typeof(OrderQuarantined)),
        ("order.posting-deferred.v1", typeof(PostingDeferred)),
        ("order.posted.v1", typeof(OrderPosted)),
        ("order.quarantine-released.v1", typeof(QuarantineReleased)),
        ("order.dispatch-recorded.v1", typeof(DispatchRecorded)),
        ("order.tracking-published.v1", typeof(TrackingPublished)),
        ("order.tracking-parked.v1", typeof(TrackingParked)),
        ("order.tracking-released.v1", typeof(TrackingReleased)),
        ("order.refund-recorded.v1", typeof(RefundRecorded)),
        ("order.cancellation-recorded.v1", typeof(CancellationRecorded)),
        ("order.cancelled.v1", typeof(OrderCancelled)),
        ("order.job-completed.v1", typeof(JobCompleted)),
        ("order.job-deferred.v1", typeof(JobDeferred)),
        ("order.job-parked.v1", typeof(JobParked)),
        ("order.shipping-credit-planned.v1", typeof(ShippingCreditPlanned)),
        ("order.stock-picked.v1", typeof(StockPicked)),
        ("order.stock-pick-rejected.v1", typeof(StockPickRejected)),
        ("order.job-released.v1", typeof(JobReleased)),
        ("order.corrected.v1", typeof(OrderCorrected)),
        // On the wire between nodes.
        ("order.submit.v1", typeof(SubmitOrder)),
        ("order.retry.v1", typeof(RetryOrder)),
        ("order.record-dispatch.v1", typeof(RecordDispatch)),
        ("order.record-refund.v1", typeof(RecordRefund)),
        ("order.cancel.v1", typeof(CancelOrder)),
        ("order.get-state.v1", typeof(OrderQueries.GetOrderState)),
        ("order.state.v1", typeof(OrderState)),
        ("order.command-result.v1", typeof(OrderCommandResult)),
        ("order.get-progress.v1", typeof(OrderQueries.GetOrderProgress)),
        ("order.progress.v1", typeof(OrderProgress)),
    ], dictionaries: [DictionaryV1]);
}

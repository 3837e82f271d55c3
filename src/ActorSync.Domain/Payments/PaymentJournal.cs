using ActorSync.Domain.Journal;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Payments;

/// <summary>
/// The journal format of web orders' payments: events the order entity journals beside its own, and the command that
/// crosses nodes on its way to the order's shard. Its own area (and serializer), so its golden file is its own.
/// </summary>
public static class PaymentJournal
{
    /// <summary>Typical entries, the most frequent last. Part of the format: never edited; a better one is added after it.</summary>
    private const string DictionaryV1 = """
        {"OrderId":"magento:","Payment":{"Channel":"magento","OrderExternalId":"","PaymentId":"","Method":"cashondelivery","Amount":,"Date":"2026-","Reference":""},"At":"2026-","WorkPending":true}
        {"OrderId":"magento:","Key":"payment:","Account":"1610","Means":"Transfer","At":"2026-"}
        {"OrderId":"magento:","Payment":{"Key":"payment:","Direction":"Refund","Settles":"credit:","Source":"refund:","Method":"","Amount":,"Applied":,"Date":"2026-","PaidOn":"2026-","Reference":"","Account":"1610","Means":"Transfer"},"ParkedBecause":{"Type":"unmapped-payment-method","Team":"Finance","Reason":"","SuggestedAction":""},"At":"2026-","WorkPending":true}
        {"OrderId":"magento:","Payment":{"Key":"payment:","Direction":"Incoming","Settles":"invoice:","Source":"checkout:0","Method":"","Amount":,"Applied":,"Date":"2026-","PaidOn":"2026-","Reference":"","Account":"1610","Means":"Transfer"},"At":"2026-12-01T00:00:00.0000000+00:00","WorkPending":true}
        """;

    public static readonly JournalContract Contract = new("payments",
    [
        ("payment.reported.v1", typeof(PaymentReported)),
        ("payment.planned.v1", typeof(PaymentPlanned)),
        ("payment.account-resolved.v1", typeof(PaymentAccountResolved)),
        ("payment.down-payment-planned.v1", typeof(DownPaymentPlanned)),
        // On the wire between nodes.
        ("payment.record.v1", typeof(PaymentCommands.RecordPayment)),
    ], dictionaries: [DictionaryV1]);
}

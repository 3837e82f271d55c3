using System.Collections.Immutable;
using ActorSync.Domain.Connectors.BigCommerce;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Connectors.Magento;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Stock;
using ActorSync.Domain.StockPublishing;
using ActorSync.Domain.Catalogue;
using ActorSync.Domain.Warehouse;
using ActorSync.Domain.WarehouseFlow;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.PosFlow.PosEvents;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.Tests.Journal;

/// <summary>One record's journal as a sample: its persistence id and its events in order (or a snapshot).</summary>
public sealed record JournalSample(string PersistenceId, ImmutableList<IJournaled> Entries);

/// <summary>
/// Coherent journals of every persisted type, with real shapes (fractional money, two VAT rates, batches and
/// serials, exceptions). They are written once into the golden files of a release; the golden files, not this
/// code, are the contract afterwards.
/// </summary>
public static class JournalSamples
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 14, 3, 512, TimeSpan.Zero);
    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds).AddTicks(seconds * 1_234);

    public static IReadOnlyDictionary<string, ImmutableList<JournalSample>> ByArea => new Dictionary<string, ImmutableList<JournalSample>>
    {
        ["orders"] = [OrderFulfilled(), OrderQuarantinedThenCancelled(), OrderCancelledBeforeSap()],
        ["pos"] = [PosSale(), PosReturn()],
        ["warehouse"] = [WarehouseWindow()],
        ["stock"] = [StockPosition(), StockSnapshot()],
        ["exceptions"] = [ExceptionQueue(), ExceptionQueueSnapshotSample()],
        ["connectors"] = [BigCommerceInbox(), BigCommerceInboxSnapshot(), BigCommerceReconcileCursor()],
        ["sitoo"] = [SitooOrderPoll(), SitooWarehousePoll()],
        ["magento"] = [MagentoPoll()],
        ["payments"] = [OrderPayments()],
        ["stock-publishing"] = [BigCommerceStockPublisher(), SitooStockPublisherSnapshot(), SapStockReader()],
        ["audit"] = [AuditTrail(), AuditTrailSnapshotSample()],
        ["reconciliation"] = [ReconciliationRuns()],
        ["catalogue"] = [SitooCataloguePublisher(), BigCommerceCatalogueSnapshot(), CatalogueItemsReader()],
    };

    /// <summary>
    /// Samples added after a release's files were written: each goes into its own new golden file (file name, area),
    /// so the existing files are never rewritten.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Area, ImmutableList<JournalSample> Samples)> Additions => new Dictionary<string, (string, ImmutableList<JournalSample>)>
    {
        ["orders-addresses"] = ("orders", [GuestOrderToTwoAddressesCorrected(), NewCustomerWithAddresses()]),
        ["payments-down-payments"] = ("payments", [CardCapturedAsDownPayment()]),
    };

    /// <summary>
    /// A card payment of 131.46 captured at checkout under <c>Mapping:CapturedBeforeInvoice DownPayment</c>: its down
    /// payment invoice and the incoming payment that settles it, planned when the order was checked.
    /// </summary>
    private static JournalSample CardCapturedAsDownPayment()
    {
        const string id = "magento:100000611";
        var downPayment = new PlannedDownPayment(SapJob.DownPaymentKey(1), "checkout:0", "braintree", 131.46m, new DateOnly(2026, 12, 3));
        IOrderEvent[] events =
        [
            new PaymentEvents.DownPaymentPlanned(id, downPayment, At(0)) { WorkPending = true },
            new PaymentEvents.PaymentPlanned(id, new PlannedPayment(SapJob.PaymentKey(1), PaymentDirection.Incoming, downPayment.Key, "checkout:0", "braintree",
                131.46m, 131.46m, new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 3), "bt-7qk2m9x4", "161020", PaymentMeans.Transfer), null, At(1)) { WorkPending = true },
        ];
        return new JournalSample($"order-{id}", [.. events]);
    }

    /// <summary>
    /// A cash-on-delivery order's money: collected in two parts (the first paying its first invoice and part of the
    /// second, its method unmapped at first), then a partial refund to store credit.
    /// </summary>
    private static JournalSample OrderPayments()
    {
        const string id = "magento:100000452";
        var invoiceOne = SapJob.InvoiceKey("SHIP-8");
        var invoiceTwo = SapJob.InvoiceKey("SHIP-9");
        IOrderEvent[] events =
        [
            new PaymentEvents.PaymentReported(id, new PaymentReport("magento", "100000452", "COD-5521", "cashondelivery", 60.17m, new DateOnly(2026, 11, 29), "DHL-COD-5521"), At(0)) { WorkPending = false },
            new PaymentEvents.PaymentPlanned(id, new PlannedPayment(SapJob.PaymentKey(1), PaymentDirection.Incoming, invoiceOne, "reported:COD-5521", "cashondelivery",
                48.71m, 48.71m, new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 29), "DHL-COD-5521"),
                ExceptionTypes.UnmappedPaymentMethod("Payment payment:1 of magento:100000452: payment method 'cashondelivery' has no Mapping:Channels:magento:PaymentMethods:cashondelivery"), At(1)) { WorkPending = false },
            new PaymentEvents.PaymentPlanned(id, new PlannedPayment(SapJob.PaymentKey(2), PaymentDirection.Incoming, invoiceTwo, "reported:COD-5521", "cashondelivery",
                11.46m, 11.46m, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 29), "DHL-COD-5521"), null, At(2)) { WorkPending = true },
            new PaymentEvents.PaymentAccountResolved(id, SapJob.PaymentKey(1), "100000", PaymentMeans.Cash, At(3)),
            new PaymentEvents.PaymentPlanned(id, new PlannedPayment(SapJob.PaymentKey(3), PaymentDirection.Refund, SapJob.CreditKey("CM-32"), "refund:CM-32", "storecredit",
                12.18m, 12.18m, new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2), Account: "240500"), null, At(4)) { WorkPending = true },
        ];
        return new JournalSample($"order-{id}", [.. events]);
    }

    private static readonly ExceptionDetails Lock = ExceptionTypes.LockTimeout(10, "-2039 Another user or another operation modified data");

    private static PostalAddress Address(string name, string street, string? street2, string city, string zip, string? region, string country, string? phone = null) =>
        new(name, null, street, street2, city, zip, region, country, phone);

    /// <summary>A BigCommerce guest order to two addresses (consignments): parked for a misspelt state, corrected by the channel, posted.</summary>
    private static JournalSample GuestOrderToTwoAddressesCorrected()
    {
        const string id = "bigcommerce:229";
        var buyer = new OrderBuyer("Trishy Smith", "Acme Pty Ltd", "janedoe@example.com", "+1 210 555 0142");
        OrderAddresses Addresses(string region) => new(buyer, Address("Trishy Smith", "666 Sussex St", "Suite 4", "San Antonio", "78251", region, "US"))
        {
            ShipTo =
            [
                new ShipToAddress("132", Address("Trishy Smith", "666 Sussex St", "Suite 4", "San Antonio", "78251", region, "US")),
                new ShipToAddress("133", Address("Jane Doe", "555 Main Street", null, "Austin", "78751", "Texas", "US", "+1 512 555 0199")),
            ],
        };
        var order = new ChannelOrder("bigcommerce", "229", new DateOnly(2026, 11, 28), "USD", new CustomerRef("janedoe@example.com", null, true, "Trishy Smith"),
            [new OrderLine("ITM00017", 2, 12.495m, 2.06m, 8.25m, ShipToId: "132"), new OrderLine("ITM00031", 1, 43.19m, 3.56m, 8.25m, ShipToId: "133")],
            ShippingAmount: 24.00m, ShippingTax: 1.98m, TotalPaid: 99.78m, ShippingMethod: "None", Addresses: Addresses("Texsa"));
        var corrected = order with { Addresses = Addresses("Texas") };
        var document = new SapDocument("WEBGUEST", "BIGCOMMERCE-229", "2026-11-28", "2026-12-01",
            [
                new SapDocumentLine("ITM00017", 2, 12.495m, "01", "O3", LineTotal: 24.99m, TaxTotal: 2.06m,
                    ShipToDescription: "Trishy Smith\rAcme Pty Ltd\r666 Sussex St\rSuite 4\r78251 San Antonio\rTexas\rUS"),
                new SapDocumentLine("ITM00031", 1, 43.19m, "01", "O3", LineTotal: 43.19m, TaxTotal: 3.56m,
                    ShipToDescription: "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS"),
            ],
            DocCurrency: "USD", TransportationCode: 1, Comments: "bigcommerce order 229 (ActorSync)",
            DocumentAdditionalExpenses: [new SapAdditionalExpense(1, 24.00m, "O3", 1.98m)],
            CardName: "Trishy Smith",
            Address: "Trishy Smith\rAcme Pty Ltd\r666 Sussex St\rSuite 4\r78251 San Antonio\rTexas\rUS\rjanedoe@example.com\rTel. +1 210 555 0142",
            Address2: "Trishy Smith\rAcme Pty Ltd\r666 Sussex St\rSuite 4\r78251 San Antonio\rTexas\rUS\rTel. +1 210 555 0142",
            AddressExtension: new SapAddressExtension("666 Sussex St", "Suite 4", "San Antonio", "78251", "TX", "US",
                "666 Sussex St", "Suite 4", "San Antonio", "78251", "TX", "US"));
        IOrderEvent[] events =
        [
            new OrderReceived(id, order, order.Fingerprint(), At(600)),
            new OrderQuarantined(id, ExceptionTypes.InvalidAddress("Order bigcommerce:229, ship-to address 132 (Trishy Smith, 666 Sussex St, Suite 4, 78251, San Antonio, Texsa, US): state 'Texsa' is not one of SAP's states for US; suggested: TX (Texas)."), At(601)) { WorkPending = false },
            new OrderCorrected(id, corrected, At(700)) { WorkPending = true },
            new OrderValidated(id, document, At(700))
            {
                WorkPending = true,
                Destinations = [new DeliveryDestination("133", null, new SapAddressExtension("555 Main Street", null, "Austin", "78751", "TX", "US"),
                    "Jane Doe\r555 Main Street\r78751 Austin\rTexas\rUS")],
            },
            new OrderPosted(id, 1402, 10602, false, At(701)) { WorkPending = false },
        ];
        return new("order-" + id, [.. events]);
    }

    /// <summary>A registered Magento customer new to SAP: the partner is created with its bill-to and ship-to, the order carries the addresses.</summary>
    private static JournalSample NewCustomerWithAddresses()
    {
        const string id = "magento:100000470";
        var billTo = Address("Jürgen Müller", "Großer Burstah 31", "3. OG", "Hamburg", "20457", null, "DE", "+49 40 3095 1170");
        var shipTo = Address("Jürgen Müller", "Am Sandtorkai 27", null, "Hamburg", "20457", null, "DE");
        var order = MagentoOrder("100000470") with
        {
            Addresses = new OrderAddresses(new OrderBuyer("Jürgen Müller", null, "jürgen.müller@example.de", "+49 40 3095 1170"), billTo)
            {
                ShipTo = [new ShipToAddress("5", shipTo)],
            },
        };
        var code = SapBusinessPartner.CodeFor("magento", "jürgen.müller@example.de");
        var partner = new SapBusinessPartner(code, "Jürgen Müller", "jürgen.müller@example.de", Phone1: "+49 40 3095 1170",
            BPAddresses: [new SapPartnerAddress("Bill to", SapPartnerAddress.BillTo, "Großer Burstah 31", "3. OG", "Hamburg", "20457", null, "DE"),
                new SapPartnerAddress("Ship to", SapPartnerAddress.ShipTo, "Am Sandtorkai 27", null, "Hamburg", "20457", null, "DE")]);
        var document = SalesOrder("MAGENTO-100000470") with
        {
            CardCode = code,
            Address = "Jürgen Müller\rGroßer Burstah 31\r3. OG\r20457 Hamburg\rDE",
            Address2 = "Jürgen Müller\rAm Sandtorkai 27\r20457 Hamburg\rDE",
            AddressExtension = new SapAddressExtension("Am Sandtorkai 27", null, "Hamburg", "20457", null, "DE", "Großer Burstah 31", "3. OG", "Hamburg", "20457", null, "DE"),
        };
        IOrderEvent[] events =
        [
            new OrderReceived(id, order, order.Fingerprint(), At(800)),
            new OrderValidated(id, document, At(801)) { WorkPending = true, NewCustomer = partner },
            new CustomerCreated(id, code, false, At(802)),
            new OrderPosted(id, 1410, 10610, false, At(803)) { WorkPending = false },
        ];
        return new("order-" + id, [.. events]);
    }

    private static ChannelOrder MagentoOrder(string id) => new("magento", id, new DateOnly(2026, 11, 27), "EUR",
        new CustomerRef("jürgen.müller@example.de", "4711", false, "Jürgen Müller"),
        [new OrderLine("ITM00017", 3, 10.15m, 6.09m, 20m, "01"), new OrderLine("BATCH-0042", 2, 19.99m, 2.80m, 7m)],
        ShippingAmount: 4.95m, ShippingTax: 0.99m, TotalPaid: 85.25m, ShippingMethod: "flatrate_flatrate", Location: "default");

    private static SapDocument SalesOrder(string numAtCard) => new("C-MAG-4711", numAtCard, "2026-11-27", "2026-11-30",
        [
            new SapDocumentLine("ITM00017", 3, 10.15m, "01", "O1", LineTotal: 30.45m, TaxTotal: 6.09m),
            new SapDocumentLine("BATCH-0042", 2, 19.99m, "01", "O2", LineTotal: 39.98m, TaxTotal: 2.80m),
        ],
        DocCurrency: "EUR", TransportationCode: 3, Comments: "magento order 100000451 (ActorSync)",
        DocumentAdditionalExpenses: [new SapAdditionalExpense(1, 4.95m, "O1", 0.99m)], Rounding: "tNO", RoundingDiffAmount: 0.01m);

    private static JournalSample OrderFulfilled()
    {
        const string id = "magento:100000451";
        var order = MagentoOrder("100000451");
        var dispatch = new DispatchConfirmation("magento", "100000451", "SHIP-7", [new DispatchLine("ITM00017", 2), new DispatchLine("BATCH-0042", 2)],
            new DateOnly(2026, 11, 28), "dhl", "JD014600006281230700", "wms");
        var picks = ImmutableList.Create(new LinePick(1, [new SapBatchNumber("B2026-11A", 1.5m, "2027-03-31"), new SapBatchNumber("B2026-11B", 0.5m)], null),
            new LinePick(0, null, [new SapSerialNumber("SN-0001"), new SapSerialNumber("SN-0002")]));
        var refund = new RefundRequest("magento", "100000451", "CM-31", [new RefundLine("ITM00017", 1, 12.18m)], 4.95m, true, new DateOnly(2026, 12, 1), 18.12m)
        {
            ShippingCredit = new ShippingCredit("401100", "O1", 4.95m, 0.99m),
        };
        IOrderEvent[] events =
        [
            new OrderReceived(id, order, order.Fingerprint(), At(0)),
            new OrderValidated(id, SalesOrder("MAGENTO-100000451"), At(1)) { WorkPending = true, NewCustomer = new SapBusinessPartner("C-MAG-4711", "Jürgen Müller", "jürgen.müller@example.de") },
            new CustomerCreated(id, "C-MAG-4711", false, At(2)),
            new PostingDeferred(id, "-2039 Another user or another operation modified data", 1, At(3)),
            new OrderPosted(id, 1207, 10451, false, At(5)) { WorkPending = false },
            new DispatchRecorded(id, dispatch, [new DispatchAllocation(0, "ITM00017", 2), new DispatchAllocation(1, "BATCH-0042", 2)], At(60)) { WorkPending = true, PublishToChannel = true },
            new StockPicked(id, SapJob.DeliveryKey("SHIP-7"), picks, At(61)),
            new StockPickRejected(id, SapJob.DeliveryKey("SHIP-7"), "-4014 Cannot add row without complete selection of batch/serial numbers", At(62)),
            new StockPicked(id, SapJob.DeliveryKey("SHIP-7"), picks, At(63)),
            new JobDeferred(id, SapJob.DeliveryKey("SHIP-7"), "-2039 locked by jane", 1, At(64)),
            new JobCompleted(id, SapJob.DeliveryKey("SHIP-7"), 877, 8877, [], false, At(65)) { WorkPending = true },
            new JobCompleted(id, SapJob.InvoiceKey("SHIP-7"), 991, 9991, [], true, At(66)) { WorkPending = true },
            new TrackingParked(id, "SHIP-7", ExceptionTypes.TrackingRejected("magento refused the shipment: 400 The shipment couldn't be saved."), At(67)) { WorkPending = false },
            new TrackingReleased(id, "SHIP-7", At(120)) { WorkPending = true },
            new TrackingPublished(id, "SHIP-7", "000000312", false, At(121)) { WorkPending = false },
            new RefundRecorded(id, refund with { ShippingCredit = null }, null, At(200)) { WorkPending = true },
            new JobParked(id, SapJob.CreditKey("CM-31"), ExceptionTypes.UnmappedShippingRefund("Mapping:Returns:ShippingRefundAccount is not set."), At(201)) { WorkPending = false },
            new ShippingCreditPlanned(id, "CM-31", refund.ShippingCredit!, At(260)),
            new JobReleased(id, SapJob.CreditKey("CM-31"), At(261)) { WorkPending = true },
            new JobCompleted(id, SapJob.CreditKey("CM-31"), 55, 6055, [new CreditAllocation("SHIP-7", 0, "ITM00017", 1)], false, At(262)) { WorkPending = false },
            new CancellationRecorded(id, new OrderCancellation("magento", "100000451", "rest not available"), JobKind.CloseOrder, At(300)) { WorkPending = true },
            new JobCompleted(id, SapJob.CancelKey, null, null, [], false, At(301)) { WorkPending = false },
        ];
        return new("order-" + id, [.. events]);
    }

    private static JournalSample OrderQuarantinedThenCancelled()
    {
        const string id = "bigcommerce:118";
        var order = new ChannelOrder("bigcommerce", "118", new DateOnly(2026, 11, 29), "EUR", new CustomerRef(null, null, true),
            [new OrderLine("ITM00003", 1, 83.19m, 15.81m, 19m)], 0m, 0m, 99.00m);
        IOrderEvent[] events =
        [
            new OrderReceived(id, order, order.Fingerprint(), At(10)),
            new OrderQuarantined(id, ExceptionTypes.UnmappedTax("No VAT group is mapped for 19 %."), At(11)) { WorkPending = false },
            new QuarantineReleased(id, At(400)) { WorkPending = true },
            new OrderValidated(id, new SapDocument("WEBGUEST", "BIGCOMMERCE-118", "2026-11-29", "2026-12-02",
                [new SapDocumentLine("ITM00003", 1, 83.19m, "01", "O3", LineTotal: 83.19m, TaxTotal: 15.81m)]), At(401)) { WorkPending = true },
            new OrderPosted(id, 1301, 10530, true, At(402)) { WorkPending = false },
            new CancellationRecorded(id, new OrderCancellation("bigcommerce", "118"), JobKind.CancelOrder, At(500)) { WorkPending = true },
            new JobCompleted(id, SapJob.CancelKey, null, null, [], false, At(501)) { WorkPending = false },
        ];
        return new("order-" + id, [.. events]);
    }

    private static JournalSample OrderCancelledBeforeSap()
    {
        const string id = "magento:100000460";
        var order = MagentoOrder("100000460");
        IOrderEvent[] events =
        [
            new OrderReceived(id, order, order.Fingerprint(), At(20)),
            new CancellationRecorded(id, new OrderCancellation("magento", "100000460", "fraud check"), null, At(21)) { WorkPending = true },
            new OrderCancelled(id, At(21)) { WorkPending = false },
            new RefundRecorded(id, new RefundRequest("magento", "100000460", "CM-40", [new RefundLine("ITM00017", 3, 36.54m)], 0m, false, new DateOnly(2026, 11, 30)),
                ExceptionTypes.RefundNotInvoiced("CM-40", "ITM00017", 3, 0), At(22)) { WorkPending = false },
        ];
        return new("order-" + id, [.. events]);
    }

    private static PosTransaction Receipt(string id, PosTransactionKind kind, string? original = null) => new("sitoo", id, kind, new DateOnly(2026, 11, 27), "EUR",
        new CustomerRef(null, null, true), "1",
        [new PosLine("ITM00017", 2, 20.30m, 4.06m, 20m, "Mug, blue"), new PosLine("ITM00021", 1, 9.35m, 0.65m, 7m, OriginalLineId: original is null ? null : "L2")],
        kind == PosTransactionKind.Sale ? [new PosPayment("Cash", 20.00m), new PosPayment("Card", 14.36m, "AUTH-77", "Visa")] : [new PosPayment("Cash", 10.00m)],
        kind == PosTransactionKind.Sale ? 34.36m : 10.00m, RoundOff: kind == PosTransactionKind.Sale ? 0m : -0.00m, OriginalExternalId: original, ReasonCode: original is null ? null : "DAMAGED",
        RegisterId: "R1");

    private static PostingJob Job(string key, string entitySet, string body, string field, string value, params JobReference[] references) =>
        new(key, entitySet, body, new LookUpKey(entitySet, field, value), [.. references]);

    private static JournalSample PosSale()
    {
        const string id = "sitoo:11513";
        var receipt = Receipt("11513", PosTransactionKind.Sale);
        ImmutableList<PostingJob> jobs =
        [
            Job("SITOO-11513", "Invoices",
                """{"CardCode":"POSGUEST","NumAtCard":"SITOO-11513","DocDate":"2026-11-27","DocDueDate":"2026-11-27","DocumentLines":[{"ItemCode":"ITM00017","Quantity":2,"UnitPrice":10.15,"WarehouseCode":"02","VatGroup":"O1","LineTotal":20.30,"TaxTotal":4.06},{"ItemCode":"ITM00021","Quantity":1,"UnitPrice":9.35,"WarehouseCode":"02","VatGroup":"O2","LineTotal":9.35,"TaxTotal":0.65}]}""",
                "NumAtCard", "SITOO-11513"),
            Job("SITOO-11513/100000", "IncomingPayments",
                """{"DocType":"rCustomer","CardCode":"POSGUEST","DocDate":"2026-11-27","PaymentInvoices":[{"SumApplied":20.00,"InvoiceType":"it_Invoice"}],"CashAccount":"100000","CashSum":20.00,"Remarks":"SITOO-11513/100000"}""",
                "Remarks", "SITOO-11513/100000", new JobReference("PaymentInvoices/0/DocEntry", "SITOO-11513")),
            Job("SITOO-11513/161010", "IncomingPayments",
                """{"DocType":"rCustomer","CardCode":"POSGUEST","DocDate":"2026-11-27","PaymentInvoices":[{"SumApplied":14.36,"InvoiceType":"it_Invoice"}],"TransferAccount":"161010","TransferSum":14.36,"TransferReference":"AUTH-77","Remarks":"SITOO-11513/161010"}""",
                "Remarks", "SITOO-11513/161010", new JobReference("PaymentInvoices/0/DocEntry", "SITOO-11513")),
        ];
        IPosEvent[] events =
        [
            new PosTransactionReceived(id, receipt, PosFingerprint.Of(receipt), At(30)),
            new PosTransactionPlanned(id, jobs, "POSGUEST", null, ["Card tender Visa on 161010"], At(31)) { WorkPending = true },
            new PosStockPicked(id, "SITOO-11513", [new LinePick(0, null, [new SapSerialNumber("MUG-SN-9")])], At(32)),
            new PosStockPickRefused(id, "SITOO-11513", "-4014 Cannot add row without complete selection of batch/serial numbers", At(33)),
            new PosStockPicked(id, "SITOO-11513", [new LinePick(0, null, [new SapSerialNumber("MUG-SN-10")])], At(34)),
            new PosJobCompleted(id, "SITOO-11513", 2210, 32210, false, At(35)) { WorkPending = true },
            new PosJobDeferred(id, "SITOO-11513/100000", "-2039 locked by jane", 2, At(36)),
            new PosJobParked(id, "SITOO-11513/100000", Lock, At(40)) { WorkPending = true },
            new PosJobReleased(id, "SITOO-11513/100000", At(90)) { WorkPending = true },
            new PosJobCompleted(id, "SITOO-11513/100000", 310, 310, true, At(91)) { WorkPending = true },
            new PosJobCompleted(id, "SITOO-11513/161010", 311, 311, false, At(92)) { WorkPending = false },
        ];
        return new("pos-" + id, [.. events]);
    }

    private static JournalSample PosReturn()
    {
        const string id = "sitoo:11520";
        var receipt = Receipt("11520", PosTransactionKind.Return, "11513");
        IPosEvent[] events =
        [
            new PosTransactionReceived(id, receipt, PosFingerprint.Of(receipt), At(100)),
            new PosOriginalAwaited(id, "sitoo:11513", At(100)) { WorkPending = true },
            new PosTransactionQuarantined(id, [ExceptionTypes.UnmappedPaymentMethod("Payment method 'Giftcard' is not mapped."), ExceptionTypes.TotalsMismatch("Lines 10.00, payments 9.99.")],
                ["Return of sitoo:11513"], At(101)) { WorkPending = false },
            new PosQuarantineReleased(id, At(150)) { WorkPending = true },
        ];
        return new("pos-" + id, [.. events]);
    }

    private static JournalSample WarehouseWindow()
    {
        const string id = "wms@20261127T090000Z";
        var receipt = new WarehouseMovement("wms", "ASN-88", MovementKind.Receipt, At(0), "MAIN",
            [new MovementLine("BATCH-0042", 12.5m, "B2026-11C", null, 7.25m, BatchExpiry: new DateOnly(2027, 5, 31)), new MovementLine("ITM00017", 4, UnitCost: 3.333333m)],
            Reference: "PO-5512");
        var transfer = new WarehouseMovement("wms", "TR-9", MovementKind.Transfer, At(2), "MAIN", [new MovementLine("SER-0007", 2, SerialNumbers: ["S-1", "S-2"])], "STORE");
        var issue = new WarehouseMovement("wms", "ADJ-3", MovementKind.Issue, At(3), "OUTLET", [new MovementLine("ITM00099", 1)], ReasonCode: "DAMAGED");
        var receiptJob = Job("wms:B1:01:Receipt", "InventoryGenEntries",
            """{"DocDate":"2026-11-27","Comments":"ActorSync wms@20261127T090000Z #1 01 receipt","Reference2":"A1B2C3","DocumentLines":[{"ItemCode":"BATCH-0042","Quantity":12.5,"WarehouseCode":"01","UnitPrice":7.25,"BatchNumbers":[{"BatchNumber":"B2026-11C","Quantity":12.5,"ExpiryDate":"2027-05-31"}]},{"ItemCode":"ITM00017","Quantity":4,"WarehouseCode":"01","UnitPrice":3.333333}]}""",
            "Comments", "ActorSync wms@20261127T090000Z #1 01 receipt");
        var transferJob = Job("wms:B1:01>02:Transfer", "StockTransfers",
            """{"DocDate":"2026-11-27","FromWarehouse":"01","ToWarehouse":"02","Comments":"ActorSync wms@20261127T090000Z #1 01>02 transfer","StockTransferLines":[{"ItemCode":"SER-0007","Quantity":2,"FromWarehouseCode":"01","WarehouseCode":"02","SerialNumbers":[{"InternalSerialNumber":"S-1","Quantity":1},{"InternalSerialNumber":"S-2","Quantity":1}]}]}""",
            "Comments", "ActorSync wms@20261127T090000Z #1 01>02 transfer");
        IWarehouseEvent[] events =
        [
            new MovementAccepted(id, receipt, MovementFingerprint.Of(receipt), At(310), At(1)) { WorkPending = true },
            new MovementAccepted(id, transfer, MovementFingerprint.Of(transfer), At(310), At(2)) { WorkPending = true },
            new MovementAccepted(id, issue, MovementFingerprint.Of(issue), At(310), At(3)) { WorkPending = true },
            new BatchClosed(id, 1, [receipt.IdempotencyKey, transfer.IdempotencyKey], [receiptJob, transferJob],
                [new WindowDocument(receiptJob.Key, 1, [receipt.IdempotencyKey]), new WindowDocument(transferJob.Key, 1, [transfer.IdempotencyKey])],
                [new MovementRejection(issue.IdempotencyKey, [ExceptionTypes.UnmappedWarehouse("Location OUTLET of wms has no SAP warehouse.")])],
                ["3 movements, 2 documents"], At(311)) { WorkPending = true },
            new WarehouseStockPicked(id, transferJob.Key, [new LinePick(0, null, [new SapSerialNumber("S-1"), new SapSerialNumber("S-2")])], At(312)),
            new WarehouseStockPickRefused(id, transferJob.Key, "-4014 serial S-2 not in warehouse 01", At(313)),
            new WarehouseJobCompleted(id, receiptJob.Key, 4001, 4001, false, At(314)) { WorkPending = true },
            new WarehouseJobDeferred(id, transferJob.Key, "-2039 locked", 1, At(315)),
            new WarehouseJobParked(id, transferJob.Key, Lock, At(330)) { WorkPending = false },
            new WarehouseJobReleased(id, transferJob.Key, At(400)) { WorkPending = true },
            new WarehouseJobCompleted(id, transferJob.Key, 77, 77, true, At(401)) { WorkPending = false },
            new MovementsReleased(id, [issue.IdempotencyKey], At(700), At(402)) { WorkPending = true },
        ];
        return new("warehouse-movements-" + id, [.. events]);
    }

    private static JournalSample StockPosition()
    {
        const string id = "01:ITM00017";
        IJournaled[] events =
        [
            new StockEvents.StockLevelsChanged(id, 40.5m, 3m, 12m, 1, At(0)),
            new StockEvents.StockPublished(id, "magento:default", 37.5m),
            new StockEvents.StockLevelsChanged(id, 38.25m, 5.75m, 12m, 2, At(60)),
            new StockEvents.StockPublished(id, "bigcommerce:1", 32.5m),
        ];
        return new("stock-" + id, [.. events]);
    }

    private static JournalSample StockSnapshot() =>
        new("stock-02:BATCH-0042", [new StockPositionSnapshot("02:BATCH-0042", 120.125m, 17.5m, 0m, 101, At(5), ["magento:default", "sitoo:1"], [102.625m, 100m])]);

    private static JournalSample ExceptionQueue()
    {
        var details = ExceptionTypes.UnknownSku("Order magento:100000451, line 2 (BATCH-0042X): SKU 'BATCH-0042X' is not an item in SAP.");
        IExceptionQueueEvent[] events =
        [
            new ExceptionRaised("EX-000001", 1, RecordKinds.Order, "magento:100000451", details, """{"sku":"BATCH-0042X","qty":2}""", At(0)),
            new ExceptionRaisedAgain("EX-000001", details, """{"sku":"BATCH-0042X","qty":2}""", At(30)),
            new RetryRequested("EX-000001", 1, At(60)),
            new RetryAcknowledged("EX-000001", 1, "Retrying magento:100000451", At(61)),
            new RetryFailed("EX-000001", 1, "No outcome reported within 00:05:00.", At(361)),
            new ExceptionRaised("EX-000002", 2, RecordKinds.Pos, "sitoo:11520", ExceptionTypes.UnmappedPaymentMethod("Giftcard"), "{}", At(400)),
            new ExceptionIgnored("EX-000002", "Gift cards are booked by hand this month.", At(410)),
            new ExceptionRaised("EX-000003", 3, RecordKinds.Warehouse, "wms@20261127T090000Z/wms:TR-9:Transfer", Lock, "", At(500)),
            new RecordSuccessNoted(RecordKinds.Warehouse, "wms@20261127T090000Z/wms:TR-9:Transfer", At(600), ["EX-000003"]),
            new ExceptionResolved("EX-000001", "SKU corrected in Magento; re-imported.", At(700)),
            new ClosedExceptionsPurged(At(650), 2),
        ];
        return new("exception-queue-main", [.. events]);
    }

    /// <summary>Alice resolves an exception with a note, the reader's name is never an actor, a WMS posts a dispatch, and a leave that never answered.</summary>
    private static JournalSample AuditTrail() => new("audit-trail",
    [
        new ActorSync.Domain.Audit.AuditEvents.OperatorActed(1, At(0), "alice", "10.20.0.17", "exception.resolve", "ex-42",
            "VAT group O3 mapped for 7 %; re-posted by hand as SO 10812"),
        new ActorSync.Domain.Audit.AuditEvents.OperatorActionCompleted(1, 200, At(1)),
        new ActorSync.Domain.Audit.AuditEvents.OperatorActed(2, At(60), "wms-gateway", "10.20.0.40", "dispatch.record", "magento:000001234",
            "dispatchId SHIP-7, source wms, carrier dhl"),
        new ActorSync.Domain.Audit.AuditEvents.OperatorActionCompleted(2, 409, At(61)),
        new ActorSync.Domain.Audit.AuditEvents.OperatorActed(3, At(120), "operator", "::1", "cluster.leave", "akka.tcp://actorsync@10.0.0.7:4053", null),
    ]);

    private static JournalSample AuditTrailSnapshotSample() => new("audit-trail-snapshot",
    [
        new ActorSync.Domain.Audit.AuditTrailSnapshot(
        [
            new ActorSync.Domain.Audit.AuditEntry(511, At(0), "bob", "10.20.0.18", "exception.ignore", "ex-43", "test order, never paid", 200, At(1)),
            new ActorSync.Domain.Audit.AuditEntry(512, At(30), "local", "127.0.0.1", "payment.report", "magento:100000452", "paymentId cod-1, method cashondelivery, amount 118.47", null, null),
        ], 513),
    ]);

    private static JournalSample ExceptionQueueSnapshotSample()
    {
        var record = new ExceptionRecord
        {
            Id = "EX-000009", Number = 9, RecordKind = RecordKinds.Order, RecordId = "bigcommerce:118", Details = ExceptionTypes.UnmappedTax("19 %"),
            OriginalPayload = """{"id":118}""", Attempts = 3, FirstSeen = At(0), LastSeen = At(90), Status = ExceptionStatus.Retrying, RetryRequests = 1,
            LastRetryRequestedAt = At(95), LastRetryResult = "Retrying bigcommerce:118",
        };
        return new("exception-queue-main-snapshot", [new ExceptionQueueSnapshot([record], [new ExceptionQueueSnapshot.Success("order\u001fmagento:1", At(3))], 10)]);
    }

    private static string Hook(string scope, string data, string hash, long createdAt) =>
        $$"""{"scope":"{{scope}}","store_id":"1025646","data":{{data}},"hash":"{{hash}}","created_at":{{createdAt}},"producer":"stores/abc123"}""";

    /// <summary>A store's inbox: an order, its duplicate's neighbour update, a refund, a shipment that was poison until requeued.</summary>
    private static JournalSample BigCommerceInbox()
    {
        const string created = "store/order/created:dd70c0976e06b67aaf671e73f49dcb79230ebf9d:1764667200";
        const string refund = "store/order/refund/created:cb07cdbdda8b1965e812693d5988154807eeed02:1764669000";
        const string shipment = "store/shipment/created:8b98021cb0faa7e3a58a0e4182d3696a4bdd24ab:1764668100";
        return new("inbox-bigcommerce-abc123",
        [
            new InboxEvents.EntryAccepted(created, "store/order/created", Hook("store/order/created", """{"type":"order","id":250}""", "dd70c0976e06b67aaf671e73f49dcb79230ebf9d", 1764667200), At(0)),
            new InboxEvents.EntryDone(created, "BigCommerce order 250: Accepted", At(1)),
            new InboxEvents.EntryAccepted(shipment, "store/shipment/created", Hook("store/shipment/created", """{"type":"shipment","id":12,"orderId":250}""", "8b98021cb0faa7e3a58a0e4182d3696a4bdd24ab", 1764668100), At(15)),
            new InboxEvents.EntryParked(shipment, "invalid-channel-record: BigCommerce order 250: $.items[0].order_product_id names order product 66, which is not among the products of order 250", At(16)),
            new InboxEvents.EntryAccepted(refund, "store/order/refund/created", Hook("store/order/refund/created", """{"type":"order","id":250,"refund":{"refund_id":3}}""", "cb07cdbdda8b1965e812693d5988154807eeed02", 1764669000), At(30)),
            new InboxEvents.EntryRequeued(shipment, At(45)),
            new InboxEvents.EntryDone(shipment, "BigCommerce shipment 12 of order 250: Accepted", At(46)),
        ]);
    }

    private static JournalSample BigCommerceInboxSnapshot() => new("inbox-bigcommerce-abc123-snapshot",
    [
        new InboxSnapshot("bigcommerce-abc123",
        [
            new InboxEntry { Key = "store/order/created:dd70c097:1764667200", Sequence = 1, Kind = "store/order/created", ReceivedAt = At(0), Status = InboxEntryStatus.Done, FinishedAt = At(1), Outcome = "BigCommerce order 250: Duplicate" },
            new InboxEntry
            {
                Key = "store/order/updated:poll-251-1764668400:1764668400", Sequence = 2, Kind = "store/order/updated", ReceivedAt = At(20), Status = InboxEntryStatus.Pending,
                Payload = Hook("store/order/updated", """{"type":"order","id":251}""", "poll-251-1764668400", 1764668400),
            },
        ], 3, 2, 1, 0),
    ]);

    private static JournalSample BigCommerceReconcileCursor() => new("bigcommerce-reconcile-abc123",
    [
        new ReconcileEvents.ReconcileStarted(At(0).AddDays(-1), At(0)),
        new ReconcileEvents.ReconcileCursorAdvanced(At(-3), 1, 2, At(5)),
        new ReconcileEvents.ReconcileCursorAdvanced(At(-3), 2, 0, At(5)),
    ]);

    /// <summary>A Sitoo order poll: started after the newest order, two pages (an unpaid webshop order and a booking watched), one paid later, one given up.</summary>
    private static JournalSample SitooOrderPoll() => new("sitoo-orders-90316",
    [
        new SitooPollEvents.PollStarted(11_514, At(0)),
        new SitooPollEvents.PageFiled(11_614, 100, 0, [11_521, 11_580], At(60)),
        new SitooPollEvents.PageFiled(11_637, 23, 0, [11_630], At(61)),
        new SitooPollEvents.WatchSettled([11_521], [], At(120)),
        new SitooPollEvents.WatchSettled([], [11_580], At(604_860)),
    ]);

    /// <summary>A Sitoo warehouse-transaction poll: configured start, a page with sales and another warehouse's movements skipped.</summary>
    private static JournalSample SitooWarehousePoll() => new("sitoo-warehouse-transactions-90316",
    [
        new SitooPollEvents.PollStarted(16, At(0)),
        new SitooPollEvents.PageFiled(19, 2, 1, [], At(60)),
    ]);

    /// <summary>A store's poll: orders through a crowded second (read on by entity_id, then past it), credit memos and shipments.</summary>
    private static JournalSample MagentoPoll() => new("magento-poll-default",
    [
        new MagentoPollEvents.PollStarted(MagentoFeed.Orders, new DateTimeOffset(2026, 11, 26, 9, 14, 3, TimeSpan.Zero), At(0)),
        new MagentoPollEvents.PollStarted(MagentoFeed.CreditMemos, new DateTimeOffset(2026, 11, 26, 9, 14, 3, TimeSpan.Zero), At(0)),
        new MagentoPollEvents.PollStarted(MagentoFeed.Shipments, new DateTimeOffset(2026, 11, 26, 9, 14, 3, TimeSpan.Zero), At(0)),
        new MagentoPollEvents.CursorAdvanced(MagentoFeed.Orders, new DateTimeOffset(2026, 11, 27, 8, 2, 41, TimeSpan.Zero), [10_001, 10_002, 10_004], PollStage.SameSecond, 3, At(1)),
        new MagentoPollEvents.CursorAdvanced(MagentoFeed.Orders, new DateTimeOffset(2026, 11, 27, 8, 2, 41, TimeSpan.Zero), [10_003, 10_007], PollStage.After, 2, At(2)),
        new MagentoPollEvents.CursorAdvanced(MagentoFeed.Orders, new DateTimeOffset(2026, 11, 27, 9, 0, 12, TimeSpan.Zero), [10_002], PollStage.AtOrAfter, 1, At(3)),
        new MagentoPollEvents.CursorAdvanced(MagentoFeed.CreditMemos, new DateTimeOffset(2026, 11, 27, 9, 1, 5, TimeSpan.Zero), [4], PollStage.AtOrAfter, 1, At(4)),
        new MagentoPollEvents.CursorAdvanced(MagentoFeed.Shipments, new DateTimeOffset(2026, 11, 27, 8, 59, 59, TimeSpan.Zero), [7, 8], PollStage.AtOrAfter, 2, At(5)),
    ]);

    /// <summary>A BigCommerce publisher: a call to location 1, a SKU refused and cleared, a later call with fractional SAP figures floored.</summary>
    /// <summary>Sitoo, gross at Swedish rates: 19.99 net at 25 % and 12 %, a frozen item withdrawn, a SKU Sitoo refused and retried.</summary>
    private static JournalSample SitooCataloguePublisher() => new("catalogue-publisher-sitoo",
    [
        new CataloguePublisherEvents.ProductsOwed([new ChannelProduct("ITM00001", "Linen shirt, sand", 24.99m, true), new ChannelProduct("ITM00002", "Coffee beans 500 g", 22.39m, true),
            new ChannelProduct("ITM 0003", "Tote bag", 11.19m, true)], At(0)),
        new CataloguePublisherEvents.ProductsTold([new ChannelProduct("ITM00001", "Linen shirt, sand", 24.99m, true), new ChannelProduct("ITM00002", "Coffee beans 500 g", 22.39m, true)], At(1)),
        new CataloguePublisherEvents.ProductRefused(new ChannelProduct("ITM 0003", "Tote bag", 11.19m, true), "POST products.json (1 items): 400 Bad Request: sku 'ITM 0003' has characters outside [A-Za-z0-9_+-/]", At(2)),
        new CataloguePublisherEvents.ProductsOwed([new ChannelProduct("ITM00001", "Linen shirt, sand", 24.99m, false)], At(60)),
        new CataloguePublisherEvents.ProductsTold([new ChannelProduct("ITM00001", "Linen shirt, sand", 24.99m, false)], At(61)),
        new CataloguePublisherEvents.ProductRefusalCleared("ITM 0003", At(600)),
    ]);

    private static JournalSample BigCommerceCatalogueSnapshot() => new("catalogue-publisher-bigcommerce",
    [
        new CataloguePublisherSnapshot([new ChannelProduct("ITM00001", "Linen shirt, sand", 23.79m, true), new ChannelProduct("ITM00017", "Espresso cup", 8.55m, false)],
            [new ChannelProduct("ITM00002", "Coffee beans 500 g", 21.39m, true)], [new ChannelProduct("ITM00040", "Gift card", null, false)], 12, 1_873),
    ]);

    private static JournalSample CatalogueItemsReader() => new("catalogue-items-reader",
    [
        new CatalogueReaderEvents.FullReadStarted(new DateTime(2026, 11, 27, 9, 13, 58), At(0)),
        new CatalogueReaderEvents.FullReadPage("ITM00100", 100, At(1)),
        new CatalogueReaderEvents.FullReadPage("ITM00137", 37, At(2)),
        new CatalogueReaderEvents.FullReadCompleted(137, At(2)),
        new CatalogueReaderEvents.ChangesRead(new DateTime(2026, 11, 27, 9, 20, 41), "ITM00042", 3, At(400)),
    ]);

    private static JournalSample BigCommerceStockPublisher() => new("stock-publisher-bigcommerce",
    [
        new StockPublisherEvents.StockTold("1", [new ToldQuantity("ITM00001", 31m), new ToldQuantity("ITM00002", 0m), new ToldQuantity("ITM00017", 4m)], At(0)),
        new StockPublisherEvents.StockRefused("1", "ITM00009", 12m, "PUT v3/inventory/adjustments/absolute (1 items, location 1): 422 Unprocessable Entity", At(1)),
        new StockPublisherEvents.RefusalCleared("1", "ITM00009", At(600)),
        new StockPublisherEvents.StockTold("1", [new ToldQuantity("ITM00009", 12m), new ToldQuantity("ITM00001", 29m)], At(601)),
    ]);

    /// <summary>A Sitoo publisher recovered from its snapshot: two warehouses, decimal quantities, one refusal standing.</summary>
    private static JournalSample SitooStockPublisherSnapshot() => new("stock-publisher-sitoo",
    [
        new StockPublisherSnapshot(["1", "1", "2"], ["ITM00001", "ITM00002", "ITM00001"], [398.5m, 12.125m, 0m], ["2"], ["ITM00040"], [3m], 17, 2_341),
    ]);

    /// <summary>The SAP reader: starting points read, a sweep, audit rows and orders changed since.</summary>
    private static JournalSample SapStockReader() => new("stock-sap-reader",
    [
        new SapStockCursorEvents.AuditRead(18_442, 0, At(0)),
        new SapStockCursorEvents.OrdersRead(new DateTime(2026, 11, 27, 9, 13, 58), 0, At(0)),
        new SapStockCursorEvents.SweepCompleted(200_000, At(420)),
        new SapStockCursorEvents.AuditRead(18_960, 211, At(421)),
        new SapStockCursorEvents.OrdersRead(new DateTime(2026, 11, 27, 9, 21, 4), 37, At(422)),
    ]);

    /// <summary>
    /// Two runs: the first finds an order missing in SAP, a refund without credit note and a store's card takings off
    /// by 18.00, with Sitoo's stock unreachable; the second (Magento's orders only) no longer finds the order, clearing it.
    /// </summary>
    private static JournalSample ReconciliationRuns()
    {
        var since = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var missing = new ReconFinding(FindingKind.OrderMissingInSap, "order-missing:magento:000000460", "magento", "magento:000000460",
            "magento order 000000460 (created 2026-11-26 10:15 UTC) has no SAP sales order with NumAtCard MAGENTO-000000460.");
        var refund = new ReconFinding(FindingKind.RefundWithoutCreditNote, "refund-no-credit-note:magento:000000451/000000077", "magento", "MAGENTO-000000451/R000000077",
            "magento refund 000000077 of order 000000451 (2026-11-26 16:02 UTC) has no SAP credit note with NumAtCard MAGENTO-000000451/R000000077.");
        var takings = new ReconFinding(FindingKind.PosTakingsDiffer, "pos:sitoo:2:2026-11-25:Card", "sitoo", "sitoo store 2 2026-11-25 Card",
            "sitoo store 2 took 64.90 by Card on 2026-11-25; SAP's incoming payments of those receipts hold 46.90 (difference 18.00). Receipts: 11520 (64.90 against 46.90).", 64.90m, 46.90m);
        return new JournalSample("reconciliation-runs",
        [
            new ReconEvents.RunStarted("R-000001", [ReconFlow.Orders, ReconFlow.Refunds, ReconFlow.Dispatches, ReconFlow.Pos, ReconFlow.Stock], since, At(0).AddMinutes(-30),
                "schedule", ["magento/orders", "magento/refunds", "magento/dispatches", "sitoo/pos", "sitoo/stock"], At(0)),
            new ReconEvents.SourceRead("R-000001", new SourceResult("magento", ReconFlow.Orders, true, 214, [missing]), At(3)),
            new ReconEvents.SourceRead("R-000001", new SourceResult("magento", ReconFlow.Refunds, true, 9, [refund]), At(3)),
            new ReconEvents.SourceRead("R-000001", new SourceResult("magento", ReconFlow.Dispatches, true, 131, []), At(3)),
            new ReconEvents.SourceRead("R-000001", new SourceResult("sitoo", ReconFlow.Pos, true, 57, [takings]), At(5)),
            new ReconEvents.SourceRead("R-000001", SourceResult.Unchecked("sitoo", ReconFlow.Stock, "GET warehouses/2/warehouseitems.json: 503 Service Unavailable"), At(6)),
            new ReconEvents.RunCompleted("R-000001", [missing, refund, takings], [], At(6)),
            new ReconEvents.RunStarted("R-000002", [ReconFlow.Orders], since, At(60), "alice", ["magento/orders"], At(90)),
            new ReconEvents.SourceRead("R-000002", new SourceResult("magento", ReconFlow.Orders, true, 215, []), At(92)),
            new ReconEvents.RunCompleted("R-000002", [], ["order-missing:magento:000000460"], At(92)),
        ]);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.Channels.Wms;

namespace ActorSync.Host.Demo;

/// <summary>
/// What the merchant's systems do during the demo, only through the emulators: shoppers place orders in Magento,
/// BigCommerce and Sitoo (a peak), held orders are paid after it, the warehouse ships each web order once it is in SAP,
/// and the shops refund a few shipped orders once SAP has invoiced them. Every step adds the documents it must lead to
/// to the <see cref="DemoLedger"/>. Not thread-safe: one loop drives it.
/// </summary>
public sealed class DemoTraffic(DemoChannels channels, DemoLedger ledger, DemoPlan plan)
{
    public const string Magento = "magento", BigCommerce = "bigcommerce", Sitoo = "sitoo";

    /// <summary>A web order the warehouse ships once SAP has it, and the shop may refund once SAP has invoiced it.</summary>
    private sealed record WebOrder(string Channel, string ExternalId, long ChannelId, bool Refund)
    {
        public string NumAtCard => $"{Channel.ToUpperInvariant()}-{ExternalId}";
        public bool Dispatched { get; set; }
        public bool Refunded { get; set; }
    }

    private readonly List<WebOrder> _web = [];
    private readonly List<long> _magentoHeld = [], _sitooHeld = [];
    private readonly List<string> _problems = [];
    private int _magentoPlaced, _bigCommercePlaced, _sitooPlaced, _magentoRefunds, _bigCommerceRefunds;
    private bool _heldPaid;

    public bool PeakDone => _magentoPlaced == plan.Magento && _bigCommercePlaced == plan.BigCommerce && _sitooPlaced == plan.Sitoo;

    /// <summary>Every order placed, every held one paid: nothing more will be expected but dispatches and refunds.</summary>
    public bool AllPlaced => PeakDone && _heldPaid;

    public int Dispatched => _web.Count(o => o.Dispatched);
    public int Refunded => _web.Count(o => o.Refunded);

    /// <summary>What a channel refused the demo (a refund it would not take); the summary shows them.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Places the share of the peak due by <paramref name="elapsed"/> into the peak.</summary>
    public void Place(TimeSpan elapsed)
    {
        var share = plan.Peak <= TimeSpan.Zero ? 1 : Math.Min(1, elapsed / plan.Peak);
        PlaceMagento((int)Math.Ceiling(plan.Magento * share) - _magentoPlaced);
        PlaceBigCommerce((int)Math.Ceiling(plan.BigCommerce * share) - _bigCommercePlaced);
        PlaceSitoo((int)Math.Ceiling(plan.Sitoo * share) - _sitooPlaced);
    }

    private void PlaceMagento(int count)
    {
        if (count <= 0) return;
        var states = Enumerable.Range(_magentoPlaced, count).Select(DemoPlan.MagentoState).ToList();
        var ids = channels.Magento.State.Generate(count, states);
        for (var i = 0; i < ids.Count; i++)
        {
            var state = states[i];
            var incrementId = (string)channels.Magento.GetOrder(ids[i])!["increment_id"]!;
            var key = $"MAGENTO-{incrementId}";
            ledger.Placed(Magento, "orders");
            if (state == "canceled")
            {
                ledger.Expect(new(Magento, DemoFlow.Order, key, "Orders", key, Count: 0));
                continue;
            }
            if (state == "new") _magentoHeld.Add(ids[i]);
            // Only orders paid at once are refunded: Magento refunds only what it invoiced.
            var refund = state == "processing" && _magentoRefunds < plan.MagentoRefunds && _magentoPlaced + i >= 3;
            if (refund) _magentoRefunds++;
            // Orders paid at checkout (braintree, captured) owe each invoice a payment; check / money order waits to be reported.
            ExpectWebOrder(new WebOrder(Magento, incrementId, ids[i], refund), tracking: true, paid: state == "processing");
        }
        _magentoPlaced += count;
    }

    private void PlaceBigCommerce(int count)
    {
        if (count <= 0) return;
        var statuses = Enumerable.Range(_bigCommercePlaced, count).Select(DemoPlan.BigCommerceStatus).ToList();
        var ids = channels.BigCommerce.State.Generate(count, statuses);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i].ToString(CultureInfo.InvariantCulture);
            ledger.Placed(BigCommerce, "orders");
            if (statuses[i] != 11)
            {
                ledger.Expect(new(BigCommerce, DemoFlow.Order, $"BIGCOMMERCE-{id}", "Orders", $"BIGCOMMERCE-{id}", Count: 0));
                continue;
            }
            var refund = _bigCommerceRefunds < plan.BigCommerceRefunds && _bigCommercePlaced + i >= 2;
            if (refund) _bigCommerceRefunds++;
            ExpectWebOrder(new WebOrder(BigCommerce, id, ids[i], refund), tracking: true, paid: true);
        }
        _bigCommercePlaced += count;
    }

    private void PlaceSitoo(int count)
    {
        if (count <= 0) return;
        var kinds = Enumerable.Range(_sitooPlaced, count).Select(DemoPlan.SitooKind).ToList();
        foreach (var id in channels.Sitoo.State.Generate(count, kinds))
        {
            var order = channels.Sitoo.State.GetOrder(id)!;
            var key = $"SITOO-{id.ToString(CultureInfo.InvariantCulture)}";
            if (order["registerid"] is null)
            {
                ledger.Placed(Sitoo, "web");
                if (order["paymentstateid"]?.GetValue<int>() != 20) _sitooHeld.Add(id);
                // A webshop order paid later carries no payment row to capture (Sitoo adds none when the state changes).
                ExpectWebOrder(new WebOrder(Sitoo, id.ToString(CultureInfo.InvariantCulture), id, Refund: false), tracking: false,
                    paid: order["paymentstateid"]?.GetValue<int>() == 20);
            }
            else if (order["creditorderid"] is null)
            {
                ledger.Placed(Sitoo, "sales");
                ledger.Expect(new(Sitoo, DemoFlow.PosSale, key, "Invoices", key));
                ledger.Expect(new(Sitoo, DemoFlow.PosSale, key, "IncomingPayments", key));
            }
            else
            {
                ledger.Placed(Sitoo, "returns");
                ledger.Expect(new(Sitoo, DemoFlow.PosReturn, key, "CreditNotes", key));
                ledger.Expect(new(Sitoo, DemoFlow.PosReturn, key, "VendorPayments", key));
            }
        }
        _sitooPlaced += count;
    }

    private void ExpectWebOrder(WebOrder order, bool tracking, bool paid)
    {
        _web.Add(order);
        if (order.Channel != Sitoo) ledger.Placed(order.Channel, "to post");
        var record = order.NumAtCard;
        ledger.Expect(new(order.Channel, DemoFlow.Order, record, "Orders", record));
        ledger.Expect(new(order.Channel, DemoFlow.Dispatch, record, "DeliveryNotes", record + "/"));
        ledger.Expect(new(order.Channel, DemoFlow.Dispatch, record, "Invoices", record + "/"));
        if (tracking) ledger.Expect(new(order.Channel, DemoFlow.Tracking, record, DemoLedger.ShipmentsOf(order.Channel), order.ChannelId.ToString(CultureInfo.InvariantCulture)));
        if (paid) ledger.Expect(new(order.Channel, DemoFlow.Payment, record, "IncomingPayments", record + "/"));
        if (order.Refund)
        {
            ledger.Expect(new(order.Channel, DemoFlow.Refund, record, "CreditNotes", record + "/"));
            ledger.Expect(new(order.Channel, DemoFlow.Refund, record, "VendorPayments", record + "/"));
        }
    }

    /// <summary>After the peak the held orders are paid: Magento's move to processing, Sitoo's webshop orders to paid.</summary>
    public void PayHeld()
    {
        if (_heldPaid || !PeakDone) return;
        foreach (var id in _magentoHeld) channels.Magento.State.SetState(id, "processing");
        foreach (var id in _sitooHeld) channels.Sitoo.State.SetState(id, paymentStateId: 20);
        _heldPaid = true;
    }

    /// <summary>
    /// The warehouse ships every web order SAP has (the sales order's lines, one signed dispatch each), and the shops
    /// refund the chosen orders SAP has invoiced (a Magento credit memo of the whole order, a BigCommerce refund of one unit).
    /// </summary>
    public void FollowUp(IReadOnlyDictionary<string, IReadOnlyList<(string Sku, decimal Quantity)>> salesOrders, DemoSnapshot snapshot)
    {
        foreach (var order in _web)
        {
            if (!order.Dispatched && salesOrders.TryGetValue(order.NumAtCard, out var lines))
            {
                channels.Wms.Know(new WmsKnownOrder(order.Channel, order.ExternalId, lines));
                channels.Wms.ShipNext();
                order.Dispatched = true;
            }
            if (order.Refund && !order.Refunded && snapshot.Count("Invoices", order.NumAtCard + "/") > 0)
            {
                order.Refunded = true;
                ledger.Placed(order.Channel, "refunds");
                if (RefundAtChannel(order) is { } problem) _problems.Add($"{order.Channel} refused the refund of {order.ExternalId}: {problem}");
            }
        }
    }

    private string? RefundAtChannel(WebOrder order)
    {
        if (order.Channel == Magento) return channels.Magento.Refund(order.ChannelId).Problem;
        var products = channels.BigCommerce.GetOrder(order.ChannelId)!.Value.Products;
        var first = products[0]["id"]!.GetValue<long>();
        return channels.BigCommerce.State.Refund(order.ChannelId, [(first, 1)]).Problem;
    }
}

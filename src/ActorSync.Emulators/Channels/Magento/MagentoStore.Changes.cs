using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// Credit memos (channels.md §1.6: <c>POST /V1/order/{id}/refund</c>, <c>GET /V1/creditmemos</c>,
/// <c>GET /V1/creditmemo/{id}</c>) and the changes a merchant makes in the admin (hold, cancel, a comment). Every
/// change moves the order's <c>updated_at</c>, which is what a poll reads by (§1.2).
/// </summary>
internal sealed partial class MagentoStore
{
    /// <summary>States in which Magento refuses a credit memo (its <c>canCreditmemo</c>).</summary>
    private static readonly string[] NotRefundable = ["canceled", "closed", "holded", "payment_review"];

    public MagentoReply SearchCreditMemos(MagentoSearchCriteria criteria)
    {
        lock (_lock)
            return Search(criteria, _creditMemos);
    }

    public MagentoReply GetCreditMemo(long entityId)
    {
        lock (_lock)
        {
            var memo = _creditMemos.FirstOrDefault(m => Long(m["entity_id"]) == entityId);
            return memo is null ? new MagentoReply(404, NotFound) : new MagentoReply(200, memo.ToJsonString());
        }
    }

    public IReadOnlyList<JsonObject> CreditMemosOf(long orderId)
    {
        lock (_lock)
            return _creditMemos.Where(m => Long(m["order_id"]) == orderId).Select(Copy).ToList();
    }

    /// <summary>
    /// <c>POST /V1/order/{orderId}/refund</c>, the offline refund (§1.6): <c>items[{order_item_id, qty}]</c> (none: every
    /// invoiced row not yet refunded), <c>arguments{shipping_amount, adjustment_positive, adjustment_negative}</c> (no
    /// <c>shipping_amount</c>: the shipping not yet refunded goes back too). A row refunds at most what was invoiced and
    /// not yet refunded; a configurable parent takes its child along. Amounts per row are the row's share
    /// (tax and discount pro rata). The order's rows and totals move on; fully refunded it is <c>closed</c>.
    /// Answers the credit memo id as a bare number.
    /// </summary>
    public MagentoReply Refund(long orderId, string body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject ?? throw new JsonException("the body must be a JSON object");
        }
        catch (JsonException error)
        {
            return new MagentoReply(400, Error("Decoding error: " + error.Message));
        }

        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var order))
                return new MagentoReply(404, NotFound);
            var state = (string?)order["state"] ?? "new";
            var rows = ((JsonArray)order["items"]!).OfType<JsonObject>().ToList();
            var byId = rows.ToDictionary(r => Long(r["item_id"])!.Value);
            if (NotRefundable.Contains(state) || rows.All(r => Refundable(r) <= 0))
                return MemoRefused("The most money available to refund is 0.");

            var requested = new Dictionary<long, decimal>();
            var problems = new List<string>();
            if (request["items"] is JsonArray { Count: > 0 } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject line || Long(line["order_item_id"]) is not { } itemId || Number(line["qty"]) is not { } qty || qty < 0)
                        return new MagentoReply(400, Error($"Decoding error: items[{i}] needs a whole order_item_id and a qty of at least 0."));
                    if (!byId.TryGetValue(itemId, out var row) || Long(row["parent_item_id"]) is not null)
                    {
                        problems.Add($"The creditmemo contains an item (order_item_id {itemId}) that is not part of the original order.");
                        continue;
                    }

                    requested[itemId] = requested.GetValueOrDefault(itemId) + qty;
                }
            }
            else
            {
                foreach (var row in rows.Where(r => Long(r["parent_item_id"]) is null && Refundable(r) > 0))
                    requested[Long(row["item_id"])!.Value] = Refundable(row);
            }

            foreach (var (itemId, qty) in requested.Where(r => r.Value > Refundable(byId[r.Key])))
                problems.Add($"The quantity to refund must not be greater than the unrefunded quantity for the product SKU \"{(string?)byId[itemId]["sku"]}\".");

            var arguments = request["arguments"] as JsonObject;
            var shippingLeft = Number(order["shipping_amount"]) - (Number(order["shipping_refunded"]) ?? 0) ?? 0;
            var shipping = Number(arguments?["shipping_amount"]) ?? shippingLeft;
            if (shipping < 0 || shipping > shippingLeft)
                problems.Add($"The most shipping amount allowed to refund is {shippingLeft.ToString("0.00", CultureInfo.InvariantCulture)}.");
            var adjustmentPositive = Number(arguments?["adjustment_positive"]) ?? 0;
            var adjustmentNegative = Number(arguments?["adjustment_negative"]) ?? 0;
            if (problems.Count == 0 && requested.Values.All(q => q <= 0) && shipping <= 0 && adjustmentPositive <= 0)
                problems.Add("You can't create a creditmemo without products.");
            if (problems.Count > 0)
                return MemoRefused(string.Join("\n", problems.Distinct()));

            var now = Stamp();
            var memoId = _nextMemoId++;
            var memoItems = new JsonArray();
            decimal subtotal = 0, tax = 0, discount = 0;
            foreach (var (itemId, qty) in requested.Where(r => r.Value > 0))
            {
                var row = byId[itemId];
                var line = MemoRow(row, qty, memoId);
                memoItems.Add(line);
                subtotal += Number(line["row_total"])!.Value;
                tax += Number(line["tax_amount"])!.Value;
                discount += Number(line["discount_amount"])!.Value;
                Refunded(order, row, qty, Number(line["row_total_incl_tax"])!.Value - Number(line["discount_amount"])!.Value);
                foreach (var child in rows.Where(r => Long(r["parent_item_id"]) == itemId))
                {
                    var childQty = qty * Number(child["qty_ordered"])!.Value / Number(row["qty_ordered"])!.Value;
                    memoItems.Add(MemoRow(child, childQty, memoId));
                    Refunded(order, child, childQty, 0);
                }
            }

            var orderShipping = Number(order["shipping_amount"]) ?? 0;
            var shippingTax = orderShipping == 0 ? 0 : Math.Round((Number(order["shipping_tax_amount"]) ?? 0) * shipping / orderShipping, 2, MidpointRounding.AwayFromZero);
            var grandTotal = subtotal + tax - discount + shipping + shippingTax + adjustmentPositive - adjustmentNegative;
            var memo = new JsonObject
            {
                ["adjustment"] = adjustmentPositive - adjustmentNegative,
                ["adjustment_negative"] = adjustmentNegative,
                ["adjustment_positive"] = adjustmentPositive,
                ["base_currency_code"] = order["base_currency_code"]?.DeepClone(),
                ["base_grand_total"] = grandTotal,
                ["billing_address_id"] = order["billing_address_id"]?.DeepClone(),
                ["created_at"] = now,
                ["discount_amount"] = -discount,
                ["email_sent"] = request["notify"] is JsonValue notify && notify.GetValueKind() == JsonValueKind.True ? 1 : null,
                ["entity_id"] = memoId,
                ["grand_total"] = grandTotal,
                ["increment_id"] = memoId.ToString("000000000", CultureInfo.InvariantCulture),
                ["order_currency_code"] = order["order_currency_code"]?.DeepClone(),
                ["order_id"] = orderId,
                ["shipping_amount"] = shipping,
                ["shipping_incl_tax"] = shipping + shippingTax,
                ["shipping_tax_amount"] = shippingTax,
                ["state"] = 2, // refunded
                ["store_id"] = order["store_id"]?.DeepClone(),
                ["subtotal"] = subtotal,
                ["subtotal_incl_tax"] = subtotal + tax,
                ["tax_amount"] = tax + shippingTax,
                ["updated_at"] = now,
                ["items"] = memoItems,
                ["comments"] = new JsonArray(),
            };
            if (request["comment"] is JsonObject comment && Text(comment["comment"]) is { Length: > 0 } text)
                ((JsonArray)memo["comments"]!).Add(new JsonObject { ["comment"] = text, ["created_at"] = now, ["entity_id"] = _nextCommentId++, ["parent_id"] = memoId, ["is_visible_on_front"] = Long(comment["is_visible_on_front"]) ?? 0 });
            _creditMemos.Add(memo);

            order["shipping_refunded"] = (Number(order["shipping_refunded"]) ?? 0) + shipping;
            order["total_refunded"] = (Number(order["total_refunded"]) ?? 0) + grandTotal;
            order["base_total_refunded"] = order["total_refunded"]!.DeepClone();
            if (rows.All(r => Refundable(r) <= 0) && Number(order["shipping_refunded"]) >= orderShipping)
                (order["state"], order["status"]) = ("closed", "closed");
            order["updated_at"] = now;
            return new MagentoReply(200, memoId.ToString(CultureInfo.InvariantCulture), CreatedCreditMemo: true);
        }
    }

    /// <summary>Puts an order in another state (hold, unhold, cancel, payment confirmed …) with Magento's default status for it.</summary>
    public bool SetState(long orderId, string state, string status)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var order))
                return false;
            var now = Stamp();
            if (state == "canceled")
            {
                foreach (var row in ((JsonArray)order["items"]!).OfType<JsonObject>())
                    row["qty_canceled"] = Number(row["qty_ordered"])!.Value - Number(row["qty_invoiced"])!.Value;
            }
            else if (state is "processing" or "complete" && order["items"] is JsonArray rows)
            {
                // Payment confirmed: the order is invoiced in full.
                foreach (var row in rows.OfType<JsonObject>())
                    row["qty_invoiced"] = Number(row["qty_ordered"])!.Value - Number(row["qty_canceled"])!.Value;
                order["total_invoiced"] = order["grand_total"]!.DeepClone();
                order["total_paid"] = order["grand_total"]!.DeepClone();
                order["total_due"] = 0;
            }

            (order["state"], order["status"]) = (state, status);
            order["updated_at"] = now;
            return true;
        }
    }

    /// <summary>Adds an order comment (as the admin's "Comments History"): nothing an integration posts changes, but <c>updated_at</c> moves.</summary>
    public bool AddComment(long orderId, string comment)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var order))
                return false;
            var now = Stamp();
            (order["status_histories"] as JsonArray ?? (JsonArray)(order["status_histories"] = new JsonArray())).Add(new JsonObject
            {
                ["comment"] = comment, ["created_at"] = now, ["entity_id"] = _nextCommentId++, ["entity_name"] = "order",
                ["is_customer_notified"] = 0, ["is_visible_on_front"] = 0, ["parent_id"] = orderId, ["status"] = order["status"]?.DeepClone(),
            });
            order["updated_at"] = now;
            return true;
        }
    }

    private static MagentoReply MemoRefused(string messages) => new(400, Error("Creditmemo Document Validation Error(s):\n" + messages));

    private static decimal Refundable(JsonObject row) =>
        Long(row["parent_item_id"]) is not null ? 0 : Math.Max(0, Number(row["qty_invoiced"])!.Value - Number(row["qty_refunded"])!.Value);

    /// <summary>A memo row: the order row's share for <paramref name="qty"/> (tax and discount pro rata, to the cent).</summary>
    private JsonObject MemoRow(JsonObject row, decimal qty, long memoId)
    {
        var ordered = Number(row["qty_ordered"])!.Value;
        decimal Share(string field) => Math.Round((Number(row[field]) ?? 0) * qty / ordered, 2, MidpointRounding.AwayFromZero);
        var price = Number(row["price"]) ?? 0;
        var rowTotal = Math.Round(price * qty, 2, MidpointRounding.AwayFromZero);
        var tax = Share("tax_amount");
        return new JsonObject
        {
            ["base_price"] = price,
            ["discount_amount"] = Share("discount_amount"),
            ["entity_id"] = _nextMemoItemId++,
            ["name"] = row["name"]?.DeepClone(),
            ["order_item_id"] = Long(row["item_id"]),
            ["parent_id"] = memoId,
            ["price"] = price,
            ["price_incl_tax"] = row["price_incl_tax"]?.DeepClone(),
            ["product_id"] = row["product_id"]?.DeepClone(),
            ["qty"] = qty,
            ["row_total"] = rowTotal,
            ["row_total_incl_tax"] = rowTotal + tax,
            ["sku"] = row["sku"]?.DeepClone(),
            ["tax_amount"] = tax,
        };
    }

    private static void Refunded(JsonObject order, JsonObject row, decimal qty, decimal amount)
    {
        var itemId = Long(row["item_id"]);
        var refunded = Number(row["qty_refunded"])!.Value + qty;
        row["qty_refunded"] = refunded;
        row["amount_refunded"] = (Number(row["amount_refunded"]) ?? 0) + amount;
        foreach (var assignment in (order["extension_attributes"]?["shipping_assignments"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var copy in (assignment["items"] as JsonArray ?? []).OfType<JsonObject>().Where(c => Long(c["item_id"]) == itemId))
                copy["qty_refunded"] = refunded;
        }
    }
}

using ActorSync.Channels;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;

namespace ActorSync.Engine.Connectors.BigCommerce;

/// <summary>
/// Processes one BigCommerce inbox entry (a webhook as delivered, or one the reconciling poll filed): the callback
/// names a record, so the record is read from the store as it is now (channels.md §2.3), parsed, and handed to
/// <see cref="SyncEngine"/>, whose entities make a repeat a Duplicate. Orders: incomplete (status 0) and held
/// statuses are not posted, cancelled and declined ones cancel, the rest are submitted. Refunds and shipments submit
/// their order first (hooks come in any order), then the refund (a credit note) or the dispatch (delivery and
/// invoice); shipments the engine itself published (<see cref="ShipmentMarker"/>) are skipped.
/// </summary>
public sealed class BigCommerceHookProcessor(BigCommerceStoreApi api, SyncEngine engine, BigCommerceConnectorSettings settings) : IInboxProcessor
{
    private const string Channel = BigCommerceOrderParser.Channel;

    private sealed record OrderRead(InboxOutcome Outcome, bool Stands, IReadOnlyList<BigCommerceOrderProduct> Products);

    public async Task<InboxOutcome> ProcessAsync(InboxEntry entry, CancellationToken ct)
    {
        BigCommerceWebhook hook;
        try
        {
            hook = BigCommerceWebhookParser.Parse(entry.Payload);
        }
        catch (ChannelPayloadException ex)
        {
            return Poison("webhook", ex);
        }

        var what = $"order {hook.OrderId ?? hook.Id}";
        try
        {
            return hook.Scope switch
            {
                "store/order/refund/created" => await RefundAsync(hook, ct).ConfigureAwait(false),
                "store/shipment/created" or "store/shipment/updated" => await ShipmentAsync(hook, ct).ConfigureAwait(false),
                "store/order/created" or "store/order/updated" or "store/order/statusUpdated" => (await OrderAsync(hook.Id, ct).ConfigureAwait(false)).Outcome,
                _ => new InboxOutcome.Done($"{hook.Scope}: nothing for SAP"),
            };
        }
        catch (StoreUnavailableException ex)
        {
            return new InboxOutcome.Wait(ex.Message, ex.After, WholeSource: true);
        }
        catch (StoreRefusedException ex)
        {
            return new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"BigCommerce {what}: the store answered {ex.Message}"));
        }
        catch (ChannelPayloadException ex)
        {
            return Poison(what, ex);
        }
    }

    private async Task<OrderRead> OrderAsync(string orderId, CancellationToken ct)
    {
        var header = BigCommerceOrderParser.ParseOrder(await api.GetAsync($"v2/orders/{orderId}", ct).ConfigureAwait(false));
        var readiness = BigCommerceStatuses.ReadinessOf(header.StatusId);
        if (header.StatusId == 0)
            return new OrderRead(new InboxOutcome.Done($"Order {orderId} is incomplete (status 0): not posted"), false, []);
        switch (readiness.Action)
        {
            case OrderAction.Cancel:
            {
                var result = await engine.CancelOrderAsync(new OrderCancellation(Channel, orderId, readiness.Reason), ct).ConfigureAwait(false);
                return new OrderRead(result.Code == CommandResultCode.NotFound
                    ? new InboxOutcome.Done($"Order {orderId} was cancelled before the engine had it: {readiness.Reason}")
                    : Outcome(result, $"order {orderId}"), false, []);
            }

            case OrderAction.Post:
            {
                var products = BigCommerceOrderParser.ParseProducts(await ListAsync($"v2/orders/{orderId}/products", ct).ConfigureAwait(false));
                var addresses = BigCommerceOrderParser.ParseShippingAddresses(await ListAsync($"v2/orders/{orderId}/shipping_addresses", ct).ConfigureAwait(false));
                var parsed = BigCommerceOrderParser.Compose(header, products, addresses);
                var result = await engine.SubmitOrderAsync(parsed.Order, ct).ConfigureAwait(false);
                return new OrderRead(Outcome(result, $"order {orderId}"), !result.IsError && result.Code != CommandResultCode.Conflict, products);
            }

            default:
                return new OrderRead(new InboxOutcome.Done($"Order {orderId} held: {readiness.Reason}"), false, []);
        }
    }

    private async Task<InboxOutcome> RefundAsync(BigCommerceWebhook hook, CancellationToken ct)
    {
        var order = await OrderAsync(hook.Id, ct).ConfigureAwait(false);
        if (!order.Stands)
            return order.Outcome is InboxOutcome.Poison ? order.Outcome : new InboxOutcome.NotYet($"Refund {hook.RefundId} waits for order {hook.Id}: {Note(order.Outcome)}");
        var refunds = await api.GetAsync($"v3/orders/{hook.Id}/payment_actions/refunds", ct).ConfigureAwait(false);
        var refund = BigCommerceFulfilmentParser.ParseRefund(refunds, hook.RefundId!, order.Products, settings.RefundsReturnToStock);
        return Outcome(await engine.RecordRefundAsync(refund, ct).ConfigureAwait(false), $"refund {hook.RefundId} of order {hook.Id}");
    }

    private async Task<InboxOutcome> ShipmentAsync(BigCommerceWebhook hook, CancellationToken ct)
    {
        var orderId = hook.OrderId!;
        var json = await api.GetAsync($"v2/orders/{orderId}/shipments/{hook.Id}", ct).ConfigureAwait(false);
        if (json.Contains(ShipmentMarker.Prefix, StringComparison.Ordinal))
            return new InboxOutcome.Done($"Shipment {hook.Id} of order {orderId} is the engine's own (published from a warehouse dispatch)");
        var order = await OrderAsync(orderId, ct).ConfigureAwait(false);
        if (!order.Stands)
            return order.Outcome is InboxOutcome.Poison ? order.Outcome : new InboxOutcome.NotYet($"Shipment {hook.Id} waits for order {orderId}: {Note(order.Outcome)}");
        var dispatch = BigCommerceFulfilmentParser.ParseShipment(json, order.Products);
        return Outcome(await engine.RecordDispatchAsync(dispatch, ct).ConfigureAwait(false), $"shipment {hook.Id} of order {orderId}");
    }

    /// <summary>A v2 list read in full (pages of 250); 204 is an empty page.</summary>
    private async Task<string> ListAsync(string path, CancellationToken ct)
    {
        var rows = new System.Text.Json.Nodes.JsonArray();
        for (var page = 1; page <= 40; page++)
        {
            var json = await api.GetAsync($"{path}?page={page}&limit=250", ct).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(json)) break;
            var read = System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonArray
                       ?? throw new ChannelPayloadException(Channel, "$", $"of {path} is not a list");
            foreach (var row in read.ToList())
            {
                read.Remove(row);
                rows.Add(row);
            }
            if (rows.Count < page * 250) break;
        }
        return rows.ToJsonString();
    }

    private static InboxOutcome Outcome(OrderCommandResult result, string what) => result.Code switch
    {
        CommandResultCode.Accepted or CommandResultCode.Duplicate => new InboxOutcome.Done($"BigCommerce {what}: {result.Code}"),
        CommandResultCode.NotFound => new InboxOutcome.NotYet($"BigCommerce {what}: {result.Message}"),
        CommandResultCode.Conflict => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord(
            $"BigCommerce {what} changed after the engine accepted it ({result.Message}); the posted documents were not changed")),
        _ => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"BigCommerce {what}: {result.Message}")),
    };

    private static InboxOutcome Poison(string what, ChannelPayloadException ex) =>
        new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"BigCommerce {what}: {(ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field)} {ex.Problem}"));

    private static string Note(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Done d => d.Note,
        InboxOutcome.NotYet n => n.Reason,
        _ => outcome.ToString(),
    };
}

using System.Text.Json;
using ActorSync.Channels;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.BigCommerce;
using ActorSync.Engine.Connectors.Inbox;

namespace ActorSync.Engine.Connectors.Magento;

/// <summary>
/// Processes one Magento inbox entry: a record as the poll read it (an order, a credit memo or a shipment, its JSON
/// as the search answered it). Orders are gated on <c>state</c> (the fixed machine state; <c>status</c> is the
/// merchant's, channels.md §1.3, §5.2): <c>processing</c>, <c>complete</c> (paid) and <c>closed</c> (paid, then
/// refunded in full: its credit memos need it) are submitted through <see cref="SyncEngine"/>, whose entities make a
/// repeat a Duplicate; <c>canceled</c> cancels; the rest (<c>new</c>/pending, <c>pending_payment</c>,
/// <c>payment_review</c>, <c>holded</c>, unknown ones) wait, done with the outcome "held": the order's next change
/// moves its <c>updated_at</c> and the poll brings it again. Credit memos and shipments read their order
/// (<c>GET /V1/orders/{order_id}</c>: they name it only by <c>entity_id</c>), submit it first, then become the refund
/// (a credit note) or the dispatch (delivery and invoice); shipments the engine itself published
/// (<see cref="ShipmentMarker"/>) are skipped.
/// </summary>
public sealed class MagentoInboxProcessor(MagentoStoreApi api, SyncEngine engine, MagentoConnectorSettings settings) : IInboxProcessor
{
    public const string OrderKind = "order";
    public const string CreditMemoKind = "creditmemo";
    public const string ShipmentKind = "shipment";

    private const string Channel = MagentoOrderParser.Channel;

    private static readonly string[] Postable = ["processing", "complete", "closed"];

    private sealed record OrderRead(InboxOutcome Outcome, bool Stands, string IncrementId);

    public async Task<InboxOutcome> ProcessAsync(InboxEntry entry, CancellationToken ct)
    {
        try
        {
            return entry.Kind switch
            {
                OrderKind => await OrderAsync(entry.Payload, ct).ConfigureAwait(false),
                CreditMemoKind => await CreditMemoAsync(entry.Payload, ct).ConfigureAwait(false),
                ShipmentKind => await ShipmentAsync(entry.Payload, ct).ConfigureAwait(false),
                _ => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Magento: an inbox entry of kind '{entry.Kind}' is nothing this connector reads")),
            };
        }
        catch (StoreUnavailableException ex)
        {
            return new InboxOutcome.Wait(ex.Message, ex.After, WholeSource: true);
        }
        catch (StoreRefusedException ex)
        {
            return new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Magento {entry.Kind}: the store answered {ex.Message}"));
        }
        catch (ChannelPayloadException ex)
        {
            return Poison(entry.Kind, ex);
        }
        catch (JsonException ex)
        {
            return new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Magento {entry.Kind}: $ is not JSON ({ex.Message})"));
        }
    }

    private async Task<InboxOutcome> OrderAsync(string json, CancellationToken ct) => (await SubmitAsync(json, ct).ConfigureAwait(false)).Outcome;

    /// <summary>The order gated on its state and, when it stands, submitted (a Duplicate when the engine has it).</summary>
    private async Task<OrderRead> SubmitAsync(string json, CancellationToken ct)
    {
        var (incrementId, state) = Header(json);
        var what = $"order {incrementId}";
        if (Postable.Contains(state))
        {
            var parsed = MagentoOrderParser.Parse(json);
            var result = await engine.SubmitOrderAsync(parsed.Order, ct).ConfigureAwait(false);
            return new OrderRead(Outcome(result, what), !result.IsError && result.Code != CommandResultCode.Conflict, incrementId);
        }

        if (state == "canceled")
        {
            var result = await engine.CancelOrderAsync(new OrderCancellation(Channel, incrementId, "state 'canceled': cancelled in Magento"), ct).ConfigureAwait(false);
            return new OrderRead(result.Code == CommandResultCode.NotFound
                ? new InboxOutcome.Done($"Magento {what} was cancelled before the engine had it")
                : Outcome(result, what), false, incrementId);
        }

        return new OrderRead(new InboxOutcome.Done($"Magento {what} held: state '{state}' (not paid yet or on hold); its next change brings it again"), false, incrementId);
    }

    private async Task<InboxOutcome> CreditMemoAsync(string json, CancellationToken ct)
    {
        var (memoId, orderId) = Names(json, "creditmemo");
        var order = await SubmitAsync(await api.GetAsync($"V1/orders/{orderId}", ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (!order.Stands)
            return order.Outcome is InboxOutcome.Poison ? order.Outcome : new InboxOutcome.NotYet($"Credit memo {memoId} waits for order {order.IncrementId}: {Note(order.Outcome)}");
        var refund = MagentoFulfilmentParser.ParseCreditMemo(json, order.IncrementId, settings.RefundsReturnToStock);
        return Outcome(await engine.RecordRefundAsync(refund, ct).ConfigureAwait(false), $"credit memo {memoId} of order {order.IncrementId}");
    }

    private async Task<InboxOutcome> ShipmentAsync(string json, CancellationToken ct)
    {
        var (shipmentId, orderId) = Names(json, "shipment");
        if (OursFromTracking(json))
            return new InboxOutcome.Done($"Magento shipment {shipmentId} of order {orderId} is the engine's own (published from a warehouse dispatch)");
        var order = await SubmitAsync(await api.GetAsync($"V1/orders/{orderId}", ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (!order.Stands)
            return order.Outcome is InboxOutcome.Poison ? order.Outcome : new InboxOutcome.NotYet($"Shipment {shipmentId} waits for order {order.IncrementId}: {Note(order.Outcome)}");
        var dispatch = MagentoFulfilmentParser.ParseShipment(json, order.IncrementId);
        return Outcome(await engine.RecordDispatchAsync(dispatch, ct).ConfigureAwait(false), $"shipment {shipmentId} of order {order.IncrementId}");
    }

    /// <summary>A shipment the outbound publisher made carries <c>ActorSync dispatch &lt;id&gt;</c> in a comment.</summary>
    private static bool OursFromTracking(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("comments", out var comments) && comments.ValueKind == JsonValueKind.Array
               && comments.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("comment", out var text)
                                                     && text.ValueKind == JsonValueKind.String
                                                     && text.GetString()!.Split('\n').Any(l => l.Trim().StartsWith(ShipmentMarker.Prefix, StringComparison.Ordinal)));
    }

    /// <summary>An order's <c>increment_id</c> and <c>state</c>.</summary>
    private static (string IncrementId, string State) Header(string json)
    {
        var root = Channels.Json.PayloadNode.Parse(json, Channel).RequireObject();
        return (root.Required("increment_id").Id(), root.OptionalString("state") ?? "new");
    }

    /// <summary>A credit memo's or shipment's own id and its order's <c>entity_id</c>.</summary>
    private static (string Id, string OrderId) Names(string json, string what)
    {
        var root = Channels.Json.PayloadNode.Parse(json, Channel).RequireObject();
        var id = root.Optional("increment_id")?.Id() ?? root.Required("entity_id").Id();
        var orderId = root.Required("order_id").Id();
        return long.TryParse(orderId, out var n) && n > 0 ? (id, orderId) : throw new ChannelPayloadException(Channel, "order_id", $"of {what} {id} must be the order's entity_id, was '{orderId}'");
    }

    private static InboxOutcome Outcome(OrderCommandResult result, string what) => result.Code switch
    {
        CommandResultCode.Accepted or CommandResultCode.Duplicate => new InboxOutcome.Done($"Magento {what}: {result.Code}"),
        CommandResultCode.NotFound => new InboxOutcome.NotYet($"Magento {what}: {result.Message}"),
        CommandResultCode.Conflict => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord(
            $"Magento {what} changed after the engine accepted it ({result.Message}); the posted documents were not changed")),
        _ => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Magento {what}: {result.Message}")),
    };

    private static InboxOutcome Poison(string kind, ChannelPayloadException ex) =>
        new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Magento {kind}: {(ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field)} {ex.Problem}"));

    private static string Note(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Done d => d.Note,
        InboxOutcome.NotYet n => n.Reason,
        _ => outcome.ToString(),
    };
}

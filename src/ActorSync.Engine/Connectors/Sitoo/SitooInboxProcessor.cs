using System.Globalization;
using ActorSync.Channels;
using ActorSync.Channels.Json;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;

namespace ActorSync.Engine.Connectors.Sitoo;

/// <summary>
/// Processes one Sitoo inbox entry: an order the poll filed (its JSON as read), an SPI event (light: the order is
/// read from the API as it is now) or a warehouse transaction the warehouse poll filed. Orders are gated by
/// <see cref="SitooOrderGate"/>: only type 10 with payment 20 is posted; bookings, parked sales and unpaid orders are
/// done with an outcome saying so (the poll watches them and an SPI <c>update</c> brings them back); a cancelled
/// webshop order cancels. Till receipts (<c>registerid</c> set) go to the POS flow, a return via its sale
/// (<c>creditorderid</c>, <c>pos-originalsales-orderid</c>); webshop orders to the order flow; movements to the
/// warehouse flow. Submitting again is a Duplicate, so the poll and the SPI may both bring an order.
/// </summary>
public sealed class SitooInboxProcessor(SitooApi api, SyncEngine engine, SitooConnectorSettings settings) : IInboxProcessor
{
    public async Task<InboxOutcome> ProcessAsync(InboxEntry entry, CancellationToken ct)
    {
        try
        {
            return entry.Kind switch
            {
                SitooInboxKeys.OrderKind => await OrderAsync(entry.Payload, ct).ConfigureAwait(false),
                SitooInboxKeys.EventKind => await EventAsync(entry.Payload, ct).ConfigureAwait(false),
                SitooInboxKeys.TransactionKind => await TransactionAsync(entry.Payload, ct).ConfigureAwait(false),
                _ => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Sitoo inbox entry of unknown kind '{entry.Kind}'")),
            };
        }
        catch (SitooUnavailableException ex)
        {
            return new InboxOutcome.Wait(ex.Message, ex.After, WholeSource: true);
        }
        catch (ChannelPayloadException ex)
        {
            return Poison(entry.Kind, ex);
        }
    }

    private async Task<InboxOutcome> EventAsync(string payload, CancellationToken ct)
    {
        var evt = SitooEventsParser.ParseEvent(payload);
        if (evt.AccountId != settings.AccountId)
            return new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Sitoo event {evt.EventId}: $.account_id is {evt.AccountId}, not this connector's account {settings.AccountId}"));
        if (evt.EventType != "order" || evt.OrderId is not { } orderId)
            return new InboxOutcome.Done($"Sitoo event {evt.EventId} ({evt.EventType}): nothing for SAP here (warehouse transactions come by the warehouse poll)");
        string json;
        try
        {
            json = await api.GetAsync(string.Create(CultureInfo.InvariantCulture, $"orders/{orderId}.json"), ct).ConfigureAwait(false);
        }
        catch (SitooRefusedException ex) when (ex.Status == 404)
        {
            // Sitoo told of it, so it exists or will: retried, parked if it never shows.
            return new InboxOutcome.NotYet($"Sitoo order {orderId} of event {evt.EventId} is not readable yet (404)");
        }
        catch (SitooRefusedException ex)
        {
            return new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Sitoo order {orderId} of event {evt.EventId}: Sitoo answered {ex.Message}"));
        }
        return await OrderAsync(json, ct).ConfigureAwait(false);
    }

    private async Task<InboxOutcome> OrderAsync(string json, CancellationToken ct)
    {
        var record = SitooOrderParser.ParseOrder(PayloadNode.Parse(json, SitooOrderParser.Channel));
        var what = $"Sitoo order {record.OrderId}";
        if (record.Problem is { } problem) return new InboxOutcome.Poison(problem);
        var readiness = record.WebOrder?.Readiness ?? record.Pos!.Readiness;
        switch (readiness.Action)
        {
            case OrderAction.Post when record.WebOrder is { } web:
            {
                var result = await engine.SubmitOrderAsync(web.Order, ct).ConfigureAwait(false);
                return Outcome(result.Code, result.Message, $"{what} (webshop)");
            }
            case OrderAction.Post:
            {
                var result = await engine.SubmitPosTransactionAsync(record.Pos!.Transaction, ct).ConfigureAwait(false);
                return Outcome(result.Code, result.Message, $"{what} ({record.Pos.Transaction.Kind.ToString().ToLowerInvariant()})");
            }
            case OrderAction.Cancel when record.WebOrder is { } cancelled:
            {
                var result = await engine.CancelOrderAsync(new OrderCancellation(SitooOrderParser.Channel, cancelled.Order.ExternalId, readiness.Reason), ct).ConfigureAwait(false);
                return result.Code == CommandResultCode.NotFound
                    ? new InboxOutcome.Done($"{what} was cancelled before the engine had it: {readiness.Reason}")
                    : Outcome(result.Code, result.Message, what);
            }
            case OrderAction.Hold:
                return new InboxOutcome.Done($"{what} held, not posted: {readiness.Reason} (the poll reads it again until it is final)");
            default:
                return new InboxOutcome.Done($"{what} not posted: {readiness.Reason}");
        }
    }

    private async Task<InboxOutcome> TransactionAsync(string json, CancellationToken ct)
    {
        var batch = SitooWarehouseParser.ParseTransactions("[" + json + "]");
        var accepted = 0;
        foreach (var movement in batch.Movements)
        {
            var result = await engine.SubmitWarehouseMovementAsync(movement, ct).ConfigureAwait(false);
            if (result.Code is not (CommandResultCode.Accepted or CommandResultCode.Duplicate))
                return Outcome(result.Code, result.Message, $"Sitoo warehouse transaction {movement.MovementId} ({movement.Kind.ToString().ToLowerInvariant()})");
            accepted++;
        }
        var notes = batch.Skipped.Count == 0 ? "" : " " + string.Join(" ", batch.Skipped);
        return new InboxOutcome.Done(string.Create(CultureInfo.InvariantCulture, $"Sitoo warehouse transaction: {accepted} movement(s) taken into the warehouse flow.{notes}"));
    }

    private static InboxOutcome Outcome(CommandResultCode code, string? message, string what) => code switch
    {
        CommandResultCode.Accepted or CommandResultCode.Duplicate => new InboxOutcome.Done($"{what}: {code}"),
        CommandResultCode.NotFound => new InboxOutcome.NotYet($"{what}: {message}"),
        CommandResultCode.Conflict => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord(
            $"{what} changed after the engine accepted it ({message}); the posted documents were not changed")),
        _ => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"{what}: {message}")),
    };

    private static InboxOutcome Poison(string kind, ChannelPayloadException ex) =>
        new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord($"Sitoo {kind}: {(ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field)} {ex.Problem}"));
}

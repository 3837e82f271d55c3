using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorSync.Channels.Json;
using ActorSync.Domain.Connectors.Sitoo;

namespace ActorSync.Channels.Sitoo;

/// <summary>One event of an SPI delivery, as the inbox takes it: its key, and its JSON exactly as sent.</summary>
/// <param name="Usable">False when the event has no usable <c>event_id</c> (or is not an object): it is still journaled, under a key made from its content, and parked.</param>
public sealed record SitooDeliveredEvent(int Index, string Key, string Payload, bool Usable);

/// <summary>An SPI event read in full (channels.md §3.6).</summary>
public sealed record SitooEvent(string EventId, string EventType, DateTimeOffset EventDate, string AccountId, long? OrderId, string? OrderEventType, string? OrderStateChanged, string? WarehouseId);

/// <summary>
/// The Sitoo Events SPI (channels.md §3.6): Sitoo POSTs an array of up to 10 events, in chronological order, each
/// <c>{event_id, event_type, event_date, account_id, data{…}}</c>; order events carry <c>data{eshop_id, order_id,
/// warehouse_id, order_event_type, order_state_changed}</c>. The payload is light: the order is read from the API.
/// A delivery that is not a JSON array is refused (400); an event inside it that is unusable is not refused but
/// journaled and parked, because any refusal drops the delivery and a retryable answer blocks Sitoo's whole queue.
/// </summary>
public static class SitooEventsParser
{
    public const int MaxEventsPerDelivery = 10;

    /// <summary>The delivery's events, each with its inbox key; throws <see cref="ChannelPayloadException"/> when the body is not an array of at most 10.</summary>
    public static ImmutableList<SitooDeliveredEvent> ParseDelivery(string json)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel);
        if (!root.IsArray) throw root.Error($"must be an array of events, was {root.Describe()}");
        var events = root.Items().ToList();
        if (events.Count > MaxEventsPerDelivery) throw root.Error($"holds {events.Count} events; Sitoo sends at most {MaxEventsPerDelivery} at a time");
        return events.Select((e, i) =>
        {
            var text = e.Element.GetRawText();
            var id = e.IsObject && e.Optional("event_id") is { Kind: JsonValueKind.String } node ? node.Element.GetString() : null;
            return IsUsableId(id)
                ? new SitooDeliveredEvent(i, SitooInboxKeys.Event(id!), text, true)
                : new SitooDeliveredEvent(i, SitooInboxKeys.Event("sha256-" + SitooListParser.Hash(text)), text, false);
        }).ToImmutableList();
    }

    /// <summary>A uuid or similar: letters, digits, '-' and '_', at most 64.</summary>
    public static bool IsUsableId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>One event as journaled; throws <see cref="ChannelPayloadException"/> naming the field.</summary>
    public static SitooEvent ParseEvent(string json)
    {
        var e = PayloadNode.Parse(json, SitooOrderParser.Channel).RequireObject();
        var id = e.RequiredString("event_id");
        if (!IsUsableId(id)) throw e.Required("event_id").Error("must be an event id (letters, digits, '-', at most 64)");
        var type = e.RequiredString("event_type");
        var date = e.Required("event_date").UnixTime();
        var account = e.Required("account_id").Id();
        var data = e.Optional("data");
        long? orderId = null;
        string? orderEvent = null, stateChanged = null, warehouse = null;
        if (type is "order")
        {
            var d = e.Required("data").RequireObject();
            orderId = d.Required("order_id").Int64();
            if (orderId <= 0) throw d.Required("order_id").Error("must be a positive order id");
            orderEvent = d.OptionalString("order_event_type");
            stateChanged = d.OptionalString("order_state_changed");
            warehouse = d.Optional("warehouse_id")?.Id();
        }
        else if (data is { IsObject: true } other)
        {
            warehouse = other.Optional("warehouse_id")?.Id();
        }
        return new SitooEvent(id, type, date, account, orderId, orderEvent, stateChanged, warehouse);
    }
}

/// <summary>
/// An order of a list read by the poll: its id and state, and the order's JSON as read (filed in the inbox as it is).
/// <see cref="Problem"/> is set when the id or state cannot be read: the row is still filed (and parked by the
/// inbox with the path), so a bad row never blocks the cursor or its neighbours.
/// </summary>
public sealed record SitooOrderListRow(long? OrderId, int OrderTypeId, int OrderStateId, int PaymentStateId, string Json, string? Problem = null)
{
    public string Key => OrderId is { } id && Problem is null
        ? SitooInboxKeys.Order(id, OrderTypeId, OrderStateId, PaymentStateId)
        : $"order:invalid:{(OrderId is { } known ? known + ":" : "")}{SitooListParser.Hash(Json)}";
}

/// <summary>A warehouse transaction of a list read by the poll, and its JSON as read (<see cref="Problem"/> as for orders).</summary>
public sealed record SitooTransactionListRow(long? TransactionId, string WarehouseId, int TransactionType, string Json, string? Problem = null)
{
    public string Key => TransactionId is { } id && Problem is null
        ? SitooInboxKeys.Transaction(id)
        : $"warehouse-transaction:invalid:{SitooListParser.Hash(Json)}";
}

/// <summary>Sitoo collections <c>{"totalcount": N, "items": […]}</c> (channels.md §3.1) as the polls read them.</summary>
public static class SitooListParser
{
    public static (int TotalCount, ImmutableList<SitooOrderListRow> Rows) ParseOrders(string json)
    {
        var (total, items) = Envelope(json);
        return (total, items.Select(o =>
        {
            var text = o.Element.GetRawText();
            long? id = null;
            try
            {
                id = o.RequireObject().Required("orderid").Int64();
                return new SitooOrderListRow(id, o.OptionalInt("ordertypeid") ?? 10, o.OptionalInt("orderstateid") ?? 0, o.OptionalInt("paymentstateid") ?? 0, text);
            }
            catch (ChannelPayloadException ex)
            {
                return new SitooOrderListRow(id, 0, 0, 0, text, $"{ex.Field} {ex.Problem}");
            }
        }).ToImmutableList());
    }

    public static (int TotalCount, ImmutableList<SitooTransactionListRow> Rows) ParseTransactions(string json)
    {
        var (total, items) = Envelope(json);
        return (total, items.Select(t =>
        {
            var text = t.Element.GetRawText();
            long? id = null;
            try
            {
                id = t.RequireObject().Required("warehousetransactionid").Int64();
                return new SitooTransactionListRow(id, t.Required("warehouseid").Id(), t.RequiredInt("transactiontype"), text);
            }
            catch (ChannelPayloadException ex)
            {
                return new SitooTransactionListRow(id, "", 0, text, $"{ex.Field} {ex.Problem}");
            }
        }).ToImmutableList());
    }

    /// <summary>A short content hash: the key of a row or event whose own id cannot be read.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];

    private static (int TotalCount, List<PayloadNode> Items) Envelope(string json)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel).RequireObject();
        var items = root.Required("items").Items().ToList();
        return (root.RequiredInt("totalcount"), items);
    }
}

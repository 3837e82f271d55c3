using System.Text.Json;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Engine.Posting;
using ActorSync.ServiceLayer;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Engine.Payments;

/// <summary>
/// Reads one channel's day for <see cref="PaymentReconciliation"/>: the channel's side from the orders' journals (the
/// day's tag only, so a day costs what that day holds), SAP's from its incoming and outgoing payments of that day.
/// </summary>
public sealed class PaymentReconciliationReader(ActorSystem system, ServiceLayerClient sap, OrderMapping mapping)
{
    public async Task<PaymentReconciliationReport> ReadAsync(string channel, DateOnly day, CancellationToken ct = default)
    {
        var events = await new SqlTagQueries(system).Current(PaymentReconciliation.DayTag(channel, day))
            .Select(e => e.Event).Where(e => e is OrderEvents.IOrderEvent).Select(e => (OrderEvents.IOrderEvent)e)
            .RunWith(Sink.Seq<OrderEvents.IOrderEvent>(), system.Materializer()).WaitAsync(ct).ConfigureAwait(false);
        var channelSide = PaymentReconciliation.ChannelSide(events, mapping, day);

        var date = day.ToString("yyyy-MM-dd");
        var filter = Uri.EscapeDataString($"TransferDate eq '{date}' or DocDate eq '{date}'");
        var sapSide = new List<SapMoney>();
        foreach (var (set, incoming) in new[] { (SapFlowEntitySets.IncomingPayments, true), (SapFlowEntitySets.VendorPayments, false) })
        {
            await foreach (var row in sap.QueryAsync($"{set}?$select=DocEntry,Remarks,CashSum,TransferSum,TransferDate,DocDate,Cancelled&$filter={filter}", ct).ConfigureAwait(false))
            {
                // Money moves on the transfer's day; cash has none, so it counts on the payment's own date.
                var transferDate = Text(row, "TransferDate");
                var counted = DateOnly.Parse((transferDate ?? Text(row, "DocDate")!)[..10]);
                sapSide.Add(new SapMoney(row.GetProperty("DocEntry").GetInt32(), Text(row, "Remarks") ?? "", incoming,
                    Number(row, "CashSum") + Number(row, "TransferSum"), counted, Text(row, "Cancelled") == "tYES"));
            }
        }
        return PaymentReconciliation.Compare(channel, day, channelSide, sapSide);
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : 0m;
}

using ActorSync.Channels;
using ActorSync.Channels.Wms;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Stock;
using ActorSync.Domain.Validation;
using ActorSync.Engine.Api;
using ActorSync.Engine.Connectors.Inbox;

namespace ActorSync.Engine.Connectors.Wms;

/// <summary>
/// Works one entry of a warehouse source's inbox: the journaled body is read again (canonical, or Mintsoft's order
/// or ASN JSON), translated (<see cref="WmsEventTranslator"/>) and handed to <see cref="SyncEngine"/>, whose entities
/// make a repeat a Duplicate, so a retry or a replay after a crash never posts twice. A dispatch of an order the
/// engine does not have yet waits (the order may still be on its way from the channel) and parks as
/// <c>order-not-found</c> after <see cref="InboxRetryPolicy.MaxNotYetAttempts"/> attempts; an unmapped warehouse
/// parks as <c>unmapped-warehouse</c>; anything unreadable as <c>invalid-channel-record</c> with its JSON path.
/// An unknown or inactive SKU in a receipt, adjustment or return parks the event (<c>unknown-sku</c>, merchandising)
/// before its window coalesces it, so it never holds up its neighbours' document (checked against the node's copy of
/// SAP's master data; before that is loaded, SAP judges); a snapshot applies its known SKUs and parks the entry
/// naming the unknown ones.
/// </summary>
public sealed class WmsEventProcessor(SyncEngine engine, WmsSourceMapping mapping, MintsoftOptions? mintsoft, Func<MasterDataSnapshot?> masterData) : IInboxProcessor
{
    public async Task<InboxOutcome> ProcessAsync(InboxEntry entry, CancellationToken ct)
    {
        WmsEvent e;
        try
        {
            e = mintsoft is not null && entry.Kind.StartsWith("mintsoft.", StringComparison.Ordinal)
                ? MintsoftParser.Parse(entry.Payload, mintsoft)
                : WmsEventParser.Parse(entry.Payload);
        }
        catch (ChannelPayloadException ex)
        {
            return Poison($"{mapping.Source} {entry.Kind} {entry.Key}: {(ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field)} {ex.Problem}");
        }

        var what = $"{mapping.Source} {e.Kind} {e.SourceEventId}";
        return WmsEventTranslator.Translate(e, mapping) switch
        {
            WmsWork.Refused r => new InboxOutcome.Poison(r.Exception),
            WmsWork.Dispatch d => DispatchOutcome(await engine.RecordDispatchAsync(d.Confirmation, ct).ConfigureAwait(false), what, d),
            WmsWork.Movements m => await MovementsAsync(e, m, what, ct).ConfigureAwait(false),
            WmsWork.Snapshot s => await SnapshotAsync(s, what, ct).ConfigureAwait(false),
            _ => new InboxOutcome.Done($"{what}: nothing for SAP"),
        };
    }

    private static InboxOutcome DispatchOutcome(OrderCommandResult result, string what, WmsWork.Dispatch d) => result.Code switch
    {
        CommandResultCode.Accepted or CommandResultCode.Duplicate => new InboxOutcome.Done($"{what}: {result.Code}"),
        CommandResultCode.NotFound => new InboxOutcome.NotYet($"{what}: order {d.Confirmation.OrderKey} is not in the engine yet",
            ExceptionTypes.OrderNotFound($"{what} confirms order {d.Confirmation.OrderKey}, which the engine never received ($.externalRef).")),
        CommandResultCode.Conflict => Poison($"{what}: dispatch {d.Confirmation.DispatchId} was taken before with other lines ({result.Message}); the posted documents were not changed"),
        _ => Poison($"{what}: {result.Message}"),
    };

    /// <summary>Each movement is journaled in its window (idempotent by source, id and kind); the window posts it with its neighbours.</summary>
    private async Task<InboxOutcome> MovementsAsync(WmsEvent e, WmsWork.Movements work, string what, CancellationToken ct)
    {
        // Checked before the window takes it: SAP refuses a whole goods receipt for one unknown item, which would
        // hold up every movement coalesced with it.
        if (masterData() is { } snapshot)
        {
            var problems = e.Lines.Select((l, i) => MasterDataChecks.Item(snapshot, l.Sku, $"{what}: $.lines[{i}].sku"))
                .OfType<ExceptionDetails>().ToList();
            if (problems.Count > 0)
                return new InboxOutcome.Poison(problems[0] with { Reason = string.Join(" ", problems.Select(p => p.Reason).Distinct()) });
        }
        var notes = new List<string>();
        foreach (var movement in work.Items)
        {
            var result = await engine.SubmitWarehouseMovementAsync(movement, ct).ConfigureAwait(false);
            switch (result.Code)
            {
                case CommandResultCode.Accepted or CommandResultCode.Duplicate:
                    notes.Add($"{movement.Kind} {result.Code} in {result.WindowId}");
                    break;
                case CommandResultCode.Rejected or CommandResultCode.Conflict:
                    return Poison($"{what}: {result.Message}");
                default:
                    return new InboxOutcome.Wait($"{what}: the warehouse flow answered {result.Code}: {result.Message}");
            }
        }
        return new InboxOutcome.Done($"{what}: {string.Join("; ", notes)}");
    }

    /// <summary>
    /// The warehouse's on-hand becomes the positions' <c>InStock</c>; what SAP has committed to open orders is kept
    /// as the position holds it. An older snapshot than the one applied does not roll a position back
    /// (<see cref="StockDecisions"/>), so reordered snapshots are harmless.
    /// </summary>
    private async Task<InboxOutcome> SnapshotAsync(WmsWork.Snapshot work, string what, CancellationToken ct)
    {
        var snapshot = masterData();
        var unknown = snapshot is null ? [] : work.Levels.Where(l => MasterDataChecks.Item(snapshot, l.Sku, what) is { Type: "unknown-sku" }).Select(l => l.Sku).ToList();
        var levels = new List<StockLevel>();
        foreach (var (sku, onHand) in work.Levels.Where(l => !unknown.Contains(l.Sku)))
        {
            var position = await engine.GetStockAsync(new StockKey(work.Warehouse, sku), ct).ConfigureAwait(false);
            levels.Add(new StockLevel(sku, work.Warehouse, onHand, position.Committed, position.Ordered));
        }
        var results = await engine.ApplyStockSnapshotAsync(levels, work.At, ct).ConfigureAwait(false);
        var moved = results.Count(r => r.AvailableChanged);
        if (unknown.Count > 0)
            return new InboxOutcome.Poison(ExceptionTypes.UnknownSku(
                $"{what}: {levels.Count} positions in {work.Warehouse} applied ({moved} moved); SKU(s) {string.Join(", ", unknown.Take(20))} are not items in SAP ($.lines[*].sku)."));
        return new InboxOutcome.Done($"{what}: {levels.Count} positions in {work.Warehouse}, {moved} moved");
    }

    private static InboxOutcome Poison(string reason) => new InboxOutcome.Poison(ExceptionTypes.InvalidChannelRecord(reason));
}

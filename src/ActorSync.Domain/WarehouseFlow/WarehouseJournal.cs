using ActorSync.Domain.Journal;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.WarehouseFlow;

/// <summary>The warehouse flow's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class WarehouseJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"WindowId":"wms@2026","Key":"wms:B1:01:Receipt","Exception":{"Type":"lock-timeout","Team":"Operations","Reason":"","SuggestedAction":""},"At":"2026-"}
        {"WindowId":"wms@2026","Key":"wms:B1:01\u003E02:Transfer","Reason":"-2039 Another user or another operation modified data","LockAttempts":1,"At":"2026-"}
        {"WindowId":"wms@2026","Key":"wms:B1:01:Issue","DocEntry":,"DocNum":,"FoundByLookup":true,"At":"2026-","WorkPending":true}
        {"WindowId":"wms@2026","Batch":1,"Coalesced":["wms::Receipt"],"Jobs":[{"Key":"wms:B1:01:Receipt","EntitySet":"InventoryGenEntries","Body":"{\u0022DocDate\u0022:\u00222026-\u0022,\u0022Comments\u0022:\u0022ActorSync wms@2026 #1 01 receipt\u0022,\u0022Reference2\u0022:\u0022\u0022,\u0022DocumentLines\u0022:[{\u0022ItemCode\u0022:\u0022ITM0\u0022,\u0022Quantity\u0022:1,\u0022WarehouseCode\u0022:\u002201\u0022,\u0022UnitPrice\u0022:,\u0022BatchNumbers\u0022:[{\u0022BatchNumber\u0022:\u0022\u0022,\u0022Quantity\u0022:1,\u0022ExpiryDate\u0022:\u00222027-\u0022}]}]}","LookUp":{"EntitySet":"InventoryGenEntries","Field":"Comments","Value":"ActorSync wms@2026 #1 01 receipt"},"References":[]}],"Documents":[{"JobKey":"wms:B1:01:Receipt","Batch":1,"MovementKeys":["wms::Receipt"]}],"Rejected":[{"MovementKey":"wms::Issue","Exceptions":[{"Type":"unmapped-warehouse","Team":"Operations","Reason":"","SuggestedAction":""}]}],"Notes":[],"At":"2026-","WorkPending":true}
        {"WindowId":"wms@2026","Movement":{"Source":"wms","MovementId":"","Kind":"Receipt","OccurredAt":"2026-","Location":"MAIN","Lines":[{"Sku":"ITM0","Quantity":1,"BatchNumber":"","UnitCost":,"BatchExpiry":"2027-"}],"ToLocation":"STORE","Reference":""},"Fingerprint":"","CloseAt":"2026-","At":"2026-12-01T00:00:00.0000000+00:00","WorkPending":true}
        """;

    public static readonly JournalContract Contract = new("warehouse",
    [
        ("wms.movement-accepted.v1", typeof(MovementAccepted)),
        ("wms.batch-closed.v1", typeof(BatchClosed)),
        ("wms.movements-released.v1", typeof(MovementsReleased)),
        ("wms.job-completed.v1", typeof(WarehouseJobCompleted)),
        ("wms.job-deferred.v1", typeof(WarehouseJobDeferred)),
        ("wms.job-parked.v1", typeof(WarehouseJobParked)),
        ("wms.stock-picked.v1", typeof(WarehouseStockPicked)),
        ("wms.stock-pick-refused.v1", typeof(WarehouseStockPickRefused)),
        ("wms.job-released.v1", typeof(WarehouseJobReleased)),
        // On the wire between nodes.
        ("wms.accept-movement.v1", typeof(AcceptMovement)),
        ("wms.close-batch.v1", typeof(CloseBatch)),
        ("wms.retry-item.v1", typeof(RetryWarehouseItem)),
        ("wms.get-window.v1", typeof(WarehouseQueries.GetWarehouseWindow)),
        ("wms.window-state.v1", typeof(WarehouseWindowState)),
        ("wms.command-result.v1", typeof(WarehouseCommandResult)),
    ], dictionaries: [DictionaryV1]);
}

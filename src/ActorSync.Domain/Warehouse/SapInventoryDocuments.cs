using System.Collections.Immutable;
using ActorSync.Domain.Documents;

namespace ActorSync.Domain.Warehouse;

/// <summary>
/// A goods receipt (<c>InventoryGenEntries</c>) or goods issue (<c>InventoryGenExits</c>): SAP's <c>Document</c> type
/// without a business partner. <see cref="Reference2"/> (Ref2, 11 characters) carries the coalesced group's key so the
/// engine can find the document again after an uncertain outcome; <see cref="Comments"/> lists the source movements.
/// </summary>
public sealed record SapInventoryDocument(
    string DocDate,
    ImmutableList<SapInventoryLine> DocumentLines,
    string? Reference2 = null,
    string? Comments = null,
    string? JournalMemo = null);

/// <summary>A receipt/issue row; <see cref="UnitPrice"/> is the receipt cost (left out on issues: SAP issues at item cost).</summary>
public sealed record SapInventoryLine(
    string ItemCode,
    decimal Quantity,
    string WarehouseCode,
    decimal? UnitPrice = null,
    ImmutableList<SapBatchNumber>? BatchNumbers = null,
    ImmutableList<SapSerialNumber>? SerialNumbers = null);

/// <summary>A stock transfer (<c>StockTransfers</c>, SAP's <c>StockTransfer</c> type): header warehouses plus per-row ones.</summary>
public sealed record SapStockTransfer(
    string DocDate,
    string FromWarehouse,
    string ToWarehouse,
    ImmutableList<SapStockTransferLine> StockTransferLines,
    string? Reference2 = null,
    string? Comments = null,
    string? JournalMemo = null);

public sealed record SapStockTransferLine(
    string ItemCode,
    decimal Quantity,
    string FromWarehouseCode,
    string WarehouseCode,
    ImmutableList<SapBatchNumber>? BatchNumbers = null,
    ImmutableList<SapSerialNumber>? SerialNumbers = null);

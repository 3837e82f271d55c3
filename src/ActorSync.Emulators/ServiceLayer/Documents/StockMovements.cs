using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Stock bookkeeping per item × warehouse, with batch and serial quantities moving alongside. All changes go
/// through the unit of work, so a failed document or changeset leaves no trace.
/// </summary>
internal sealed class StockMovements(CompanyData company, PostingOptions options)
{
    private static string Line(int lineNo) => $"[line: {lineNo.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Goods leave a warehouse (delivery, POS invoice, goods issue, transfer source).</summary>
    public void Issue(ItemRecord item, int warehouse, decimal quantity, IReadOnlyList<BatchAllocation> batches,
        IReadOnlyList<SerialAllocation> serials, string lineTable, int lineNo, UnitOfWork uow)
    {
        var before = company.Stock.Get(item, warehouse);
        if (options.BlockNegativeInventory && before.InStock - quantity < 0)
        {
            // Text as in KBA 2693418 (no space after "line:").
            throw SapErrors.Rule($"Quantity falls into negative inventory [{lineTable}.ItemCode][line:{lineNo.ToString(CultureInfo.InvariantCulture)}]");
        }

        var warehouseCode = CompanyCatalog.WarehouseCodes[warehouse];
        foreach (var batch in batches)
        {
            var available = company.Stock.BatchQuantity(item, warehouse, batch.BatchNumber);
            if (!company.Stock.BatchExists(item, batch.BatchNumber))
            {
                throw SapErrors.Rule($"Batch number '{batch.BatchNumber}' does not exist for item {item.ItemCode} [{lineTable}.BatchNumbers]{Line(lineNo)}");
            }

            if (available < batch.Quantity)
            {
                throw SapErrors.Rule(
                    $"Batch '{batch.BatchNumber}' of item {item.ItemCode} holds {Fmt(available)} in warehouse {warehouseCode}, {Fmt(batch.Quantity)} requested [{lineTable}.BatchNumbers]{Line(lineNo)}");
            }

            company.Stock.AdjustBatch(item, warehouse, batch.BatchNumber, -batch.Quantity, null, uow.Today, uow);
        }

        foreach (var serial in serials)
        {
            var unit = company.Stock.FindSerial(item, serial.InternalSerialNumber, serial.SystemSerialNumber);
            if (unit is null || unit.Warehouse != warehouse)
            {
                throw SapErrors.Rule($"Serial number '{serial.InternalSerialNumber}' of item {item.ItemCode} is not in stock in warehouse {warehouseCode} [{lineTable}.SerialNumbers]{Line(lineNo)}");
            }

            company.Stock.MoveSerial(item, unit.SerialNumber, -1, uow.Today, uow);
        }

        company.Stock.Adjust(item, warehouse, -quantity, 0, 0, uow);
        StampItem(item, uow);
    }

    /// <summary>Goods enter a warehouse (goods receipt, credit-note return, transfer target).</summary>
    public void Receive(ItemRecord item, int warehouse, decimal quantity, IReadOnlyList<BatchAllocation> batches,
        IReadOnlyList<SerialAllocation> serials, string lineTable, int lineNo, UnitOfWork uow)
    {
        foreach (var batch in batches)
        {
            company.Stock.AdjustBatch(item, warehouse, batch.BatchNumber, batch.Quantity, batch.ExpiryDate, batch.AdmissionDate ?? uow.Today, uow);
        }

        foreach (var serial in serials)
        {
            var unit = company.Stock.FindSerial(item, serial.InternalSerialNumber, serial.SystemSerialNumber);
            if (unit is not null && unit.Warehouse >= 0)
            {
                throw SapErrors.Rule($"Serial number '{serial.InternalSerialNumber}' of item {item.ItemCode} is already in stock [{lineTable}.SerialNumbers]{Line(lineNo)}");
            }

            company.Stock.MoveSerial(item, serial.InternalSerialNumber, warehouse, uow.Today, uow);
        }

        company.Stock.Adjust(item, warehouse, quantity, 0, 0, uow);
        StampItem(item, uow);
    }

    /// <summary>Moves customer-order commitment (OITW.IsCommited).</summary>
    public void Commit(ItemRecord item, int warehouse, decimal delta, UnitOfWork uow)
    {
        if (delta == 0)
        {
            return;
        }

        company.Stock.Adjust(item, warehouse, 0, delta, 0, uow);
        StampItem(item, uow);
    }

    public void StampItem(ItemRecord item, UnitOfWork uow)
    {
        if (!company.StockMovesItemStamp || item.UpdateStamp == uow.Now)
        {
            return;
        }

        var previous = item.UpdateStamp;
        item.UpdateStamp = uow.Now;
        uow.OnRollback(() => item.UpdateStamp = previous);
    }

    private static string Fmt(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

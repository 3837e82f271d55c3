namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// Stock per item × warehouse (OITW), batches (OBTN/OBTQ) and serials (OSRN) as an overlay on the generator:
/// a row that was never changed is computed from the seed; the first change stores it. Reads never store
/// anything, so concurrent readers under the company's read lock are safe.
/// </summary>
internal sealed class StockLedger(CompanyGenerator generator)
{
    private readonly Dictionary<long, StockCell> _cells = [];
    private readonly Dictionary<int, ItemLots> _lots = [];
    private int _nextRuntimeAbsEntry = generator.FirstRuntimeAbsEntry;
    private readonly int _warehouses = generator.WarehouseCount;

    private sealed class StockCell
    {
        public decimal InStock;
        public decimal Committed;
        public decimal Ordered;
    }

    private long Key(ItemRecord item, int warehouse) => (long)item.Index * _warehouses + warehouse;

    /// <summary>
    /// The stock audit (OINM): one row per movement of <c>InStock</c>, numbered in commit order. A commitment
    /// (an order's <c>IsCommited</c>) writes none, as in SAP. Rows of a rolled-back changeset are taken out again.
    /// </summary>
    private readonly List<StockAuditRow> _audit = [];

    public IReadOnlyList<StockAuditRow> Audit => _audit;

    public StockLevel Get(ItemRecord item, int warehouse) =>
        _cells.TryGetValue(Key(item, warehouse), out var cell)
            ? new StockLevel(cell.InStock, cell.Committed, cell.Ordered)
            : generator.InitialStock(item, warehouse);

    /// <summary>Changes one stock row by the given deltas; undone on rollback.</summary>
    public void Adjust(ItemRecord item, int warehouse, decimal inStock, decimal committed, decimal ordered, UnitOfWork uow)
    {
        if (inStock == 0 && committed == 0 && ordered == 0)
        {
            return;
        }

        var key = Key(item, warehouse);
        if (!_cells.TryGetValue(key, out var cell))
        {
            var initial = generator.InitialStock(item, warehouse);
            cell = new StockCell { InStock = initial.InStock, Committed = initial.Committed, Ordered = initial.Ordered };
            _cells[key] = cell;
        }

        cell.InStock += inStock;
        cell.Committed += committed;
        cell.Ordered += ordered;
        if (inStock != 0)
        {
            _audit.Add(new StockAuditRow(_audit.Count + 1, item, warehouse, inStock > 0 ? inStock : 0m, inStock < 0 ? -inStock : 0m, uow.Today));
        }

        uow.OnRollback(() =>
        {
            cell.InStock -= inStock;
            cell.Committed -= committed;
            cell.Ordered -= ordered;
            if (inStock != 0)
            {
                _audit.RemoveAt(_audit.Count - 1);
            }
        });
    }

    /// <summary>Lots for reading: the stored ones, or a fresh (not stored) generation.</summary>
    public ItemLots ReadLots(ItemRecord item) =>
        _lots.TryGetValue(item.Index, out var lots) ? lots : generator.GenerateLots(item);

    private ItemLots LotsForUpdate(ItemRecord item)
    {
        if (!_lots.TryGetValue(item.Index, out var lots))
        {
            // Storing a freshly generated copy changes nothing observable, so it needs no undo.
            lots = generator.GenerateLots(item);
            _lots[item.Index] = lots;
        }

        return lots;
    }

    public decimal BatchQuantity(ItemRecord item, int warehouse, string batchNumber)
    {
        foreach (var batch in ReadLots(item).Batches)
        {
            if (string.Equals(batch.BatchNumber, batchNumber, StringComparison.Ordinal))
            {
                return batch.Quantities[warehouse];
            }
        }

        return 0m;
    }

    public bool BatchExists(ItemRecord item, string batchNumber) =>
        ReadLots(item).Batches.Exists(b => string.Equals(b.BatchNumber, batchNumber, StringComparison.Ordinal));

    /// <summary>Adds (or removes, when negative) batch quantity; creates the batch on first receipt.</summary>
    public void AdjustBatch(ItemRecord item, int warehouse, string batchNumber, decimal delta, DateOnly? expiry, DateOnly admission, UnitOfWork uow)
    {
        var lots = LotsForUpdate(item);
        var batch = lots.Batches.Find(b => string.Equals(b.BatchNumber, batchNumber, StringComparison.Ordinal));
        if (batch is null)
        {
            batch = new BatchLot
            {
                AbsEntry = _nextRuntimeAbsEntry++,
                SystemNumber = lots.NextSystemNumber++,
                BatchNumber = batchNumber,
                ExpiryDate = expiry,
                AdmissionDate = admission,
                Quantities = new decimal[_warehouses],
            };
            lots.Batches.Add(batch);
            var created = batch;
            uow.OnRollback(() =>
            {
                lots.Batches.Remove(created);
                lots.NextSystemNumber--;
                _nextRuntimeAbsEntry--;
            });
        }

        batch.Quantities[warehouse] += delta;
        var target = batch;
        uow.OnRollback(() => target.Quantities[warehouse] -= delta);
    }

    public SerialUnit? FindSerial(ItemRecord item, string? serialNumber, int systemNumber)
    {
        foreach (var unit in ReadLots(item).Serials)
        {
            if (serialNumber is not null ? string.Equals(unit.SerialNumber, serialNumber, StringComparison.Ordinal) : unit.SystemNumber == systemNumber)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>Puts a serial unit in a warehouse (or takes it out of stock with −1); creates it on first receipt.</summary>
    public SerialUnit MoveSerial(ItemRecord item, string serialNumber, int toWarehouse, DateOnly admission, UnitOfWork uow)
    {
        var lots = LotsForUpdate(item);
        var unit = lots.Serials.Find(s => string.Equals(s.SerialNumber, serialNumber, StringComparison.Ordinal));
        if (unit is null)
        {
            unit = new SerialUnit
            {
                AbsEntry = _nextRuntimeAbsEntry++,
                SystemNumber = lots.NextSystemNumber++,
                SerialNumber = serialNumber,
                AdmissionDate = admission,
            };
            lots.Serials.Add(unit);
            var created = unit;
            uow.OnRollback(() =>
            {
                lots.Serials.Remove(created);
                lots.NextSystemNumber--;
                _nextRuntimeAbsEntry--;
            });
        }

        var previous = unit.Warehouse;
        unit.Warehouse = toWarehouse;
        var target = unit;
        uow.OnRollback(() => target.Warehouse = previous);
        return unit;
    }

    public void Clear()
    {
        _audit.Clear();
        _cells.Clear();
        _lots.Clear();
        _nextRuntimeAbsEntry = generator.FirstRuntimeAbsEntry;
    }
}

/// <summary>One OINM row: <c>TransNum</c> grows with every movement; quantities in and out of the warehouse.</summary>
internal sealed record StockAuditRow(long TransNum, ItemRecord Item, int Warehouse, decimal InQty, decimal OutQty, DateOnly DocDate);

using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;

namespace ActorSync.Domain.Validation;

/// <summary>What a row takes from stock: the batches and serials SAP demands, or why it cannot.</summary>
public sealed record StockAllocation(
    ImmutableList<SapBatchNumber>? BatchNumbers,
    ImmutableList<SapSerialNumber>? SerialNumbers,
    ExceptionDetails? Exception)
{
    public static StockAllocation Nothing { get; } = new(null, null, null);

    public static StockAllocation Failed(ExceptionDetails exception) => new(null, null, exception);
}

/// <summary>
/// Chooses batches and serials for rows that take stock out of a warehouse, the way a person would in SAP's
/// selection window: FEFO (earliest expiry first) or FIFO (earliest admission first), expired batches never.
/// One allocator serves one document (or one coalesced group of documents): it remembers what earlier rows took, so
/// two rows of the same item never count the same batch quantity or serial twice. Not thread-safe.
/// </summary>
public sealed class StockAllocator(MasterDataSnapshot snapshot, BatchAllocationStrategy strategy)
{
    private readonly Dictionary<(string Item, string Warehouse, string Batch), decimal> _batchTaken = [];
    private readonly HashSet<(string Item, string Warehouse, string Serial)> _serialTaken = [];
    private readonly Dictionary<(string Item, string Warehouse), decimal> _plainTaken = [];

    public BatchAllocationStrategy Strategy => strategy;

    /// <summary>
    /// Takes <paramref name="quantity"/> of <paramref name="itemCode"/> out of <paramref name="warehouse"/>.
    /// Items that are neither batch- nor serial-managed get no selection but are still checked against
    /// <c>InStock</c>, because SAP refuses to go below zero by default. Unknown items allocate nothing (the item
    /// check reports them).
    /// </summary>
    public StockAllocation TakeOut(string itemCode, string warehouse, decimal quantity, string context)
    {
        if (!snapshot.Items.TryGetValue(itemCode, out var item) || quantity <= 0)
            return StockAllocation.Nothing;
        var stock = item.StockIn(warehouse);
        if (item.BatchManaged)
            return TakeBatches(item, warehouse, stock, quantity, context);
        if (item.SerialManaged)
            return TakeSerials(item, warehouse, stock, quantity, context);

        var taken = _plainTaken.GetValueOrDefault((itemCode, warehouse));
        if (stock.InStock - taken < quantity)
        {
            return StockAllocation.Failed(ExceptionTypes.InsufficientStock(
                $"{context}: {Fmt(quantity)} x {itemCode} needed from warehouse {warehouse}, which holds {Fmt(stock.InStock - taken)}."));
        }

        _plainTaken[(itemCode, warehouse)] = taken + quantity;
        return StockAllocation.Nothing;
    }

    /// <summary>Remembers what has been taken so far; <see cref="Rollback"/> returns to it (a rejected record gives its allocation back).</summary>
    public object Checkpoint() => (new Dictionary<(string, string, string), decimal>(_batchTaken),
        new HashSet<(string, string, string)>(_serialTaken), new Dictionary<(string, string), decimal>(_plainTaken));

    public void Rollback(object checkpoint)
    {
        var (batches, serials, plain) = ((Dictionary<(string, string, string), decimal>, HashSet<(string, string, string)>, Dictionary<(string, string), decimal>))checkpoint;
        _batchTaken.Clear();
        foreach (var (k, v) in batches)
            _batchTaken[k] = v;
        _serialTaken.Clear();
        _serialTaken.UnionWith(serials);
        _plainTaken.Clear();
        foreach (var (k, v) in plain)
            _plainTaken[k] = v;
    }

    /// <summary>The batches eligible for taking, in the order the strategy takes them.</summary>
    public IEnumerable<BatchStock> EligibleBatches(ItemMasterData item, string warehouse)
    {
        var live = item.StockIn(warehouse).Batches
            .Where(b => b.Quantity > 0 && !(b.ExpiryDate is { } expiry && expiry < snapshot.AsOf));
        return strategy == BatchAllocationStrategy.Fefo
            ? live.OrderBy(b => b.ExpiryDate ?? DateOnly.MaxValue).ThenBy(b => b.AdmissionDate ?? DateOnly.MaxValue).ThenBy(b => b.BatchNumber, StringComparer.Ordinal)
            : live.OrderBy(b => b.AdmissionDate ?? DateOnly.MaxValue).ThenBy(b => b.BatchNumber, StringComparer.Ordinal);
    }

    private StockAllocation TakeBatches(ItemMasterData item, string warehouse, WarehouseStock stock, decimal quantity, string context)
    {
        var chosen = ImmutableList.CreateBuilder<SapBatchNumber>();
        var plan = new List<(string Batch, decimal Quantity)>();
        var remaining = quantity;
        foreach (var batch in EligibleBatches(item, warehouse))
        {
            var free = batch.Quantity - _batchTaken.GetValueOrDefault((item.ItemCode, warehouse, batch.BatchNumber));
            if (free <= 0)
                continue;
            var take = Math.Min(free, remaining);
            plan.Add((batch.BatchNumber, take));
            chosen.Add(new SapBatchNumber(batch.BatchNumber, take));
            remaining -= take;
            if (remaining == 0)
                break;
        }

        if (remaining > 0)
        {
            var expired = stock.Batches.Where(b => b.ExpiryDate is { } e && e < snapshot.AsOf).Sum(b => b.Quantity);
            var why = expired > 0 ? $" ({Fmt(expired)} more sit in batches that expired before {snapshot.AsOf:yyyy-MM-dd})" : "";
            return StockAllocation.Failed(ExceptionTypes.BatchAllocationImpossible(
                $"{context}: batch-managed item {item.ItemCode} needs {Fmt(quantity)} from warehouse {warehouse}; unexpired batches there hold {Fmt(quantity - remaining)}{why}."));
        }

        foreach (var (batch, take) in plan)
            _batchTaken[(item.ItemCode, warehouse, batch)] = _batchTaken.GetValueOrDefault((item.ItemCode, warehouse, batch)) + take;
        return new StockAllocation(chosen.ToImmutable(), null, null);
    }

    private StockAllocation TakeSerials(ItemMasterData item, string warehouse, WarehouseStock stock, decimal quantity, string context)
    {
        if (quantity != decimal.Truncate(quantity))
        {
            return StockAllocation.Failed(ExceptionTypes.SerialAllocationImpossible(
                $"{context}: serial-managed item {item.ItemCode} cannot move a fractional quantity ({Fmt(quantity)})."));
        }

        var ordered = strategy == BatchAllocationStrategy.Fefo
            ? stock.Serials.OrderBy(s => s.ExpiryDate ?? DateOnly.MaxValue).ThenBy(s => s.AdmissionDate ?? DateOnly.MaxValue).ThenBy(s => s.SerialNumber, StringComparer.Ordinal)
            : stock.Serials.OrderBy(s => s.AdmissionDate ?? DateOnly.MaxValue).ThenBy(s => s.SerialNumber, StringComparer.Ordinal);
        var free = ordered
            .Where(s => !(s.ExpiryDate is { } e && e < snapshot.AsOf))
            .Where(s => !_serialTaken.Contains((item.ItemCode, warehouse, s.SerialNumber)))
            .Take((int)quantity)
            .ToList();
        if (free.Count < quantity)
        {
            return StockAllocation.Failed(ExceptionTypes.SerialAllocationImpossible(
                $"{context}: serial-managed item {item.ItemCode} needs {Fmt(quantity)} serial numbers in warehouse {warehouse}; {free.Count} are in stock there."));
        }

        foreach (var serial in free)
            _serialTaken.Add((item.ItemCode, warehouse, serial.SerialNumber));
        return new StockAllocation(null, free.Select(s => new SapSerialNumber(s.SerialNumber)).ToImmutableList(), null);
    }

    private static string Fmt(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
